package io.nirsweep.sim;

/**
 * What a simulator's NIR importer does to a graph before its engine runs it (platforms.md §4): parameters it
 * rescales or ignores, nodes it substitutes, refuses or would silently drop (refused here, naming the node), and
 * per-node exceptions to its backend's choices. Rules see the graph, never the input; every change they make is
 * written down in the {@link Import} for {@code nirsweep explain}.
 */
public interface ImportRules {
    /** The graph as the file states it: nothing rescaled, substituted or refused. */
    ImportRules NONE = new ImportRules() {
        @Override
        public void apply(Import imp) {
            // NIR's own semantics: nothing to change
        }
    };

    /** Applies the importer's rules, node by node. */
    void apply(Import imp);

    /** Latencies the importer's platform adds, for the backends table ("" when only the engine's). */
    default String latency() {
        return "";
    }

    /** Nodes whose reset differs from the backend's, for the backends table ("" when none). */
    default String resetExceptions() {
        return "";
    }
}
