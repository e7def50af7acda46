package io.nirsweep.model.hdf5;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Version 1 B-trees ("TREE" nodes): the index of an old-style group (node type 0: children are symbol
 * table nodes, keys are local-heap offsets of names) and of a chunked dataset (node type 1: children are
 * chunks, keys are chunk size, filter mask and chunk offset).
 *
 * <p>A node with n children has n+1 keys; child i holds the entries between key i and key i+1, so
 * neighbours share a key. The caller gives the leftmost key and, per child, the key that bounds it on the
 * right. Nodes are filled left to right with up to 2K children; while a level needs more than one node, a
 * parent level is built over it, so the last node written is the root. Nodes are written at full capacity
 * because HDF5 reads every node at the size that K implies.
 */
final class BTreeV1 {

    /** What a tree indexes: its node type and K (both fixed by the superblock defaults h5py uses). */
    enum Kind {
        /** Group links; K = 16 is the superblock's "group internal node K". */
        GROUP(0, 16),
        /** Dataset chunks; K = 32 is HDF5's default indexed-storage K, implied by a version 0 superblock. */
        CHUNK(1, 32);

        final int nodeType;
        final int maxChildren;

        Kind(int nodeType, int k) {
            this.nodeType = nodeType;
            this.maxChildren = 2 * k;
        }
    }

    /** A written child (symbol table node, chunk, or lower tree node) and its right key. */
    record Child(long address, byte[] rightKey) {
    }

    private BTreeV1() {
    }

    /**
     * Writes the tree and returns the root's address. {@code children} may be empty: the root is then a
     * leaf with no entries, which is how HDF5 represents an empty group.
     */
    static long write(FileSink sink, Kind kind, byte[] leftmostKey, List<Child> children) throws IOException {
        int nodeSize = 24 + (kind.maxChildren + 1) * leftmostKey.length + kind.maxChildren * 8;
        List<Child> level = children;
        for (int depth = 0; ; depth++) {
            int nodes = Math.max(1, (level.size() + kind.maxChildren - 1) / kind.maxChildren);
            long first = sink.position();
            List<Child> parents = new ArrayList<>(nodes);
            for (int n = 0; n < nodes; n++) {
                List<Child> members = level.subList(n * kind.maxChildren,
                        Math.min(level.size(), (n + 1) * kind.maxChildren));
                byte[] leftKey = n == 0 ? leftmostKey : level.get(n * kind.maxChildren - 1).rightKey();
                LeBytes node = new LeBytes()
                        .bytes(new byte[] {'T', 'R', 'E', 'E'})
                        .u8(kind.nodeType)
                        .u8(depth)
                        .u16(members.size())
                        .u64(n == 0 ? LeBytes.UNDEFINED_ADDRESS : first + (long) (n - 1) * nodeSize)
                        .u64(n == nodes - 1 ? LeBytes.UNDEFINED_ADDRESS : first + (long) (n + 1) * nodeSize)
                        .bytes(leftKey);
                for (Child child : members) {
                    node.u64(child.address()).bytes(child.rightKey());
                }
                node.zeros(nodeSize - node.size());
                long address = sink.append(node.toArray());
                parents.add(new Child(address, members.isEmpty() ? leftKey : members.get(members.size() - 1).rightKey()));
            }
            if (nodes == 1) {
                return parents.get(0).address();
            }
            level = parents;
        }
    }
}
