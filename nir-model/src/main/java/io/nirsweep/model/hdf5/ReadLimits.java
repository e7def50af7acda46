package io.nirsweep.model.hdf5;

/**
 * Bounds a reader enforces before it allocates anything a file merely claims. A file over a bound is refused
 * with a {@code LimitError} naming the dataset and the bound; raise a bound on purpose for big models
 * ({@code --max-array-mib} and friends on the command line).
 *
 * @param maxArrayBytes largest single dataset (its declared elements times element size, and its chunk)
 * @param maxTotalBytes all datasets of one file together
 * @param maxDepth deepest nesting of graphs and metadata groups
 * @param maxNodes nodes in one file, all graphs together
 * @param maxEdges edges of one graph
 */
public record ReadLimits(long maxArrayBytes, long maxTotalBytes, int maxDepth, int maxNodes, int maxEdges) {
    /** 256 MiB per array, 1 GiB per file, 32 levels, 100,000 nodes, 1,000,000 edges per graph. */
    public static final ReadLimits DEFAULT = new ReadLimits(256L << 20, 1L << 30, 32, 100_000, 1_000_000);

    /**
     * The deepest nesting any limit may allow. jhdf builds a group's path string recursively through its
     * parents (two HDF5 groups per graph level) each time it creates or lists a group: the stack grows with the
     * depth (a cold JVM's default 1 MiB stack overflows near 1,000 levels) and the time with its cube (500
     * levels take 10 s to read). Our reader, type inference, writer, JSON view and the simulator's graph
     * inlining recurse once per level too. At 256 levels every command takes about 5 s; real models nest a few.
     */
    public static final int MAX_DEPTH = 256;

    public ReadLimits {
        if (maxArrayBytes <= 0 || maxTotalBytes <= 0 || maxDepth <= 0 || maxNodes <= 0 || maxEdges <= 0) {
            throw new IllegalArgumentException("read limits must be positive");
        }
        if (maxDepth > MAX_DEPTH) {
            throw new IllegalArgumentException("the depth limit is at most " + MAX_DEPTH + ", not " + maxDepth);
        }
    }

    /**
     * Links the reader lists in one file, all groups together, a group counted once for every path that
     * reaches it: {@value #LINKS_PER_NODE} per allowed node (a node group holds its type, a few parameters and
     * metadata). Bounds the work on files whose groups share members (a metadata group linking one child
     * twice, 30 levels deep, is 2^30 paths) or list millions of links.
     */
    public long maxLinks() {
        return LINKS_PER_NODE * maxNodes;
    }

    static final long LINKS_PER_NODE = 16;

    /**
     * The largest file read whole into memory when it cannot be mapped (a file in an object store): twice the
     * bytes all its datasets may hold, as the structures around the data of a real model take far less than the
     * data (and compressed data less still), and at most 2 GiB - 1, what one buffer holds. With the default
     * limits, exactly the largest local file read.
     */
    public long maxFileBytes() {
        return Math.min(Hdf5Files.MAX_BUFFER_BYTES, maxTotalBytes > Long.MAX_VALUE / 2 ? Long.MAX_VALUE : 2 * maxTotalBytes);
    }

    public ReadLimits withMaxArrayBytes(long bytes) {
        return new ReadLimits(bytes, Math.max(bytes, maxTotalBytes), maxDepth, maxNodes, maxEdges);
    }

    public ReadLimits withMaxDepth(int depth) {
        return new ReadLimits(maxArrayBytes, maxTotalBytes, depth, maxNodes, maxEdges);
    }
}
