package io.nirsweep.sim.kernel;

/**
 * One node's computation for one step: a pure function of (input, state, parameters) to (output, state). The
 * kernel itself is immutable and shared by every thread; its per-sample state lives in {@code S}. Buffers hold
 * a batch, sample after sample ({@code [b * size + i]}); a call computes samples {@code b0 <= b < b1} only, so
 * disjoint sample ranges may run on different threads and every sample's arithmetic is the same whatever the
 * batch size or thread count.
 *
 * @param <S> the per-batch state (null for stateless kernels)
 */
public abstract class Kernel<S> {
    public final int inSize;
    public final int outSize;

    protected Kernel(int inSize, int outSize) {
        this.inSize = inSize;
        this.outSize = outSize;
    }

    /** Fresh state for a batch (zero membranes, empty delay lines). */
    public abstract S newState(int batch);

    /** Computes {@code out} for samples {@code [b0, b1)} from {@code in}, advancing {@code state}. */
    public abstract void step(float[] in, float[] out, S state, int b0, int b1);

    /**
     * True when the kernel computes the same from its input's non-zero elements alone ({@link #stepOnActive}): the
     * program then lists them once per step for every such consumer of a node.
     */
    public boolean readsActiveInputs() {
        return false;
    }

    /** {@link #step}, given where {@code in} is non-zero for each sample ({@link #readsActiveInputs} kernels). */
    public void stepOnActive(float[] in, ActiveInputs active, float[] out, S state, int b0, int b1) {
        throw new IllegalStateException("reads its whole input: " + getClass().getSimpleName());
    }

    /**
     * True when the step's output does not depend on the step's input (a spike decided on the previous step's
     * membrane, a connection that sends what it received the step before): the program then calls {@link #emit}
     * for it at the start of each step, before any other node, and its {@link #step} only absorbs the input. Its
     * consumers read this step's output without waiting for it.
     */
    public boolean decidesBeforeInput() {
        return false;
    }

    /** Writes this step's output for samples {@code [b0, b1)} before the input is known. */
    public void emit(float[] out, S state, int b0, int b1) {
        throw new IllegalStateException("decides after its input: " + getClass().getSimpleName());
    }

    /** True for neurons: {@link #membrane} answers. */
    public boolean hasMembrane() {
        return false;
    }

    /** The membrane potential of neuron {@code k} of sample {@code b} (neuron kernels only). */
    public double membrane(S state, int b, int k) {
        throw new IllegalStateException("no membrane: " + getClass().getSimpleName());
    }

    /**
     * Synaptic events of one sample's step: how many (non-zero input, weight) multiply-adds the kernel does for
     * the input {@code in[offset .. offset + inSize)}. Zero for kernels without weights.
     */
    public long synapticEvents(float[] in, int offset) {
        return 0;
    }

    /** True when the output is a spike count (neurons that fire, Threshold), false for values. */
    public boolean spiking() {
        return false;
    }

    /** True when the output is the input, unchanged (Input, Output, Flatten). */
    public boolean passesThrough() {
        return false;
    }
}
