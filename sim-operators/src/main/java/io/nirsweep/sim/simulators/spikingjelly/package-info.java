/**
 * SpikingJelly's {@code from_nir} (docs/platforms.md §4.11): its import rules and the backend {@code
 * spikingjelly}.
 *
 * <p>Uses {@link io.nirsweep.sim.backend} and {@link io.nirsweep.sim.neuron}; registered in sim-operators'
 * {@code META-INF/services/io.nirsweep.sim.backend.BackendProvider}.
 */
package io.nirsweep.sim.simulators.spikingjelly;
