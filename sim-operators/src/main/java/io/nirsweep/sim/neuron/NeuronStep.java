package io.nirsweep.sim.neuron;

/**
 * One neuron node's dynamics for one step of one sample: (input x, state) → (output y, state), the state advanced in
 * place, with the parameters and dt fixed when the step was made (its factors computed once, at compile time). x is the
 * summed input held constant over the step; y is the spike count per neuron for spiking neurons, else the membrane.
 * A step is immutable and shared by every thread; all that changes lives in {@code S}.
 *
 * @param <S> one sample's state
 */
public interface NeuronStep<S> {
    /** The number of neurons. */
    int size();

    /** One sample's state at rest: zero membranes and currents. */
    S newState();

    /** Advances {@code state} over one step with input {@code x} and writes the step's output to {@code y}. */
    void step(float[] x, S state, float[] y);

    /** True when the output is a spike count. */
    boolean spiking();

    /** The membrane potential of neuron {@code k}, in the step's units. */
    double membrane(S state, int k);

    /**
     * True when the step's output is decided before its input arrives (a spike test on the previous step's
     * membrane): the engine then calls {@link #emit} at the start of each step, and {@link #step} only absorbs
     * the input — what it writes to {@code y} is not used.
     */
    default boolean decidesBeforeInput() {
        return false;
    }

    /** Writes this step's output before the input is known (see {@link #decidesBeforeInput}). */
    default void emit(S state, float[] y) {
        throw new IllegalStateException("decides after its input: " + getClass().getSimpleName());
    }
}
