package io.nirsweep.model.hdf5;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;

/**
 * Writes an {@link H5Group} tree as an HDF5 file laid out like h5py 3.7 / HDF5 1.10 files with default
 * settings, which is what the NIR reference writes: superblock version 0 with 8-byte offsets and lengths,
 * old-style groups (symbol table message, version 1 B-tree, local heap for names, symbol table nodes),
 * variable-length UTF-8 strings in global heap collections, and no attributes.
 *
 * <p>Storage: strings and {@link Storage#CONTIGUOUS} data are one contiguous block (an empty dataset has
 * none). {@link Storage#DEFLATE4} data is chunked and each chunk is a zlib stream at level 4 (HDF5's
 * deflate filter); chunk shape rule: the whole array when it is at most 1 MiB, otherwise whole trailing
 * dimensions and as much of the leading ones as fits in 1 MiB (details in {@code Chunking}). Scalars are
 * always contiguous.
 *
 * <p>The output depends only on the tree: no timestamps, members in name order, a fixed layout
 * (superblock, global heap collections, then every group after its members), so the same tree always
 * gives the same bytes.
 */
public final class H5FileWriter {

    private static final int SUPERBLOCK_SIZE = 96;
    /** Symbol table nodes hold up to 2 * "group leaf node K" = 2 * 4 entries (h5py's default K). */
    private static final int SYMBOL_TABLE_NODE_ENTRIES = 8;
    private static final int SYMBOL_TABLE_ENTRY_SIZE = 40;
    private static final int VLEN_REFERENCE_SIZE = 16;
    private static final int LOCAL_HEAP_HEADER_SIZE = 32;
    /** What HDF5 writes as a local heap's free-list head when the heap has no free block (H5HL_FREE_NULL). */
    private static final long NO_FREE_BLOCK = 1;
    private static final int DEFLATE_LEVEL = 4;
    /** Contiguous raw data is encoded and written in slices of about this many bytes. */
    private static final int WRITE_SLICE_BYTES = 1 << 20;

    private final FileSink sink;
    private final Map<H5Dataset.Strings, List<GlobalHeap.Ref>> stringRefs;

    /** Where an object landed: its header, and for a group the B-tree and local heap cached with its links. */
    private record Written(long header, boolean group, long btree, long localHeap) {
    }

    private H5FileWriter(FileSink sink, Map<H5Dataset.Strings, List<GlobalHeap.Ref>> stringRefs) {
        this.sink = sink;
        this.stringRefs = stringRefs;
    }

    /** Writes {@code root} to {@code path}, replacing any existing file. */
    public static void write(H5Group root, Path path) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            FileSink sink = new FileSink(channel);
            sink.append(new byte[SUPERBLOCK_SIZE]); // filled in last, when the root and end are known
            Written written = new H5FileWriter(sink, writeGlobalHeap(sink, root)).writeGroup(root);
            sink.flush();
            ByteBuffer superblock = ByteBuffer.wrap(superblock(written, sink.position()));
            while (superblock.hasRemaining()) {
                channel.write(superblock, superblock.position());
            }
        }
    }

    /** Superblock version 0: sizes, K values, end-of-file address, and the root group's symbol table entry. */
    private static byte[] superblock(Written root, long endOfFile) {
        return new LeBytes()
                .bytes(new byte[] {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1A, '\n'})
                .u8(0) // superblock version
                .u8(0) // free-space storage version
                .u8(0) // root group symbol table entry version
                .u8(0)
                .u8(0) // shared header message format version
                .u8(8) // size of offsets
                .u8(8) // size of lengths
                .u8(0)
                .u16(4) // group leaf node K
                .u16(16) // group internal node K
                .u32(0) // file consistency flags
                .u64(0) // base address
                .u64(LeBytes.UNDEFINED_ADDRESS) // free-space info
                .u64(endOfFile)
                .u64(LeBytes.UNDEFINED_ADDRESS) // driver information block
                .bytes(symbolTableEntry(0, root))
                .toArray();
    }

    /**
     * Puts every string of the tree into global heap collections at the front of the file, so string
     * datasets share collections as they do in h5py files; returns each dataset's references.
     */
    private static Map<H5Dataset.Strings, List<GlobalHeap.Ref>> writeGlobalHeap(FileSink sink, H5Group root)
            throws IOException {
        List<H5Dataset.Strings> datasets = new ArrayList<>();
        collectStrings(root, datasets);
        List<byte[]> objects = new ArrayList<>();
        for (H5Dataset.Strings dataset : datasets) {
            for (String value : dataset.values()) {
                objects.add(value.getBytes(StandardCharsets.UTF_8));
            }
        }
        List<GlobalHeap.Ref> refs = GlobalHeap.write(sink, objects);
        Map<H5Dataset.Strings, List<GlobalHeap.Ref>> byDataset = new IdentityHashMap<>();
        int next = 0;
        for (H5Dataset.Strings dataset : datasets) {
            byDataset.put(dataset, refs.subList(next, next + dataset.values().length));
            next += dataset.values().length;
        }
        return byDataset;
    }

    private static void collectStrings(H5Group group, List<H5Dataset.Strings> into) {
        for (H5Node member : group.members().values()) {
            if (member instanceof H5Group child) {
                collectStrings(child, into);
            } else if (member instanceof H5Dataset.Strings strings) {
                into.add(strings);
            }
        }
    }

    /**
     * Members first, then the local heap of names, the symbol table nodes (up to 8 links each, in name
     * order), the B-tree over them, and last the group's object header.
     */
    private Written writeGroup(H5Group group) throws IOException {
        List<Written> members = new ArrayList<>();
        LeBytes names = new LeBytes().zeros(8); // offset 0: the empty name, the B-tree's leftmost key
        List<Long> nameOffsets = new ArrayList<>();
        for (Map.Entry<String, H5Node> member : group.members().entrySet()) {
            members.add(member.getValue() instanceof H5Group child
                    ? writeGroup(child)
                    : writeDataset((H5Dataset) member.getValue()));
            nameOffsets.add((long) names.size());
            names.bytes(member.getKey().getBytes(StandardCharsets.UTF_8)).u8(0).padTo(8);
        }

        long localHeap = sink.position();
        sink.append(new LeBytes()
                .bytes(new byte[] {'H', 'E', 'A', 'P'})
                .u8(0)
                .zeros(3)
                .u64(names.size())
                .u64(NO_FREE_BLOCK)
                .u64(localHeap + LOCAL_HEAP_HEADER_SIZE)
                .bytes(names.toArray())
                .toArray());

        List<BTreeV1.Child> nodes = new ArrayList<>();
        for (int first = 0; first < members.size(); first += SYMBOL_TABLE_NODE_ENTRIES) {
            int end = Math.min(members.size(), first + SYMBOL_TABLE_NODE_ENTRIES);
            LeBytes node = new LeBytes()
                    .bytes(new byte[] {'S', 'N', 'O', 'D'})
                    .u8(1)
                    .u8(0)
                    .u16(end - first);
            for (int i = first; i < end; i++) {
                node.bytes(symbolTableEntry(nameOffsets.get(i), members.get(i)));
            }
            node.zeros(8 + SYMBOL_TABLE_NODE_ENTRIES * SYMBOL_TABLE_ENTRY_SIZE - node.size());
            nodes.add(new BTreeV1.Child(sink.append(node.toArray()), nameKey(nameOffsets.get(end - 1))));
        }
        long btree = BTreeV1.write(sink, BTreeV1.Kind.GROUP, nameKey(0), nodes);

        long header = sink.append(ObjectHeader.group(btree, localHeap).toBytes());
        return new Written(header, true, btree, localHeap);
    }

    /** A group B-tree key: the local-heap offset of the largest name in the child to its left. */
    private static byte[] nameKey(long nameOffset) {
        return new LeBytes().u64(nameOffset).toArray();
    }

    /** A link: name offset, object header, and for groups the cached B-tree and heap (cache type 1). */
    private static byte[] symbolTableEntry(long nameOffset, Written object) {
        LeBytes entry = new LeBytes().u64(nameOffset).u64(object.header()).u32(object.group() ? 1 : 0).u32(0);
        return object.group() ? entry.u64(object.btree()).u64(object.localHeap()).toArray() : entry.zeros(16).toArray();
    }

    private Written writeDataset(H5Dataset dataset) throws IOException {
        ObjectHeader header;
        if (dataset instanceof H5Dataset.Strings strings) {
            header = writeStrings(strings);
        } else {
            H5Dataset.Fixed fixed = (H5Dataset.Fixed) dataset;
            header = fixed.chunked() ? writeDeflated(fixed) : writeContiguous(fixed);
        }
        return new Written(sink.append(header.toBytes()), false, LeBytes.UNDEFINED_ADDRESS, LeBytes.UNDEFINED_ADDRESS);
    }

    /** Raw data of a vlen string: per element its byte length, collection address and object index. */
    private ObjectHeader writeStrings(H5Dataset.Strings dataset) throws IOException {
        String[] values = dataset.values();
        if (values.length == 0) {
            return ObjectHeader.strings(dataset.dims(), LeBytes.UNDEFINED_ADDRESS, 0);
        }
        List<GlobalHeap.Ref> refs = stringRefs.get(dataset);
        LeBytes raw = new LeBytes();
        for (int i = 0; i < values.length; i++) {
            raw.u32(values[i].getBytes(StandardCharsets.UTF_8).length)
                    .u64(refs.get(i).collection())
                    .u32(refs.get(i).index());
        }
        long address = sink.append(raw.toArray());
        return ObjectHeader.strings(dataset.dims(), address, (long) values.length * VLEN_REFERENCE_SIZE);
    }

    private ObjectHeader writeContiguous(H5Dataset.Fixed dataset) throws IOException {
        long[] bits = dataset.bits();
        int width = dataset.type().bytes();
        if (bits.length == 0) {
            return ObjectHeader.contiguous(dataset.type(), dataset.dims(), LeBytes.UNDEFINED_ADDRESS, 0);
        }
        long address = sink.position();
        int first = 0;
        while (first < bits.length) {
            int count = Math.min(WRITE_SLICE_BYTES / width, bits.length - first);
            sink.append(encode(bits, first, count, width, count));
            first += count;
        }
        return ObjectHeader.contiguous(dataset.type(), dataset.dims(), address, (long) bits.length * width);
    }

    /**
     * Chunks in C order, each zero-padded to the full chunk size (as HDF5 stores edge chunks) and
     * deflated, then the chunk B-tree. A chunk's key is its stored size, filter mask 0 and its offset (plus
     * 0 for the element "dimension"); the key closing the last chunk is its offset plus the chunk dims
     * (element size last), as HDF5 writes it. An empty dataset has no chunks and no B-tree.
     */
    private ObjectHeader writeDeflated(H5Dataset.Fixed dataset) throws IOException {
        int[] dims = dataset.dims();
        int width = dataset.type().bytes();
        int[] shape = Chunking.shape(dims, width);
        int chunkElements = 1;
        for (int c : shape) {
            chunkElements *= c;
        }
        List<Chunking.Chunk> chunks = Chunking.chunks(dims, shape);
        if (chunks.isEmpty()) {
            return ObjectHeader.deflated(dataset.type(), dims, shape, LeBytes.UNDEFINED_ADDRESS);
        }
        List<Long> addresses = new ArrayList<>();
        List<byte[]> keys = new ArrayList<>();
        for (Chunking.Chunk chunk : chunks) {
            byte[] stored = deflate(encode(dataset.bits(), chunk.firstElement(), chunk.elementCount(), width,
                    chunkElements));
            addresses.add(sink.append(stored));
            keys.add(chunkKey(stored.length, chunk.offset(), 0));
        }
        long[] end = chunks.get(chunks.size() - 1).offset().clone();
        for (int i = 0; i < end.length; i++) {
            end[i] += shape[i];
        }
        keys.add(chunkKey(0, end, width));
        List<BTreeV1.Child> children = new ArrayList<>();
        for (int i = 0; i < addresses.size(); i++) {
            children.add(new BTreeV1.Child(addresses.get(i), keys.get(i + 1)));
        }
        long btree = BTreeV1.write(sink, BTreeV1.Kind.CHUNK, keys.get(0), children);
        return ObjectHeader.deflated(dataset.type(), dims, shape, btree);
    }

    private static byte[] chunkKey(int storedSize, long[] offset, long elementOffset) {
        LeBytes key = new LeBytes().u32(storedSize).u32(0);
        for (long o : offset) {
            key.u64(o);
        }
        return key.u64(elementOffset).toArray();
    }

    /** {@code count} elements from {@code first}, little-endian, in a zeroed buffer of {@code capacity} elements. */
    private static byte[] encode(long[] bits, int first, int count, int width, int capacity) {
        byte[] bytes = new byte[capacity * width];
        for (int i = 0; i < count; i++) {
            long value = bits[first + i];
            for (int b = 0; b < width; b++) {
                bytes[i * width + b] = (byte) (value >>> (8 * b));
            }
        }
        return bytes;
    }

    /** HDF5's deflate filter stores a zlib stream (header and Adler-32 included). */
    private static byte[] deflate(byte[] raw) {
        Deflater deflater = new Deflater(DEFLATE_LEVEL);
        try {
            deflater.setInput(raw);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length / 2 + 64);
            byte[] buffer = new byte[1 << 16];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }
}
