/**
 * The engine: a type-checked NIR graph compiled for one backend and dt ({@link io.nirsweep.sim.engine.GraphCompiler}:
 * sub-graphs inlined, the backend's import rules applied, a kernel per node, a schedule with the delayed edges of
 * loops) into an immutable {@link io.nirsweep.sim.engine.Program}, run step by step over a batch of samples.
 *
 * <p>Uses {@link io.nirsweep.sim.backend} (the backend it is given), {@link io.nirsweep.sim.kernel} and
 * {@link io.nirsweep.sim.neuron}; names no simulator or chip and never asks which backend it runs.
 */
package io.nirsweep.sim.engine;
