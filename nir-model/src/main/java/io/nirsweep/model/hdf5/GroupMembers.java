package io.nirsweep.model.hdf5;

import io.nirsweep.model.MessageText;
import io.jhdf.AbstractNode;
import io.jhdf.CommittedDatatype;
import io.jhdf.GroupImpl;
import io.jhdf.ObjectHeader;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.checksum.ChecksumUtils;
import io.jhdf.dataset.DatasetLoader;
import io.jhdf.links.SoftLink;
import io.jhdf.object.message.DataSpaceMessage;
import io.jhdf.object.message.DataTypeMessage;
import io.jhdf.object.message.LinkInfoMessage;
import io.jhdf.storage.HdfBackingStorage;
import io.nirsweep.model.NirException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The members of HDF5 groups during one read. jhdf lists most groups; a group whose links HDF5 1.8+ keeps in
 * "dense" storage (over 8 links in a file written with {@code libver='v108'} or later: link messages in a
 * fractal heap, indexed by name in a version-2 B-tree) we list ourselves, from the HDF5 file format
 * specification (III.G fractal heap, III.A.2 version-2 B-trees, IV.A.2.g link message): jhdf 0.13 maps each
 * direct block with the next block's size and does not follow the rows of indirect blocks a big heap has, so
 * groups of 20,000 links or more failed. Everything we read is a slice of jhdf's storage (a memory mapping
 * of the file), so no block beyond the file is read or allocated; every B-tree node and heap block is visited
 * once, so a damaged index cannot loop.
 */
final class GroupMembers {
    private static final long UNDEFINED = -1L;
    /** B-tree type of a group's link-name index. */
    private static final int LINK_NAME_INDEX = 5;
    /** Signature, version, type and checksum of a version-2 B-tree node. */
    private static final int BTREE_NODE_OVERHEAD = 10;
    /** Deeper than any B-tree a file of 2^64 bytes can hold; a claim beyond it is damage. */
    private static final int MAX_BTREE_DEPTH = 32;

    /** Dense groups already listed (the size check and the read both walk the file). */
    private final Map<Group, Map<String, Node>> dense = new IdentityHashMap<>();

    /** {@code g}'s members by link name (already listed: no limit applies); links to links are not followed. */
    Map<String, Node> of(Group g) {
        return of(g, Long.MAX_VALUE, null);
    }

    /**
     * {@code g}'s members by link name, refused with a LimitError naming {@code limitText} if it has more than
     * {@code maxLinks}: a dense group before a single link is decoded (its B-tree header says how many), a
     * group jhdf lists (whose size its header or symbol table bounds) once listed.
     */
    Map<String, Node> of(Group g, long maxLinks, String limitText) {
        Map<String, Node> listed = dense.get(g);
        if (listed != null) {
            return listed;
        }
        if (!(g instanceof AbstractNode node)) {
            return capped(g.getChildren(), maxLinks, limitText); // the file's root: jhdf lists it
        }
        ObjectHeader header = node.getHeader();
        if (!header.hasMessageOfType(LinkInfoMessage.class)) {
            return capped(g.getChildren(), maxLinks, limitText); // HDF5 1.6 group: a symbol table
        }
        LinkInfoMessage info = header.getMessageOfType(LinkInfoMessage.class);
        if (info.getBTreeNameIndexAddress() == UNDEFINED) {
            return capped(g.getChildren(), maxLinks, limitText); // compact: link messages in the header
        }
        HdfBackingStorage storage = node.getHdfFile().getHdfBackingStorage();
        Heap heap = Heap.read(storage, info.getFractalHeapAddress());
        Map<String, Node> members = new LinkedHashMap<>();
        walkLinkNames(storage, info.getBTreeNameIndexAddress(), maxLinks, limitText,
                id -> link(storage, heap.object(id), g, members));
        dense.put(g, members);
        return members;
    }

    private static Map<String, Node> capped(Map<String, Node> members, long maxLinks, String limitText) {
        if (members.size() > maxLinks) {
            throw tooMany(limitText);
        }
        return members;
    }

    private static NirException tooMany(String limitText) {
        return new NirException(NirException.Kind.LIMIT, null, null, null, limitText);
    }

    // ---------------------------------------------------------------------------------------------------
    // fractal heap

    /** The managed objects' direct blocks, by their offset in the heap's address space. */
    private record Heap(TreeMap<Long, ByteBuffer> blocks, int offsetBytes, int lengthBytes) {
        static Heap read(HdfBackingStorage storage, long address) {
            int o = storage.getSizeOfOffsets();
            int l = storage.getSizeOfLengths();
            ByteBuffer bb = slice(storage, address, 4 + 1 + 2 + 2 + 1 + 4 + 12L * l + 3L * o + 2 + 2 + 2 + 2 + 4);
            signature(bb, "FRHP", "fractal heap");
            uint(bb, 2); // heap ID length: the B-tree's record size says it again
            int filtersLength = (int) uint(bb, 2);
            uint(bb, 1); // flags
            long maxManagedObject = uint(bb, 4);
            bb.position(bb.position() + l + o + l + o + 8 * l); // huge/free-space/iterator/count fields
            int width = (int) uint(bb, 2);
            long startBlock = uint(bb, l);
            long maxDirectBlock = uint(bb, l);
            int maxHeapBits = (int) uint(bb, 2);
            uint(bb, 2); // starting rows of the root indirect block
            long root = address(bb, o);
            int rootRows = (int) uint(bb, 2);
            if (filtersLength != 0) { // before the checksum: with filters, the header has more fields
                throw damaged("a link heap with I/O filters, which HDF5 never writes for links");
            }
            ChecksumUtils.validateChecksum(bb.rewind());
            if (!isPowerOfTwo(width) || !isPowerOfTwo(startBlock) || !isPowerOfTwo(maxDirectBlock)
                    || maxDirectBlock < startBlock || maxDirectBlock > Integer.MAX_VALUE
                    || maxHeapBits < 1 || maxHeapBits > 64 || maxManagedObject < 1) {
                throw damaged("a fractal heap header with an impossible doubling table");
            }
            Table table = new Table(o, width, startBlock, maxDirectBlock, (maxHeapBits + 7) / 8, address);
            TreeMap<Long, ByteBuffer> blocks = new TreeMap<>();
            if (root != UNDEFINED) {
                if (rootRows == 0) {
                    blocks.put(0L, table.directBlock(storage, root, 0, startBlock));
                } else {
                    table.indirectBlocks(storage, root, rootRows, blocks);
                }
            }
            int lengthBytes = Math.min((log2(maxDirectBlock) + 7) / 8, log2(maxManagedObject) / 8 + 1);
            return new Heap(blocks, table.offsetBytes(), lengthBytes);
        }

        /** The bytes a heap ID names (a managed object: offset and length in the heap's address space). */
        ByteBuffer object(ByteBuffer id) {
            int flags = id.get() & 0xff;
            if (flags >>> 6 != 0 || (flags >>> 4 & 3) != 0) {
                throw damaged("a link stored as a huge or tiny heap object, or a heap ID of an unknown version");
            }
            long offset = uint(id, offsetBytes);
            long length = uint(id, lengthBytes);
            Map.Entry<Long, ByteBuffer> block = blocks.floorEntry(offset);
            long within = block == null ? -1 : offset - block.getKey();
            if (block == null || within + length > block.getValue().limit()) {
                throw damaged("a heap ID (offset " + offset + ", length " + length + ") outside the heap's blocks");
            }
            return block.getValue().duplicate().position((int) within).limit((int) (within + length)).slice()
                    .order(ByteOrder.LITTLE_ENDIAN);
        }
    }

    /** The heap's doubling table: rows of {@code width} blocks, two rows of the starting size, then doubling. */
    private record Table(int o, int width, long startBlock, long maxDirectBlock, int offsetBytes, long heap) {
        /** Rows of direct blocks an indirect block has before its rows of indirect blocks. */
        int directRows() {
            return log2(maxDirectBlock) - log2(startBlock) + 2;
        }

        long rowBlockSize(int row) {
            if (row > 0 && row - 1 + log2(startBlock) >= 62) {
                throw damaged("a fractal heap row beyond any file size");
            }
            return row == 0 ? startBlock : startBlock << (row - 1);
        }

        /** Every direct block under the root indirect block, without recursion; each block visited once. */
        void indirectBlocks(HdfBackingStorage storage, long root, int rootRows, TreeMap<Long, ByteBuffer> blocks) {
            record Pending(long address, int rows, long offset) {}
            Deque<Pending> pending = new ArrayDeque<>(List.of(new Pending(root, rootRows, 0)));
            Set<Long> visited = new HashSet<>();
            while (!pending.isEmpty()) {
                Pending block = pending.pop();
                if (!visited.add(block.address())) {
                    throw damaged("a fractal heap whose indirect blocks refer to each other");
                }
                long entries = (long) block.rows() * width;
                ByteBuffer bb = slice(storage, block.address(), 4 + 1 + o + offsetBytes + entries * o + 4);
                signature(bb, "FHIB", "fractal heap indirect block");
                checkHeap(uint(bb, o));
                if (uint(bb, offsetBytes) != block.offset()) {
                    throw damaged("a fractal heap indirect block at the wrong heap offset");
                }
                long offset = block.offset();
                for (int row = 0; row < block.rows(); row++) {
                    long size = rowBlockSize(row);
                    for (int column = 0; column < width; column++, offset += size) {
                        long child = address(bb, o);
                        if (child == UNDEFINED) {
                            continue; // not allocated yet
                        }
                        if (row < directRows()) {
                            blocks.put(offset, directBlock(storage, child, offset, size));
                        } else {
                            int childRows = log2(size) - log2(startBlock * width) + 1;
                            pending.push(new Pending(child, childRows, offset));
                        }
                    }
                }
            }
        }

        ByteBuffer directBlock(HdfBackingStorage storage, long address, long offset, long size) {
            ByteBuffer header = slice(storage, address, 4 + 1 + o + offsetBytes);
            signature(header, "FHDB", "fractal heap direct block");
            checkHeap(uint(header, o));
            if (uint(header, offsetBytes) != offset) {
                throw damaged("a fractal heap direct block at the wrong heap offset");
            }
            return slice(storage, address, size);
        }

        private void checkHeap(long owner) {
            if (owner != heap) {
                throw damaged("a fractal heap block that belongs to another heap");
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------
    // version-2 B-tree of link names

    /**
     * Hands the heap ID of every record of the link-name index to {@code link}, walking the nodes without
     * recursion. Every node's checksum is verified before its records are used; the header's record count is
     * checked against {@code maxLinks} before any node is read, and the walk is refused as soon as it finds
     * more records than the header counts: overlapping or shared nodes cannot multiply the work.
     */
    private static void walkLinkNames(HdfBackingStorage storage, long address, long maxLinks, String limitText,
            Consumer<ByteBuffer> link) {
        int o = storage.getSizeOfOffsets();
        int l = storage.getSizeOfLengths();
        ByteBuffer bb = slice(storage, address, 4 + 1 + 1 + 4 + 2 + 2 + 1 + 1 + o + 2 + l + 4);
        signature(bb, "BTHD", "B-tree header");
        int type = (int) uint(bb, 1);
        long nodeSize = uint(bb, 4);
        int recordSize = (int) uint(bb, 2);
        int depth = (int) uint(bb, 2);
        uint(bb, 2); // split and merge percentages
        long root = address(bb, o);
        long rootRecords = uint(bb, 2);
        long totalRecords = uint(bb, l);
        checksum(bb, bb.capacity() - 4, "B-tree header");
        if (type != LINK_NAME_INDEX || recordSize <= 4 || nodeSize < BTREE_NODE_OVERHEAD + recordSize
                || depth > MAX_BTREE_DEPTH || totalRecords < 0 || rootRecords > totalRecords) {
            throw damaged("a link-name B-tree header that is not one");
        }
        if (totalRecords > maxLinks) {
            throw tooMany(limitText);
        }
        BTreeSizes sizes = BTreeSizes.of(nodeSize, recordSize, depth, o);
        record Pending(long address, long records, int depth) {}
        Deque<Pending> pending = new ArrayDeque<>();
        if (root != UNDEFINED) {
            pending.push(new Pending(root, rootRecords, depth));
        }
        Set<Long> visited = new HashSet<>();
        long claimed = rootRecords; // records of the nodes found so far, as their parents count them
        while (!pending.isEmpty()) {
            Pending node = pending.pop();
            if (!visited.add(node.address())) {
                throw damaged("a B-tree whose nodes refer to each other");
            }
            long pointers = node.depth() == 0 ? 0 : (node.records() + 1) * sizes.pointerBytes(node.depth());
            if (node.records() < 0 || node.records() > nodeSize
                    || 6 + node.records() * recordSize + pointers + 4 > nodeSize) {
                throw damaged("a B-tree node claiming more records than it holds");
            }
            ByteBuffer n = slice(storage, node.address(), nodeSize);
            checksum(n, (int) (6 + node.records() * recordSize + pointers), "B-tree node");
            signature(n, node.depth() == 0 ? "BTLF" : "BTIN", "B-tree node");
            if ((int) uint(n, 1) != LINK_NAME_INDEX) {
                throw damaged("a B-tree node of another type");
            }
            int recordsStart = n.position();
            n.position(recordsStart + (int) (node.records() * recordSize));
            for (int i = 0; node.depth() > 0 && i <= node.records(); i++) {
                long child = address(n, o);
                long childRecords = uint(n, sizes.recordCountBytes());
                if (node.depth() > 1) {
                    uint(n, sizes.totalCountBytes(node.depth() - 1));
                }
                if (childRecords < 0 || childRecords > nodeSize) { // then no sum below overflows
                    throw damaged("a B-tree node claiming more records than it holds");
                }
                claimed += childRecords;
                pending.push(new Pending(child, childRecords, node.depth() - 1));
            }
            if (claimed > totalRecords) { // before this node's records are decoded
                throw damaged("a B-tree whose nodes hold more records than its header counts ("
                        + totalRecords + ")");
            }
            for (int i = 0; i < node.records(); i++) {
                int at = recordsStart + i * recordSize + 4; // after the name's hash
                link.accept(n.slice(at, recordSize - 4).order(ByteOrder.LITTLE_ENDIAN));
            }
        }
        if (claimed != totalRecords) {
            throw damaged("a B-tree whose nodes hold " + claimed + " records, its header " + totalRecords);
        }
    }

    /** Verifies the Jenkins lookup3 checksum HDF5 stores after the first {@code length} bytes of {@code bb}. */
    private static void checksum(ByteBuffer bb, int length, String what) {
        ByteBuffer covered = bb.duplicate().position(0).limit(length);
        int stored = bb.duplicate().order(ByteOrder.LITTLE_ENDIAN).getInt(length);
        if (ChecksumUtils.checksum(covered) != stored) {
            throw damaged("a " + what + " whose checksum does not match");
        }
    }

    /**
     * Widths of an internal node's child pointers, as HDF5 derives them from the node size (H5B2hdr.c): the
     * child's record count takes as many bytes as the most records a leaf holds needs; the count of records
     * below a child, as many as the most records a subtree of that depth holds.
     */
    private record BTreeSizes(int addressBytes, int recordCountBytes, int[] totalCountBytesByDepth) {
        static BTreeSizes of(long nodeSize, int recordSize, int depth, int addressBytes) {
            long leafRecords = (nodeSize - BTREE_NODE_OVERHEAD) / recordSize;
            int recordCountBytes = log2(leafRecords) / 8 + 1;
            int[] totalBytes = new int[depth + 1];
            long cumulative = leafRecords;
            for (int d = 1; d <= depth; d++) {
                int pointer = addressBytes + recordCountBytes + (d > 1 ? totalBytes[d - 1] : 0);
                long records = (nodeSize - (BTREE_NODE_OVERHEAD + pointer)) / (recordSize + pointer);
                if (records < 1) {
                    throw damaged("a B-tree too deep for its node size");
                }
                try {
                    cumulative = Math.addExact(Math.multiplyExact(records + 1, cumulative), records);
                } catch (ArithmeticException overflow) {
                    throw damaged("a B-tree deeper than any file can hold");
                }
                totalBytes[d] = log2(cumulative) / 8 + 1;
            }
            return new BTreeSizes(addressBytes, recordCountBytes, totalBytes);
        }

        int totalCountBytes(int depth) {
            return totalCountBytesByDepth[depth];
        }

        /** Bytes of one child pointer in a node at {@code depth} (1 = its children are leaves). */
        int pointerBytes(int depth) {
            return addressBytes + recordCountBytes + (depth > 1 ? totalCountBytesByDepth[depth - 1] : 0);
        }
    }

    // ---------------------------------------------------------------------------------------------------
    // link messages

    private static final int HARD = 0;
    private static final int SOFT = 1;

    /** Decodes one link message (version 1) into {@code members}. */
    private static void link(HdfBackingStorage storage, ByteBuffer m, Group parent, Map<String, Node> members) {
        if (uint(m, 1) != 1) {
            throw damaged("a link message of an unknown version");
        }
        int flags = (int) uint(m, 1);
        int type = (flags & 0x08) != 0 ? (int) uint(m, 1) : HARD;
        if ((flags & 0x04) != 0) {
            uint(m, 8); // creation order
        }
        if ((flags & 0x10) != 0) {
            uint(m, 1); // character set: ASCII is UTF-8
        }
        long nameLength = uint(m, 1 << (flags & 3));
        if (nameLength < 1 || nameLength > m.remaining()) {
            throw damaged("a link name longer than its message");
        }
        String name = utf8(m, (int) nameLength);
        Node node = switch (type) {
            case HARD -> hardLinked(storage, address(m, storage.getSizeOfOffsets()), name, parent);
            case SOFT -> new SoftLink(utf8(m, (int) uint(m, 2)), name, parent);
            default -> throw damaged("link " + MessageText.quote(name) + " is external or user-defined, which NIR"
                    + " files never use");
        };
        if (members.put(name, node) != null) {
            throw damaged("two links named " + MessageText.quote(name) + " in one group");
        }
    }

    private static Node hardLinked(HdfBackingStorage storage, long address, String name, Group parent) {
        ObjectHeader header = ObjectHeader.readObjectHeader(storage, address);
        if (header.hasMessageOfType(DataSpaceMessage.class)) {
            return DatasetLoader.createDataset(storage, header, name, parent);
        }
        if (header.hasMessageOfType(DataTypeMessage.class)) {
            return new CommittedDatatype(storage, address, name, parent);
        }
        return JhdfGroups.create(storage, address, name, parent);
    }

    /** jhdf makes groups only while listing a parent; its factory is package-private, so we call it by reflection. */
    private static final class JhdfGroups {
        private static final MethodHandle CREATE = find();

        private static MethodHandle find() {
            try {
                Method m = GroupImpl.class.getDeclaredMethod("createGroup", HdfBackingStorage.class, long.class,
                        String.class, Group.class);
                m.setAccessible(true);
                return MethodHandles.lookup().unreflect(m);
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new IllegalStateException("this jhdf has no GroupImpl.createGroup(storage, address, name,"
                        + " parent); GroupMembers needs it", e);
            }
        }

        static Group create(HdfBackingStorage storage, long address, String name, Group parent) {
            try {
                return (Group) CREATE.invokeExact(storage, address, name, parent);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable checked) {
                throw new IllegalStateException(checked);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------
    // bytes

    /** {@code length} bytes at {@code address}, as a slice of the storage: refused if beyond the file. */
    private static ByteBuffer slice(HdfBackingStorage storage, long address, long length) {
        if (address < 0 || length < 0 || length > storage.size() || address > storage.size() - length) {
            throw damaged("a structure of " + length + " bytes at address " + address
                    + ", beyond the end of the file (" + storage.size() + " bytes)");
        }
        return storage.map(address, length).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static void signature(ByteBuffer bb, String expected, String what) {
        byte[] got = new byte[4];
        bb.get(got);
        if (!expected.equals(new String(got, StandardCharsets.US_ASCII)) || bb.get() != 0) {
            throw damaged("no " + what + " (signature " + expected + ", version 0) where one should be");
        }
    }

    /** A little-endian unsigned integer of 1 to 8 bytes. */
    private static long uint(ByteBuffer bb, int bytes) {
        long value = 0;
        for (int i = 0; i < bytes; i++) {
            value |= (bb.get() & 0xffL) << (8 * i);
        }
        return value;
    }

    /** A file address; all ones, whatever the width, is the undefined address. */
    private static long address(ByteBuffer bb, int bytes) {
        long value = uint(bb, bytes);
        return bytes < 8 && value == (1L << (8 * bytes)) - 1 ? UNDEFINED : value;
    }

    private static String utf8(ByteBuffer bb, int length) {
        if (length > bb.remaining()) {
            throw damaged("a string longer than its message");
        }
        byte[] b = new byte[length];
        bb.get(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    private static boolean isPowerOfTwo(long n) {
        return n > 0 && (n & (n - 1)) == 0;
    }

    /** floor(log2(n)) for n ≥ 1. */
    private static int log2(long n) {
        return 63 - Long.numberOfLeadingZeros(n);
    }

    private static NirException damaged(String what) {
        return NirException.format("not a readable HDF5 file (" + what + ")");
    }
}
