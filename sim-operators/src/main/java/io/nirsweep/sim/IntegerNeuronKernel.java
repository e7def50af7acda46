package io.nirsweep.sim;

/**
 * A spiking neuron whose synaptic current and membrane are integers (lava-dl's CUBA, Loihi 2's LIF): the state,
 * the fixed-point rounding both share, and the membrane reported in {@code 1/unit}.
 */
abstract class IntegerNeuronKernel extends Kernel<IntegerNeuronKernel.State> {
    /** Current and voltage of each sample, {@code [b][k]}. */
    static final class State {
        final long[][] current;
        final long[][] voltage;

        State(int batch, int n) {
            current = new long[batch][n];
            voltage = new long[batch][n];
        }
    }

    private final double unit;

    /** @param unit the integer that stands for a membrane of 1 (the state scale), or 1 to report raw integers */
    IntegerNeuronKernel(int size, double unit) {
        super(size, size);
        this.unit = unit;
    }

    @Override
    final State newState(int batch) {
        return new State(batch, outSize);
    }

    @Override
    final boolean spiking() {
        return true;
    }

    @Override
    final boolean hasMembrane() {
        return true;
    }

    @Override
    final double membrane(State s, int b, int k) {
        return s.voltage[b][k] / unit;
    }

    /** p / 4096 rounded toward zero: a right shift by 12 of |p| with the sign restored. */
    static long towardZero(long p) {
        return p >= 0 ? p >> 12 : -((-p) >> 12);
    }
}
