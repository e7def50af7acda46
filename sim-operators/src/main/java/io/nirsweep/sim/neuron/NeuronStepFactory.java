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
