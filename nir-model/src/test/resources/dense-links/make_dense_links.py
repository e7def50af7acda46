#!/usr/bin/python3
"""Dense-link NIR fixture: a graph of 20,000 nodes written with h5py's libver='v108' (HDF5 1.8 format).

In that format a group of more than 8 links keeps them in "dense" storage: the link messages in a fractal
heap, indexed by name in a version-2 B-tree. jhdf 0.13 reads such heaps only while they fit the first rows of
direct blocks of the heap's root indirect block (512 KB): at 20,000 short names it failed with "Negative
size", from 40,000 with "Trying to read more bytes than available". The names here are 16 characters, so
20,000 links fill a heap of about 560 KB: it has both the row where the direct blocks end and a child
indirect block, and the name index is a B-tree of depth 2. io.nirsweep.model.hdf5.GroupMembers reads it;
tested by io.nirsweep.model.hdf5.DenseLinksTest.

dense_links_300.nir is the same graph with 300 Threshold nodes (a heap of a few direct blocks, a B-tree of
depth 1): small enough for the byte-mutation test (MutatedFilesTest) to damage it hundreds of times.

Run by hand, from any directory, with Debian's h5py (the default `python3` on PATH has no h5py):

    /usr/bin/python3 nir-model/src/test/resources/dense-links/make_dense_links.py

Written with h5py 3.7.0 / numpy 1.24.2 / HDF5 1.10.8; the output is committed next to this script and
re-running it rewrites it byte-identical (no timestamps).

The graph, laid out like the reference writer's (/version, /node/type "NIRGraph", /node/edges,
/node/nodes/<name>/...): Input 'input' of shape [1] -> each of 20,000 Threshold nodes 'threshold_000000'..
'threshold_019999' -> Output 'output' of shape [1]. The 20,000 names are hard links to ONE node group
(type "Threshold", threshold [0.5]), which keeps the file small. To stay under 1 MB the 40,000 edges are
fixed-length byte strings (S16), chunked and gzip-compressed, where the reference writes variable-length
strings (our reader reads both; as vlen strings they alone would take 2 MB).
"""
import os

import h5py
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
VERSION = "1.0.8.dev9+g7232ada"
STR = h5py.string_dtype()  # vlen UTF-8, as the reference writes strings
NODES = 20000


def untimed(parent, name):
    """A group without timestamps, so that re-running the script rewrites the same bytes."""
    gcpl = h5py.h5p.create(h5py.h5p.GROUP_CREATE)
    gcpl.set_obj_track_times(False)
    h5py.h5g.create(parent.id, name.encode(), gcpl=gcpl)
    return parent[name]


def put(group, name, data, dtype=None, **kwargs):
    group.create_dataset(name, data=data, dtype=dtype, track_times=False, **kwargs)


def leaf(nodes, name, type_name, key, value):
    g = untimed(nodes, name)
    put(g, "type", type_name, dtype=STR)
    put(g, key, value)
    return g


def wide_graph(path, count):
    fcpl = h5py.h5p.create(h5py.h5p.FILE_CREATE)
    fcpl.set_obj_track_times(False)
    fapl = h5py.h5p.create(h5py.h5p.FILE_ACCESS)
    fapl.set_libver_bounds(h5py.h5f.LIBVER_V18, h5py.h5f.LIBVER_V18)  # h5py.File(..., libver='v108')
    with h5py.File(h5py.h5f.create(path.encode(), h5py.h5f.ACC_TRUNC, fcpl=fcpl, fapl=fapl)) as f:
        put(f, "version", VERSION, dtype=STR)
        root = untimed(f, "node")
        put(root, "type", "NIRGraph", dtype=STR)
        nodes = untimed(root, "nodes")
        leaf(nodes, "input", "Input", "shape", np.array([1], dtype=np.int64))
        leaf(nodes, "output", "Output", "shape", np.array([1], dtype=np.int64))
        names = ["threshold_%06d" % i for i in range(count)]
        shared = leaf(nodes, names[0], "Threshold", "threshold", np.array([0.5]))
        for name in names[1:]:
            nodes[name] = shared
        pairs = [p for name in names for p in (("input", name), (name, "output"))]
        put(root, "edges", np.array(pairs, dtype="S16"), compression="gzip", compression_opts=9,
            chunks=(min(4096, len(pairs)), 2))


if __name__ == "__main__":
    for count in (NODES, 300):
        out = os.path.join(HERE, "dense_links_%d.nir" % count)
        wide_graph(out, count)
        print("%s %d bytes" % (os.path.basename(out), os.path.getsize(out)))
