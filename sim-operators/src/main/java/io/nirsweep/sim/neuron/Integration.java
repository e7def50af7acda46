package io.nirsweep.sim.neuron;

/**
 * A neuron population's sub-threshold update over one step with its input x held constant, before any spike test:
 * one subclass per integration scheme, its equations in its doc comment. Parameters, dt and the factors derived
 * from them are fixed at construction; {@link #integrate} updates one sample's v (and i) in place. Loops run over
 * arrays indexed alike from 0, the shape the JIT vectorises.
 */
public abstract class Integration {
    protected final double[] r;
    protected final double[] vLeak;
    protected final double[] wIn;
    protected final double dt;
    /** Round state to float32 after every update (else float64). */
    protected final boolean float32;

    protected Integration(NeuronParams p, double dt, boolean float32) {
        this.r = p.r();
        this.vLeak = p.vLeak();
        this.wIn = p.wIn();
        this.dt = dt;
        this.float32 = float32;
    }

    /**
     * Advances one sample over one step.
     *
     * @param x the input, held constant over the step
     * @param v the membranes, updated in place
     * @param i the synaptic currents of a current-based neuron, updated in place, or null
     */
    public abstract void integrate(float[] x, double[] v, double[] i);

    /** The state's number type: float64 as is, or rounded to float32. */
    protected final double round(double x) {
        return float32 ? (float) x : x;
    }

    /** I, IF without a leak: v ← v + dt·R·x (every scheme integrates a constant input exactly). */
    protected final void integrateWithoutLeak(float[] x, double[] v) {
        for (int k = 0; k < v.length; k++) {
            v[k] = round(v[k] + dt * (r[k] * x[k]));
        }
    }

    /** LI, LIF: v ← v + dt/τ·(v_leak − v + R·x), with {@code a} = dt/τ. */
    protected final void eulerMembrane(float[] x, double[] v, double[] a) {
        for (int k = 0; k < v.length; k++) {
            v[k] = round(v[k] + a[k] * (vLeak[k] - v[k] + r[k] * x[k]));
        }
    }

    /** dt/τ per neuron (forward Euler's factor). */
    protected static double[] eulerFactors(double[] tau, double dt) {
        if (tau == null) {
            return null;
        }
        double[] f = new double[tau.length];
        for (int k = 0; k < tau.length; k++) {
            f[k] = dt / tau[k];
        }
        return f;
    }

    /** e^{−dt/τ} per neuron (the exact decay). */
    protected static double[] decays(double[] tau, double dt) {
        if (tau == null) {
            return null;
        }
        double[] f = new double[tau.length];
        for (int k = 0; k < tau.length; k++) {
            f[k] = Math.exp(-dt / tau[k]);
        }
        return f;
    }
}
