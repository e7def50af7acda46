package io.nirsweep.sim.neuron;

/**
 * A floating-point neuron step composed of named parts: integrate (the scheme), fire (test and reset), then hold
 * the membrane above a floor where the importer sets one.
 *
 * <pre>
 *   (v, i) ← integrate(x, v, i);   (y, v) ← fire(v);   v ← max(v, floor)
 * </pre>
 */
public final class FloatNeuronStep extends MembraneStep<MembraneState> {
    private final Integration integration;
    private final Firing firing;
    private final double[] floor;

    /**
     * @param firing the test and reset ({@link Firing#MEMBRANE} for neurons that do not spike)
     * @param floor the lowest membrane after the reset, per neuron, or null for none
     */
    public FloatNeuronStep(NeuronParams p, Integration integration, Firing firing, double[] floor) {
        super(p);
        this.integration = integration;
        this.firing = firing;
        this.floor = floor;
    }

    @Override
    public MembraneState newState() {
        return new MembraneState(p.size(), p.cuba());
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
}
