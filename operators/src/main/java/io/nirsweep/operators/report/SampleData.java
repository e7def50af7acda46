package io.nirsweep.operators.report;

import java.io.Serializable;
import java.util.Map;

/**
 * What one backend's results say of one sample of a cell: its row of the {@code cells} table, or its spikes of every
 * recorded node (a backend whose sample spiked nowhere has no spikes element). The report groups them by (model,
 * input, parameter point, sample) to compare the backends.
 */
public sealed interface SampleData extends Serializable permits SampleData.Status, SampleData.Spikes {
    String backend();

    /**
     * The sample's row of the {@code cells} table.
     *
     * @param ok false when the sample failed ({@code error} says why)
     */
    record Status(String backend, boolean ok, Integer predicted, Integer label, int steps, String error)
            implements SampleData {}

    /** The sample's spikes, by recorded node. */
    record Spikes(String backend, Map<String, Events> nodes) implements SampleData {}

    /** A node's spike events: neuron, step and count of each, in the order they were read. */
    record Events(int[] neuron, int[] step, int[] count) implements Serializable {}
}
