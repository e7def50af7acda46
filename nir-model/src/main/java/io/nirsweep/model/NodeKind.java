package io.nirsweep.model;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The nineteen node types of the NIR file format (spec §3.8): their {@code type} strings, the parameter keys
 * their HDF5 groups hold (required and optional, in the reference's constructor order), and how to build
 * the node from them. The reader uses this table to refuse unknown types and keys with a precise message.
 */
public enum NodeKind {
    INPUT("Input", keys("shape"), keys()),
    OUTPUT("Output", keys("shape"), keys()),
    NIR_GRAPH("NIRGraph", keys(), keys()),
    AFFINE("Affine", keys("weight", "bias"), keys()),
    LINEAR("Linear", keys("weight"), keys()),
    SCALE("Scale", keys("scale"), keys()),
    CONV1D("Conv1d", keys("weight", "stride", "padding", "dilation", "groups", "bias"), keys("input_shape")),
    CONV2D("Conv2d", keys("weight", "stride", "padding", "dilation", "groups", "bias"), keys("input_shape")),
    SUM_POOL2D("SumPool2d", keys("kernel_size", "stride", "padding"), keys()),
    AVG_POOL2D("AvgPool2d", keys("kernel_size", "stride", "padding"), keys()),
    FLATTEN("Flatten", keys(), keys("start_dim", "end_dim", "input_type")),
    DELAY("Delay", keys("delay"), keys()),
    THRESHOLD("Threshold", keys("threshold"), keys()),
    I("I", keys("r"), keys()),
    IF("IF", keys("r", "v_threshold"), keys("v_reset")),
    LI("LI", keys("tau", "r", "v_leak"), keys()),
    LIF("LIF", keys("tau", "r", "v_leak", "v_threshold"), keys("v_reset")),
    CUBA_LI("CubaLI", keys("tau_syn", "tau_mem", "r", "v_leak"), keys("w_in")),
    CUBA_LIF("CubaLIF", keys("tau_syn", "tau_mem", "r", "v_leak", "v_threshold"), keys("v_reset", "w_in"));

    /**
     * Kinds whose reference constructors also take {@code input_type}/{@code output_type} keyword arguments
     * and then overwrite them: such stored keys are accepted and ignored, as the reference does.
     */
    private static final Set<NodeKind> TOLERATES_TYPE_KEYS =
            Set.of(AFFINE, CONV1D, CUBA_LI, CUBA_LIF, DELAY, I, IF, LI, LIF, SUM_POOL2D, THRESHOLD);

    private final String typeName;
    private final List<String> required;
    private final List<String> optional;

    NodeKind(String typeName, List<String> required, List<String> optional) {
        this.typeName = typeName;
        this.required = required;
        this.optional = optional;
    }

    private static List<String> keys(String... keys) {
        return List.of(keys);
    }

    public String typeName() {
        return typeName;
    }

    public List<String> required() {
        return required;
    }

    public List<String> optional() {
        return optional;
    }

    /** True when {@code key} is a parameter this kind stores (or tolerates and ignores). */
    public boolean accepts(String key) {
        return required.contains(key) || optional.contains(key) || ignores(key);
    }

    /** Stored keys the reference accepts for this kind and then discards. */
    public boolean ignores(String key) {
        return TOLERATES_TYPE_KEYS.contains(this) && (key.equals("input_type") || key.equals("output_type"))
                && !optional.contains(key);
    }

    /** The kind for a {@code type} string, or null when NIR has no such node type. */
    public static NodeKind ofTypeName(String typeName) {
        for (NodeKind k : values()) {
            if (k.typeName.equals(typeName)) {
                return k;
            }
        }
        return null;
    }

    /** The kind of a node. */
    public static NodeKind of(NirNode node) {
        return ofTypeName(node.typeName());
    }

    /** All type strings, for messages. */
    public static String typeNames() {
        return Arrays.stream(values()).map(NodeKind::typeName).toList().toString();
    }

    /**
     * Builds a primitive (not a graph) from its stored parameters; keys must already be checked against
     * {@link #accepts}. Numeric parameters must be arrays; only Conv padding may be text.
     */
    public NirNode build(Map<String, Param> p, Metadata m) {
        Params a = new Params(p);
        return switch (this) {
            case INPUT -> new Input(a.array("shape"), m);
            case OUTPUT -> new Output(a.array("shape"), m);
            case AFFINE -> new Affine(a.array("weight"), a.array("bias"), m);
            case LINEAR -> new Linear(a.array("weight"), m);
            case SCALE -> new Scale(a.array("scale"), m);
            case CONV1D -> new Conv1d(a.array("input_shape"), a.array("weight"), a.array("stride"),
                    a.param("padding"), a.array("dilation"), a.array("groups"), a.array("bias"), m);
            case CONV2D -> new Conv2d(a.array("input_shape"), a.array("weight"), a.array("stride"),
                    a.param("padding"), a.array("dilation"), a.array("groups"), a.array("bias"), m);
            case SUM_POOL2D -> new SumPool2d(a.array("kernel_size"), a.array("stride"), a.array("padding"), null, m);
            case AVG_POOL2D -> new AvgPool2d(a.array("kernel_size"), a.array("stride"), a.array("padding"), null, m);
            case FLATTEN -> new Flatten(a.array("start_dim"), a.array("end_dim"), a.array("input_type"), m);
            case DELAY -> new Delay(a.array("delay"), m);
            case THRESHOLD -> new Threshold(a.array("threshold"), m);
            case I -> new io.nirsweep.model.I(a.array("r"), m);
            case IF -> new io.nirsweep.model.IF(a.array("r"), a.array("v_threshold"), a.array("v_reset"), m);
            case LI -> new io.nirsweep.model.LI(a.array("tau"), a.array("r"), a.array("v_leak"), m);
            case LIF -> new io.nirsweep.model.LIF(a.array("tau"), a.array("r"), a.array("v_leak"),
                    a.array("v_threshold"), a.array("v_reset"), m);
            case CUBA_LI -> new CubaLI(a.array("tau_syn"), a.array("tau_mem"), a.array("r"), a.array("v_leak"),
                    a.array("w_in"), m);
            case CUBA_LIF -> new CubaLIF(a.array("tau_syn"), a.array("tau_mem"), a.array("r"), a.array("v_leak"),
                    a.array("v_threshold"), a.array("v_reset"), a.array("w_in"), m);
            case NIR_GRAPH -> throw new IllegalArgumentException("a graph is built from its children, not params");
        };
    }

    private record Params(Map<String, Param> values) {
        NdArray array(String key) {
            Param p = values.get(key);
            if (p == null || p instanceof NdArray) {
                return (NdArray) p;
            }
            throw NirException.value(key, "must be numeric, is the string "
                    + MessageText.quote(((Param.Text) p).value()));
        }

        Param param(String key) {
            return values.get(key);
        }
    }
}
