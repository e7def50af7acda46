package io.nirsweep.sim.neuron;

/** One sample's membranes {@code v} and, for current-based neurons, synaptic currents {@code i} (else null). */
public class MembraneState {
    public final double[] v;
    public final double[] i;

    public MembraneState(int n, boolean cuba) {
        v = new double[n];
        i = cuba ? new double[n] : null;
    }
}
