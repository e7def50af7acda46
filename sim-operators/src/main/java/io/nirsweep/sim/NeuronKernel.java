package io.nirsweep.sim;

/**
 * The neuron primitives — I, LI, IF, LIF, CubaLI, CubaLIF — under a backend's integrator, spike test, reset
 * rule and precision. Equations (NIR spec §3.7), with x the summed input held constant over the step:
 *
 * <pre>
 *   synapse (Cuba only):  τ_syn·di/dt = −i + w_in·x              membrane input  u = R·i   (else u = R·x)
 *   leaky membrane:       τ·dv/dt     = (v_leak − v) + u          (LI, LIF, CubaLI, CubaLIF)
 *   integrator membrane:  dv/dt       = u                         (I, IF)
 *   spiking (IF, LIF, CubaLIF): z = [v &gt; v_threshold], then v ← v_reset (or v − v_threshold)
 * </pre>
 *
 * Spiking neurons output their spike count per step; the others their membrane v.
 */
final class NeuronKernel extends Kernel<NeuronKernel.State> {
    /** Most spikes one neuron may fire within one step under exact integration before the input is refused. */
    static final int MAX_SPIKES_PER_STEP = 10_000;

    /** Membrane (and synaptic current for Cuba models) of each sample, {@code [b][k]}. */
    static final class State {
        final double[][] v;
        final double[][] i;
        /** The spikes emitted at the start of this step ({@link Backend.SpikeTest#PREVIOUS_STEP}), else null. */
        final float[][] emitted;

        State(int batch, int n, boolean cuba, boolean emitsFirst) {
            v = new double[batch][n];
            i = cuba ? new double[batch][n] : null;
            emitted = emitsFirst ? new float[batch][n] : null;
        }
    }

    /**
     * A simulator importer's choices for one node where they differ from its backend's (platforms.md §4).
     *
     * @param reset the reset of this node (null: the backend's)
     * @param floor the lowest membrane after the reset, per neuron (null: none) — Sinabs' min_v_mem, Nengo's v ≥ 0
     * @param resetTiming for a spike emitted before the input ({@link Backend.SpikeTest#PREVIOUS_STEP}): whether θ is
     *     subtracted before the membrane decays, after, or both (Spyx's LIF, RCuBaLIF and CuBaLIF differ)
     * @param synapseRestsAtVLeak the synaptic current relaxes to v_leak instead of 0 (Norse's CubaLIF synapse)
     * @param maxSpikes most spikes counted (and θ subtracted for) per step under {@link Backend.Reset#SUBTRACT_ALL}
     *     (Rockpool's max_spikes_per_dt); 0: no cap
     */
    record Options(Backend.Reset reset, double[] floor, ResetTiming resetTiming, boolean synapseRestsAtVLeak,
            double maxSpikes) {
        static final Options NONE = new Options(null, null, ResetTiming.BEFORE_DECAY, false, 0);

        Options withReset(Backend.Reset r) {
            return new Options(r, floor, resetTiming, synapseRestsAtVLeak, maxSpikes);
        }

        Options withFloor(double[] f) {
            return new Options(reset, f, resetTiming, synapseRestsAtVLeak, maxSpikes);
        }

        Options withResetTiming(ResetTiming t) {
            return new Options(reset, floor, t, synapseRestsAtVLeak, maxSpikes);
        }

        Options withSynapseRestingAtVLeak() {
            return new Options(reset, floor, resetTiming, true, maxSpikes);
        }

        Options withMaxSpikes(double cap) {
            return new Options(reset, floor, resetTiming, synapseRestsAtVLeak, cap);
        }
    }

    /** When a spike emitted at the start of a step (Spyx) takes θ off the membrane. */
    enum ResetTiming {
        /** v ← β·(v − θ·s) + x: before the decay (Spyx's RCuBaLIF; the end-of-step reset of other backends). */
        BEFORE_DECAY,
        /** v ← β·v + x − θ·s: after the decay (Spyx's LIF and IF). */
        AFTER_DECAY,
        /** v ← β·(v − θ·s) + i − θ·s: both (Spyx's non-recurrent CuBaLIF, which subtracts θ twice per spike). */
        TWICE
    }

    /** Per-neuron parameters; arrays the neuron type lacks are null. */
    record Params(double[] r, double[] tau, double[] vLeak, double[] vThreshold, double[] vReset, double[] tauSyn,
            double[] wIn) {
        boolean leaky() {
            return tau != null;
        }

        boolean spiking() {
            return vThreshold != null;
        }

        boolean cuba() {
            return tauSyn != null;
        }

        int size() {
            return r.length;
        }

        Params withR(double[] x) {
            return new Params(x, tau, vLeak, vThreshold, vReset, tauSyn, wIn);
        }

        /** Leaky with this τ (an IF becomes a LIF with v_leak 0, as snnTorch substitutes it). */
        Params withTau(double[] x) {
            return new Params(r, x, vLeak != null ? vLeak : new double[r.length], vThreshold, vReset, tauSyn, wIn);
        }

        Params withThreshold(double[] x) {
            return new Params(r, tau, vLeak, x, vReset, tauSyn, wIn);
        }

        Params withReset(double[] x) {
            return new Params(r, tau, vLeak, vThreshold, x, tauSyn, wIn);
        }

        Params withWIn(double[] x) {
            return new Params(r, tau, vLeak, vThreshold, vReset, tauSyn, x);
        }
    }

    private final String node;
    private final Params p;
    private final double dt;
    private final Backend backend;
    private final Backend.Reset reset;
    private final boolean resetsToValue; // TO_V_RESET or TO_ZERO
    private final double[] resetValue; // v_reset, or zeros for TO_ZERO
    private final Options options;
    private final boolean emitsFirst;
    private final boolean exactMembrane;
    private final double[] synapseRest; // what the synaptic current relaxes to: 0, or v_leak (Norse)
    private final double[] membraneFactor; // EULER: dt/τ; EXACT: exp(−dt/τ)
    private final double[] synapseFactor; // EULER: dt/τ_syn; EXACT: exp(−dt/τ_syn)
    private final double[] membraneDecay; // EXACT_DECAY_EULER_INPUT: exp(−dt/τ), else null
    private final double[] synapseDecay; // EXACT_DECAY_EULER_INPUT: exp(−dt/τ_syn), else null
    private final boolean float32;

    NeuronKernel(String node, Params params, double dt, Backend backend, Options options) {
        super(params.r().length, params.r().length);
        this.node = node;
        this.p = params;
        this.dt = dt;
        this.backend = backend;
        this.options = options;
        this.reset = options.reset() != null ? options.reset() : backend.reset();
        this.resetsToValue = reset == Backend.Reset.TO_V_RESET || reset == Backend.Reset.TO_ZERO;
        this.resetValue = reset == Backend.Reset.TO_ZERO || !params.spiking() ? new double[params.size()]
                : params.vReset();
        this.emitsFirst = params.spiking() && backend.spikeTest() == Backend.SpikeTest.PREVIOUS_STEP;
        this.exactMembrane = backend.integrator() == Backend.Integrator.EXACT_MEMBRANE;
        this.synapseRest = options.synapseRestsAtVLeak() ? params.vLeak() : new double[params.size()];
        boolean exact = backend.integrator() == Backend.Integrator.EXACT;
        membraneFactor = params.leaky() ? factors(params.tau(), dt, exact) : null;
        synapseFactor = params.cuba() ? factors(params.tauSyn(), dt, exact) : null;
        float32 = backend.precision() == Backend.Precision.FLOAT32;
        boolean hybrid = backend.integrator() == Backend.Integrator.EXACT_DECAY_EULER_INPUT;
        membraneDecay = (hybrid || exactMembrane) && params.leaky() ? factors(params.tau(), dt, true) : null;
        synapseDecay = hybrid && params.cuba() ? factors(params.tauSyn(), dt, true) : null;
    }

    private static double[] factors(double[] tau, double dt, boolean exact) {
        double[] f = new double[tau.length];
        for (int k = 0; k < tau.length; k++) {
            f[k] = exact ? Math.exp(-dt / tau[k]) : dt / tau[k];
        }
        return f;
    }

    @Override
    State newState(int batch) {
        return new State(batch, outSize, p.cuba(), emitsFirst);
    }

    @Override
    boolean emitsFirst() {
        return emitsFirst;
    }

    /** Spyx's spike test: this step's spikes from the membrane the previous step left, before any input. */
    @Override
    void emit(float[] out, State s, int b0, int b1) {
        double[] th = p.vThreshold();
        for (int b = b0; b < b1; b++) {
            double[] v = s.v[b];
            float[] e = s.emitted[b];
            for (int k = 0; k < outSize; k++) {
                e[k] = v[k] > th[k] ? 1f : 0f;
            }
            System.arraycopy(e, 0, out, b * outSize, outSize);
        }
    }

    @Override
    boolean hasMembrane() {
        return true;
    }

    @Override
    double membrane(State state, int b, int k) {
        return state.v[b][k];
    }

    @Override
    boolean spiking() {
        return p.spiking();
    }

    @Override
    void step(float[] in, float[] out, State s, int b0, int b1) {
        if (backend.integrator() != Backend.Integrator.EXACT) {
            eulerSteps(in, out, s, b0, b1);
            return;
        }
        float[] x = new float[outSize];
        float[] y = new float[outSize];
        double[] next = new double[outSize];
        for (int b = b0; b < b1; b++) {
            int base = b * outSize;
            System.arraycopy(in, base, x, 0, outSize);
            if (p.cuba()) {
                double[] v = s.v[b];
                double[] i = s.i[b];
                for (int k = 0; k < outSize; k++) {
                    y[k] = (float) exactCuba(x[k], v, i, k);
                    v[k] = rounded(v[k]);
                    i[k] = rounded(i[k]);
                }
            } else {
                exact(x, s.v[b], next, y);
            }
            System.arraycopy(y, 0, out, base, outSize);
        }
    }

    // ---- forward Euler ------------------------------------------------------------------------------------

    /**
     * Each sample's input is copied into an array indexed from 0 and its output collected in one: with the state
     * also per sample, every loop indexes its arrays alike, the shape the JIT vectorises.
     */
    private void eulerSteps(float[] in, float[] out, State s, int b0, int b1) {
        int n = outSize;
        float[] x = new float[n];
        float[] y = new float[n];
        boolean bookkeeping = p.spiking() && reset == Backend.Reset.SUBTRACT_SNNTORCH;
        float[] fired = bookkeeping ? new float[n] : null;
        for (int b = b0; b < b1; b++) {
            int base = b * n;
            System.arraycopy(in, base, x, 0, n);
            if (emitsFirst) {
                integrateAfterEmitting(x, s, b);
                continue;
            }
            if (bookkeeping) {
                double[] th = p.vThreshold();
                for (int k = 0; k < n; k++) {
                    fired[k] = s.v[b][k] > th[k] ? 1f : 0f; // r: the stored membrane above θ
                }
            }
            if (s.i != null) {
                eulerCuba(x, s.v[b], s.i[b]);
            } else {
                euler(x, s.v[b]);
            }
            if (bookkeeping) {
                emitSnntorchSubtract(y, s.v[b], fired);
            } else {
                emit(y, s.v[b]);
            }
            floor(s.v[b]);
            System.arraycopy(y, 0, out, base, n);
        }
    }

    /**
     * Spyx's step after the spikes s were emitted (platforms.md §4.3): θ·s off the membrane before the decay
     * (or v ← v_reset), integrate x, θ·s off after it — as the node's {@link ResetTiming} says.
     */
    private void integrateAfterEmitting(float[] x, State s, int b) {
        double[] v = s.v[b];
        float[] e = s.emitted[b];
        double[] th = p.vThreshold();
        ResetTiming timing = options.resetTiming();
        if (timing != ResetTiming.AFTER_DECAY) {
            for (int k = 0; k < v.length; k++) {
                if (e[k] != 0f) {
                    v[k] = resetsToValue ? resetValue[k] : rounded(v[k] - th[k]);
                }
            }
        }
        if (s.i != null) {
            eulerCuba(x, v, s.i[b]);
        } else {
            euler(x, v);
        }
        if (timing != ResetTiming.BEFORE_DECAY) {
            for (int k = 0; k < v.length; k++) {
                v[k] = rounded(v[k] - e[k] * th[k]);
            }
        }
        floor(v);
    }

    /** The importer's floor under the membrane (Sinabs' min_v_mem, Nengo's v ≥ 0), after the reset. */
    private void floor(double[] v) {
        double[] f = options.floor();
        if (f != null) {
            for (int k = 0; k < v.length; k++) {
                v[k] = Math.max(v[k], f[k]);
            }
        }
    }

    /** I, IF, LI, LIF: v ← v + dt/τ·(v_leak − v + R·x), or v ← v + dt·R·x without a leak. */
    private void euler(float[] x, double[] v) {
        double[] r = p.r();
        double[] vLeak = p.vLeak();
        double[] a = membraneFactor;
        int n = v.length;
        double[] e = membraneDecay;
        if (e != null && exactMembrane) {
            for (int k = 0; k < n; k++) {
                double vInf = vLeak[k] + r[k] * x[k];
                v[k] = rounded(vInf + (v[k] - vInf) * e[k]);
            }
        } else if (e != null) {
            for (int k = 0; k < n; k++) {
                v[k] = rounded(e[k] * v[k] + a[k] * (vLeak[k] + r[k] * x[k]));
            }
        } else if (a != null) {
            for (int k = 0; k < n; k++) {
                v[k] = rounded(v[k] + a[k] * (vLeak[k] - v[k] + r[k] * x[k]));
            }
        } else {
            for (int k = 0; k < n; k++) {
                v[k] = rounded(v[k] + dt * (r[k] * x[k]));
            }
        }
    }

    /** CubaLI, CubaLIF: i ← i + dt/τ_syn·(w_in·x − i); v ← v + dt/τ_mem·(v_leak − v + R·i_before). */
    private void eulerCuba(float[] x, double[] v, double[] i) {
        double[] r = p.r();
        double[] wIn = p.wIn();
        double[] vLeak = p.vLeak();
        double[] as = synapseFactor;
        double[] am = membraneFactor;
        int n = v.length;
        double[] rest = synapseRest;
        if (exactMembrane) {
            double[] em = membraneDecay;
            for (int k = 0; k < n; k++) {
                i[k] = rounded(i[k] + as[k] * (rest[k] + wIn[k] * x[k] - i[k]));
                double vInf = vLeak[k] + r[k] * i[k];
                v[k] = rounded(vInf + (v[k] - vInf) * em[k]);
            }
            return;
        }
        if (membraneDecay != null) {
            double[] es = synapseDecay;
            double[] em = membraneDecay;
            for (int k = 0; k < n; k++) {
                i[k] = rounded(es[k] * i[k] + as[k] * wIn[k] * x[k]);
                v[k] = rounded(em[k] * v[k] + am[k] * (vLeak[k] + r[k] * i[k]));
            }
            return;
        }
        boolean currentFirst = backend.integrator() == Backend.Integrator.EULER_CURRENT_FIRST;
        for (int k = 0; k < n; k++) {
            double ik = i[k];
            i[k] = rounded(ik + as[k] * (rest[k] + wIn[k] * x[k] - ik));
            double seen = currentFirst ? i[k] : ik; // the new current, or the one at the start of the step
            v[k] = rounded(v[k] + am[k] * (vLeak[k] - v[k] + r[k] * seen));
        }
    }

    /** The output after integration: spikes (with the end-of-step test and reset), or the membrane. */
    private void emit(float[] y, double[] v) {
        int n = v.length;
        if (!p.spiking()) {
            for (int k = 0; k < n; k++) {
                y[k] = (float) v[k];
            }
            return;
        }
        double[] th = p.vThreshold();
        double[] vReset = resetValue;
        boolean strict = backend.spikeTest() == Backend.SpikeTest.GREATER;
        boolean toReset = resetsToValue;
        if (reset == Backend.Reset.SUBTRACT_ALL) {
            double cap = options.maxSpikes() > 0 ? options.maxSpikes() : Double.MAX_VALUE;
            for (int k = 0; k < n; k++) {
                double vk = v[k];
                boolean fired = strict ? vk > th[k] : vk >= th[k];
                double count = fired ? Math.min(cap, Math.max(1, Math.floor(rounded(vk / th[k])))) : 0; // v/θ as stored
                v[k] = rounded(vk - count * th[k]);
                y[k] = (float) count;
            }
            return;
        }
        for (int k = 0; k < n; k++) {
            double vk = v[k];
            boolean fired = strict ? vk > th[k] : vk >= th[k];
            double after = toReset ? vReset[k] : rounded(vk - th[k]);
            v[k] = fired ? after : vk; // select, not branch: spikes are rare and random
            y[k] = fired ? 1f : 0f;
        }
    }

    /** snnTorch's subtract: v ← v − r·θ; s = [v &gt; θ]; v ← v − (s − r)·θ, with r from before the step. */
    private void emitSnntorchSubtract(float[] y, double[] v, float[] r) {
        double[] th = p.vThreshold();
        boolean strict = backend.spikeTest() == Backend.SpikeTest.GREATER;
        for (int k = 0; k < v.length; k++) {
            double vk = rounded(v[k] - r[k] * th[k]);
            boolean fired = strict ? vk > th[k] : vk >= th[k];
            float s = fired ? 1f : 0f;
            v[k] = rounded(vk - (s - r[k]) * th[k]);
            y[k] = s;
        }
    }

    /** The state's number type: float64 as is, or rounded to float32 after every update. */
    private double rounded(double x) {
        return float32 ? (float) x : x;
    }

    private boolean exceeds(double v, double threshold) {
        return backend.spikeTest() == Backend.SpikeTest.GREATER ? v > threshold : v >= threshold;
    }

    /** The membrane right after a spike at a crossing: v_reset, or θ − θ = 0 for a subtractive reset. */
    private double resetAtCrossing(int k) {
        return resetsToValue ? resetValue[k] : 0.0;
    }

    // ---- exact integration --------------------------------------------------------------------------------

    /**
     * I, IF, LI, LIF exactly: first every membrane relaxes over the whole step as if nothing fired (one loop
     * over arrays indexed alike, which the JIT vectorises); then the few neurons that reach θ on the way are
     * redone with the exact crossing time.
     */
    private void exact(float[] x, double[] v, double[] next, float[] y) {
        double[] r = p.r();
        int n = v.length;
        if (p.leaky()) {
            double[] vLeak = p.vLeak();
            double[] e = membraneFactor;
            for (int k = 0; k < n; k++) {
                double vInf = vLeak[k] + r[k] * x[k];
                next[k] = vInf + (v[k] - vInf) * e[k];
            }
        } else {
            for (int k = 0; k < n; k++) {
                next[k] = v[k] + dt * (r[k] * x[k]);
            }
        }
        if (!p.spiking()) {
            for (int k = 0; k < n; k++) {
                v[k] = rounded(next[k]);
                y[k] = (float) next[k];
            }
            return;
        }
        double[] th = p.vThreshold();
        int[] crossing = new int[n + 1];
        int count = 0;
        boolean strict = backend.spikeTest() == Backend.SpikeTest.GREATER;
        for (int k = 0; k < n; k++) { // selects, not branches: crossings are rare and random
            boolean crosses = strict ? v[k] > th[k] || next[k] > th[k] : v[k] >= th[k] || next[k] >= th[k];
            crossing[count] = k;
            count += crosses ? 1 : 0;
            v[k] = crosses ? v[k] : next[k];
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

    /**
     * A neuron that reaches θ within the step: the crossing instant, the reset there, then (with the input
     * still on) as many further crossings as the rest of the step holds — each takes the same time, from the
     * reset value up to θ. Sets v[k] to the membrane at the end of the step; returns the spike count.
     */
    private double fireWithin(double x, double[] vs, int k) {
        double v = vs[k];
        double th = p.vThreshold()[k];
        double vr = resetAtCrossing(k);
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

    /** CubaLI, CubaLIF exactly, one neuron: returns its spike count (or v); sets vs[k] and is[k]. */
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
        double vr = resetAtCrossing(k);
        double rest = dt;
        int count = 0;
        while (true) {
            double crossing = flow.firstCrossing(v, i, rest, th, backend.spikeTest() == Backend.SpikeTest.GREATER);
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

    /**
     * The exact solution of the current-based neuron with constant input over a time t (a = 1/τ_mem,
     * s = 1/τ_syn, c = i0 − i∞, i∞ = w_in·x, v∞ = v_leak + R·i∞):
     * i(t) = i∞ + c·e^{−st}; v(t) = v∞ + A·e^{−st} + K·e^{−at} with A = R·c·a/(a − s), K = v0 − v∞ − A, or, when
     * τ_mem = τ_syn, v(t) = v∞ + (v0 − v∞ + R·c·a·t)·e^{−at}. v has at most one extremum, so a crossing of θ is
     * bracketed by the extremum and the end of the interval and found by bisection.
     */
    private record CubaFlow(double r, double tauMem, double tauSyn, double vLeak, double iInf) {
        private boolean degenerate() {
            return Math.abs(tauMem - tauSyn) <= 1e-12 * Math.max(tauMem, tauSyn);
        }

        double i(double i0, double t) {
            return iInf + (i0 - iInf) * Math.exp(-t / tauSyn);
        }

        double v(double v0, double i0, double t) {
            double a = 1 / tauMem;
            double c = i0 - iInf;
            double vInf = vLeak + r * iInf;
            if (degenerate()) {
                return vInf + (v0 - vInf + r * c * a * t) * Math.exp(-a * t);
            }
            double s = 1 / tauSyn;
            double amp = r * c * a / (a - s);
            return vInf + amp * Math.exp(-s * t) + (v0 - vInf - amp) * Math.exp(-a * t);
        }

        /** Time of v's extremum in (0, h), or NaN. */
        private double extremum(double v0, double i0, double h) {
            double a = 1 / tauMem;
            double c = i0 - iInf;
            double vInf = vLeak + r * iInf;
            double t;
            if (degenerate()) {
                t = r * c == 0 ? Double.NaN : (r * c - (v0 - vInf)) / (r * c * a);
            } else {
                double s = 1 / tauSyn;
                double amp = r * c * a / (a - s);
                double k = v0 - vInf - amp;
                double ratio = -a * k / (s * amp);
                t = amp == 0 || !(ratio > 0) ? Double.NaN : Math.log(ratio) / (a - s);
            }
            return t > 0 && t < h ? t : Double.NaN;
        }

        /** The first time in [0, h] at which v exceeds θ, or NaN when it does not within h. */
        double firstCrossing(double v0, double i0, double h, double th, boolean strict) {
            if (strict ? v0 > th : v0 >= th) {
                return 0;
            }
            double te = extremum(v0, i0, h);
            double lo;
            double hi;
            if (!Double.isNaN(te) && above(v(v0, i0, te), th, strict)) {
                lo = 0;
                hi = te;
            } else if (above(v(v0, i0, h), th, strict)) {
                lo = Double.isNaN(te) ? 0 : te;
                hi = h;
            } else {
                return Double.NaN;
            }
            for (int n = 0; n < 200 && hi - lo > 1e-16 * h; n++) {
                double mid = 0.5 * (lo + hi);
                if (above(v(v0, i0, mid), th, strict)) {
                    hi = mid;
                } else {
                    lo = mid;
                }
            }
            return hi;
        }

        private static boolean above(double v, double th, boolean strict) {
            return strict ? v > th : v >= th;
        }
    }
}
