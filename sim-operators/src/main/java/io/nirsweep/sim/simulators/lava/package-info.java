/**
 * The NIR paper's converter onto Lava's own processes (docs/platforms.md §4.7): its import rules, which
 * hardware-sinks' {@code lava-fixed} reuses, and the floating-point backend {@code lava}.
 *
 * <p>Uses {@link io.nirsweep.sim.backend} and {@link io.nirsweep.sim.neuron}; registered in sim-operators'
 * {@code META-INF/services/io.nirsweep.sim.backend.BackendProvider}.
 */
package io.nirsweep.sim.simulators.lava;
