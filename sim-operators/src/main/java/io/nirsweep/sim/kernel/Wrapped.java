package io.nirsweep.sim.kernel;

/**
 * Kernels around another kernel, for platforms whose connections behave unlike NIR's: the input read as binary
 * spikes or capped at a number of events, or the output sent one step late (a connection that sends what it accumulated the step before).
 * Membranes, spiking and event counts are the inner kernel's.
 */
public abstract class Wrapped extends Kernel<Wrapped.State> {
    /** The state of a wrapper: the inner kernel's, plus a batch-sized buffer. */
    public record State(Object inner, float[] buffer) {}

    final Kernel<Object> inner;

    @SuppressWarnings("unchecked")
    Wrapped(Kernel<?> inner) {
        super(inner.inSize, inner.outSize);
        this.inner = (Kernel<Object>) inner;
    }

    @Override
    public boolean hasMembrane() {
        return inner.hasMembrane();
    }

    @Override
    public double membrane(State s, int b, int k) {
        return inner.membrane(s.inner(), b, k);
    }

    @Override
    public boolean spiking() {
        return inner.spiking();
    }

    @Override
    public long synapticEvents(float[] in, int offset) {
        return inner.synapticEvents(in, offset);
    }

    /** Reads each input value through a platform's rule before the inner kernel sees it. */
    abstract static class MappedInput extends Wrapped {
        MappedInput(Kernel<?> inner) {
            super(inner);
        }

        /** The value the inner kernel reads for input value {@code x}. */
        abstract float map(float x);

        @Override
        public State newState(int batch) {
            return new State(inner.newState(batch), new float[Math.multiplyExact(batch, inSize)]);
        }

        @Override
        public void step(float[] in, float[] out, State s, int b0, int b1) {
            float[] mapped = s.buffer();
            for (int j = b0 * inSize; j < b1 * inSize; j++) {
                mapped[j] = map(in[j]);
            }
            inner.step(mapped, out, s.inner(), b0, b1);
        }

        @Override
        public boolean decidesBeforeInput() {
            return inner.decidesBeforeInput();
        }

        @Override
        public void emit(float[] out, State s, int b0, int b1) {
            inner.emit(out, s.inner(), b0, b1);
        }
    }

    /** Reads every non-zero input as 1 (a connection that receives binary spikes). */
    public static final class BinaryInput extends MappedInput {
        public BinaryInput(Kernel<?> inner) {
            super(inner);
        }

        @Override
        float map(float x) {
            return x != 0f ? 1f : 0f;
        }
    }

    /** Reads every input above {@code cap} as {@code cap} (a chip that takes at most so many events per step). */
    public static final class CappedInput extends MappedInput {
        private final float cap;

        public CappedInput(Kernel<?> inner, float cap) {
            super(inner);
            this.cap = cap;
        }

        @Override
        float map(float x) {
            return Math.min(x, cap);
        }
    }

    /**
     * Sends at step t what the inner kernel computed at step t − 1 (zero at step 0): one step of latency. The output
     * does not wait for the step's input, so consumers read it at once ({@link Kernel#decidesBeforeInput}).
     */
    public static final class LateOutput extends Wrapped {
        public LateOutput(Kernel<?> inner) {
            super(inner);
        }

        @Override
        public State newState(int batch) {
            return new State(inner.newState(batch), new float[Math.multiplyExact(batch, outSize)]);
        }

        @Override
        public boolean decidesBeforeInput() {
            return true;
        }

        @Override
        public void emit(float[] out, State s, int b0, int b1) {
            System.arraycopy(s.buffer(), b0 * outSize, out, b0 * outSize, (b1 - b0) * outSize);
        }

        @Override
        public void step(float[] in, float[] out, State s, int b0, int b1) {
            inner.step(in, s.buffer(), s.inner(), b0, b1);
        }
    }
}
