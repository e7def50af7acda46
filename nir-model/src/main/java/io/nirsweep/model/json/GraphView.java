package io.nirsweep.model.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nirsweep.model.DType;
import io.nirsweep.model.Edge;
import io.nirsweep.model.Flatten;
import io.nirsweep.model.Input;
import io.nirsweep.model.Metadata;
import io.nirsweep.model.NdArray;
import io.nirsweep.model.NirException;
import io.nirsweep.model.NirGraph;
import io.nirsweep.model.NirNode;
import io.nirsweep.model.Output;
import io.nirsweep.model.Param;
import io.nirsweep.model.Shape;
import io.nirsweep.model.hdf5.ReadLimits;
import java.util.Map;

/**
 * The JSON view of a read graph that {@code inspect --json} prints, in the layout of the reference corpus's
 * {@code expected/*.json}: {@code type}, then {@code nodes}+{@code edges} (graphs) or {@code params}
 * (primitives), {@code input_type}, {@code output_type} (after inference) and {@code metadata} when present.
 * Arrays of more than {@value #FULL_VALUES_LIMIT} elements are summarised by {@code first}, {@code sum} and
 * {@code abs_sum}.
 */
public final class GraphView {
    /** Arrays up to this many elements are listed in full. */
    public static final int FULL_VALUES_LIMIT = 64;

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    /**
     * A nested graph is two JSON levels ({@code nodes}, the child), a metadata group one: room for the deepest
     * file a reader accepts, over Jackson's default of 1,000 levels.
     */
    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamWriteConstraints(StreamWriteConstraints.builder()
                    .maxNestingDepth(4 * ReadLimits.MAX_DEPTH + 16).build())
            .build());

    private GraphView() {}

    /** {@code {"ok": true, "graph": NODE}}. */
    public static ObjectNode success(NirNode root) {
        ObjectNode o = F.objectNode();
        o.put("ok", true);
        o.set("graph", node(root));
        return o;
    }

    /** {@code {"ok": false, "error": KIND, "message": ...}}. */
    public static ObjectNode failure(NirException e) {
        ObjectNode o = F.objectNode();
        o.put("ok", false);
        o.put("error", e.kind().label());
        o.put("message", e.getMessage());
        return o;
    }

    public static String toJson(JsonNode node) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a JSON tree", e);
        }
    }

    public static ObjectNode node(NirNode n) {
        ObjectNode o = F.objectNode();
        o.put("type", n.typeName());
        if (n instanceof NirGraph g) {
            ObjectNode nodes = o.putObject("nodes");
            g.nodes().forEach((name, child) -> nodes.set(name, node(child)));
            ArrayNode edges = o.putArray("edges");
            for (Edge e : g.edges()) {
                edges.addArray().add(e.source()).add(e.target());
            }
        } else {
            ObjectNode params = o.putObject("params");
            n.storedParams().forEach((key, value) -> {
                if (!isShapeKey(n, key)) {
                    params.set(key, param(value));
                }
            });
        }
        o.set("input_type", ports(n.inputType()));
        o.set("output_type", ports(n.outputType()));
        if (!n.metadata().isEmpty()) {
            o.set("metadata", metadata(n.metadata()));
        }
        return o;
    }

    /** Input/Output {@code shape} and Flatten {@code input_type} are shown as the node's types, not params. */
    private static boolean isShapeKey(NirNode n, String key) {
        return (n instanceof Input || n instanceof Output) && key.equals("shape")
                || n instanceof Flatten && key.equals("input_type");
    }

    private static JsonNode ports(Map<String, Shape> ports) {
        if (ports == null) {
            return F.nullNode();
        }
        ObjectNode o = F.objectNode();
        ports.forEach((name, shape) -> {
            if (shape == null) {
                o.putNull(name);
            } else {
                ArrayNode dims = o.putArray(name);
                for (int d : shape.dims()) {
                    dims.add(d);
                }
            }
        });
        return o;
    }

    private static JsonNode param(Param p) {
        if (p instanceof Param.Text t) {
            return F.objectNode().put("str", t.value());
        }
        return array((NdArray) p);
    }

    static ObjectNode array(NdArray a) {
        ObjectNode o = F.objectNode();
        o.put("dtype", a.dtype().numpyName());
        ArrayNode shape = o.putArray("shape");
        for (int d : a.shape()) {
            shape.add(d);
        }
        if (a.size() <= FULL_VALUES_LIMIT) {
            ArrayNode values = o.putArray("values");
            for (int i = 0; i < a.size(); i++) {
                values.add(element(a, i));
            }
        } else {
            ArrayNode first = o.putArray("first");
            for (int i = 0; i < 8; i++) {
                first.add(element(a, i));
            }
            if (a.dtype().isFloating()) {
                double sum = 0;
                double absSum = 0;
                for (int i = 0; i < a.size(); i++) {
                    sum += a.getDouble(i);
                    absSum += Math.abs(a.getDouble(i));
                }
                o.put("sum", sum);
                o.put("abs_sum", absSum);
            } else {
                long sum = 0;
                long absSum = 0;
                for (int i = 0; i < a.size(); i++) {
                    sum += a.getLong(i);
                    absSum += Math.abs(a.getLong(i));
                }
                o.put("sum", sum);
                o.put("abs_sum", absSum);
            }
        }
        return o;
    }

    private static JsonNode element(NdArray a, int i) {
        if (a.dtype() == DType.BOOL) {
            return F.booleanNode(a.getLong(i) != 0);
        }
        if (a.dtype().isFloating()) {
            return F.numberNode(a.getDouble(i));
        }
        if (a.dtype() == DType.UINT64 && a.getLong(i) < 0) {
            return F.numberNode(new java.math.BigInteger(Long.toUnsignedString(a.getLong(i))));
        }
        return F.numberNode(a.getLong(i));
    }

    private static ObjectNode metadata(Metadata m) {
        ObjectNode o = F.objectNode();
        m.entries().forEach((key, value) -> o.set(key, metaValue(value)));
        return o;
    }

    private static JsonNode metaValue(Metadata.Value v) {
        if (v instanceof Metadata.Text t) {
            return F.objectNode().put("str", t.value());
        }
        if (v instanceof Metadata.Array a) {
            return array(a.value());
        }
        if (v instanceof Metadata.Group g) {
            ObjectNode o = F.objectNode();
            o.set("dict", metadata(g.value()));
            return o;
        }
        Metadata.Texts texts = (Metadata.Texts) v;
        ObjectNode o = F.objectNode();
        o.put("dtype", "str");
        ArrayNode shape = o.putArray("shape");
        for (int d : texts.shape()) {
            shape.add(d);
        }
        ArrayNode values = o.putArray("values");
        for (String s : texts.values()) {
            values.add(s);
        }
        return o;
    }
}
