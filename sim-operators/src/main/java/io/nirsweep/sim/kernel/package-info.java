/**
 * The kernels: one node's computation for one step over a batch ({@link io.nirsweep.sim.kernel.Kernel}) — plumbing,
 * dense and convolutional maps, pooling, thresholds, delay lines ({@link io.nirsweep.sim.kernel.Kernels},
 * {@link io.nirsweep.sim.kernel.ConvKernel}), a neuron's step applied sample by sample
 * ({@link io.nirsweep.sim.kernel.NeuronKernel}), and the wrappers for connections that behave unlike NIR's
 * ({@link io.nirsweep.sim.kernel.Wrapped}).
 *
 * <p>Uses {@link io.nirsweep.sim.neuron}; knows no backend, simulator or chip.
 */
package io.nirsweep.sim.kernel;
