package io.nirsweep.sim.neuron;

/**
 * Makes the {@link NeuronStep} of one neuron node, once, when a graph is compiled: what a backend names for each
 * {@link NeuronKind}, and what an importer's rule may put in its place for one node.
 */
public interface NeuronStepFactory {
    /**
     * @param node the node's name, for refusals
     * @param params its parameters, as the importer left them
     * @param dt the step length in seconds
     * @throws io.nirsweep.sim.SimulationException naming the node when the step cannot run these parameters
     */
    NeuronStep<?> create(String node, NeuronParams params, double dt);

    /**
     * This step with an importer's rule for one node applied ({@link NeuronModifier}): the floating-point steps take
     * the modifiers they can run; any other step refuses.
     *
     * @throws io.nirsweep.sim.SimulationException naming the node, when the step cannot take the modifier
     */
    default NeuronStepFactory modified(String node, NeuronModifier m) {
        throw new io.nirsweep.sim.SimulationException(node, "its step (" + summary().integrator() + ") takes no "
                + m.aspect() + " rule");
    }

    /** The choices in words, for {@code nirsweep backends}. */
    Summary summary();

    /**
     * A step's numeric choices as table cells.
     *
     * @param latency the steps of latency the neuron adds ("" for none)
     */
    record Summary(String integrator, String spikeTest, String reset, String spikesPerStep, String numbers,
            String latency) {}
}
