package io.nirsweep.operators.equivalence;

import java.util.Arrays;

/**
 * One recorded node's spikes in one sample, as the {@code spikes} table holds them: sparse events, one per
 * (step, neuron) bin that spiked, with the number of spikes in that bin. Kept sorted by step, then neuron.
 *
 * @param neurons the node's neuron count (flat, C order)
 * @param steps   the steps simulated
 */
public final class SpikeRaster {
    private final int neurons;
    private final int steps;
    /** Bins as {@code step * neurons + neuron}, ascending; {@code counts} in the same order. */
    private final long[] bins;
    private final int[] counts;

    private SpikeRaster(int neurons, int steps, long[] bins, int[] counts) {
        this.neurons = neurons;
        this.steps = steps;
        this.bins = bins;
        this.counts = counts;
    }

    /**
     * The raster of these events, in any order.
     *
     * @throws IllegalArgumentException for a neuron or step out of range, a count below 1, or one bin twice
     */
    public static SpikeRaster of(int neurons, int steps, int[] neuron, int[] step, int[] count) {
        if (neurons < 1 || steps < 0) {
            throw new IllegalArgumentException("a raster needs at least one neuron and no negative steps, not "
                    + neurons + " neurons and " + steps + " steps");
        }
        if (neuron.length != step.length || neuron.length != count.length) {
            throw new IllegalArgumentException("neuron, step and count differ in length");
        }
        int n = neuron.length;
        long[] keyed = new long[n];
        for (int i = 0; i < n; i++) {
            if (neuron[i] < 0 || neuron[i] >= neurons) {
                throw new IllegalArgumentException("neuron " + neuron[i] + " is outside 0.." + (neurons - 1));
            }
            if (step[i] < 0 || step[i] >= steps) {
                throw new IllegalArgumentException("step " + step[i] + " is outside 0.." + (steps - 1));
            }
            if (count[i] < 1) {
                throw new IllegalArgumentException("count " + count[i] + " at step " + step[i] + ", neuron "
                        + neuron[i] + ": a spike event counts at least 1");
            }
            keyed[i] = (long) step[i] * neurons + neuron[i];
        }
        boolean ascending = true;
        for (int i = 1; i < n && ascending; i++) {
            ascending = keyed[i - 1] <= keyed[i];
        }
        long[] bins = new long[n];
        int[] counts = new int[n];
        if (ascending) { // already in step-then-neuron order: no boxed sort
            System.arraycopy(keyed, 0, bins, 0, n);
            System.arraycopy(count, 0, counts, 0, n);
        } else {
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (x, y) -> Long.compare(keyed[x], keyed[y]));
            for (int i = 0; i < n; i++) {
                bins[i] = keyed[order[i]];
                counts[i] = count[order[i]];
            }
        }
        for (int i = 1; i < n; i++) {
            if (bins[i] == bins[i - 1]) {
                throw new IllegalArgumentException("step " + bins[i] / neurons + ", neuron " + bins[i] % neurons
                        + " appears twice");
            }
        }
        return new SpikeRaster(neurons, steps, bins, counts);
    }

    public int neurons() {
        return neurons;
    }

    public int steps() {
        return steps;
    }

    /** Number of (step, neuron) bins with spikes. */
    int events() {
        return bins.length;
    }

    /** The {@code i}-th event's bin, {@code step * neurons + neuron} (events ascending by bin). */
    long bin(int i) {
        return bins[i];
    }

    /** The {@code i}-th event's spike count. */
    int count(int i) {
        return counts[i];
    }

    /** Spikes per neuron over all steps. */
    long[] totals() {
        long[] totals = new long[neurons];
        for (int i = 0; i < bins.length; i++) {
            totals[(int) (bins[i] % neurons)] += counts[i];
        }
        return totals;
    }
}
