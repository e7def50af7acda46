package io.nirsweep.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.nirsweep.operators.storage.Storage;
import io.nirsweep.pipeline.ResultsKeptAside;
import io.nirsweep.pipeline.SweepOutput;
import io.nirsweep.pipeline.SweepPipeline;
import io.nirsweep.pipeline.SweepPlan;
import io.nirsweep.pipeline.SweepPlanner;
import io.nirsweep.pipeline.SweepRefusal;
import io.nirsweep.pipeline.SweepRun;
import io.nirsweep.pipeline.config.ConfigException;
import io.nirsweep.pipeline.config.SweepConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.flink.api.java.ExecutionEnvironment;
import org.apache.flink.client.program.ContextEnvironment;
import org.apache.flink.configuration.DeploymentOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code sweep CONFIG.yaml}: runs the sweep as a Beam pipeline on the Flink runner (in-process by default, or on
 * a Flink cluster) and writes the Parquet tables of docs/data-model.md under the output folder.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = "Run a parameter sweep (models x inputs x backends x parameters) on Beam's Flink runner.")
final class SweepCommand implements Callable<Integer> {
    @Parameters(paramLabel = "CONFIG.yaml", description = "The sweep config (see README, \"Sweep configs\").")
    Path config;

    @Option(names = "--out", paramLabel = "DIR|URI", description = "Output folder, or a location of another file"
            + " system (gs://, s3://, hdfs://; docs/cluster.md) (default: the config's `out`).")
    String out;

    @Mixin
    RunnerOptions runnerOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        SweepConfig cfg;
        try {
            cfg = SweepConfig.load(config);
        } catch (ConfigException e) {
            throw new Main.UserError(e.getMessage());
        }
        SweepPipeline.Runner where = runnerOptions.runner();
        String target = out != null ? out : cfg.out();
        ResourceId location;
        try {
            location = Storage.folder(target);
        } catch (IllegalArgumentException e) {
            throw new Main.UserError("--out " + e.getMessage());
        }
        String version = Main.engineVersion();
        // Planned first: planning writes nothing, so a sweep it refuses (over the limits, a missing node) leaves no
        // trace and is not reported as busy while another sweep holds the folder.
        SweepPlan plan;
        try {
            plan = SweepPlanner.plan(cfg, version);
        } catch (SweepRefusal | ConfigException e) {
            throw new Main.UserError(e.getMessage());
        }
        String announce = String.format("sweep %s: %d cells, %d work units, %d samples, runner %s (parallelism %d)%n",
                plan.sweepId(), plan.cells().size(), plan.units().size(), plan.totalSamples(),
                runnerOptions.runner, runnerOptions.parallelism);
        try {
            if (!Storage.isLocal(location)) {
                err.print(announce);
                SweepRun.Outcome outcome = SweepRun.execute(plan, target, where, runnerOptions.runner, err);
                return finished(outcome, location, target, err);
            }
            // a plain path as the user typed it, so that messages name it so
            Path folder = Path.of(Storage.localText(target));
            try (SweepOutput output = SweepOutput.claim(folder, plan.sweepFiles())) {
                err.print(announce);
                SweepRun.Outcome outcome = SweepRun.execute(plan, output, where, runnerOptions.runner, err);
                // Still under the lock: no other sweep can have replaced what this names.
                return finished(outcome, Storage.folder(output.folder().toString()), output.folder().toString(), err);
            }
        } catch (SweepRefusal | ConfigException e) {
            throw new Main.UserError(e.getMessage());
        } catch (ResultsKeptAside e) {
            // Complete results that could not replace the output folder: 2 when the user's files got into it
            // during the run (as for a refusal), 1 when the file system failed a rename.
            err.println(Main.errorLine(e.getMessage()));
            return e.outputChanged() ? Main.USER_ERROR : Main.INTERNAL_ERROR;
        }
    }

    /** The exit code of a run that returned; on success the results' tables and run.json on stdout. */
    private int finished(SweepRun.Outcome outcome, ResourceId folder, String named, PrintWriter err) {
        if (outcome.state() != PipelineResult.State.DONE) {
            err.println("nirsweep: the sweep ended " + outcome.state() + "; " + named + " was left as it was");
            return Main.INTERNAL_ERROR;
        }
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.println("results: " + named);
        for (String table : List.of("spikes", "traces", "cells", "mapping")) {
            ResourceId dir = Storage.childFolder(folder, table);
            boolean there;
            try {
                there = !Storage.list(dir).isEmpty();
            } catch (IOException e) {
                there = false; // the results are in place; a listing that fails only shortens this summary
            }
            if (there) {
                stdout.println("  " + table + ": " + Storage.folderName(dir)
                        + "/**/*.parquet (hive_partitioning = true)");
            }
        }
        stdout.printf("  run.json: %s (%d samples, %d failed, %d spikes)%n", outcome.runJson(), outcome.samples(),
                outcome.failed(), outcome.spikes());
        stdout.flush();
        return Main.OK;
    }
}
