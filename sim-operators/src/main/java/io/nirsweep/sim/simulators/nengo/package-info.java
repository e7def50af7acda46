/**
 * The NIR paper's Nengo converters (docs/platforms.md §4.6): their import rules and the backend {@code nengo}.
 *
 * <p>Uses {@link io.nirsweep.sim.backend} and {@link io.nirsweep.sim.neuron}; registered in sim-operators'
 * {@code META-INF/services/io.nirsweep.sim.backend.BackendProvider}.
 */
package io.nirsweep.sim.simulators.nengo;
