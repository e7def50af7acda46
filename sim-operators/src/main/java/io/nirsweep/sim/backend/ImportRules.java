package io.nirsweep.sim.backend;

/**
 * What a platform's NIR importer does to a graph before its engine runs it: parameters it rescales or ignores,
 * nodes it substitutes, refuses or would silently drop (refused here, naming the node), the neuron step it runs
 * for a node where that differs from its kind's, and latencies its connections add. Rules see the graph, never
 * the input; every change they make is written down in the {@link Import} for {@code nirsweep explain}. An importer
 * split into named rules ({@link NamedRules}) can be recombined rule by rule ({@link Recipe}); any other is one
 * indivisible choice.
 */
public interface ImportRules {
    /** The graph as the file states it: nothing rescaled, substituted or refused. */
    ImportRules NONE = imp -> {
        // NIR's own semantics: nothing to change
    };

    /** Applies the importer's rules, node by node (its dt rules first: {@link #applyDtRules}). */
    void apply(Import imp);

    /**
     * Sets the step length before anything reads it — the rules that fix dt, and, when the run asks for the
     * importer's own dt, the rules that give it — and refuses a run that asked for the importer's own dt when it has
     * none ({@link Import#requireDt}). Repeating it changes nothing. An importer that is not split into named rules
     * fixes no dt and has none of its own unless it says so here.
     */
    default void applyDtRules(Import imp) {
        imp.requireDt();
    }

    /**
     * Why the platform cannot take a sweep's {@code weight_bits} (the width its weights are quantised to), or null
     * when it takes them. No backend here quantises weights yet: each keeps the file's float32 weights and refuses.
     */
    default String weightBitsRefusal(int bits) {
        return "it keeps the file's float32 weights (weight_bits applies to hardware targets that quantise them)";
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
