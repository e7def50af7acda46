package io.nirsweep.jobs;

import io.nirsweep.model.Edge;
import io.nirsweep.model.MessageText;
import io.nirsweep.model.NdArray;
import io.nirsweep.model.NirGraph;
import io.nirsweep.model.NirNode;
import io.nirsweep.model.Param;
import io.nirsweep.model.Shape;
import io.nirsweep.model.hdf5.NirFile;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The readable summary {@code inspect} prints: one line per node and per edge, sub-graphs indented; a name's
 * control characters are escaped, so each stays one line.
 */
final class GraphText {
    private GraphText() {}

    static String describe(Path file, NirFile nir) {
        StringBuilder sb = new StringBuilder();
        sb.append(file).append(": NIR version ").append(nir.version() == null ? "(none: nir 0.1)"
                : MessageText.quote(nir.version()))
                .append(", ").append(counts(nir.root())).append('\n');
        node(sb, "", "<root>", nir.root());
        return sb.toString().stripTrailing();
    }

    /** "N nodes, E edges" over all nesting levels. */
    static String counts(NirNode root) {
        int[] c = new int[2];
        count(root, c);
        return c[0] + " nodes, " + c[1] + " edges";
    }

    private static void count(NirNode n, int[] c) {
        if (n instanceof NirGraph g) {
            c[1] += g.edges().size();
            g.nodes().values().forEach(child -> {
                c[0]++;
                count(child, c);
            });
        }
    }

    private static void node(StringBuilder sb, String indent, String name, NirNode n) {
        sb.append(indent).append(MessageText.oneLine(name)).append("  ").append(n.typeName()).append("  ")
                .append(ports(n.inputType())).append(" -> ").append(ports(n.outputType()));
        if (!(n instanceof NirGraph)) {
            String params = n.storedParams().entrySet().stream()
                    .map(e -> e.getKey() + "=" + param(e.getValue())).collect(Collectors.joining(", "));
            if (!params.isEmpty()) {
                sb.append("  ").append(params);
            }
        }
        sb.append('\n');
        if (n instanceof NirGraph g) {
            g.nodes().forEach((child, node) -> node(sb, indent + "  ", child, node));
            for (Edge e : g.edges()) {
                sb.append(indent).append("  edge ").append(MessageText.oneLine(e.source())).append(" -> ")
                        .append(MessageText.oneLine(e.target())).append('\n');
            }
        }
    }

    private static String ports(Map<String, Shape> ports) {
        if (ports == null || ports.isEmpty()) {
            return "-";
        }
        if (ports.size() == 1) {
            Shape s = ports.values().iterator().next();
            return s == null ? "?" : s.toString();
        }
        return ports.entrySet().stream().map(e -> e.getKey() + ":" + (e.getValue() == null ? "?" : e.getValue()))
                .collect(Collectors.joining(" ", "{", "}"));
    }

    private static String param(Param p) {
        if (p instanceof Param.Text t) {
            return "'" + t.value() + "'";
        }
        NdArray a = (NdArray) p;
        if (a.size() <= 4) {
            String values = a.dtype().isFloating() ? Arrays.toString(a.toDoubleArray())
                    : Arrays.toString(a.toLongArray());
            return a.isScalar() ? values.substring(1, values.length() - 1) : values;
        }
        return a.dtype().numpyName() + Arrays.toString(a.shape());
    }
}
