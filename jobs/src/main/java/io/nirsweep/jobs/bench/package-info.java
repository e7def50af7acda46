/**
 * What {@code nirsweep bench} measures: the JMH engine benchmark over the bench networks ({@link
 * io.nirsweep.jobs.bench.EngineBenchmark}, {@link io.nirsweep.jobs.bench.BenchmarkModels}) and the embedded
 * pipeline's overhead against a plain loop over the same work units ({@link io.nirsweep.jobs.bench.SweepOverhead}).
 * Numbers come from these, never from timed unit tests.
 */
package io.nirsweep.jobs.bench;
