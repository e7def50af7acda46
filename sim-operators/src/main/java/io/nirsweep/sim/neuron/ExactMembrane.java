package io.nirsweep.sim.neuron;

/**
 * The exact membrane for the step's input, the spike test at the end of the step; a synaptic current, where there
 * is one, advances first by forward Euler (a discrete low-pass filter) and the membrane sees the new current.
 *
 * <pre>
 *   LI, LIF:           v∞ = v_leak + R·x;  v ← v∞ + (v − v∞)·e^{−dt/τ}
 *   I, IF:             v ← v + dt·R·x
 *   CubaLI, CubaLIF:   i ← i + dt/τ_syn·(i_rest + w_in·x − i);  v∞ = v_leak + R·i;  v ← v∞ + (v − v∞)·e^{−dt/τ_mem}
 * </pre>
 */
public final class ExactMembrane extends Integration {
    private final double[] synapse; // dt/τ_syn
    private final double[] membraneDecay; // e^{−dt/τ}
    private final double[] rest;

    ExactMembrane(NeuronParams p, double dt, boolean float32, double[] synapseRest) {
        super(p, dt, float32);
        synapse = eulerFactors(p.tauSyn(), dt);
        membraneDecay = decays(p.tau(), dt);
        rest = synapseRest;
    }

    @Override
    public void integrate(float[] x, double[] v, double[] i) {
        double[] e = membraneDecay;
        if (i == null) {
            if (e == null) {
                integrateWithoutLeak(x, v);
                return;
            }
            for (int k = 0; k < v.length; k++) {
                double vInf = vLeak[k] + r[k] * x[k];
                v[k] = round(vInf + (v[k] - vInf) * e[k]);
            }
            return;
        }
        double[] as = synapse;
        for (int k = 0; k < v.length; k++) {
            i[k] = round(i[k] + as[k] * (rest[k] + wIn[k] * x[k] - i[k]));
            double vInf = vLeak[k] + r[k] * i[k];
            v[k] = round(vInf + (v[k] - vInf) * e[k]);
        }
    }
}
