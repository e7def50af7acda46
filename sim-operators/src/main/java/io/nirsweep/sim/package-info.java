/**
 * The simulation engine: a NIR graph compiled for one backend's semantics
 * ({@link io.nirsweep.sim.GraphCompiler}, {@link io.nirsweep.sim.Backends}) into an immutable
 * {@link io.nirsweep.sim.Program} of per-node kernels, run step by step over a batch of samples.
 */
package io.nirsweep.sim;
