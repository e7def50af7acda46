package io.nirsweep.sim.neuron;

import io.nirsweep.sim.SimulationException;

/**
 * Exact exponential integration of NIR's ODEs with step-constant input. A threshold crossing inside the step is
 * located exactly; the neuron resets at that instant and integration continues for the rest of the step, so a step
 * may hold several spikes (the output is their count).
 *
 * <pre>
 *   LI, LIF:  v(t) = v∞ + (v0 − v∞)·e^{−t/τ},  v∞ = v_leak + R·x;  crossing at t* = τ·ln((v0 − v∞)/(θ − v∞))
 *   I, IF:    v(t) = v0 + R·x·t;                                  crossing at t* = (θ − v0)/(R·x)
 *   Cuba:     see {@link CubaFlow}; crossings found by bisection between v's extremum and the end of the interval
 * </pre>
 *
 * After a crossing v restarts from the reset value; with the input still on, the further crossings of the step each
 * take the same time (from the reset value up to θ).
 */
public final class ExactNeuronStep extends MembraneStep<ExactNeuronStep.State> {
    /** Most spikes one neuron may fire within one step before the input is refused. */
    private static final int MAX_SPIKES_PER_STEP = 10_000;

    /**
     * One sample's membranes and currents, and where the neurons that cross θ within a step are listed (written
     * only as far as there are crossings: a few cache lines however large the layer).
     */
    public static final class State extends MembraneState {
        final int[] crossing;

        State(int n, boolean cuba) {
            super(n, cuba);
            crossing = new int[n + 1];
        }
    }

    private final String node;
    private final double dt;
    private final boolean strict;
    private final boolean float32;
    private final double[] resetAtCrossing; // v_reset, or zeros
    private final boolean leaky;
    private final double[] r;
    private final double[] vLeak;
    private final double[] decay; // e^{−dt/τ}

    /**
     * @param resetAtCrossing the membrane right after a spike, per neuron: v_reset, or 0 (a zero reset, or θ − θ for
     *     a subtracting one)
     */
    public ExactNeuronStep(String node, NeuronParams p, double dt, SpikeTest test, double[] resetAtCrossing,
            Precision precision) {
        super(p);
        this.node = node;
        this.dt = dt;
        this.strict = test == SpikeTest.GREATER;
        this.float32 = precision == Precision.FLOAT32;
        this.resetAtCrossing = resetAtCrossing;
        this.leaky = p.leaky();
        this.r = p.r();
        this.vLeak = p.vLeak();
        this.decay = Integration.decays(p.tau(), dt);
    }

    /** Refuses a v_reset at or above θ: exact integration would fire without end inside one step. */
    public static void requireResetBelowThreshold(String node, NeuronParams p) {
        if (!p.spiking()) {
            return;
        }
        for (int k = 0; k < p.size(); k++) {
            if (p.vReset()[k] >= p.vThreshold()[k]) {
                throw new SimulationException(node, "v_reset " + p.vReset()[k] + " >= v_threshold "
                        + p.vThreshold()[k] + " (neuron " + k + "): exact integration would fire without end");
            }
        }
    }

    @Override
    public State newState() {
        return new State(p.size(), p.cuba());
    }

    @Override
    public void step(float[] x, State s, float[] y) {
        if (p.cuba()) {
            double[] v = s.v;
            double[] i = s.i;
            for (int k = 0; k < v.length; k++) {
                y[k] = (float) exactCuba(x[k], v, i, k);
                v[k] = rounded(v[k]);
                i[k] = rounded(i[k]);
            }
        } else {
            exact(x, s, y);
        }
    }

    private double rounded(double x) {
        return float32 ? (float) x : x;
    }

    private boolean exceeds(double v, double threshold) {
        return strict ? v > threshold : v >= threshold;
    }

    /**
     * I, IF, LI, LIF: every membrane relaxes over the whole step as if nothing fired, and the neurons that reach θ on
     * the way are listed; then those few are redone with the exact crossing time.
     */
    private void exact(float[] x, State s, float[] y) {
        double[] v = s.v;
        int n = v.length;
        if (!p.spiking()) {
            for (int k = 0; k < n; k++) {
                double next = relaxed(v[k], x[k], k);
                v[k] = rounded(next);
                y[k] = (float) next;
            }
            return;
        }
        double[] th = p.vThreshold();
        int[] crossing = s.crossing;
        int count = 0;
        for (int k = 0; k < n; k++) { // selects, not branches: crossings are rare and random
            double next = relaxed(v[k], x[k], k);
            boolean crosses = strict ? v[k] > th[k] || next > th[k] : v[k] >= th[k] || next >= th[k];
            crossing[count] = k;
            count += crosses ? 1 : 0;
            v[k] = crosses ? v[k] : next;
            y[k] = 0f;
        }
        for (int c = 0; c < count; c++) {
            int k = crossing[c];
            y[k] = (float) fireWithin(x[k], v, k);
        }
        if (float32) {
            for (int k = 0; k < n; k++) {
                v[k] = (float) v[k];
            }
        }
    }

    /** The membrane at the end of the step if nothing fired: v∞ + (v − v∞)·e^{−dt/τ}, or v + dt·R·x. */
    private double relaxed(double v, float x, int k) {
        if (leaky) {
            double vInf = vLeak[k] + r[k] * x;
            return vInf + (v - vInf) * decay[k];
        }
        return v + dt * (r[k] * x);
    }

    /**
     * A neuron that reaches θ within the step: the crossing instant, the reset there, then (with the input still
     * on) as many further crossings as the rest of the step holds. Sets vs[k] to the membrane at the end of the
     * step; returns the spike count.
     */
    private double fireWithin(double x, double[] vs, int k) {
        double v = vs[k];
        double th = p.vThreshold()[k];
        double vr = resetAtCrossing[k];
        double count;
        if (p.leaky()) {
            double tau = p.tau()[k];
            double vInf = p.vLeak()[k] + p.r()[k] * x;
            double crossing = exceeds(v, th) ? 0 : tau * Math.log((v - vInf) / (th - vInf));
            double rest = Math.max(0, dt - crossing);
            count = 1;
            if (vInf > th) {
                double cycle = tau * Math.log((vr - vInf) / (th - vInf));
                double more = Math.floor(rest / cycle);
                count += more;
                rest = Math.max(0, rest - more * cycle);
            }
            vs[k] = vInf + (vr - vInf) * Math.exp(-rest / tau);
        } else {
            double slope = p.r()[k] * x;
            double crossing = exceeds(v, th) ? 0 : (th - v) / slope;
            double rest = Math.max(0, dt - crossing);
            count = 1;
            if (slope > 0) {
                double cycle = (th - vr) / slope;
                double more = Math.floor(rest / cycle);
                count += more;
                rest = Math.max(0, rest - more * cycle);
            }
            vs[k] = vr + slope * rest;
        }
        if (count > MAX_SPIKES_PER_STEP) {
            throw tooManySpikes(k);
        }
        return count;
    }

    /** CubaLI, CubaLIF, one neuron: returns its spike count (or v); sets vs[k] and is[k]. */
    private double exactCuba(double x, double[] vs, double[] is, int k) {
        CubaFlow flow = new CubaFlow(p.r()[k], p.tau()[k], p.tauSyn()[k], p.vLeak()[k], p.wIn()[k] * x);
        double v = vs[k];
        double i = is[k];
        if (!p.spiking()) {
            vs[k] = flow.v(v, i, dt);
            is[k] = flow.i(i, dt);
            return vs[k];
        }
        double th = p.vThreshold()[k];
        double vr = resetAtCrossing[k];
        double rest = dt;
        int count = 0;
        while (true) {
            double crossing = flow.firstCrossing(v, i, rest, th, strict);
            if (Double.isNaN(crossing)) {
                vs[k] = flow.v(v, i, rest);
                is[k] = flow.i(i, rest);
                return count;
            }
            if (++count > MAX_SPIKES_PER_STEP) {
                throw tooManySpikes(k);
            }
            i = flow.i(i, crossing);
            v = vr;
            rest -= crossing;
        }
    }

    private SimulationException tooManySpikes(int k) {
        return new SimulationException(node, "neuron " + k + " fires more than " + MAX_SPIKES_PER_STEP
                + " times within one step of " + dt + " s; the input is too strong to integrate at this dt");
    }
}
