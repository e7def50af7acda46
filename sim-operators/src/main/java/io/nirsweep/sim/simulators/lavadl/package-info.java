/**
 * The NIR paper's lava-dl converter (docs/platforms.md §4.7): its import rules, lava-dl's CUBA neuron in fixed
 * point ({@link io.nirsweep.sim.simulators.lavadl.FixedPointCuba}), and the backend {@code lava-dl}.
 *
 * <p>Uses {@link io.nirsweep.sim.backend} and {@link io.nirsweep.sim.neuron}; registered in sim-operators'
 * {@code META-INF/services/io.nirsweep.sim.backend.BackendProvider}.
 */
package io.nirsweep.sim.simulators.lavadl;
