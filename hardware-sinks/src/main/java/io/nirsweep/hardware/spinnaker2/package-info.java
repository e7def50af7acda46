/**
 * SpiNNaker2: py-spinnaker2's NIR conversion ({@link io.nirsweep.hardware.spinnaker2.SpiNNaker2Rules}: graph rules,
 * per-population int8 weight scaling truncated toward zero, thresholds and biases as s2_nir's FORWARD formulas, the
 * chip's resources), the ARM cores' float32 neuron step ({@link io.nirsweep.hardware.spinnaker2.S2Neuron}) and the
 * two registered targets, reset to zero or by subtraction
 * ({@link io.nirsweep.hardware.spinnaker2.SpiNNaker2Backends}).
 *
 * <p>Uses sim-operators' {@link io.nirsweep.sim.backend} and {@link io.nirsweep.sim.neuron}, and the chip-target API
 * {@link io.nirsweep.hardware.target}.
 */
package io.nirsweep.hardware.spinnaker2;
