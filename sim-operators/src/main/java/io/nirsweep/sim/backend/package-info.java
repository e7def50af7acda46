/**
 * The plug-in point: what a backend is ({@link io.nirsweep.sim.backend.Backend}: name, kind, description, the
 * version it reproduces, the neuron step per neuron kind, its importer's {@link io.nirsweep.sim.backend.ImportRules}
 * and where loops take their delay), the registry every module adds to through Java's
 * {@link java.util.ServiceLoader} ({@link io.nirsweep.sim.backend.BackendProvider},
 * {@link io.nirsweep.sim.backend.Backends}), and the graph as an importer sees and changes it
 * ({@link io.nirsweep.sim.backend.Import}, {@link io.nirsweep.sim.backend.FlatGraph}).
 *
 * <p>Uses {@link io.nirsweep.sim.neuron} and the model; names no simulator or chip — those live in
 * {@code io.nirsweep.sim.simulators.*} and in the hardware-sinks module.
 */
package io.nirsweep.sim.backend;
