package io.nirsweep.sim;

/**
 * Kernels around another kernel, for platforms whose connections behave unlike NIR's: the input read as binary
 * spikes, or the output sent one step late (Lava's Dense). Membranes, spiking and event counts are the inner
 * kernel's.
 */
abstract class Wrapped extends Kernel<Wrapped.State> {
    /** The state of a wrapper: the inner kernel's, plus a batch-sized buffer. */
    record State(Object inner, float[] buffer) {}

    final Kernel<Object> inner;

    @SuppressWarnings("unchecked")
    Wrapped(Kernel<?> inner) {
        super(inner.inSize, inner.outSize);
        this.inner = (Kernel<Object>) inner;
    }

    @Override
    boolean hasMembrane() {
        return inner.hasMembrane();
    }

    @Override
    double membrane(State s, int b, int k) {
        return inner.membrane(s.inner(), b, k);
    }

    @Override
    boolean spiking() {
        return inner.spiking();
    }

    @Override
    long synapticEvents(float[] in, int offset) {
        return inner.synapticEvents(in, offset);
    }

    /** Reads every non-zero input as 1 (Lava's Dense receives binary spikes: num_message_bits = 0). */
    static final class BinaryInput extends Wrapped {
        BinaryInput(Kernel<?> inner) {
            super(inner);
        }

        @Override
        State newState(int batch) {
            return new State(inner.newState(batch), new float[Math.multiplyExact(batch, inSize)]);
        }

        @Override
        void step(float[] in, float[] out, State s, int b0, int b1) {
            float[] binary = s.buffer();
            for (int j = b0 * inSize; j < b1 * inSize; j++) {
                binary[j] = in[j] != 0f ? 1f : 0f;
            }
            inner.step(binary, out, s.inner(), b0, b1);
        }

        @Override
        boolean emitsFirst() {
            return inner.emitsFirst();
        }

        @Override
        void emit(float[] out, State s, int b0, int b1) {
            inner.emit(out, s.inner(), b0, b1);
        }
    }

    /**
     * Sends at step t what the inner kernel computed at step t − 1 (zero at step 0): Lava's Dense sends the value it
     * accumulated the step before ("a_buff"), one step of latency per Dense. The output does not wait for the
     * step's input, so consumers read it at once ({@link Kernel#emitsFirst}).
     */
    static final class LateOutput extends Wrapped {
        LateOutput(Kernel<?> inner) {
            super(inner);
        }

        @Override
        State newState(int batch) {
            return new State(inner.newState(batch), new float[Math.multiplyExact(batch, outSize)]);
        }

        @Override
        boolean emitsFirst() {
            return true;
        }

        @Override
        void emit(float[] out, State s, int b0, int b1) {
            System.arraycopy(s.buffer(), b0 * outSize, out, b0 * outSize, (b1 - b0) * outSize);
        }

        @Override
        void step(float[] in, float[] out, State s, int b0, int b1) {
            inner.step(in, s.buffer(), s.inner(), b0, b1);
        }
    }
}
