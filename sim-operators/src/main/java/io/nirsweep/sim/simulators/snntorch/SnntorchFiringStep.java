package io.nirsweep.sim.simulators.snntorch;

import io.nirsweep.sim.neuron.FloatNeurons;
import io.nirsweep.sim.neuron.Integration;
import io.nirsweep.sim.neuron.MembraneState;
import io.nirsweep.sim.neuron.MembraneStep;
import io.nirsweep.sim.neuron.NeuronParams;
import io.nirsweep.sim.neuron.Precision;
import io.nirsweep.sim.neuron.SpikeTest;

/**
 * What snnTorch's own reset rules ({@link SnntorchSubtract}, {@link SnntorchDelayedReset}) share: the choices'
 * integration, spike test and number type, and one flag per neuron carried from the previous step (its r, or its
 * spike).
 */
abstract class SnntorchFiringStep extends MembraneStep<SnntorchFiringStep.State> {
    /** One sample's membranes and currents, and each neuron's flag from the previous step (1 or 0). */
    static final class State extends MembraneState {
        final float[] previous;

        State(int n, boolean cuba) {
            super(n, cuba);
            previous = new float[n];
        }
    }

    protected final Integration integration;
    private final boolean strict;
    private final boolean float32;

    SnntorchFiringStep(NeuronParams p, Integration integration, FloatNeurons choices) {
        super(p);
        this.integration = integration;
        this.strict = choices.test() == SpikeTest.GREATER;
        this.float32 = choices.precision() == Precision.FLOAT32;
    }

    @Override
    public State newState() {
        return new State(p.size(), p.cuba());
    }

    /** The spike test of the choices. */
    protected final boolean fires(double v, double threshold) {
        return strict ? v > threshold : v >= threshold;
    }

    /** A value in the choices' number type. */
    protected final double round(double x) {
        return float32 ? (float) x : x;
    }
}
