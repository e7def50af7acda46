/**
 * Neuron dynamics as step functions over primitive arrays, in a functional style: NIR's parameters
 * ({@link io.nirsweep.sim.neuron.NeuronParams}), one sample's state ({@link io.nirsweep.sim.neuron.MembraneState}),
 * and a {@link io.nirsweep.sim.neuron.NeuronStep} that maps (input, state) to (output, state), advancing the state in
 * place, with the parameters and dt fixed when it is made. One class per integration
 * scheme ({@link io.nirsweep.sim.neuron.ForwardEuler}, {@link io.nirsweep.sim.neuron.CurrentFirstEuler},
 * {@link io.nirsweep.sim.neuron.ExactDecay}, {@link io.nirsweep.sim.neuron.ExactMembrane},
 * {@link io.nirsweep.sim.neuron.ExactNeuronStep}) and per spike-and-reset rule ({@link io.nirsweep.sim.neuron.Firing}),
 * each with its equation in its doc comment; {@link io.nirsweep.sim.neuron.FloatNeurons} composes them from named
 * choices. Steps that a single platform needs (a fixed-point arithmetic, an irregular reset) live with that
 * platform's backend and implement {@link io.nirsweep.sim.neuron.NeuronStep} themselves.
 *
 * <p>Uses only the model's node types and {@link io.nirsweep.sim.SimulationException}; names no simulator or chip.
 */
package io.nirsweep.sim.neuron;
