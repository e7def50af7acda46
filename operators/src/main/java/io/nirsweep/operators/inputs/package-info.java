/**
 * The sweep's input sets: the samples a config names ({@link io.nirsweep.operators.inputs.InputSpec}), opened
 * where they are simulated ({@link io.nirsweep.operators.inputs.InputSets}) and read one sample at a time in
 * bounded memory. Arrays follow the command line's one convention, time-major
 * ({@link io.nirsweep.sim.io.TimeMajor}), so a file means the same to {@code simulate} and to a sweep.
 */
package io.nirsweep.operators.inputs;
