/**
 * snnTorch's {@code import_from_nir} as the NIR paper ran it (docs/platforms.md §4.1): its import rules, its
 * subtract reset with bookkeeping ({@link io.nirsweep.sim.simulators.snntorch.SnntorchSubtract}), and the
 * backends {@code snntorch} and {@code snntorch-subtract}.
 *
 * <p>Uses {@link io.nirsweep.sim.backend} and {@link io.nirsweep.sim.neuron}; registered in sim-operators'
 * {@code META-INF/services/io.nirsweep.sim.backend.BackendProvider}.
 */
package io.nirsweep.sim.simulators.snntorch;
