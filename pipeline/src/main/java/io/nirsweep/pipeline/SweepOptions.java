package io.nirsweep.pipeline;

import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.Validation;

/**
 * The options of a sweep's pipeline: Beam's Flink runner options (which runner, the Flink master, parallelism,
 * files to stage) and what the sweep itself needs. {@link SweepPipeline.Runner#toOptions} makes them from the
 * command line's choice.
 */
public interface SweepOptions extends FlinkPipelineOptions {
    @Description("Folder (absolute, seen alike by every worker) that the units write their Parquet files and"
            + " completion markers into")
    @Validation.Required
    String getOut();

    void setOut(String out);
}
