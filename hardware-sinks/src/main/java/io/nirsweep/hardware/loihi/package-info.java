/**
 * Loihi 2: Lava's bit-accurate compartment ({@link io.nirsweep.hardware.loihi.LoihiCompartment}), the LIF as the
 * paper's converter sets it up ({@link io.nirsweep.hardware.loihi.LoihiLif}), the backend {@code lava-fixed}
 * ({@link io.nirsweep.hardware.loihi.LoihiBackends}), and the chip target {@code loihi2}: its conversion
 * ({@link io.nirsweep.hardware.loihi.Loihi2Rules}, with slayer's, netx's and Lava's quantisation in
 * {@link io.nirsweep.hardware.loihi.Loihi2Quantiser}), its compartments with the chip's spike-step readout
 * ({@link io.nirsweep.hardware.loihi.Loihi2Neuron}), and the published chip limits it is checked against.
 * Registered through sim-operators' plug-in point.
 *
 * <p>Uses sim-operators' {@link io.nirsweep.sim.backend} and {@link io.nirsweep.sim.neuron}, the rules of the
 * {@code lava} simulator ({@link io.nirsweep.sim.simulators.lava.LavaImport}), which its converter shares, and the
 * chip-target API {@link io.nirsweep.hardware.target}.
 */
package io.nirsweep.hardware.loihi;
