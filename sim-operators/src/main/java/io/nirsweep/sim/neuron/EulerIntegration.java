package io.nirsweep.sim.neuron;

/**
 * What the two forward-Euler schemes share: the factors dt/τ and dt/τ_syn, the synaptic current's resting value,
 * and the update of neurons without a synapse (LI, LIF: v ← v + dt/τ·(v_leak − v + R·x); I, IF: v ← v + dt·R·x).
 * They differ in which current a CubaLIF's membrane sees.
 */
abstract class EulerIntegration extends Integration {
    protected final double[] membrane; // dt/τ
    protected final double[] synapse; // dt/τ_syn
    protected final double[] rest;

    EulerIntegration(NeuronParams p, double dt, boolean float32, double[] synapseRest) {
        super(p, dt, float32);
        membrane = eulerFactors(p.tau(), dt);
        synapse = eulerFactors(p.tauSyn(), dt);
        rest = synapseRest;
    }

    @Override
    public final void integrate(float[] x, double[] v, double[] i) {
        if (i != null) {
            integrateCuba(x, v, i);
        } else if (membrane != null) {
            eulerMembrane(x, v, membrane);
        } else {
            integrateWithoutLeak(x, v);
        }
    }

    /** CubaLI, CubaLIF: the synapse and the membrane, one Euler step each. */
    abstract void integrateCuba(float[] x, double[] v, double[] i);
}
