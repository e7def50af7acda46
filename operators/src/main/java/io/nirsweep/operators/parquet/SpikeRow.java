package io.nirsweep.operators.parquet;

import java.util.Objects;

/**
 * One spike event of the {@code spikes/} table: {@code count} spikes of one neuron of a recorded node in one time
 * step. The partition columns {@code backend} and {@code model} are not part of the row; they come from the folder
 * the file is written to ({@link HivePartitions#spikesDir}).
 *
 * @param sweepId id of the sweep run
 * @param cellId  id of the (model, input set, backend, parameter point) cell
 * @param sample  index of the input sample within the cell's input set
 * @param node    recorded node, {@code outer/inner} inside sub-graphs
 * @param neuron  flat (C-order) index of the neuron within the node
 * @param t       time step
 * @param count   spikes emitted in that step: 1, or more on multi-spike backends; never 0 (no event, no row)
 */
public record SpikeRow(String sweepId, String cellId, int sample, String node, int neuron, int t, int count) {

    /** Checks the row here, where a bad value is found next to its cause, rather than in a half-written file. */
    public SpikeRow {
        Objects.requireNonNull(sweepId, "SpikeRow.sweepId is null");
        Objects.requireNonNull(cellId, "SpikeRow.cellId is null");
        Objects.requireNonNull(node, "SpikeRow.node is null");
        RowChecks.nonNegative("SpikeRow.sample", sample);
        RowChecks.nonNegative("SpikeRow.neuron", neuron);
        RowChecks.nonNegative("SpikeRow.t", t);
        if (count < 1) {
            throw new IllegalArgumentException("SpikeRow.count must be at least 1 (a spike event), got " + count);
        }
    }
}
