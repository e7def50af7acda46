package io.nirsweep.sim.backend;

/**
 * What a platform's NIR importer does to a graph before its engine runs it: parameters it rescales or ignores,
 * nodes it substitutes, refuses or would silently drop (refused here, naming the node), the neuron step it runs
 * for a node where that differs from its kind's, and latencies its connections add. Rules see the graph, never
 * the input; every change they make is written down in the {@link Import} for {@code nirsweep explain}.
 */
public interface ImportRules {
    /** The graph as the file states it: nothing rescaled, substituted or refused. */
    ImportRules NONE = imp -> {
        // NIR's own semantics: nothing to change
    };

    /** Applies the importer's rules, node by node. */
    void apply(Import imp);

    /**
     * Takes a sweep's {@code weight_bits}: quantises the graph's weights as the platform does, or refuses. Simulators
     * keep float32 weights and refuse it.
     */
    default void weightBits(Import imp, int bits) {
        throw imp.refuse(null, "weight_bits " + bits + " applies to hardware targets only; this is a simulator "
                + "(float32 weights)");
    }

    /** Latencies the importer's platform adds, for the backends table ("" when only the engine's). */
    default String latency() {
        return "";
    }

    /** Nodes whose reset differs from the backend's, for the backends table ("" when none). */
    default String resetExceptions() {
        return "";
    }
}
