package io.nirsweep.model.hdf5;

import io.nirsweep.model.MessageText;
import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Link;
import io.jhdf.api.Node;
import io.nirsweep.model.Edge;
import io.nirsweep.model.Metadata;
import io.nirsweep.model.NirException;
import io.nirsweep.model.NirGraph;
import io.nirsweep.model.NirNode;
import io.nirsweep.model.NodeKind;
import io.nirsweep.model.Param;
import io.nirsweep.model.ReadableFile;
import io.nirsweep.model.types.TypeInference;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Reads {@code .nir} files of every version the reference reads (v0.1 onwards; spec §1–2), and a few it
 * cannot: Conv nodes without {@code input_shape} (v0.1) and non-graph roots. Defaults the reference fills in
 * ({@code v_reset}, {@code w_in}) are filled in the same way and reported as warnings.
 *
 * <p>With type checking on, shape inference and the type check run on the root graph and every nested graph;
 * with it off, on none (the reference always checks nested graphs; spec §7 item 2). Dangling edges are refused
 * either way (upstream PR #188). Every size a file declares is checked against {@link ReadLimits} first.
 */
public final class NirReader {
    private final boolean typeCheck;
    private final ReadLimits limits;

    public NirReader(boolean typeCheck, ReadLimits limits) {
        this.typeCheck = typeCheck;
        this.limits = limits;
    }

    /** Type checking on, default limits: what {@code nir.read(path)} does. */
    public static NirFile read(Path file) {
        return read(ReadableFile.of(file));
    }

    /** Type checking on, default limits, a file anywhere. */
    public static NirFile read(ReadableFile file) {
        return new NirReader(true, ReadLimits.DEFAULT).readFile(file);
    }

    /** Reads one local file (see {@link #readFile(ReadableFile)}). */
    public NirFile readFile(Path file) {
        return readFile(ReadableFile.of(file));
    }

    /**
     * Reads one file.
     *
     * @throws NirException naming the file, the node path and the parameter, for any problem with the file
     */
    public NirFile readFile(ReadableFile file) {
        String name = file.name();
        NirFile read;
        try (SeekableByteChannel channel = file.open()) {
            checkReadable(name, channel);
            try (HdfFile hdf = open(channel)) {
                read = new Session().read(hdf);
            }
        } catch (NirException e) {
            throw keepCause(e, e.inFile(name));
        } catch (Hdf5Files.TooLargeException e) {
            throw new NirException(NirException.Kind.LIMIT, name, null, null, "files over " + e.limit()
                    + " bytes are not read into memory (" + e.size() + " bytes)");
        } catch (NoSuchFileException e) {
            throw new NirException(NirException.Kind.IO, name, null, null, "no such file");
        } catch (FileSystemException e) {
            String why = e.getReason() != null ? e.getReason() : e.getMessage();
            throw new NirException(NirException.Kind.IO, name, null, null,
                    ReadableFile.IS_A_FOLDER.equals(why) ? "is a folder, not a NIR file" : "cannot read: " + why);
        } catch (IOException e) {
            throw new NirException(NirException.Kind.IO, name, null, null, "cannot read: " + e.getMessage());
        } catch (InternalError e) {
            // The JDK's report of a mapped page that vanished: the file was truncated while being read.
            NirException io = new NirException(NirException.Kind.IO, name, null, null,
                    "cannot read: the file changed (was truncated?) while being read");
            io.initCause(e);
            throw io;
        }
        // Outside the catch above: the file is read and closed, so a failure from here on is never the file's.
        try {
            return typeChecked(read);
        } catch (NirException e) {
            throw e.inFile(name);
        }
    }

    /** With type checking on, shape inference and the type check of a graph root (and every nested graph). */
    private NirFile typeChecked(NirFile read) {
        List<String> warnings = new ArrayList<>(read.warnings());
        NirNode root = read.root();
        if (typeCheck && root instanceof NirGraph g) {
            root = TypeInference.inferAndCheck(g, warnings::add);
        } else if (!(root instanceof NirGraph)) {
            warnings.add("the root node is a " + root.typeName()
                    + ", not a graph; the reference writes such files but cannot read them");
        }
        return new NirFile(root, read.version(), warnings);
    }

    /**
     * Opens the file through {@link Hdf5Files}: mapped when local, else read into the heap up to
     * {@link ReadLimits#maxFileBytes()}; either way jhdf reads every structure as a slice of one buffer, so one
     * that claims more bytes than the file holds fails at once instead of allocating what it claims (jhdf reading
     * from a channel allocates the claimed length first). Files over 2 GiB - 1 are refused before (see
     * {@link #MAX_FILE_BYTES}), so the channel is never handed to jhdf.
     */
    private HdfFile open(SeekableByteChannel channel) throws IOException {
        try {
            return Hdf5Files.open(channel, limits.maxFileBytes());
        } catch (RuntimeException e) {
            throw unreadable(e, null, null); // jhdf's, reading the superblock
        }
    }

    /**
     * The largest file read: one mapping holds at most 2 GiB - 1 bytes, and reading through jhdf's channel
     * instead would allocate what headers claim. Over the default 1 GiB file limit anyway.
     */
    static final long MAX_FILE_BYTES = Hdf5Files.MAX_BUFFER_BYTES;

    /**
     * A failure inside jhdf, which reports corrupt structures with whatever exception its parsing hits
     * (HdfException, but also NoSuchElementException, IndexOutOfBounds, BufferUnderflow, ...): all mean
     * "this file is damaged". A FormatError naming the node and dataset being read; the jhdf exception is
     * kept as the cause for {@code --debug}.
     */
    static NirException unreadable(RuntimeException e, String node, String parameter) {
        NirException refusal = new NirException(NirException.Kind.FORMAT, null, node, parameter,
                "not a readable HDF5 file (" + rootMessage(e) + ")");
        refusal.initCause(e);
        return refusal;
    }

    /** {@code located} (a copy of {@code e} that knows more) with {@code e}'s cause: jhdf's trace for --debug. */
    static NirException keepCause(NirException e, NirException located) {
        if (located != e && e.getCause() != null && located.getCause() == null) {
            located.initCause(e.getCause());
        }
        return located;
    }

    /**
     * Runs one call into jhdf or {@link GroupMembers} (a dataset read, naming {@code parameter}; or, with
     * null, a listing or the opening), turning any failure into a FormatError. Only these calls are converted:
     * an exception from our own code elsewhere is a bug and stays an internal error.
     */
    static <T> T reading(String parameter, Supplier<T> read) {
        try {
            return read.get();
        } catch (NirException e) {
            throw e;
        } catch (RuntimeException e) {
            throw unreadable(e, null, parameter);
        }
    }

    /** HDF5's signature, found at offset 0 or, after a user block, at 512, 1024, 2048, ... */
    private static final byte[] HDF5_SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

    private static void checkReadable(String file, SeekableByteChannel ch) throws IOException {
        long size = ch.size();
        if (size == 0) {
            throw new NirException(NirException.Kind.IO, file, null, null, "file is empty, not HDF5");
        }
        if (size > MAX_FILE_BYTES) {
            throw new NirException(NirException.Kind.LIMIT, file, null, null, "files over 2 GiB are not"
                    + " read (" + size + " bytes)");
        }
        ByteBuffer buf = ByteBuffer.allocate(HDF5_SIGNATURE.length);
        for (long offset = 0; offset + HDF5_SIGNATURE.length <= size; offset = offset == 0 ? 512 : offset * 2) {
            buf.clear();
            readAt(ch, buf, offset);
            if (Arrays.equals(buf.array(), HDF5_SIGNATURE)) {
                checkNotTruncated(file, ch, offset, size);
                return;
            }
        }
        throw new NirException(NirException.Kind.IO, file, null, null, "not an HDF5 file (no HDF5 signature)");
    }

    /** Reads what the channel holds from {@code position} until the buffer is full or the file ends. */
    private static void readAt(SeekableByteChannel ch, ByteBuffer buf, long position) throws IOException {
        ch.position(position);
        while (buf.hasRemaining() && ch.read(buf) >= 0) {
            // a channel may return fewer bytes than asked (an object store's does, per network read)
        }
    }

    /**
     * Compares the end-of-file address the superblock records with the file's size, so a truncated file is
     * named as such (jhdf would fail later, somewhere inside). Only 8-byte addresses, which every writer we
     * know uses, are checked.
     */
    private static void checkNotTruncated(String file, SeekableByteChannel ch, long base, long size) throws IOException {
        ByteBuffer sb = ByteBuffer.allocate(64).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        readAt(ch, sb, base);
        int version = sb.get(8) & 0xff;
        int offsetSize = version <= 1 ? sb.get(13) & 0xff : sb.get(9) & 0xff;
        int eofAt = switch (version) {
            case 0 -> 40;
            case 1 -> 44;
            case 2, 3 -> 28;
            default -> -1;
        };
        if (offsetSize != 8 || eofAt < 0 || sb.position() < eofAt + 8) {
            return;
        }
        long eof = sb.getLong(eofAt);
        if (eof > 0 && base + eof > size) {
            throw new NirException(NirException.Kind.IO, file, null, null, "truncated HDF5 file: " + size
                    + " bytes, but its superblock says " + (base + eof));
        }
    }

    /**
     * The innermost cause's first line; the JDK's words for a slice beyond the mapping, or for an address
     * beyond what one mapping can hold (both: an offset or size the file cannot have), made plain.
     */
    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? null : t.getMessage().lines().findFirst().orElse(null);
        if (m == null) {
            return "damaged structure: " + t.getClass().getSimpleName();
        }
        if (m.startsWith("newLimit > capacity") || m.startsWith("newPosition > limit")
                || t instanceof ArithmeticException && m.equals("integer overflow")) {
            return "a structure claims bytes beyond the end of the file: " + m;
        }
        return m;
    }

    /** State of one read: warnings, running sizes, the chain of open groups. */
    private final class Session {
        private final List<String> warnings = new ArrayList<>();
        private final GroupMembers members = new GroupMembers();

        /** Everything the file holds, as read: sizes checked first, no type check yet. */
        NirFile read(HdfFile hdf) {
            Map<String, Node> top = children(hdf);
            Node nodeGroup = top.get("node");
            if (nodeGroup == null) {
                if (top.containsKey("nodes") || top.containsKey("edges")) {
                    throw NirException.format("unsupported pre-0.1 layout (root 'nodes'/'edges' as written by "
                            + "nir v0.0.x); re-export it with nir 0.1 or newer");
                }
                throw NirException.format("not a NIR graph file: no group '/node' (root has " + top.keySet() + ")");
            }
            String version = null;
            if (top.get("version") instanceof Dataset v) {
                version = reading("version", () -> DatasetValues.scalarString(v));
            }
            if (!(nodeGroup instanceof Group root)) {
                throw NirException.format("'/node' must be a group");
            }
            DeclaredSizes.check(root, limits, members);
            return new NirFile(readNode(root, null), version, warnings);
        }

        /** Reads the node stored in {@code g}; {@code path} is its {@code outer/inner} name (null at the root). */
        private NirNode readNode(Group g, String path) {
            try {
                return buildNode(g, path);
            } catch (NirException e) {
                return rethrow(e, path);
            }
        }

        private NirNode rethrow(NirException e, String path) {
            if (path == null || e.node() != null && e.node().startsWith(path)) {
                throw e;
            }
            throw keepCause(e, e.inNode(path));
        }

        private NirNode buildNode(Group g, String path) {
            Map<String, Node> members = children(g);
            Node typeNode = members.get("type");
            if (!(typeNode instanceof Dataset typeDs)) {
                throw NirException.format((path == null ? "the root group '/node'" : "the node's group")
                        + " has no 'type' dataset");
            }
            String type = reading("type", () -> {
                if (!DatasetValues.isString(typeDs)) {
                    throw NirException.format("'type' must be a string, is " + DatasetValues.describe(typeDs));
                }
                return DatasetValues.scalarString(typeDs);
            });
            NodeKind kind = NodeKind.ofTypeName(type);
            if (kind == null) {
                throw NirException.format("unknown node type " + MessageText.quote(type) + " (NIR has " + NodeKind.typeNames() + ")");
            }
            Metadata metadata = members.get("metadata") instanceof Group m ? readMetadata(m)
                    : Metadata.EMPTY;
            if (kind == NodeKind.NIR_GRAPH) {
                return readGraph(members, metadata, path);
            }
            Map<String, Param> params = new LinkedHashMap<>();
            for (Map.Entry<String, Node> member : members.entrySet()) {
                String key = member.getKey();
                if (key.equals("type") || key.equals("metadata") || kind.ignores(key)) {
                    continue;
                }
                if (!kind.accepts(key)) {
                    throw new NirException(NirException.Kind.FORMAT, null, null, key,
                            "unknown parameter for a " + type + " node (it stores " + kind.required() + " and "
                                    + kind.optional() + ")");
                }
                if (!(member.getValue() instanceof Dataset ds)) {
                    throw new NirException(NirException.Kind.FORMAT, null, null, key, "must be a dataset");
                }
                params.put(key, reading(key, () -> DatasetValues.param(ds)));
            }
            for (String key : kind.required()) {
                if (!params.containsKey(key)) {
                    throw new NirException(NirException.Kind.FORMAT, null, null, key,
                            "missing required parameter of a " + type + " node");
                }
            }
            noteDefaults(kind, params, path);
            return kind.build(params, metadata);
        }

        private void noteDefaults(NodeKind kind, Map<String, Param> params, String path) {
            for (String key : kind.optional()) {
                if (params.containsKey(key) || kind == NodeKind.FLATTEN && !key.equals("input_type")) {
                    continue;
                }
                String filled = switch (key) {
                    case "v_reset" -> "v_reset missing (file older than nir 1.0.6): zeros";
                    case "w_in" -> "w_in missing (file older than nir 1.0): ones";
                    case "input_shape" -> "input_shape missing (nir 0.1 file): inferred from the graph";
                    case "input_type" -> "input_type missing (nir 0.1 file): inferred from the graph";
                    default -> key + " missing: default";
                };
                warnings.add("node " + MessageText.quotePath(path == null ? "<root>" : path) + ": " + filled);
            }
        }

        private NirGraph readGraph(Map<String, Node> members, Metadata metadata, String path) {
            for (String key : members.keySet()) {
                if (!key.equals("type") && !key.equals("metadata") && !key.equals("nodes")
                        && !key.equals("edges")) {
                    throw new NirException(NirException.Kind.FORMAT, null, null, key,
                            "unknown entry in a NIRGraph group (it holds 'nodes', 'edges', 'metadata')");
                }
            }
            if (!(members.get("nodes") instanceof Group nodesGroup)) {
                throw NirException.format("graph has no 'nodes' group");
            }
            if (!(members.get("edges") instanceof Dataset edgesDs)) {
                throw NirException.format("graph has no 'edges' dataset");
            }
            Map<String, Node> children = children(nodesGroup);
            Map<String, NirNode> nodes = new LinkedHashMap<>();
            for (Map.Entry<String, Node> child : children.entrySet()) {
                String name = child.getKey();
                String childPath = path == null ? name : path + "/" + name;
                if (!(child.getValue() instanceof Group childGroup)) {
                    throw NirException.format(MessageText.quote("nodes/" + name) + " must be a group").inNode(childPath);
                }
                nodes.put(name, readNode(childGroup, childPath));
            }
            List<Edge> edges = reading("edges", () -> readEdges(edgesDs));
            return new NirGraph(nodes, edges, metadata);
        }

        private List<Edge> readEdges(Dataset ds) {
            if (!DatasetValues.isString(ds)) {
                if (ds.getSize() == 0) {
                    return List.of(); // an empty list is written by h5py as float64 (0,)
                }
                throw new NirException(NirException.Kind.FORMAT, null, null, "edges",
                        "must be pairs of node names, are " + DatasetValues.describe(ds)
                                + " (integer edges are the unsupported pre-0.1 layout)");
            }
            int[] dims = ds.isScalar() ? new int[0] : ds.getDimensions();
            if (dims.length == 1 && dims[0] == 0) {
                return List.of();
            }
            if (dims.length != 2 || dims[1] != 2) {
                throw new NirException(NirException.Kind.FORMAT, null, null, "edges",
                        "must have shape (E, 2), has " + Arrays.toString(dims));
            }
            String[] flat = DatasetValues.strings(ds);
            List<Edge> edges = new ArrayList<>(dims[0]);
            for (int i = 0; i < dims[0]; i++) {
                edges.add(new Edge(flat[2 * i], flat[2 * i + 1]));
            }
            return edges;
        }

        private Metadata readMetadata(Group g) {
            try {
                Map<String, Metadata.Value> entries = new LinkedHashMap<>();
                for (Map.Entry<String, Node> e : children(g).entrySet()) {
                    Node n = e.getValue();
                    if (n instanceof Group sub) {
                        entries.put(e.getKey(), new Metadata.Group(readMetadata(sub)));
                    } else if (n instanceof Dataset ds) {
                        entries.put(e.getKey(), reading(e.getKey(), () -> metadataValue(ds)));
                    }
                }
                return new Metadata(entries);
            } catch (NirException ex) {
                throw ex.parameter() == null ? ex : keepCause(ex,
                        new NirException(ex.kind(), null, null, "metadata/" + ex.parameter(), ex.problem()));
            }
        }

        private static Metadata.Value metadataValue(Dataset ds) {
            if (!DatasetValues.isString(ds)) {
                return new Metadata.Array(DatasetValues.array(ds));
            }
            String[] s = DatasetValues.strings(ds);
            return ds.isScalar() ? new Metadata.Text(s[0]) : new Metadata.Texts(ds.getDimensions(), s);
        }

        /** A group's members in HDF5 name order (byte-wise UTF-8), soft links resolved. */
        private Map<String, Node> children(Group g) {
            return reading(null, () -> {
                Map<String, Node> sorted = new TreeMap<>(Names.HDF5_ORDER);
                for (Map.Entry<String, Node> e : members.of(g).entrySet()) {
                    Node n = e.getValue();
                    sorted.put(e.getKey(), n instanceof Link link ? link.getTarget() : n);
                }
                return sorted;
            });
        }
    }
}
