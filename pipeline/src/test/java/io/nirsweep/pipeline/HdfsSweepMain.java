package io.nirsweep.pipeline;

import io.nirsweep.pipeline.config.SweepConfig;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * The JVM of {@link HdfsSweepTest}'s sweeps: plans the sweep of a config file and runs it embedded into a results
 * location, as {@code nirsweep sweep CONFIG --out LOCATION} does; Hadoop's client finds its cluster through
 * {@code HADOOP_CONF_DIR}, here and on the pipeline's workers. Exit 0 when the run is done; 2, with the message on
 * stderr, when the location is refused ({@link SweepRefusal}) or the results were kept aside
 * ({@link ResultsKeptAside}); 1 otherwise.
 */
final class HdfsSweepMain {
    private HdfsSweepMain() {}

    public static void main(String[] args) throws Exception {
        PrintWriter progress = new PrintWriter(System.err, true);
        SweepPlan plan = SweepPlanner.plan(SweepConfig.load(Path.of(args[0])), "test");
        try {
            SweepRun.Outcome outcome = SweepRun.execute(plan, args[1], SweepPipeline.Runner.embedded(2), "embedded",
                    progress);
            System.out.println("outcome: " + outcome);
            System.exit(outcome.state() == org.apache.beam.sdk.PipelineResult.State.DONE ? 0 : 1);
        } catch (SweepRefusal | ResultsKeptAside e) {
            System.err.println("nirsweep: " + e.getMessage());
            System.exit(2);
        }
    }
}
