/**
 * The sweep on the driver: planning it from a config ({@link io.nirsweep.pipeline.SweepPlanner}, bounded before
 * anything is expanded), running it as a Beam pipeline ({@link io.nirsweep.pipeline.SweepPipeline}, on the runner
 * its {@link io.nirsweep.pipeline.SweepOptions} name), and putting its results in place
 * ({@link io.nirsweep.pipeline.SweepRun}) in an output folder that {@link io.nirsweep.pipeline.SweepOutput} has
 * checked and locked: a sweep replaces only its own earlier results ({@link io.nirsweep.pipeline.ResultsFolder}),
 * never a folder or file of the user's.
 */
package io.nirsweep.pipeline;
