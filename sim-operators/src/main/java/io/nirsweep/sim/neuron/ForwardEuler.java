package io.nirsweep.sim.neuron;

/**
 * Forward Euler: every derivative evaluated at the start of the step, so a CubaLIF's membrane sees the synaptic
 * current of the previous step.
 *
 * <pre>
 *   LI, LIF:           v ← v + dt/τ·(v_leak − v + R·x)
 *   I, IF:             v ← v + dt·R·x
 *   CubaLI, CubaLIF:   i' = i + dt/τ_syn·(i_rest + w_in·x − i);  v ← v + dt/τ_mem·(v_leak − v + R·i);  i ← i'
 * </pre>
 *
 * i_rest is 0 in NIR; an importer may let the current relax elsewhere.
 */
public final class ForwardEuler extends Integration {
    private final double[] membrane; // dt/τ
    private final double[] synapse; // dt/τ_syn
    private final double[] rest;

    ForwardEuler(NeuronParams p, double dt, boolean float32, double[] synapseRest) {
        super(p, dt, float32);
        membrane = eulerFactors(p.tau(), dt);
        synapse = eulerFactors(p.tauSyn(), dt);
        rest = synapseRest;
    }

    @Override
    public void integrate(float[] x, double[] v, double[] i) {
        if (i == null) {
            if (membrane != null) {
                eulerMembrane(x, v, membrane);
            } else {
                integrateWithoutLeak(x, v);
            }
            return;
        }
        double[] as = synapse;
        double[] am = membrane;
        for (int k = 0; k < v.length; k++) {
            double ik = i[k];
            i[k] = round(ik + as[k] * (rest[k] + wIn[k] * x[k] - ik));
            v[k] = round(v[k] + am[k] * (vLeak[k] - v[k] + r[k] * ik));
        }
    }
}
