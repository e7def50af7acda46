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

    /** Membrane (and synaptic current for Cuba models), {@code [b * n + k]}. */
    static final class State {
        final double[] v;
        final double[] i;

        State(int size, boolean cuba) {
            v = new double[size];
            i = cuba ? new double[size] : null;
        }
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
    }

    private final String node;
    private final Params p;
    private final double dt;
    private final Backend backend;
    private final double[] membraneFactor; // EULER: dt/τ; EXACT: exp(−dt/τ)
    private final double[] synapseFactor; // EULER: dt/τ_syn; EXACT: exp(−dt/τ_syn)
    private final boolean float32;

    NeuronKernel(String node, Params params, double dt, Backend backend) {
        super(params.r().length, params.r().length);
        this.node = node;
        this.p = params;
        this.dt = dt;
        this.backend = backend;
        boolean exact = backend.integrator() == Backend.Integrator.EXACT;
        membraneFactor = params.leaky() ? factors(params.tau(), dt, exact) : null;
        synapseFactor = params.cuba() ? factors(params.tauSyn(), dt, exact) : null;
        float32 = backend.precision() == Backend.Precision.FLOAT32;
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
        return new State(Math.multiplyExact(batch, outSize), p.cuba());
    }

    @Override
    double[] membrane(State state) {
        return state.v;
    }

    @Override
    boolean spiking() {
        return p.spiking();
    }

    @Override
    void step(float[] in, float[] out, State s, int b0, int b1) {
        for (int b = b0; b < b1; b++) {
            int base = b * outSize;
            if (backend.integrator() == Backend.Integrator.EULER) {
                if (p.cuba()) {
                    eulerCuba(in, out, s, base);
                } else {
                    euler(in, out, s, base);
                }
            } else {
                for (int k = 0; k < outSize; k++) {
                    int j = base + k;
                    out[j] = (float) exact(in[j], s, j, k);
                    s.v[j] = rounded(s.v[j]);
                    if (s.i != null) {
                        s.i[j] = rounded(s.i[j]);
                    }
                }
            }
        }
    }

    private boolean exceeds(double v, double threshold) {
        return backend.spikeTest() == Backend.SpikeTest.GREATER ? v > threshold : v >= threshold;
    }

    /** The membrane right after a spike at a crossing: v_reset, or θ − θ = 0 for a subtractive reset. */
    private double resetAtCrossing(int k) {
        return backend.reset() == Backend.Reset.TO_V_RESET ? p.vReset()[k] : 0.0;
    }

    // ---- forward Euler ------------------------------------------------------------------------------------

    /** I, IF, LI, LIF: v ← v + dt/τ·(v_leak − v + R·x), or v ← v + dt·R·x without a leak. */
    private void euler(float[] in, float[] out, State s, int base) {
        double[] v = s.v;
        double[] r = p.r();
        double[] vLeak = p.vLeak();
        double[] a = membraneFactor;
        if (a != null) {
            for (int k = 0; k < outSize; k++) {
                int j = base + k;
                v[j] = rounded(v[j] + a[k] * (vLeak[k] - v[j] + r[k] * in[j]));
            }
        } else {
            for (int k = 0; k < outSize; k++) {
                int j = base + k;
                v[j] = rounded(v[j] + dt * (r[k] * in[j]));
            }
        }
        emit(out, v, base);
    }

    /** CubaLI, CubaLIF: i ← i + dt/τ_syn·(w_in·x − i); v ← v + dt/τ_mem·(v_leak − v + R·i_before). */
    private void eulerCuba(float[] in, float[] out, State s, int base) {
        double[] v = s.v;
        double[] i = s.i;
        double[] r = p.r();
        double[] wIn = p.wIn();
        double[] vLeak = p.vLeak();
        double[] as = synapseFactor;
        double[] am = membraneFactor;
        for (int k = 0; k < outSize; k++) {
            int j = base + k;
            double ij = i[j];
            i[j] = rounded(ij + as[k] * (wIn[k] * in[j] - ij));
            v[j] = rounded(v[j] + am[k] * (vLeak[k] - v[j] + r[k] * ij)); // the current at the start of the step
        }
        emit(out, v, base);
    }

    /** The output after integration: spikes (with the end-of-step test and reset), or the membrane. */
    private void emit(float[] out, double[] v, int base) {
        if (!p.spiking()) {
            for (int k = 0; k < outSize; k++) {
                out[base + k] = (float) v[base + k];
            }
            return;
        }
        double[] th = p.vThreshold();
        double[] vReset = p.vReset();
        boolean strict = backend.spikeTest() == Backend.SpikeTest.GREATER;
        boolean toReset = backend.reset() == Backend.Reset.TO_V_RESET;
        for (int k = 0; k < outSize; k++) {
            int j = base + k;
            double vj = v[j];
            boolean fired = strict ? vj > th[k] : vj >= th[k];
            double after = toReset ? vReset[k] : rounded(vj - th[k]);
            v[j] = fired ? after : vj; // select, not branch: spikes are rare and random
            out[j] = fired ? 1f : 0f;
        }
    }

    /** The state's number type: float64 as is, or rounded to float32 after every update. */
    private double rounded(double x) {
        return float32 ? (float) x : x;
    }

    // ---- exact integration --------------------------------------------------------------------------------

    /** Advances neuron j (parameter index k) by one step exactly; returns its output (spike count or v). */
    private double exact(double x, State s, int j, int k) {
        if (p.cuba()) {
            return exactCuba(x, s, j, k);
        }
        double v = s.v[j];
        if (!p.spiking()) {
            s.v[j] = p.leaky() ? relax(v, p.vLeak()[k] + p.r()[k] * x, membraneFactor[k]) : v + dt * p.r()[k] * x;
            return s.v[j];
        }
        double th = p.vThreshold()[k];
        double vr = resetAtCrossing(k);
        double count;
        if (p.leaky()) {
            double tau = p.tau()[k];
            double vInf = p.vLeak()[k] + p.r()[k] * x;
            double vEnd = relax(v, vInf, membraneFactor[k]);
            if (!exceeds(v, th) && !exceeds(vEnd, th)) {
                s.v[j] = vEnd;
                return 0;
            }
            double crossing = exceeds(v, th) ? 0 : tau * Math.log((v - vInf) / (th - vInf));
            double rest = Math.max(0, dt - crossing);
            count = 1;
            if (vInf > th) { // after each reset the neuron climbs back to θ in the same time
                double cycle = tau * Math.log((vr - vInf) / (th - vInf));
                double more = Math.floor(rest / cycle);
                count += more;
                rest = Math.max(0, rest - more * cycle);
            }
            s.v[j] = vInf + (vr - vInf) * Math.exp(-rest / tau);
        } else {
            double slope = p.r()[k] * x;
            double vEnd = v + slope * dt;
            if (!exceeds(v, th) && !exceeds(vEnd, th)) {
                s.v[j] = vEnd;
                return 0;
            }
            double crossing = exceeds(v, th) ? 0 : (th - v) / slope;
            double rest = Math.max(0, dt - crossing);
            count = 1;
            if (slope > 0) {
                double cycle = (th - vr) / slope;
                double more = Math.floor(rest / cycle);
                count += more;
                rest = Math.max(0, rest - more * cycle);
            }
            s.v[j] = vr + slope * rest;
        }
        if (count > MAX_SPIKES_PER_STEP) {
            throw tooManySpikes(k);
        }
        return count;
    }

    /** v relaxed for one step towards vInf with decay e = exp(−dt/τ). */
    private static double relax(double v, double vInf, double e) {
        return vInf + (v - vInf) * e;
    }

    private double exactCuba(double x, State s, int j, int k) {
        CubaFlow flow = new CubaFlow(p.r()[k], p.tau()[k], p.tauSyn()[k], p.vLeak()[k], p.wIn()[k] * x);
        double v = s.v[j];
        double i = s.i[j];
        if (!p.spiking()) {
            s.v[j] = flow.v(v, i, dt);
            s.i[j] = flow.i(i, dt);
            return s.v[j];
        }
        double th = p.vThreshold()[k];
        double vr = resetAtCrossing(k);
        double rest = dt;
        int count = 0;
        while (true) {
            double crossing = flow.firstCrossing(v, i, rest, th, backend.spikeTest() == Backend.SpikeTest.GREATER);
            if (Double.isNaN(crossing)) {
                s.v[j] = flow.v(v, i, rest);
                s.i[j] = flow.i(i, rest);
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
