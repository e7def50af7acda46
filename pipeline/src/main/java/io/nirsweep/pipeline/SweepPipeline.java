package io.nirsweep.pipeline;

import io.nirsweep.operators.sweep.MergePartitionFn;
import io.nirsweep.operators.sweep.SimulateUnitsFn;
import io.nirsweep.operators.sweep.UnitWriter;
import io.nirsweep.operators.sweep.WorkUnit;
import java.util.List;
import org.apache.beam.runners.flink.FlinkRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.FlatMapElements;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * The sweep as a Beam pipeline: the work units (planned on the driver from the config) are spread over the
 * workers ({@link DistributeUnits}), each is simulated and written as its own files in the run's work folder
 * ({@link SimulateAndWrite}), and once all are, each partition's unit files are merged into that partition's one
 * file of the results ({@link MergePartitions}).
 * {@link #apply} adds these steps to any pipeline (a test's too); {@link #run} runs them on the runner that
 * {@link SweepOptions} name: Beam's Flink runner, in-process ("embedded") or against a Flink cluster.
 */
public final class SweepPipeline {
    private SweepPipeline() {}

    /**
     * Where and how to run.
     *
     * @param master {@code [local]} for an in-process Flink, or a cluster's {@code HOST:PORT}
     * @param flinkConfDir a folder with a Flink {@code config.yaml} for this run, or null
     */
    public record Runner(String master, int parallelism, List<String> filesToStage, String flinkConfDir) {
        static {
            // So that PipelineOptionsFactory's --help and argument parsing know the sweep's own options too.
            PipelineOptionsFactory.register(SweepOptions.class);
        }

        /**
         * Beam's Flink runner with an in-process Flink; with {@code nirsweep.home} set (the launcher sets it), the
         * Flink settings of {@code conf/flink/embedded/}.
         */
        public static Runner embedded(int parallelism) {
            String home = System.getProperty("nirsweep.home");
            java.nio.file.Path conf = home == null ? null : java.nio.file.Path.of(home, "conf", "flink", "embedded");
            return new Runner("[local]", parallelism, List.of(),
                    conf != null && java.nio.file.Files.isDirectory(conf) ? conf.toString() : null);
        }

        /** A Flink cluster at {@code HOST:PORT}, shipping these jars with the job. */
        public static Runner cluster(String master, int parallelism, List<String> filesToStage) {
            return new Runner(master, parallelism, filesToStage, null);
        }

        /**
         * The pipeline options for a sweep writing under {@code out}: Beam's Flink runner, set up as this says; the
         * Flink job (web UI, REST API) is named {@code jobName} ({@link SweepPlan#jobName()}).
         */
        public SweepOptions toOptions(String out, String jobName) {
            SweepOptions options = PipelineOptionsFactory.as(SweepOptions.class);
            options.setRunner(FlinkRunner.class);
            options.setJobName(jobName);
            options.setFlinkMaster(master);
            options.setParallelism(parallelism);
            if (!filesToStage.isEmpty()) {
                options.setFilesToStage(filesToStage);
            }
            if (flinkConfDir != null) {
                options.setFlinkConfDir(flinkConfDir);
            }
            options.setOut(out);
            return options;
        }
    }

    /** The work units, distributed evenly whatever order they were planned in. */
    static final class DistributeUnits extends PTransform<PBegin, PCollection<WorkUnit>> {
        private static final long serialVersionUID = 1L;
        private final List<WorkUnit> units;

        DistributeUnits(List<WorkUnit> units) {
            this.units = units;
        }

        @Override
        public PCollection<WorkUnit> expand(PBegin input) {
            return input.apply("Units", Create.of(units).withCoder(SerializableCoder.of(WorkUnit.class)))
                    .apply("Spread", Reshuffle.viaRandomKey());
        }
    }

    /** Each unit simulated as one batch and its rows written into the work folder {@code out}. */
    static final class SimulateAndWrite extends PTransform<PCollection<WorkUnit>, PCollection<UnitWriter.Summary>> {
        private static final long serialVersionUID = 1L;
        private final String out;

        SimulateAndWrite(String out) {
            this.out = out;
        }

        @Override
        public PCollection<UnitWriter.Summary> expand(PCollection<WorkUnit> units) {
            return units.apply("Simulate", ParDo.of(new SimulateUnitsFn(out)))
                    .setCoder(SerializableCoder.of(UnitWriter.Summary.class));
        }
    }

    /**
     * Each partition that a unit wrote, with every unit that wrote it, merged into the partition's one file under
     * {@code out} ({@link MergePartitionFn}). The grouping waits for every unit, so a merge reads complete unit
     * files only; emits the partitions merged.
     */
    static final class MergePartitions extends PTransform<PCollection<UnitWriter.Summary>, PCollection<String>> {
        private static final long serialVersionUID = 1L;
        private final String out;

        MergePartitions(String out) {
            this.out = out;
        }

        @Override
        public PCollection<String> expand(PCollection<UnitWriter.Summary> written) {
            return written
                    .apply("UnitsByPartition", FlatMapElements
                            .into(TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.strings()))
                            .via((UnitWriter.Summary s) -> s.partitions().stream().map(p -> KV.of(p, s.unit()))
                                    .toList()))
                    .apply("GroupByPartition", GroupByKey.create())
                    .apply("Merge", ParDo.of(new MergePartitionFn(out)));
        }
    }

    /**
     * Adds the sweep of these units to {@code p}: the units spread over the workers, each simulated and written
     * into {@code out}'s work folder ({@link UnitWriter#work}; {@code out} is a {@code Storage} location: a path, a
     * {@code file:} URI or a URI of a registered scheme), then every partition merged into its one file under
     * {@code out}. The work folder stays: the caller deletes it once the pipeline is done ({@link SweepRun}). The
     * step names are those of the Flink job graph, which the failover test reads. Gives what each unit wrote.
     */
    public static PCollection<UnitWriter.Summary> apply(Pipeline p, List<WorkUnit> units, String out) {
        String work = UnitWriter.work(out);
        PCollection<UnitWriter.Summary> written = p.apply("DistributeUnits", new DistributeUnits(units))
                .apply("SimulateAndWrite", new SimulateAndWrite(work));
        written.apply("MergePartitions", new MergePartitions(out));
        return written;
    }

    /** Runs the sweep of these units to completion, as the job {@code jobName}, on the runner the options name. */
    public static PipelineResult.State run(List<WorkUnit> units, String out, Runner runner, String jobName) {
        SweepOptions options = runner.toOptions(out, jobName);
        Pipeline p = Pipeline.create(options);
        apply(p, units, options.getOut());
        return p.run().waitUntilFinish();
    }
}
