package io.nirsweep.sim.neuron;

/**
 * A floating-point neuron step composed of named parts: integrate (the scheme), fire (test and reset), then hold
 * the membrane above a floor where the importer sets one.
 *
 * <pre>
 *   (v, i) ← integrate(x, v, i);   (y, v) ← fire(v);   v ← max(v, floor)
 * </pre>
 */
public final class FloatNeuronStep implements NeuronStep<MembraneState> {
    private final int size;
    private final boolean cuba;
    private final boolean spiking;
    private final Integration integration;
    private final Firing firing;
    private final double[] floor;

    /**
     * @param firing the test and reset ({@link Firing#MEMBRANE} for neurons that do not spike)
     * @param floor the lowest membrane after the reset, per neuron, or null for none
     */
    public FloatNeuronStep(NeuronParams p, Integration integration, Firing firing, double[] floor) {
        this.size = p.size();
        this.cuba = p.cuba();
        this.spiking = p.spiking();
        this.integration = integration;
        this.firing = firing;
        this.floor = floor;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public MembraneState newState() {
        return new MembraneState(size, cuba);
    }

    @Override
    public void step(float[] x, MembraneState s, float[] y) {
        integration.integrate(x, s.v, s.i);
        firing.fire(s.v, y);
        if (floor != null) {
            applyFloor(s.v, floor);
        }
    }

    /** v ← max(v, floor), neuron by neuron. */
    private static void applyFloor(double[] v, double[] floor) {
        for (int k = 0; k < v.length; k++) {
            v[k] = Math.max(v[k], floor[k]);
        }
    }

    @Override
    public boolean spiking() {
        return spiking;
    }

    @Override
    public double membrane(MembraneState s, int k) {
        return s.v[k];
    }
}
