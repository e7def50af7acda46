package io.nirsweep.sim.neuron;

/**
 * A reset rule the generic {@link Reset}s do not cover, declared by a simulator's package (such as a subtract reset
 * with its own bookkeeping). {@link FloatNeurons} runs it in place of its firing, with its own integration, spike
 * test and number type, spikes decided in the same step, at most one spike per step, and no membrane floor.
 */
public interface ResetVariant {
    /** The reset in words, for {@code nirsweep backends} and the recombination axes. */
    String summary();

    /**
     * The step of one spiking node.
     *
     * @param integration the sub-threshold update of the choices
     * @param choices the other choices (spike test, number type)
     */
    NeuronStep<?> create(NeuronParams p, Integration integration, FloatNeurons choices);
}
