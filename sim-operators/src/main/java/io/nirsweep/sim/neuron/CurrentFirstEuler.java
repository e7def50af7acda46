package io.nirsweep.sim.neuron;

/**
 * Forward Euler that updates a CubaLIF's synaptic current first and lets the membrane see the new current;
 * identical to {@link ForwardEuler} for neurons without a synapse.
 *
 * <pre>
 *   CubaLI, CubaLIF:   i ← i + dt/τ_syn·(i_rest + w_in·x − i);  v ← v + dt/τ_mem·(v_leak − v + R·i)
 * </pre>
 */
public final class CurrentFirstEuler extends EulerIntegration {
    CurrentFirstEuler(NeuronParams p, double dt, boolean float32, double[] synapseRest) {
        super(p, dt, float32, synapseRest);
    }

    @Override
    void integrateCuba(float[] x, double[] v, double[] i) {
        double[] as = synapse;
        double[] am = membrane;
        for (int k = 0; k < v.length; k++) {
            i[k] = round(i[k] + as[k] * (rest[k] + wIn[k] * x[k] - i[k]));
            v[k] = round(v[k] + am[k] * (vLeak[k] - v[k] + r[k] * i[k]));
        }
    }
}
