package io.nirsweep.model.hdf5;

import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Link;
import io.jhdf.api.Node;
import io.jhdf.api.dataset.ChunkedDataset;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.StringData;
import io.nirsweep.model.NirException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The first pass of a read: walks the NIR structure under {@code /node} (node groups, their {@code nodes/}
 * children and {@code metadata/} trees) reading only HDF5 headers, and refuses the file if what it declares
 * exceeds {@link ReadLimits} — array and chunk sizes, their total, graph nesting, node and edge counts — or if
 * HDF5 links form a cycle. Only then are values read, so nothing a file merely claims is ever allocated.
 */
final class DeclaredSizes {
    /** What jhdf holds per variable-length string element before the string itself (heap reference). */
    private static final int VLEN_ELEMENT_BYTES = 16;

    private final ReadLimits limits;
    private final GroupMembers members;
    private final Deque<Long> openGroups = new ArrayDeque<>();
    private long totalBytes;
    private int nodeCount;
    /** Links listed so far: every group visit lists its links, so this bounds visits too. */
    private long links;
    /**
     * Metadata groups may be shared by hard links, but each extra path to one is walked (and read, and later
     * written) again: at most this many repeated visits, all metadata together. Graph groups reached by several
     * paths count as nodes on each.
     */
    static final int MAX_SHARED_METADATA_VISITS = 1_000;
    private final Set<Long> metadataSeen = new HashSet<>();
    private int metadataRevisits;

    private DeclaredSizes(ReadLimits limits, GroupMembers members) {
        this.limits = limits;
        this.members = members;
    }

    /** Checks the node stored in {@code root} (the file's {@code /node}) and everything below it. */
    static void check(Group root, ReadLimits limits, GroupMembers members) {
        DeclaredSizes walk = new DeclaredSizes(limits, members);
        walk.node(root, walk.list(root), null, 0);
    }

    private void node(Group g, Map<String, Node> listed, String path, int graphDepth) {
        enter(g, path);
        try {
            for (Map.Entry<String, Node> member : listed.entrySet()) {
                Node n = resolve(member.getValue());
                String name = member.getKey();
                if (n instanceof Dataset ds) {
                    dataset(ds, path, name);
                } else if (name.equals("metadata") && n instanceof Group meta) {
                    metadata(meta, path, "metadata", 1);
                } else if (name.equals("nodes") && n instanceof Group nodes) {
                    children(nodes, path, graphDepth);
                }
            }
        } catch (NirException e) {
            throw e.node() == null && path != null ? NirReader.keepCause(e, e.inNode(path)) : e;
        } finally {
            openGroups.pop();
        }
    }

    private void children(Group nodes, String path, int graphDepth) {
        enter(nodes, path);
        try {
            String tooMany = "the file has more than the limit of " + limits.maxNodes() + " nodes";
            // Capped while listing: a dense group over the limit is refused from its B-tree header.
            Map<String, Node> children = list(nodes, limits.maxNodes() - nodeCount, tooMany);
            nodeCount += children.size();
            if (nodeCount > limits.maxNodes()) {
                throw limit(path, null, tooMany);
            }
            for (Map.Entry<String, Node> child : children.entrySet()) {
                String childPath = path == null ? child.getKey() : path + "/" + child.getKey();
                if (resolve(child.getValue()) instanceof Group childGroup) {
                    Map<String, Node> listed = list(childGroup);
                    boolean isGraph = listed.containsKey("nodes");
                    if (isGraph && graphDepth + 1 > limits.maxDepth()) {
                        throw limit(childPath, null, "graphs nest deeper than the limit of " + limits.maxDepth()
                                + " levels");
                    }
                    node(childGroup, listed, childPath, isGraph ? graphDepth + 1 : graphDepth);
                }
            }
        } catch (NirException e) {
            throw e.node() == null && path != null ? NirReader.keepCause(e, e.inNode(path)) : e;
        } finally {
            openGroups.pop();
        }
    }

    private void metadata(Group g, String path, String key, int depth) {
        if (depth > limits.maxDepth()) {
            throw limit(path, key, "metadata groups nest deeper than the limit of " + limits.maxDepth() + " levels");
        }
        if (!metadataSeen.add(g.getAddress()) && ++metadataRevisits > MAX_SHARED_METADATA_VISITS) {
            throw limit(path, null, "metadata groups shared by hard links are reached by more than "
                    + MAX_SHARED_METADATA_VISITS + " extra paths");
        }
        enter(g, path);
        try {
            for (Map.Entry<String, Node> member : list(g).entrySet()) {
                Node n = resolve(member.getValue());
                String name = key + "/" + member.getKey();
                if (n instanceof Dataset ds) {
                    dataset(ds, path, name);
                } else if (n instanceof Group sub) {
                    metadata(sub, path, name, depth + 1);
                }
            }
        } catch (NirException e) {
            throw e.node() == null && path != null ? NirReader.keepCause(e, e.inNode(path)) : e;
        } finally {
            openGroups.pop();
        }
    }

    /**
     * {@code g}'s members, counted against {@link ReadLimits#maxLinks()}: a group reached by several paths
     * (HDF5 hard links may share it) is listed and counted once per path, so shared groups cannot make the
     * walk, or the read that follows it along the same paths, exponential. Sharing itself is allowed.
     */
    private Map<String, Node> list(Group g) {
        return list(g, Long.MAX_VALUE, null);
    }

    /** The same, refused with {@code tooMany} (a LimitError) if {@code g} has more than {@code most} links. */
    private Map<String, Node> list(Group g, long most, String tooMany) {
        long linksLeft = limits.maxLinks() - links;
        String text = most < linksLeft ? tooMany : "the file's groups list more than " + limits.maxLinks()
                + " links in all (a group counts once per path that reaches it), over the limit of "
                + ReadLimits.LINKS_PER_NODE + " per node";
        Map<String, Node> listed = NirReader.reading(null, () -> members.of(g, Math.min(most, linksLeft), text));
        links += listed.size();
        return listed;
    }

    private void enter(Group g, String path) {
        if (openGroups.contains(g.getAddress())) {
            throw new NirException(NirException.Kind.FORMAT, null, path, null,
                    "a group refers back to one of its own ancestors (a cycle of HDF5 links), so the graph would"
                            + " contain itself");
        }
        openGroups.push(g.getAddress());
    }

    private static Node resolve(Node n) {
        return n instanceof Link link ? NirReader.reading(null, link::getTarget) : n;
    }

    private void dataset(Dataset ds, String path, String name) {
        try {
            declared(ds, path, name);
        } catch (NirException e) {
            throw e;
        } catch (RuntimeException e) {
            throw NirReader.unreadable(e, path, name);
        }
    }

    private void declared(Dataset ds, String path, String name) {
        long[] dims = ds.isScalar() ? new long[0] : ds.getDimensionsAsLong();
        if (name.equals("edges") && dims.length >= 1 && dims[0] > limits.maxEdges()) {
            throw limit(path, name, dims[0] + " edges exceed the limit of " + limits.maxEdges());
        }
        long elementBytes = elementBytes(ds.getDataType());
        try {
            long bytes = elementBytes;
            for (long d : dims) {
                bytes = Math.multiplyExact(bytes, d);
            }
            if (bytes > limits.maxArrayBytes()) {
                throw limit(path, name, "declares " + Arrays.toString(dims) + " x " + elementBytes + " = " + bytes
                        + " bytes, more than the " + limits.maxArrayBytes() + "-byte array limit");
            }
            if (ds instanceof ChunkedDataset chunked) {
                long chunkBytes = elementBytes;
                for (int d : chunked.getChunkDimensions()) {
                    chunkBytes = Math.multiplyExact(chunkBytes, (long) d);
                }
                if (chunkBytes > limits.maxArrayBytes()) {
                    throw limit(path, name, "declares chunks of " + chunkBytes + " bytes, more than the "
                            + limits.maxArrayBytes() + "-byte array limit");
                }
            }
            totalBytes = Math.addExact(totalBytes, bytes);
        } catch (ArithmeticException overflow) {
            throw limit(path, name, "declares a size " + Arrays.toString(dims) + " that overflows 64 bits");
        }
        if (totalBytes > limits.maxTotalBytes()) {
            throw limit(path, name, "brings the file's arrays to " + totalBytes + " bytes, more than the "
                    + limits.maxTotalBytes() + "-byte file limit");
        }
    }

    /** Bytes one element occupies once read: fixed strings their declared length, vlen strings a reference. */
    private static long elementBytes(DataType type) {
        if (type instanceof StringData) {
            return Math.max(1, type.getSize());
        }
        return type.getSize() <= 0 || type instanceof io.jhdf.object.datatype.VariableLength
                ? VLEN_ELEMENT_BYTES : type.getSize();
    }

    private static NirException limit(String node, String parameter, String problem) {
        return new NirException(NirException.Kind.LIMIT, null, node, parameter, problem);
    }
}
