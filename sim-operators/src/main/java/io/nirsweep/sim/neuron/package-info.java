/**
 * Neuron dynamics as step functions over primitive arrays, in a functional style: NIR's parameters
 * ({@link io.nirsweep.sim.neuron.NeuronParams}), one sample's state ({@link io.nirsweep.sim.neuron.MembraneState}),
 * and a {@link io.nirsweep.sim.neuron.NeuronStep} that maps (input, state) to (output, state), advancing the state in
 * place, with the parameters and dt fixed when it is made. One class per integration
 * scheme ({@link io.nirsweep.sim.neuron.ForwardEuler}, {@link io.nirsweep.sim.neuron.CurrentFirstEuler},
 * {@link io.nirsweep.sim.neuron.ExactDecay}, {@link io.nirsweep.sim.neuron.ExactMembrane},
 * {@link io.nirsweep.sim.neuron.ExactNeuronStep}) and per spike-and-reset rule ({@link io.nirsweep.sim.neuron.Firing}),
 * each with its equation in its doc comment; {@link io.nirsweep.sim.neuron.FloatNeurons} composes them from named
 * choices — scheme, spike test, {@link io.nirsweep.sim.neuron.SpikeTiming} (spikes decided from the previous step's
 * membrane run as {@link io.nirsweep.sim.neuron.PreviousStepSpikes}, with a
 * {@link io.nirsweep.sim.neuron.ResetTiming}), reset, precision — and refuses combinations that make no sense in one
 * line. An importer's per-node rule is a {@link io.nirsweep.sim.neuron.NeuronModifier} of those choices (a floor, a
 * spike cap, another reset for one node), so it composes with whatever choices a backend or a recombined recipe
 * names. A reset rule a single platform needs can be a {@link io.nirsweep.sim.neuron.ResetVariant} that
 * {@code FloatNeurons} runs; steps that are a platform's own arithmetic (fixed point) live with that platform's
 * backend and implement {@link io.nirsweep.sim.neuron.NeuronStep} themselves.
 *
 * <p>Uses only the model's node types and {@link io.nirsweep.sim.SimulationException}; names no simulator or chip.
 */
package io.nirsweep.sim.neuron;
