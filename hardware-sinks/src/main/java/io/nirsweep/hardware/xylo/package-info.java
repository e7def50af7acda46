/**
 * Xylo Audio 2 (SYNS61201), the {@code xylo} chip target: Rockpool's NIR import, design rules, allocation and
 * per-neuron quantisation ({@link io.nirsweep.hardware.xylo.XyloRules},
 * {@link io.nirsweep.hardware.xylo.XyloQuantisation}) and the chip's integer neuron as the bit-exact simulator xylosim
 * computes it ({@link io.nirsweep.hardware.xylo.XyloNeuron}); registered by
 * {@link io.nirsweep.hardware.xylo.XyloBackends} (docs/platforms.md §4.10).
 *
 * <p>Uses the chip-target API {@link io.nirsweep.hardware.target} (ChipRules, MappingReport, Limit, Fixed) and
 * sim-operators' {@link io.nirsweep.sim.backend} and {@link io.nirsweep.sim.neuron}.
 */
package io.nirsweep.hardware.xylo;
