package io.nirsweep.jobs;

import io.nirsweep.pipeline.ResultsKeptAside;
import io.nirsweep.pipeline.SweepOutput;
import io.nirsweep.pipeline.SweepPipeline;
import io.nirsweep.pipeline.SweepPlan;
import io.nirsweep.pipeline.SweepPlanner;
import io.nirsweep.pipeline.SweepRefusal;
import io.nirsweep.pipeline.SweepRun;
import io.nirsweep.pipeline.config.ConfigException;
import io.nirsweep.pipeline.config.SweepConfig;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.beam.sdk.PipelineResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code sweep CONFIG.yaml}: runs the sweep as a Beam pipeline on the Flink runner (in-process by default, or on
 * a Flink cluster) and writes the Parquet tables of data-model.md under the output folder.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = "Run a parameter sweep (models x inputs x backends x parameters) on Beam's Flink runner.")
final class SweepCommand implements Callable<Integer> {
    @Parameters(paramLabel = "CONFIG.yaml", description = "The sweep config (see README, \"Sweep configs\").")
    Path config;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: the config's `out`).")
    Path out;

    @Option(names = "--runner", paramLabel = "embedded|flink", description = "embedded (in-process Flink, default) or flink.")
    String runner = "embedded";

    @Option(names = "--flink-master", paramLabel = "HOST:PORT", description = "REST address of the Flink cluster (with --runner flink).")
    String flinkMaster;

    @Option(names = "--parallelism", paramLabel = "N", description = "Parallel workers (default: the machine's cores).")
    int parallelism = Runtime.getRuntime().availableProcessors();

    /** A refused connection comes at once; a host that drops packets is given up on after this. */
    private static final Duration MASTER_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration MASTER_ANSWER_TIMEOUT = Duration.ofSeconds(5);

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
        if (parallelism < 1) {
            throw new Main.UserError("--parallelism must be at least 1");
        }
        SweepPipeline.Runner where = switch (runner) {
            case "embedded" -> {
                if (flinkMaster != null) {
                    throw new Main.UserError("--flink-master goes with --runner flink");
                }
                yield SweepPipeline.Runner.embedded(parallelism);
            }
            case "flink" -> {
                if (flinkMaster == null || !flinkMaster.matches("[^:]+:\\d+")) {
                    throw new Main.UserError("--runner flink needs --flink-master HOST:PORT (e.g. localhost:8081)");
                }
                requireFlinkRestApi(flinkMaster);
                yield SweepPipeline.Runner.cluster(flinkMaster, parallelism, filesToStage());
            }
            default -> throw new Main.UserError("--runner must be embedded or flink, not '" + runner + "'");
        };
        Path target = out != null ? out : cfg.out();
        String version = Main.engineVersion();
        // Planned first: planning writes nothing, so a sweep it refuses (over the limits, a missing node) leaves no
        // trace and is not reported as busy while another sweep holds the folder.
        SweepPlan plan;
        try {
            plan = SweepPlanner.plan(cfg, version);
        } catch (SweepRefusal | ConfigException e) {
            throw new Main.UserError(e.getMessage());
        }
        try (SweepOutput output = SweepOutput.claim(target, plan.sweepFiles())) {
            err.printf("sweep %s: %d cells, %d work units, %d samples, runner %s (parallelism %d)%n", plan.sweepId(),
                    plan.cells().size(), plan.units().size(), plan.totalSamples(), runner, parallelism);
            SweepRun.Outcome outcome = SweepRun.execute(plan, output, where, runner, err);
            if (outcome.state() != PipelineResult.State.DONE) {
                err.println("nirsweep: the sweep ended " + outcome.state() + "; " + target + " was left as it was");
                return Main.INTERNAL_ERROR;
            }
            // Still under the lock: no other sweep can have replaced what this names.
            printResults(output.folder(), outcome);
        } catch (SweepRefusal | ConfigException e) {
            throw new Main.UserError(e.getMessage());
        } catch (ResultsKeptAside e) {
            // Complete results that could not replace the output folder: 2 when the user's files got into it
            // during the run (as for a refusal), 1 when the file system failed a rename.
            err.println(Main.errorLine(e.getMessage()));
            return e.outputChanged() ? Main.USER_ERROR : Main.INTERNAL_ERROR;
        }
        return Main.OK;
    }

    private void printResults(Path folder, SweepRun.Outcome outcome) {
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.println("results: " + folder);
        for (String table : List.of("spikes", "traces", "cells", "mapping")) {
            Path dir = folder.resolve(table);
            if (Files.isDirectory(dir)) {
                stdout.println("  " + table + ": " + dir + "/**/*.parquet (hive_partitioning = true)");
            }
        }
        stdout.printf("  run.json: %s (%d samples, %d failed, %d spikes)%n", outcome.runJson(), outcome.samples(),
                outcome.failed(), outcome.spikes());
        stdout.flush();
    }

    /**
     * Refuses a {@code --flink-master} where no Flink REST API answers, before anything is planned or written:
     * Flink's client would otherwise retry its submission for about a minute and then fail with an internal error.
     * {@code GET /config} is the dashboard's configuration, which every Flink JobManager serves (with or without
     * the web UI), and it names the Flink version.
     */
    private static void requireFlinkRestApi(String master) {
        URI config;
        try {
            config = new URI("http://" + master + "/config");
        } catch (URISyntaxException e) {
            throw new Main.UserError("--flink-master " + master + " is not a HOST:PORT");
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(MASTER_CONNECT_TIMEOUT).build();
        HttpRequest request = HttpRequest.newBuilder(config).timeout(MASTER_ANSWER_TIMEOUT).GET().build();
        String problem;
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200 && isFlinkConfig(response.body())) {
                return;
            }
            problem = "something answers there, but not Flink's REST API (HTTP " + response.statusCode() + " for /config)";
        } catch (HttpConnectTimeoutException e) {
            problem = "no connection within " + MASTER_CONNECT_TIMEOUT.toSeconds() + " s";
        } catch (HttpTimeoutException e) {
            problem = "no answer within " + MASTER_ANSWER_TIMEOUT.toSeconds() + " s";
        } catch (ConnectException e) {
            problem = "nothing listens there (connection refused)";
        } catch (IOException e) {
            problem = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        } catch (IllegalArgumentException e) {
            throw new Main.UserError("--flink-master " + master + " is not a HOST:PORT");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problem = "interrupted";
        }
        throw new Main.UserError("--flink-master " + master + ": no Flink cluster reachable: " + problem
                + " (is it running? ./nirsweep cluster status)");
    }

    private static boolean isFlinkConfig(String body) {
        try {
            return new ObjectMapper().readTree(body).has("flink-version");
        } catch (IOException e) {
            return false;
        }
    }

    /** The jar of the job's own classes; the cluster's TaskManagers have the rest on their class path. */
    private static List<String> filesToStage() {
        Path home = Path.of(System.getProperty("nirsweep.home", "."));
        try (var jars = Files.list(home.resolve("jobs/target"))) {
            return jars.filter(p -> p.getFileName().toString().matches("jobs-.*\\.jar")).map(Path::toString).toList();
        } catch (java.io.IOException e) {
            throw new Main.UserError("cannot find the job jar under " + home.resolve("jobs/target") + ": " + e.getMessage());
        }
    }
}
