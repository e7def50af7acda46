package io.nirsweep.operators.parquet;

import java.util.Objects;

/**
 * One value of a non-spiking recorded node (LI, I, CubaLI, linear maps) for the {@code traces/} table: one row
 * per (t, neuron). Keys as in {@link SpikeRow}; the partition columns {@code backend} and {@code model} come from
 * the folder ({@link HivePartitions#tracesDir}).
 *
 * @param sweepId id of the sweep run
 * @param cellId  id of the cell
 * @param sample  index of the input sample within the cell's input set
 * @param node    recorded node, {@code outer/inner} inside sub-graphs
 * @param neuron  flat (C-order) index of the neuron within the node
 * @param t       time step
 * @param value   the node's output in that step (float32, as the engine's activations)
 */
public record TraceRow(String sweepId, String cellId, int sample, String node, int neuron, int t, float value) {

    /** Checks the keys here, where a bad value is found next to its cause, rather than in a half-written file. */
    public TraceRow {
        Objects.requireNonNull(sweepId, "TraceRow.sweepId is null");
        Objects.requireNonNull(cellId, "TraceRow.cellId is null");
        Objects.requireNonNull(node, "TraceRow.node is null");
        RowChecks.nonNegative("TraceRow.sample", sample);
        RowChecks.nonNegative("TraceRow.neuron", neuron);
        RowChecks.nonNegative("TraceRow.t", t);
    }
}
