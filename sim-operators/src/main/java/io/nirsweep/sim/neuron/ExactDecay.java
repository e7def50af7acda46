package io.nirsweep.sim.neuron;

/**
 * Exact decay with a forward-Euler input gain: the state decays as the ODE says, the input enters with Euler's
 * gain dt/τ. Weaker decay than Euler's and a stronger gain than the exact one: with θ = 0.1 it fires E1's neuron at
 * 450/500.
 *
 * <pre>
 *   LI, LIF:           v ← e^{−dt/τ}·v + dt/τ·(v_leak + R·x)
 *   I, IF:             v ← v + dt·R·x
 *   CubaLI, CubaLIF:   i ← e^{−dt/τ_syn}·i + dt/τ_syn·w_in·x;  v ← e^{−dt/τ_mem}·v + dt/τ_mem·(v_leak + R·i)
 * </pre>
 */
public final class ExactDecay extends Integration {
    private final double[] membrane; // dt/τ
    private final double[] synapse; // dt/τ_syn
    private final double[] membraneDecay; // e^{−dt/τ}
    private final double[] synapseDecay; // e^{−dt/τ_syn}

    ExactDecay(NeuronParams p, double dt, boolean float32) {
        super(p, dt, float32);
        membrane = eulerFactors(p.tau(), dt);
        synapse = eulerFactors(p.tauSyn(), dt);
        membraneDecay = decays(p.tau(), dt);
        synapseDecay = decays(p.tauSyn(), dt);
    }

    @Override
    public void integrate(float[] x, double[] v, double[] i) {
        double[] a = membrane;
        double[] e = membraneDecay;
        if (i == null) {
            if (e == null) {
                integrateWithoutLeak(x, v);
                return;
            }
            for (int k = 0; k < v.length; k++) {
                v[k] = round(e[k] * v[k] + a[k] * (vLeak[k] + r[k] * x[k]));
            }
            return;
        }
        double[] as = synapse;
        double[] es = synapseDecay;
        for (int k = 0; k < v.length; k++) {
            i[k] = round(es[k] * i[k] + as[k] * wIn[k] * x[k]);
            v[k] = round(e[k] * v[k] + a[k] * (vLeak[k] + r[k] * i[k]));
        }
    }
}
