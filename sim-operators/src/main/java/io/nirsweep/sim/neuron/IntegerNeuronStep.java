package io.nirsweep.sim.neuron;

/**
 * What every spiking neuron in integer arithmetic shares: its size, its {@link IntegerState}, and its membrane
 * reported as the voltage over a unit (the integer that stands for a membrane of 1, or 1 for raw integers).
 */
public abstract class IntegerNeuronStep implements NeuronStep<IntegerState> {
    protected final int size;
    private final double unit;

    protected IntegerNeuronStep(int size, double unit) {
        this.size = size;
        this.unit = unit;
    }

    @Override
    public final int size() {
        return size;
    }

    @Override
    public final IntegerState newState() {
        return new IntegerState(size);
    }

    @Override
    public final boolean spiking() {
        return true;
    }

    @Override
    public final double membrane(IntegerState s, int k) {
        return s.voltage[k] / unit;
    }
}
