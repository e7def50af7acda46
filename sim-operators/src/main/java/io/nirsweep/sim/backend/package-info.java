/**
 * The plug-in point: what a backend is ({@link io.nirsweep.sim.backend.Backend}: name, kind, description, the
 * version it reproduces, the neuron step per neuron kind, its importer's {@link io.nirsweep.sim.backend.ImportRules}
 * and where loops take their delay), importers as lists of named rules ({@link io.nirsweep.sim.backend.NamedRules},
 * {@link io.nirsweep.sim.backend.ImportRule}), backends decomposed into their choices and recombined one choice at a
 * time ({@link io.nirsweep.sim.backend.Recipe}, refused with {@link io.nirsweep.sim.backend.RefusedCombination};
 * docs/choices.md), the registry every module adds to through Java's
 * {@link java.util.ServiceLoader} ({@link io.nirsweep.sim.backend.BackendProvider},
 * {@link io.nirsweep.sim.backend.Backends}), the graph as an importer sees and changes it
 * ({@link io.nirsweep.sim.backend.Import}, {@link io.nirsweep.sim.backend.FlatGraph}), and the step length a run
 * asks for ({@link io.nirsweep.sim.backend.StepLength}: seconds, or the importer's own).
 *
 * <p>Uses {@link io.nirsweep.sim.neuron} and the model; names no simulator or chip — those live in
 * {@code io.nirsweep.sim.simulators.*} and in the hardware-sinks module.
 */
package io.nirsweep.sim.backend;
