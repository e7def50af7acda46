#!/usr/bin/python3
"""Hostile NIR fixtures: small HDF5 files that *claim* huge or pathological things.

They prove that io.nirsweep.model.hdf5.NirReader refuses a file from what it declares (shapes, chunk
shapes, nesting, links) before allocating memory for it (tested by BadFilesTest).

Run by hand, from any directory, with Debian's h5py (the default `python3` on PATH has no h5py):

    /usr/bin/python3 nir-model/src/test/resources/hostile/make_hostile.py

Written with h5py 3.7.0 / numpy 1.24.2 / HDF5 1.10.8. The outputs are committed next to this script;
re-running it rewrites them (byte-identical). Each file stays under 100 KB while it declares gigabytes
or terabytes: HDF5 allocates chunks lazily, so most huge datasets are simply never written; the two that
are written (huge_chunk, huge_string_claim) are deflated twice, which shrinks a 1 GiB chunk to ~2 KB.

Every file is laid out like the reference writer's (corpus generated/lif.nir; spec section 2): /version,
/node/type "NIRGraph", /node/edges as (E, 2) vlen UTF-8 strings, /node/nodes/<name>/{type, params...}.

Files:
  huge_weight.nir        Linear 'linear' whose weight declares (2**20, 2**20) float64 = 8 TiB, chunked
                         (1024, 1024) + gzip, no chunk written.
  huge_chunk.nir         Linear 'linear' whose weight is only (4, 4) float32 (64 bytes, written: the
                         identity) but resizable with ONE chunk of (16384, 16384) float32 = 1 GiB,
                         deflated twice so that it takes ~2 KB. Valid HDF5 (h5py reads the 4x4 weight);
                         a reader decoding whole chunks must hold 1 GiB to get 64 bytes.
  many_small_arrays.nir  six Linear nodes 'l0'..'l5', each weight (5120, 5120) float64 = 200 MiB
                         declared (never written: all fill value): each under the 256 MiB array limit,
                         together 1200 MiB, over the 1 GiB file limit.
  deep_nesting.nir       NIRGraph nested 200 levels deep: every level is input -> sub -> output with
                         'sub' the next level; the innermost is input -> output. Input[2]/Output[2],
                         'type' and 'edges' are hard links to one shared object each. Beyond the default
                         depth limit of 32. Written in the HDF5 1.8 format (superblock 2, links stored in
                         the object header): old-style groups cost ~1 KB each and made the file 430 KB.
  group_cycle.nir        lif.nir plus /node/nodes/loop, a hard link to /node itself: the graph
                         contains itself, so naive recursion never ends.
  many_edges_claim.nir   lif.nir whose edges dataset declares (2**31 - 1, 2) vlen strings (chunked,
                         nothing written): 2.1 billion edges, over the 1,000,000-edge limit.
  huge_string_claim.nir  lif.nir plus /node/nodes/lif/metadata/note: ONE fixed-length string of 1 GiB
                         ("note" then NUL padding), shape (1,), written and deflated twice (~2 KB). Its
                         shape says 1 element; only its datatype says 1 GiB.
  huge_header_claim.nir  lif.nir whose root group's object header (version 1, at the address the
                         superblock gives) claims 2 GiB - 8 bytes of header messages, patched into the
                         file after h5py wrote it. A reader that allocates what a header claims before
                         reading it holds 2 GiB for a 26 KB file.

  dense_btree_overlap.nir  lif.nir (HDF5 1.8 format) whose lif/metadata holds 20 links, so HDF5 keeps them
                         dense (fractal heap + version-2 B-tree), patched after h5py wrote it: the B-tree
                         header says depth 1, 32 KiB nodes, 4,000 records, and its root is an appended
                         internal node (valid checksum) whose 1,560 children are leaves 6 bytes apart
                         inside its own records ("BTLF" every 6 bytes), each claiming 2,977 records:
                         4.6 million records for a 70 KB file. A reader collecting records before checking
                         them runs out of a 128 MiB heap.
  metadata_dag.nir       lif.nir whose lif/metadata is the top of a chain of 30 groups, each with two
                         hard links ('a', 'b') to the next: no cycle, but 2^30 paths to the last one.

Run with file names (e.g. `make_hostile.py metadata_dag`) to rewrite only those files.

Writing huge_chunk.nir and huge_string_claim.nir makes HDF5 compress a 1 GiB chunk: the script needs
about 3 GB of memory and 15 s.
"""
import os
import struct

import h5py
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
VERSION = "1.0.8.dev9+g7232ada"
STR = h5py.string_dtype()  # vlen UTF-8, as the reference writes strings


def new_file(name, compact_groups=False):
    """A new file; with compact_groups (HDF5 1.8 format: links in the object header), made through the low-level API so that the root group has no timestamps."""
    path = os.path.join(HERE, name)
    if not compact_groups:
        return h5py.File(path, "w")
    fcpl = h5py.h5p.create(h5py.h5p.FILE_CREATE)
    fcpl.set_obj_track_times(False)
    fapl = h5py.h5p.create(h5py.h5p.FILE_ACCESS)
    fapl.set_libver_bounds(h5py.h5f.LIBVER_V18, h5py.h5f.LIBVER_V18)
    return h5py.File(h5py.h5f.create(path.encode(), h5py.h5f.ACC_TRUNC, fcpl=fcpl, fapl=fapl))


def new_group(parent, name):
    """A group without timestamps (the high-level API stores them in version-2 object headers)."""
    gcpl = h5py.h5p.create(h5py.h5p.GROUP_CREATE)
    gcpl.set_obj_track_times(False)
    h5py.h5g.create(parent.id, name.encode(), gcpl=gcpl)
    return parent[name]


def put_str(g, name, text):
    g.create_dataset(name, data=text, dtype=STR)


def put_edges(g, pairs):
    g.create_dataset("edges", data=np.array(pairs, dtype=object), dtype=STR)


def put_array(g, name, values):
    """A numpy array, written the way the reference writes one (gzip level 4, chunked)."""
    g.create_dataset(name, data=np.asarray(values), compression="gzip", compression_opts=4)


def leaf(nodes, name, type_name, **params):
    g = new_group(nodes, name)
    for key, value in params.items():
        put_array(g, key, value)
    put_str(g, "type", type_name)
    return g


def graph(f, edges, make_group=h5py.Group.create_group):
    """Root /version and /node graph with the given edges; returns /node/nodes."""
    put_str(f, "version", VERSION)
    root = make_group(f, "node")
    put_str(root, "type", "NIRGraph")
    if edges is not None:
        put_edges(root, edges)
    return make_group(root, "nodes")


def lif_graph(f, edges=(("input", "lif"), ("lif", "output")), make_group=h5py.Group.create_group):
    """The graph of corpus generated/lif.nir: Input[3] -> LIF -> Output[3]."""
    nodes = graph(f, None if edges is None else list(edges), make_group)
    leaf(nodes, "input", "Input", shape=np.array([3], dtype=np.int64))
    leaf(nodes, "lif", "LIF", r=[1.0, 2.0, 0.5], tau=[0.01, 0.02, 0.005], v_leak=[0.0, 0.0, 0.1],
         v_reset=[0.0, -0.5, 0.1], v_threshold=[1.0, 1.5, 0.8])
    leaf(nodes, "output", "Output", shape=np.array([3], dtype=np.int64))
    return nodes


def huge_weight():
    n = 2 ** 20
    with new_file("huge_weight.nir") as f:
        nodes = graph(f, [("input", "linear"), ("linear", "output")])
        leaf(nodes, "input", "Input", shape=np.array([n], dtype=np.int64))
        g = nodes.create_group("linear")
        g.create_dataset("weight", shape=(n, n), dtype=np.float64, chunks=(1024, 1024),
                         compression="gzip", compression_opts=4)
        put_str(g, "type", "Linear")
        leaf(nodes, "output", "Output", shape=np.array([n], dtype=np.int64))


def double_deflate(g, name, shape, maxshape, h5type, chunks):
    """A chunked dataset whose pipeline deflates every chunk twice (HDF5 allows a filter twice).

    Deflate alone cannot shrink a chunk more than about 1000:1; twice, a 1 GiB chunk of zeros takes
    about 2 KB. The file is valid HDF5 (h5py, h5dump read it); only a reader that decodes whole chunks
    has to hold the whole chunk in memory to get at any value of it.
    """
    dcpl = h5py.h5p.create(h5py.h5p.DATASET_CREATE)
    dcpl.set_obj_track_times(False)  # no timestamps: the output stays byte-identical
    dcpl.set_chunk(chunks)
    dcpl.set_deflate(9)
    dcpl.set_deflate(9)
    space = h5py.h5s.create_simple(shape, maxshape)
    return h5py.Dataset(h5py.h5d.create(g.id, name.encode(), h5type, space, dcpl=dcpl))


def huge_chunk():
    with new_file("huge_chunk.nir") as f:
        nodes = graph(f, [("input", "linear"), ("linear", "output")])
        leaf(nodes, "input", "Input", shape=np.array([4], dtype=np.int64))
        g = nodes.create_group("linear")
        # HDF5 lets a chunk exceed the dataset's shape only when the dataset is resizable.
        unlimited = (h5py.h5s.UNLIMITED, h5py.h5s.UNLIMITED)
        weight = double_deflate(g, "weight", (4, 4), unlimited, h5py.h5t.IEEE_F32LE, (16384, 16384))
        weight[...] = np.eye(4, dtype=np.float32)  # written: the one 1 GiB chunk exists in the file
        put_str(g, "type", "Linear")
        leaf(nodes, "output", "Output", shape=np.array([4], dtype=np.int64))


def many_small_arrays():
    n = 5120  # 5120 * 5120 * 8 bytes = 200 MiB
    names = ["l%d" % i for i in range(6)]
    chain = ["input"] + names + ["output"]
    with new_file("many_small_arrays.nir") as f:
        nodes = graph(f, list(zip(chain, chain[1:])))
        leaf(nodes, "input", "Input", shape=np.array([n], dtype=np.int64))
        for name in names:
            g = nodes.create_group(name)
            g.create_dataset("weight", shape=(n, n), dtype=np.float64, chunks=(512, 512),
                             compression="gzip", compression_opts=4)
            put_str(g, "type", "Linear")
        leaf(nodes, "output", "Output", shape=np.array([n], dtype=np.int64))


def deep_nesting(levels=200):
    with new_file("deep_nesting.nir", compact_groups=True) as f:
        put_str(f, "version", VERSION)
        # Shared objects, hard-linked into every level (not ancestors of each other: no cycle).
        shared = new_group(f, "shared")
        put_str(shared, "graph_type", "NIRGraph")
        put_edges(shared, [("input", "sub"), ("sub", "output")])
        shared["edges_inner"] = shared["edges"]
        del shared["edges"]
        put_edges(shared, [("input", "output")])
        shared["edges_leaf"] = shared["edges"]
        del shared["edges"]
        io_in = leaf(shared, "input", "Input", shape=np.array([2], dtype=np.int64))
        io_out = leaf(shared, "output", "Output", shape=np.array([2], dtype=np.int64))
        g = new_group(f, "node")
        for level in range(levels):
            g["type"] = shared["graph_type"]
            g["edges"] = shared["edges_leaf" if level == levels - 1 else "edges_inner"]
            nodes = new_group(g, "nodes")
            nodes["input"] = io_in
            nodes["output"] = io_out
            if level < levels - 1:
                g = new_group(nodes, "sub")
        # Only /version and /node belong to the NIR layout; drop the helper group's own name (its
        # members stay reachable through the hard links).
        del f["shared"]


def group_cycle():
    with new_file("group_cycle.nir") as f:
        nodes = lif_graph(f)
        nodes["loop"] = f["node"]  # hard link: /node/nodes/loop IS /node


def many_edges_claim():
    with new_file("many_edges_claim.nir") as f:
        lif_graph(f, edges=None)
        f["node"].create_dataset("edges", shape=(2 ** 31 - 1, 2), dtype=STR, chunks=(1024, 2))


def huge_string_claim():
    size = 1 << 30
    with new_file("huge_string_claim.nir") as f:
        nodes = lif_graph(f)
        meta = nodes["lif"].create_group("metadata")
        # One fixed-length string of 1 GiB ("note" then NUL padding), written, twice deflated: its
        # declared shape is (1,), so only the datatype's size says how big it is.
        tid = h5py.h5t.C_S1.copy()
        tid.set_size(size)
        tid.set_strpad(h5py.h5t.STR_NULLPAD)
        note = double_deflate(meta, "note", (1,), (1,), tid, (1,))
        note[...] = np.array([b"note"], dtype="S%d" % size)


def huge_header_claim():
    """lif.nir whose root group's object header (version 1) says its messages take 2 GiB - 8 bytes."""
    path = os.path.join(HERE, "huge_header_claim.nir")
    with new_file("huge_header_claim.nir") as f:
        lif_graph(f)
    with open(path, "r+b") as out:
        # Superblock version 0 with 8-byte offsets: the root group's symbol table entry starts at byte 56,
        # its object header address at 64; in a version-1 header the messages' size is at byte 8.
        out.seek(64)
        (header,) = struct.unpack("<Q", out.read(8))
        out.seek(header)
        assert out.read(1) == b"\x01", "expected a version-1 object header"
        out.seek(header + 8)
        out.write(struct.pack("<I", (1 << 31) - 8))


def lookup3(data):
    """Jenkins' lookup3 hashlittle with initial value 0: HDF5's metadata checksum."""
    m = 0xFFFFFFFF
    rot = lambda x, k: ((x << k) | (x >> (32 - k))) & m
    a = b = c = (0xDEADBEEF + len(data)) & m
    i, n = 0, len(data)
    while n > 12:
        a = (a + int.from_bytes(data[i:i + 4], "little")) & m
        b = (b + int.from_bytes(data[i + 4:i + 8], "little")) & m
        c = (c + int.from_bytes(data[i + 8:i + 12], "little")) & m
        a = (a - c) & m; a ^= rot(c, 4); c = (c + b) & m
        b = (b - a) & m; b ^= rot(a, 6); a = (a + c) & m
        c = (c - b) & m; c ^= rot(b, 8); b = (b + a) & m
        a = (a - c) & m; a ^= rot(c, 16); c = (c + b) & m
        b = (b - a) & m; b ^= rot(a, 19); a = (a + c) & m
        c = (c - b) & m; c ^= rot(b, 4); b = (b + a) & m
        i += 12
        n -= 12
    if n == 0:
        return c
    tail = data[i:] + bytes(12 - n)
    a = (a + int.from_bytes(tail[0:4], "little")) & m
    b = (b + int.from_bytes(tail[4:8], "little")) & m
    c = (c + int.from_bytes(tail[8:12], "little")) & m
    c ^= b; c = (c - rot(b, 14)) & m
    a ^= c; a = (a - rot(c, 11)) & m
    b ^= a; b = (b - rot(a, 25)) & m
    c ^= b; c = (c - rot(b, 16)) & m
    a ^= c; a = (a - rot(c, 4)) & m
    b ^= a; b = (b - rot(a, 14)) & m
    c ^= b; c = (c - rot(b, 24)) & m
    return c


def dense_btree_overlap():
    path = os.path.join(HERE, "dense_btree_overlap.nir")
    with new_file("dense_btree_overlap.nir", compact_groups=True) as f:
        nodes = lif_graph(f, make_group=new_group)  # no timestamps: the output stays byte-identical
        meta = new_group(nodes["lif"], "metadata")
        for i in range(20):
            meta.create_dataset("m%02d" % i, data=np.int64(i))
    data = bytearray(open(path, "rb").read())
    assert data.count(b"BTHD") == 1, "expected one dense group"
    h = data.index(b"BTHD")
    node_size, record_size = 32768, struct.unpack_from("<H", data, h + 10)[0]
    leaf_records = (node_size - 10) // record_size
    count_bytes = (leaf_records.bit_length() - 1) // 8 + 1
    internal_records = (node_size - 10 - (8 + count_bytes)) // (record_size + 8 + count_bytes)
    root = (len(data) + 7) // 8 * 8
    # The leaves start inside the root's own records (which nothing decodes before the leaves are counted):
    # "BTLF", version 0, type 5, every 6 bytes.
    leaves = root + 6
    btin = bytearray(b"BTIN\x00\x05")
    btin += (b"BTLF\x00\x05" * (internal_records * record_size // 6 + 1))[:internal_records * record_size]
    for i in range(internal_records + 1):
        btin += struct.pack("<Q", leaves + 6 * i) + leaf_records.to_bytes(count_bytes, "little")
    btin += struct.pack("<I", lookup3(bytes(btin)))
    data += bytes(root - len(data)) + btin
    data += bytes(leaves + 6 * internal_records + node_size - len(data))
    struct.pack_into("<IHH", data, h + 6, node_size, record_size, 1)
    struct.pack_into("<QHQ", data, h + 16, root, internal_records, 4000)
    struct.pack_into("<I", data, h + 34, lookup3(bytes(data[h:h + 34])))
    struct.pack_into("<Q", data, 28, len(data))  # superblock 2: end-of-file address
    struct.pack_into("<I", data, 44, lookup3(bytes(data[0:44])))
    open(path, "wb").write(data)


def metadata_dag(levels=30):
    with new_file("metadata_dag.nir") as f:
        nodes = lif_graph(f)
        below = f.create_group("dag")
        for level in range(levels):
            above = f.create_group("dag%d" % level)
            above["a"] = below
            above["b"] = below
            below = above
        meta = nodes["lif"].create_group("metadata")
        meta["a"] = below
        meta["b"] = below
        for level in range(levels):
            del f["dag%d" % level]
        del f["dag"]


MAKERS = (huge_weight, huge_chunk, many_small_arrays, deep_nesting, group_cycle, many_edges_claim,
          huge_string_claim, huge_header_claim, dense_btree_overlap, metadata_dag)

if __name__ == "__main__":
    import sys
    for make in MAKERS:
        if len(sys.argv) == 1 or make.__name__ in sys.argv[1:]:
            make()
    for name in sorted(os.listdir(HERE)):
        if name.endswith(".nir"):
            print("%-24s %7d bytes" % (name, os.path.getsize(os.path.join(HERE, name))))
