package io.nirsweep.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.nirsweep.pipeline.SweepPipeline;
import java.io.IOException;
import java.io.InputStream;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.java.ExecutionEnvironment;
import org.apache.flink.client.program.ContextEnvironment;
import org.apache.flink.configuration.DeploymentOptions;
import picocli.CommandLine.Option;

/**
 * Where a pipeline runs ({@code sweep}, {@code report}): {@code --runner embedded} (an in-process Flink, the default)
 * or {@code --runner flink} with {@code --flink-master HOST:PORT|auto}, and {@code --parallelism}. Checked before any
 * work: a master where no Flink answers, a detached submission and a missing job jar are refused in one line.
 */
final class RunnerOptions {
    /** The {@code --flink-master} of a sweep that {@code flink run} started: its cluster, whatever kind. */
    static final String AUTO_MASTER = "auto";

    @Option(names = "--runner", paramLabel = "embedded|flink",
            description = "embedded (in-process Flink, default) or flink.")
    String runner = "embedded";

    @Option(names = "--flink-master", paramLabel = "HOST:PORT|auto", description = "REST address of the Flink cluster"
            + " (with --runner flink), or auto for the cluster `flink run` submits to (docs/cluster.md).")
    String flinkMaster;

    @Option(names = "--parallelism", paramLabel = "N", description = "Parallel workers (default: the machine's cores).")
    int parallelism = Runtime.getRuntime().availableProcessors();

    /**
     * How long the check of {@code --flink-master} may take: a refused connection comes at once, a host that drops
     * packets or an answer that trickles is given up on after this.
     */
    private static final Duration MASTER_TIMEOUT = Duration.ofSeconds(8);
    /** Flink's {@code /config} answer is about 300 bytes; a longer one is not Flink's. */
    private static final int MASTER_ANSWER_LIMIT = 64 * 1024;

    /**
     * The runner these options name.
     *
     * @throws Main.UserError when they do not name one that can run
     */
    SweepPipeline.Runner runner() {
        if (parallelism < 1) {
            throw new Main.UserError("--parallelism must be at least 1");
        }
        return switch (runner) {
            case "embedded" -> {
                if (flinkMaster != null) {
                    throw new Main.UserError("--flink-master goes with --runner flink");
                }
                yield SweepPipeline.Runner.embedded(parallelism);
            }
            case "flink" -> {
                if (AUTO_MASTER.equals(flinkMaster)) {
                    requireAttachedSubmission();
                    // Beam's [auto]: the execution environment `flink run` sets up, which ships the jar itself
                    yield SweepPipeline.Runner.cluster("[auto]", parallelism, List.of());
                }
                if (flinkMaster == null || !flinkMaster.matches("[^:]+:\\d+")) {
                    throw new Main.UserError("--runner flink needs --flink-master HOST:PORT (e.g. localhost:8081)"
                            + " or --flink-master auto under `flink run`");
                }
                requireFlinkRestApi(flinkMaster);
                yield SweepPipeline.Runner.cluster(flinkMaster, parallelism, filesToStage());
            }
            default -> throw new Main.UserError("--runner must be embedded or flink, not '" + runner + "'");
        };
    }

    /**
     * Refuses a {@code --flink-master} where no Flink REST API answers, before anything is planned or written:
     * Flink's client would otherwise retry its submission for about a minute and then fail with an internal error.
     * {@code GET /config} is the dashboard's configuration, which every Flink JobManager serves (with or without
     * the web UI), and it names the Flink version. Bounded: {@link #MASTER_TIMEOUT} in all, and at most
     * {@link #MASTER_ANSWER_LIMIT} bytes of the answer are read.
     */
    private static void requireFlinkRestApi(String master) {
        URI config;
        try {
            config = new URI("http://" + master + "/config");
        } catch (URISyntaxException e) {
            throw new Main.UserError("--flink-master " + master + " is not a HOST:PORT");
        }
        long deadline = System.nanoTime() + MASTER_TIMEOUT.toNanos();
        String problem;
        CompletableFuture<HttpResponse<InputStream>> answer = null;
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(MASTER_TIMEOUT).build();
            answer = http.sendAsync(HttpRequest.newBuilder(config).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            HttpResponse<InputStream> response = answer.get(remainingNanos(deadline), TimeUnit.NANOSECONDS);
            try (InputStream body = response.body()) {
                byte[] head = CompletableFuture.supplyAsync(() -> readUpTo(body, MASTER_ANSWER_LIMIT))
                        .get(remainingNanos(deadline), TimeUnit.NANOSECONDS);
                if (response.statusCode() == 200 && isFlinkConfig(head)) {
                    return;
                }
            }
            problem = "something answers there, but not Flink's REST API (HTTP " + response.statusCode()
                    + " for /config)";
        } catch (TimeoutException e) {
            problem = "no answer within " + MASTER_TIMEOUT.toSeconds() + " s";
        } catch (ExecutionException e) {
            problem = reason(e.getCause());
        } catch (IOException e) {
            problem = reason(e);
        } catch (IllegalArgumentException e) {
            throw new Main.UserError("--flink-master " + master + " is not a HOST:PORT");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problem = "interrupted";
        } finally {
            if (answer != null) {
                answer.cancel(true);
            }
        }
        throw new Main.UserError("--flink-master " + master + ": no Flink cluster reachable: " + problem
                + " (is it running? ./nirsweep cluster status)");
    }

    private static long remainingNanos(long deadline) {
        return Math.max(0, deadline - System.nanoTime());
    }

    private static byte[] readUpTo(InputStream in, int limit) {
        try {
            return in.readNBytes(limit);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Why a connection failed, in a few words: the innermost message (a refusal has none of its own). */
    private static String reason(Throwable failure) {
        if (failure instanceof HttpConnectTimeoutException) {
            return "no connection within " + MASTER_TIMEOUT.toSeconds() + " s";
        }
        String reason = null;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                reason = t.getMessage();
            }
        }
        if (failure instanceof ConnectException) {
            return "could not connect (" + (reason == null ? "connection refused" : reason) + ")";
        }
        return reason == null ? failure.getClass().getSimpleName() : reason;
    }

    private static boolean isFlinkConfig(byte[] body) {
        try {
            return new ObjectMapper().readTree(body).has("flink-version");
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Refuses, before any work, a sweep that Flink runs detached: under {@code flink run -d}, or in an application
     * cluster (docs/cluster.md §4), where {@code execution.attached} is false unless set. Its {@code execute()} would
     * return before the job ends, Beam's runner fails on the missing job result while the job runs on, and the
     * sweep could not wait for its results to move them into place.
     */
    static void requireAttachedSubmission() {
        ExecutionEnvironment environment = ExecutionEnvironment.getExecutionEnvironment();
        if (environment instanceof ContextEnvironment
                && !environment.getConfiguration().get(DeploymentOptions.ATTACHED)) {
            throw new Main.UserError("--flink-master auto: Flink submits this sweep detached, and a sweep waits for"
                    + " its job; use `flink run` without -d, or set execution.attached: true (-Dexecution.attached=true"
                    + " in application mode)");
        }
    }

    /**
     * The job jar: the project, Beam and their dependencies, so that any Flink 1.19 cluster runs the sweep from it
     * alone (docs/cluster.md). That is the jar this code runs from when Beam runs from the same jar (the job jar run
     * with {@code java -jar}), else the launcher's {@code jobs/target/nirsweep-job.jar} — the launcher itself runs
     * from the thin jobs jar beside the dependencies' jars. Missing is a refusal before any work.
     */
    static List<String> filesToStage() {
        Path jar = codeSource(RunnerOptions.class);
        if (jar == null || !Files.isRegularFile(jar) || !jar.equals(codeSource(org.apache.beam.sdk.Pipeline.class))) {
            jar = Path.of(System.getProperty("nirsweep.home", ".")).resolve("jobs/target/nirsweep-job.jar");
        }
        jar = jar.toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new Main.UserError("the job jar " + jar + " is missing; build it with `mvn -pl jobs -am package`"
                    + " (./nirsweep does so when it is missing)");
        }
        return List.of(jar.toString());
    }

    /** Where a class was loaded from (a jar or a folder), or null when that is not known. */
    private static Path codeSource(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath().normalize();
        } catch (java.net.URISyntaxException | RuntimeException e) {
            return null;
        }
    }
}
