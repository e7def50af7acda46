/**
 * Loihi 2: its neuron arithmetic ({@link io.nirsweep.hardware.loihi.LoihiLif}, as Lava's bit-accurate model
 * computes it) and the backends that run it ({@link io.nirsweep.hardware.loihi.LoihiBackends}), registered through
 * sim-operators' plug-in point.
 *
 * <p>Uses sim-operators' {@link io.nirsweep.sim.backend} and {@link io.nirsweep.sim.neuron}, and the rules of the
 * {@code lava} simulator ({@link io.nirsweep.sim.simulators.lava.LavaImport}), which its converter shares.
 */
package io.nirsweep.hardware.loihi;
