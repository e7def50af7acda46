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
public final class ForwardEuler extends EulerIntegration {
    ForwardEuler(NeuronParams p, double dt, boolean float32, double[] synapseRest) {
        super(p, dt, float32, synapseRest);
    }

    @Override
    void integrateCuba(float[] x, double[] v, double[] i) {
        double[] as = synapse;
        double[] am = membrane;
        for (int k = 0; k < v.length; k++) {
            double ik = i[k];
            i[k] = round(ik + as[k] * (rest[k] + wIn[k] * x[k] - ik));
            v[k] = round(v[k] + am[k] * (vLeak[k] - v[k] + r[k] * ik));
        }
    }
}
