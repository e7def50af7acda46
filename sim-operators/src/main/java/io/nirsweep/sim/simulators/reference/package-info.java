/**
 * NIR's own equations with no simulator's importer in between: {@code exact} (solved exactly for step-constant
 * input) and {@code euler} (forward Euler); docs/platforms.md §4.0.
 *
 * <p>Uses {@link io.nirsweep.sim.backend} and {@link io.nirsweep.sim.neuron}; registered in sim-operators'
 * {@code META-INF/services/io.nirsweep.sim.backend.BackendProvider}.
 */
package io.nirsweep.sim.simulators.reference;
