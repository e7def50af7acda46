package io.nirsweep.model.hdf5;

import io.nirsweep.model.Conv1d;
import io.nirsweep.model.Conv2d;
import io.nirsweep.model.DType;
import io.nirsweep.model.Edge;
import io.nirsweep.model.Metadata;
import io.nirsweep.model.NdArray;
import io.nirsweep.model.NirException;
import io.nirsweep.model.NirGraph;
import io.nirsweep.model.NirNode;
import io.nirsweep.model.Output;
import io.nirsweep.model.Param;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Set;

/**
 * Writes graphs in the reference layout (spec §2): {@code /version}, {@code /node/type}, {@code /node/edges}
 * as (E, 2) variable-length UTF-8 strings, {@code /node/nodes/<name>/...}, {@code metadata/} only when
 * non-empty. Arrays keep their dtype and are gzip-compressed (level 4) as the reference does; scalars are
 * contiguous. Defaults ({@code v_reset}, {@code w_in}) are written out in full. Unlike the reference, an empty
 * edge list is written as a (0, 2) string dataset (the reference writes float64 (0,); both read back).
 *
 * <p>Files are written to a temporary name beside the target and moved into place, so an existing file is
 * never half-overwritten.
 */
public final class NirWriter {
    /**
     * The {@code /version} we write: the newest reference release whose layout we produce, with our own name
     * as a PEP 440 local part (the reference reader ignores the value).
     */
    public static final String VERSION = "1.0.7+nirsweep";

    private NirWriter() {}

    /**
     * Writes {@code root} (normally a graph) to {@code file}.
     *
     * @throws NirException when a node has a shape that is still unknown (read the file with type checking
     *     so inference fills it in; the reference cannot store unknown values either)
     */
    public static void write(NirNode root, Path file) {
        H5Group top = H5Group.root();
        top.string("version", VERSION);
        node(top.group("node"), root, null);
        Path dir = file.toAbsolutePath().getParent();
        try {
            Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
            try {
                H5FileWriter.write(top, tmp);
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static void node(H5Group g, NirNode n, String path) {
        g.string("type", n.typeName());
        if (n instanceof NirGraph graph) {
            List<Edge> edges = graph.edges();
            String[] names = new String[2 * edges.size()];
            for (int i = 0; i < edges.size(); i++) {
                names[2 * i] = edges.get(i).source();
                names[2 * i + 1] = edges.get(i).target();
            }
            g.strings("edges", names, edges.size(), 2);
            H5Group nodes = g.group("nodes");
            graph.nodes().forEach((name, child) ->
                    node(nodes.group(name), child, path == null ? name : path + "/" + name));
        } else {
            requireKnownShapes(n, path);
            boolean conv = n instanceof Conv1d || n instanceof Conv2d;
            n.storedParams().forEach((key, value) -> param(g, key, value, conv && CONV_TUPLES.contains(key)));
        }
        if (!n.metadata().isEmpty()) {
            metadata(g.group("metadata"), n.metadata());
        }
    }

    private static void requireKnownShapes(NirNode n, String path) {
        String missing = n instanceof Output o && o.shape() == null ? "shape"
                : n instanceof Conv1d c && c.inputLength() == null ? "input_shape"
                : n instanceof Conv2d c && c.inputSize() == null ? "input_shape" : null;
        if (missing != null) {
            throw new NirException(NirException.Kind.TYPE, null, path, missing,
                    "unknown, so it cannot be written; read the graph with type checking to infer it");
        }
    }

    /**
     * Conv parameters the reference holds as Python ints or tuples, which h5py writes uncompressed; every
     * other array is a NumPy array, which the reference writes gzip-compressed.
     */
    private static final Set<String> CONV_TUPLES = Set.of("input_shape", "stride", "padding", "dilation", "groups");

    private static void param(H5Group g, String key, Param value, boolean pythonValue) {
        if (value instanceof Param.Text t) {
            g.string(key, t.value());
        } else {
            array(g, key, (NdArray) value, pythonValue);
        }
    }

    static void array(H5Group g, String key, NdArray a, boolean pythonValue) {
        Storage storage = pythonValue || a.isScalar() || a.size() == 0 ? Storage.CONTIGUOUS : Storage.DEFLATE4;
        if (a.dtype() == DType.BOOL) {
            boolean[] b = new boolean[a.size()];
            for (int i = 0; i < b.length; i++) {
                b[i] = a.getLong(i) != 0;
            }
            g.bools(key, b, a.shape(), storage);
        } else if (a.dtype().isFloating()) {
            g.numeric(key, a.dtype(), a.shape(), a.toDoubleArray(), storage);
        } else {
            g.numeric(key, a.dtype(), a.shape(), a.toLongArray(), storage);
        }
    }

    private static void metadata(H5Group g, Metadata m) {
        m.entries().forEach((key, value) -> {
            if (value instanceof Metadata.Text t) {
                g.string(key, t.value());
            } else if (value instanceof Metadata.Texts t) {
                g.strings(key, t.values(), t.shape());
            } else if (value instanceof Metadata.Array a) {
                array(g, key, a.value(), false);
            } else {
                metadata(g.group(key), ((Metadata.Group) value).value());
            }
        });
    }
}
