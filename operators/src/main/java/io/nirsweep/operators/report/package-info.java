/**
 * The equivalence report's Beam steps (docs/equivalence.md): read a sweep's {@code spikes} and {@code cells} parts
 * into one element per (cell, sample, backend) ({@link ReadPartsFn}), compare every backend pair of each sample
 * ({@link CompareSampleFn}), and walk from one backend to another one choice at a time to find what makes them
 * diverge ({@link CauseWalkFn}). The metrics themselves are plain Java in {@code operators.equivalence}.
 */
package io.nirsweep.operators.report;
