/**
 * A sweep's work on the workers: cells and their units of samples ({@link io.nirsweep.operators.sweep.Cell},
 * {@link io.nirsweep.operators.sweep.WorkUnit}), simulated as one batch each
 * ({@link io.nirsweep.operators.sweep.UnitRunner}, which compiles a program once per model, backend and parameter
 * point and keeps the recently used ones: {@link io.nirsweep.operators.sweep.CompiledPrograms}) and written as files
 * named after the unit ({@link io.nirsweep.operators.sweep.UnitWriter}), so a retried unit rewrites the same rows.
 * Nothing here depends on Flink; the Beam function is a thin wrapper that keeps one runner, with its caches, per
 * instance.
 */
package io.nirsweep.operators.sweep;
