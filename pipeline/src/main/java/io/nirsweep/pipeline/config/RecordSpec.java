package io.nirsweep.pipeline.config;

import java.util.List;

/**
 * What a sweep records.
 *
 * @param nodes  the nodes whose output is recorded ({@code outer/inner} inside sub-graphs), or empty for each
 *               graph's output nodes
 * @param traces whether non-spiking recorded nodes write their values to the {@code traces} table
 */
public record RecordSpec(List<String> nodes, boolean traces) {
    /** The graph's outputs, no traces. */
    public static final RecordSpec DEFAULT = new RecordSpec(List.of(), false);

    public RecordSpec {
        nodes = List.copyOf(nodes);
    }
}
