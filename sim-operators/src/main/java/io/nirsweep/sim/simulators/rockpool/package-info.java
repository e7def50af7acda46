/**
 * Rockpool's NIR import (docs/platforms.md §4.5): its import rules and the backend {@code rockpool}.
 *
 * <p>Uses {@link io.nirsweep.sim.backend} and {@link io.nirsweep.sim.neuron}; registered in sim-operators'
 * {@code META-INF/services/io.nirsweep.sim.backend.BackendProvider}.
 */
package io.nirsweep.sim.simulators.rockpool;
