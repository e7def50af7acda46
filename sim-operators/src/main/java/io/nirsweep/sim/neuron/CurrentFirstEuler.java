package io.nirsweep.sim.neuron;

/**
 * Forward Euler that updates a CubaLIF's synaptic current first and lets the membrane see the new current;
 * identical to {@link ForwardEuler} for neurons without a synapse.
 *
 * <pre>
 *   CubaLI, CubaLIF:   i ← i + dt/τ_syn·(i_rest + w_in·x − i);  v ← v + dt/τ_mem·(v_leak − v + R·i)
 * </pre>
 */
public final class CurrentFirstEuler extends Integration {
    private final double[] membrane; // dt/τ
    private final double[] synapse; // dt/τ_syn
    private final double[] rest;

    CurrentFirstEuler(NeuronParams p, double dt, boolean float32, double[] synapseRest) {
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
            i[k] = round(i[k] + as[k] * (rest[k] + wIn[k] * x[k] - i[k]));
            v[k] = round(v[k] + am[k] * (vLeak[k] - v[k] + r[k] * i[k]));
        }
    }
}
