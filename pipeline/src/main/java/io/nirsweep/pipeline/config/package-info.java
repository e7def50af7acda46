/**
 * Sweep configs: the YAML read into a checked {@link io.nirsweep.pipeline.config.SweepConfig} (models, input
 * sets, backends, parameter grid, what to record, where to write), every refusal naming the line and the key.
 */
package io.nirsweep.pipeline.config;
