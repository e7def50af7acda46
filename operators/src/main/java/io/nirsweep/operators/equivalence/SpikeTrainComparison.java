package io.nirsweep.operators.equivalence;

/**
 * The metrics by which the equivalence report compares two backends' spikes of one recorded node in one sample
 * (A and B, on the same neurons and steps). Each is a pure function of the two rasters; the work grows with their
 * events (and, for the counts, with the neurons), never with steps × neurons. docs/equivalence.md defines each one
 * with its source.
 */
public final class SpikeTrainComparison {
    private SpikeTrainComparison() {}

    /** Where two rasters first differ: the earliest step, and the lowest neuron differing at that step. */
    public record Divergence(int step, int neuron) {}

    /**
     * The fraction of (step, neuron) bins whose spike counts are equal in A and B:
     * {@code 1 − |{bins where count_A ≠ count_B}| / (steps × neurons)}; 1 for two empty rasters of no steps.
     */
    public static double identicalBinFraction(SpikeRaster a, SpikeRaster b) {
        requireSameShape(a, b);
        long bins = (long) a.steps() * a.neurons();
        return bins == 0 ? 1.0 : 1.0 - (double) differingBins(a, b) / bins;
    }

    /** The first bin whose counts differ, in step-then-neuron order; null when A and B are identical. */
    public static Divergence firstDivergence(SpikeRaster a, SpikeRaster b) {
        requireSameShape(a, b);
        int i = 0;
        int j = 0;
        while (i < a.events() || j < b.events()) {
            long bin;
            if (j >= b.events() || (i < a.events() && a.bin(i) < b.bin(j))) {
                bin = a.bin(i++);
            } else if (i >= a.events() || b.bin(j) < a.bin(i)) {
                bin = b.bin(j++);
            } else {
                bin = a.bin(i);
                boolean same = a.count(i++) == b.count(j++);
                if (same) {
                    continue;
                }
            }
            return new Divergence((int) (bin / a.neurons()), (int) (bin % a.neurons()));
        }
        return null;
    }

    private static long differingBins(SpikeRaster a, SpikeRaster b) {
        long differing = 0;
        int i = 0;
        int j = 0;
        while (i < a.events() || j < b.events()) {
            if (j >= b.events() || (i < a.events() && a.bin(i) < b.bin(j))) {
                i++;
                differing++;
            } else if (i >= a.events() || b.bin(j) < a.bin(i)) {
                j++;
                differing++;
            } else if (a.count(i++) != b.count(j++)) {
                differing++;
            }
        }
        return differing;
    }

    /**
     * Agreement of the spike counts per neuron (summed over the steps), the Ružička similarity of the two count
     * vectors: {@code Σ_n min(A_n, B_n) / Σ_n max(A_n, B_n)}; 1 when both are silent, 0 when no neuron spikes in
     * both.
     */
    public static double countAgreement(SpikeRaster a, SpikeRaster b) {
        requireSameShape(a, b);
        long[] ta = a.totals();
        long[] tb = b.totals();
        long min = 0;
        long max = 0;
        for (int n = 0; n < ta.length; n++) {
            min += Math.min(ta[n], tb[n]);
            max += Math.max(ta[n], tb[n]);
        }
        return max == 0 ? 1.0 : (double) min / max;
    }

    /**
     * Pearson's correlation of the per-neuron spike counts of A and B; NaN (no correlation defined) when either
     * vector is constant, e.g. a silent node or a node of one neuron.
     */
    public static double countCorrelation(SpikeRaster a, SpikeRaster b) {
        requireSameShape(a, b);
        long[] ta = a.totals();
        long[] tb = b.totals();
        int n = ta.length;
        double meanA = 0;
        double meanB = 0;
        for (int k = 0; k < n; k++) {
            meanA += ta[k];
            meanB += tb[k];
        }
        meanA /= n;
        meanB /= n;
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int k = 0; k < n; k++) {
            double da = ta[k] - meanA;
            double db = tb[k] - meanB;
            sab += da * db;
            saa += da * da;
            sbb += db * db;
        }
        return saa == 0 || sbb == 0 ? Double.NaN : sab / Math.sqrt(saa * sbb);
    }

    /**
     * The van Rossum distance in discrete time, summed over the neurons: each neuron's difference of counts
     * {@code x[t] = A[t] − B[t]} is filtered by a causal exponential kernel of time constant {@code tau} steps,
     * {@code f[t] = Σ_{s ≤ t} x[s]·λ^{t−s}} with {@code λ = e^{−1/tau}}, and
     * {@code D = sqrt( (1/tau) · Σ_neurons Σ_{t < steps} f[t]² )}. One spike against none, far from the end, gives
     * {@code D² = 1 / (tau·(1 − λ²))}, which tends to van Rossum's 1/2 as tau grows. Between events f decays
     * geometrically, so each run of steps is one closed-form sum: the work grows with the events.
     *
     * @param tau the kernel's time constant in steps, positive
     */
    public static double vanRossum(SpikeRaster a, SpikeRaster b, double tau) {
        requireSameShape(a, b);
        if (!(tau > 0) || Double.isInfinite(tau)) {
            throw new IllegalArgumentException("tau must be a positive number of steps, not " + tau);
        }
        double lambda = Math.exp(-1.0 / tau);
        double lambda2 = lambda * lambda;
        int neurons = a.neurons();
        // Per neuron: the filtered difference just after its last event, and that event's step.
        double[] value = new double[neurons];
        int[] since = new int[neurons];
        boolean[] started = new boolean[neurons];
        double sum = 0;
        int i = 0;
        int j = 0;
        while (i < a.events() || j < b.events()) {
            long bin;
            int x;
            if (j >= b.events() || (i < a.events() && a.bin(i) < b.bin(j))) {
                bin = a.bin(i);
                x = a.count(i++);
            } else if (i >= a.events() || b.bin(j) < a.bin(i)) {
                bin = b.bin(j);
                x = -b.count(j++);
            } else {
                bin = a.bin(i);
                x = a.count(i++) - b.count(j++);
            }
            if (x == 0) {
                continue;
            }
            int step = (int) (bin / neurons);
            int n = (int) (bin % neurons);
            if (started[n]) {
                int run = step - since[n];
                sum += value[n] * value[n] * geometric(lambda2, run);
                value[n] = value[n] * Math.pow(lambda, run) + x;
            } else {
                started[n] = true;
                value[n] = x;
            }
            since[n] = step;
        }
        for (int n = 0; n < neurons; n++) {
            if (started[n]) {
                sum += value[n] * value[n] * geometric(lambda2, a.steps() - since[n]);
            }
        }
        return Math.sqrt(sum / tau);
    }

    /** {@code Σ_{k<m} r^k}, for {@code 0 ≤ r < 1}. */
    private static double geometric(double r, int m) {
        return -Math.expm1(m * Math.log(r)) / (1.0 - r);
    }

    private static void requireSameShape(SpikeRaster a, SpikeRaster b) {
        if (a.neurons() != b.neurons() || a.steps() != b.steps()) {
            throw new IllegalArgumentException("the rasters differ in shape: " + a.neurons() + " neurons × "
                    + a.steps() + " steps against " + b.neurons() + " × " + b.steps());
        }
    }
}
