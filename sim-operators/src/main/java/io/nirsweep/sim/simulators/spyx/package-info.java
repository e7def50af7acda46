/**
 * Spyx's {@code from_nir} of the paper's time (docs/platforms.md §4.3): its import rules, its spike decided
 * before the input (the previous-step spike timing of {@link io.nirsweep.sim.neuron.FloatNeurons}), and the backend
 * {@code spyx}.
 *
 * <p>Uses {@link io.nirsweep.sim.backend} and {@link io.nirsweep.sim.neuron}; registered in sim-operators'
 * {@code META-INF/services/io.nirsweep.sim.backend.BackendProvider}.
 */
package io.nirsweep.sim.simulators.spyx;
