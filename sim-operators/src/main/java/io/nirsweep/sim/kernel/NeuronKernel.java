package io.nirsweep.sim.kernel;

import io.nirsweep.sim.neuron.NeuronStep;

/**
 * A neuron node: its {@link NeuronStep} applied to each sample of a batch. Each sample's input is copied into an
 * array indexed from 0 and its output collected in one: with the state also per sample, every loop of the step
 * indexes its arrays alike, the shape the JIT vectorises.
 *
 * @param <S> one sample's state of the step
 */
public final class NeuronKernel<S> extends Kernel<Object[]> {
    private final NeuronStep<S> step;
    private final boolean decidesBeforeInput;

    public NeuronKernel(NeuronStep<S> step) {
        super(step.size(), step.size());
        this.step = step;
        this.decidesBeforeInput = step.decidesBeforeInput();
    }

    @Override
    public Object[] newState(int batch) {
        Object[] states = new Object[batch];
        for (int b = 0; b < batch; b++) {
            states[b] = step.newState();
        }
        return states;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void step(float[] in, float[] out, Object[] states, int b0, int b1) {
        int n = outSize;
        float[] x = new float[n];
        float[] y = new float[n];
        for (int b = b0; b < b1; b++) {
            int base = b * n;
            System.arraycopy(in, base, x, 0, n);
            step.step(x, (S) states[b], y);
            if (!decidesBeforeInput) {
                System.arraycopy(y, 0, out, base, n);
            }
        }
    }

    @Override
    public boolean decidesBeforeInput() {
        return decidesBeforeInput;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void emit(float[] out, Object[] states, int b0, int b1) {
        int n = outSize;
        float[] y = new float[n];
        for (int b = b0; b < b1; b++) {
            step.emit((S) states[b], y);
            System.arraycopy(y, 0, out, b * n, n);
        }
    }

    @Override
    public boolean hasMembrane() {
        return true;
    }

    @Override
    @SuppressWarnings("unchecked")
    public double membrane(Object[] states, int b, int k) {
        return step.membrane((S) states[b], k);
    }

    @Override
    public boolean spiking() {
        return step.spiking();
    }
}
