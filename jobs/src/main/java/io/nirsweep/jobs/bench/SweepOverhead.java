package io.nirsweep.jobs.bench;

import io.nirsweep.operators.parquet.ParquetTables;
import io.nirsweep.operators.storage.ParquetFiles;
import io.nirsweep.operators.storage.Storage;
import io.nirsweep.operators.sweep.Cell;
import io.nirsweep.operators.sweep.UnitRunner;
import io.nirsweep.operators.sweep.WorkUnit;
import io.nirsweep.pipeline.FileTrees;
import io.nirsweep.pipeline.SweepPipeline;
import io.nirsweep.pipeline.SweepPlan;
import io.nirsweep.pipeline.SweepPlanner;
import io.nirsweep.pipeline.SweepRun;
import io.nirsweep.pipeline.config.SweepConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The embedded pipeline's overhead on a sweep of many small cells: the same work units run (a) through the sweep
 * pipeline on Beam's Flink runner with an in-process Flink, start-up included, and (b) in a plain loop over the
 * engine on a pool of as many threads as the pipeline's parallelism, each unit simulated and its rows written as
 * Parquet files of the same tables (one file per unit and partition, where the pipeline merges each partition into
 * one). Wall-clock times, alternating, median of the repeats.
 */
public final class SweepOverhead {
    /** Threshold scales of the sweep: with 2 backends, twice as many cells. */
    static final int SCALES = 400;

    private SweepOverhead() {}

    /** Medians in seconds and their ratio; {@code startupSeconds}: the pipeline on one one-step sample. */
    public record Result(int cells, int units, int samples, double pipelineSeconds, double loopSeconds,
            double startupSeconds) {
        public double ratio() {
            return pipelineSeconds / loopSeconds;
        }
    }

    public static Result measure(Path home, int repeats, int parallelism) {
        Path dir = temp();
        try {
            SweepPlan plan = SweepPlanner.plan(SweepConfig.load(writeConfig(home, dir)), "bench");
            double[] pipeline = new double[repeats];
            double[] loop = new double[repeats];
            for (int r = 0; r < repeats; r++) {
                long t0 = System.nanoTime();
                SweepRun.execute(plan, dir.resolve("pipeline"), SweepPipeline.Runner.embedded(parallelism), "embedded",
                        new PrintWriter(new StringWriter()));
                pipeline[r] = (System.nanoTime() - t0) / 1e9;
                long t1 = System.nanoTime();
                loop(plan.units(), dir.resolve("loop-" + r), parallelism);
                loop[r] = (System.nanoTime() - t1) / 1e9;
            }
            SweepPlan tiny = new SweepPlan(plan.sweepId(), plan.cells().subList(0, 1), List.of(
                    new WorkUnit(plan.units().get(0).cell(), 0, 1)), plan.configFile(), plan.configText(),
                    plan.configSha256(), plan.engineVersion(), plan.sweepFiles());
            double[] startup = new double[repeats];
            for (int r = 0; r < repeats; r++) {
                long t0 = System.nanoTime();
                SweepRun.execute(tiny, dir.resolve("tiny"), SweepPipeline.Runner.embedded(parallelism), "embedded",
                        new PrintWriter(new StringWriter()));
                startup[r] = (System.nanoTime() - t0) / 1e9;
            }
            return new Result(plan.cells().size(), plan.units().size(), Math.toIntExact(plan.totalSamples()),
                    median(pipeline), median(loop), median(startup));
        } finally {
            FileTrees.delete(dir);
        }
    }

    /** 2 backends × {@value #SCALES} threshold scales (0.75 to 1.25) of the paper's Braille network, 8 noise samples each. */
    private static Path writeConfig(Path home, Path dir) {
        StringBuilder scales = new StringBuilder();
        for (int k = 0; k < SCALES; k++) {
            scales.append(k == 0 ? "" : ", ").append(String.format(java.util.Locale.ROOT, "%.4f", 0.75 + 0.5 * k / SCALES));
        }
        String yaml = "models: [" + home.resolve("conf/models/braille_noDelay_bias_zero.nir") + "]\n"
                + "inputs:\n  - {name: noise, kind: poisson, shape: [12], steps: 256, samples: 8, rate: 0.05}\n"
                + "backends: [exact, euler]\n"
                + "grid:\n  threshold_scale: [" + scales + "]\n"
                + "out: out\nsamples_per_unit: 8\n";
        try {
            Path config = dir.resolve("sweep.yaml");
            Files.writeString(config, yaml);
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void loop(List<WorkUnit> units, Path out, int threads) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        UnitRunner runner = new UnitRunner();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (WorkUnit u : units) {
                done.add(pool.submit(() -> {
                    writeParquet(out, u, runner.run(u));
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("plain loop failed: " + e.getMessage(), e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** The unit's rows as Parquet part files of the results' tables, in the results' partition folders. */
    private static void writeParquet(Path out, WorkUnit unit, UnitRunner.Result rows) throws IOException {
        Cell c = unit.cell();
        String part = "part-" + unit.id() + ".parquet";
        if (!rows.spikes().isEmpty()) {
            ParquetTables.writeSpikes(target(out, ParquetTables.partition(ParquetTables.SPIKES, c.backend(),
                    c.modelName()), part), rows.spikes());
        }
        if (!rows.traces().isEmpty()) {
            ParquetTables.writeTraces(target(out, ParquetTables.partition(ParquetTables.TRACES, c.backend(),
                    c.modelName()), part), rows.traces());
        }
        if (!rows.mapping().isEmpty()) {
            ParquetTables.writeMapping(target(out, ParquetTables.MAPPING, part), rows.mapping());
        }
        ParquetTables.writeCells(target(out, ParquetTables.CELLS, part), rows.cells());
    }

    private static ParquetTables.Target target(Path out, String partition, String part) {
        return ParquetFiles.target(Storage.file(out.resolve(partition).resolve(part).toString()));
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v[v.length / 2];
    }

    private static Path temp() {
        try {
            return Files.createTempDirectory("nirsweep-overhead");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
