/**
 * Loihi 2: its neuron arithmetic ({@link io.nirsweep.hardware.loihi.LoihiLif}, as Lava's bit-accurate model
 * computes it) and the backends that run it ({@link io.nirsweep.hardware.loihi.LoihiBackends}), registered through
 * sim-operators' plug-in point.
 */
package io.nirsweep.hardware.loihi;
