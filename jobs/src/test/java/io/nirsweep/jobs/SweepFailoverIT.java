package io.nirsweep.jobs;

import io.nirsweep.jobs.cluster.FreePorts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nirsweep.jobs.cluster.ClusterOptions;
import io.nirsweep.jobs.cluster.LocalFlinkCluster;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.beam.sdk.PipelineResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly-once output through the loss of a TaskManager: the same sweep runs in-process (the reference) and on a
 * real loopback cluster of two TaskManagers, one of which is SIGKILLed while units are still pending. The cluster
 * config's restart strategy must bring the job back ({@code conf/flink/config.yaml}, docs/failover.md §3), and since
 * every unit writes files named after itself atomically, the recomputed units may only replace files with equal
 * ones: both runs must hold the same rows, none twice, and the same {@code run.json} counts.
 *
 * <p>Failsafe runs this after {@code package} (the job jar and {@code runtime-classpath.txt} must exist). The
 * cluster's state folder is {@code jobs/target/failover-it}: its logs stay there after the test for a look.
 */
class SweepFailoverIT {
    private static final Path HOME = Path.of(System.getProperty("nirsweep.home", "..")).toAbsolutePath().normalize();
    private static final Path CORPUS = Path.of(System.getProperty("nirsweep.corpus",
            HOME.resolve("nir-model/src/test/resources/nir-corpus").toString())).toAbsolutePath().normalize();
    private static final Path MODEL =
            CORPUS.resolve("external/neuromorphs_NIR/paper/03_rnn/braille_noDelay_bias_zero.nir");
    private static final Path STATE = HOME.resolve("jobs").resolve("target").resolve("failover-it");
    private static final String ENGINE = "nirsweep failover-it";

    /**
     * Poisson samples per backend, so 128 units of 4 samples x 1000 steps over both backends. Measured on the 2-core
     * machine (6 runs): 10-20 s embedded; on the cluster 20 % of the units are done 10-19 s after submission (fresh
     * JVMs), and with the kill, the restart and the recomputation of every unit the job takes 24-39 s; 52-79 s in all.
     */
    private static final int SAMPLES = 256;
    private static final int STEPS = 1000;
    private static final int SAMPLES_PER_UNIT = 4;

    /** The kill comes once this share of the units is done (and before the last one is). */
    private static final double KILL_AFTER = 0.2;
    private static final Duration SUBMIT_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration KILL_POINT_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration FINISH_TIMEOUT = Duration.ofSeconds(180);
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void killingATaskManagerMidSweepChangesNoRow() throws Exception {
        Path jobJar = HOME.resolve("jobs/target/jobs-0.1.0-SNAPSHOT.jar");
        assertTrue(Files.isRegularFile(jobJar), jobJar + " is missing: run `mvn package` first");
        assertTrue(Files.isRegularFile(MODEL), MODEL + " is missing");

        SweepPlan plan = SweepPlanner.plan(SweepConfig.load(writeConfig()), ENGINE);
        int totalUnits = plan.units().size();
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        StringWriter progress = new StringWriter();
        PrintWriter progressOut = new PrintWriter(progress, true);

        long t0 = System.nanoTime();
        SweepRun.Outcome embedded =
                SweepRun.execute(plan, a, SweepPipeline.Runner.embedded(2), "embedded", progressOut);
        long embeddedMs = millisSince(t0);
        assertEquals(PipelineResult.State.DONE, embedded.state(), progress.toString());
        assertEquals(totalUnits, embedded.units());

        int[] ports = FreePorts.take(2);
        int restPort = ports[0];
        long clusterStart = System.nanoTime();
        try (LocalFlinkCluster cluster = LocalFlinkCluster.start(
                ClusterOptions.of(HOME, 2, restPort).withRpcPort(ports[1]).withStateDir(STATE))) {
            long clusterUpMs = millisSince(clusterStart);
            SweepPipeline.Runner runner =
                    SweepPipeline.Runner.cluster("localhost:" + restPort, 2, List.of(jobJar.toString()));
            FutureTask<SweepRun.Outcome> run =
                    new FutureTask<>(() -> SweepRun.execute(plan, b, runner, "flink", progressOut));
            Thread runThread = new Thread(run, "sweep-on-cluster");
            runThread.setDaemon(true);
            long submitted = System.nanoTime();
            runThread.start();

            // the job on the cluster, and its staging folder with units done but not all of them
            String jobId = await("the sweep job to run on the cluster", SUBMIT_TIMEOUT, run,
                    () -> FlinkRest.runningJob(restPort, plan.jobName())).orElseThrow();
            long runningMs = millisSince(submitted);
            int killAt = Math.max(1, (int) Math.ceil(totalUnits * KILL_AFTER));
            Path staging = await("a staging folder under " + tmp, KILL_POINT_TIMEOUT, run,
                    () -> stagingDir(b, plan.sweepId())).orElseThrow();
            await(killAt + " of " + totalUnits + " units to finish", KILL_POINT_TIMEOUT, run,
                    () -> unitsDone(staging) >= killAt ? Optional.of(true) : Optional.empty());
            // TaskManager 1, unless the REST API says it runs none of the job's tasks (slots are spread evenly,
            // so with parallelism 2 both should): killing an idle one would test nothing
            TreeSet<Integer> busy = busyTaskManagers(restPort, jobId);
            int victim = busy.isEmpty() || busy.contains(1) ? 1 : busy.first();
            int doneBeforeKill = unitsDone(staging);
            long killEpochMs = System.currentTimeMillis();
            cluster.killTaskManager(victim);
            long killMs = millisSince(submitted);
            assertTrue(doneBeforeKill < totalUnits, "the TaskManager was killed after the last unit: "
                    + doneBeforeKill + " of " + totalUnits + " done; make the sweep longer");
            assertFalse(run.isDone(), "the sweep had ended before the kill");

            // wait for the end, watching Flink count the restarts (the metric goes with the job once it ends)
            int restarts = 0;
            long rerunMarkers = 0;
            long deadline = System.nanoTime() + FINISH_TIMEOUT.toNanos();
            while (!run.isDone()) {
                if (System.nanoTime() - deadline >= 0) {
                    fail("the sweep did not finish within " + FINISH_TIMEOUT.toSeconds() + " s of the kill ("
                            + unitsDone(staging) + " of " + totalUnits + " units, " + restarts + " restarts); logs in "
                            + cluster.paths().logDir() + "\n" + tail(progress));
                }
                restarts = Math.max(restarts, numRestarts(restPort, jobId));
                rerunMarkers = Math.max(rerunMarkers, markersSince(staging, killEpochMs));
                LockSupport.parkNanos(POLL_NANOS);
            }
            long finishedMs = millisSince(submitted);
            SweepRun.Outcome onCluster = outcome(run);
            assertEquals(PipelineResult.State.DONE, onCluster.state(), "logs in " + cluster.paths().logDir() + "\n"
                    + tail(progress));
            JsonNode exceptions = FlinkRest.get(restPort, "/jobs/" + jobId + "/exceptions").orElseThrow();
            JsonNode history = exceptions.path("exceptionHistory").path("entries");
            int failures = history.size();
            String firstFailure = failures == 0 ? "-" : history.get(0).path("exceptionName").asText() + " on "
                    + history.get(0).path("taskManagerId").asText("?");
            String finalState = await("the job to show FINISHED", Duration.ofSeconds(20), null,
                    () -> FlinkRest.get(restPort, "/jobs/" + jobId).map(j -> j.path("state").asText())
                            .filter(s -> !s.equals("RUNNING") && !s.equals("RESTARTING"))).orElseThrow();
            List<String> rerun = rerunSubtasks(restPort, jobId);

            System.out.printf("SweepFailoverIT: %d units (%d samples x %d steps, %d per unit); embedded run %d ms;"
                            + " cluster up in %d ms; job RUNNING after %d ms; busy TaskManagers %s; TaskManager %d"
                            + " killed at %d ms with %d units done; job %s after %d ms; numRestarts last seen %d;"
                            + " %d failures in the exception history (first: %s); subtasks run again: %s;"
                            + " %d of %d unit markers seen written after the kill;"
                            + " %d hidden temporary files left in the results%n",
                    totalUnits, plan.totalSamples(), STEPS, SAMPLES_PER_UNIT, embeddedMs, clusterUpMs, runningMs, busy,
                    victim, killMs, doneBeforeKill, finalState, finishedMs, restarts, failures, firstFailure, rerun,
                    rerunMarkers, totalUnits, leftoverTemps(b));

            assertEquals("FINISHED", finalState);
            // the restart: a failure on record, and tasks in a later execution attempt than the first (the
            // numRestarts metric is only a hint: the REST API refreshes metrics every 10 s and drops them at the end)
            assertTrue(failures >= 1, "no failure in the exception history after TaskManager " + victim
                    + " was killed: " + exceptions);
            assertFalse(rerun.isEmpty(), "no task ran a second time after TaskManager " + victim + " was killed"
                    + " (numRestarts " + restarts + ", exception history " + exceptions + ")");
            assertEquals(totalUnits, onCluster.units());
        }

        SweepTables.assertSameRows(a, b);
        assertEquals(SweepTables.count(a, "cells", "true"), SweepTables.count(b, "cells", "status = 'ok'"),
                "failed cells after the failover");
        assertSameCounts(embedded, a, b);
        // one file per partition (cells, and spikes per backend) beside run.json and the marker, in both runs
        assertEquals(files(a), files(b));
        assertEquals(5, files(b).size(), files(b).toString());
        Pattern layout = Pattern.compile("\\.nirsweep-results|run\\.json|cells/part-00000\\.parquet"
                + "|spikes/backend=(euler|exact)/model=[^/]+/part-00000\\.parquet");
        assertTrue(files(b).stream().allMatch(f -> layout.matcher(f).matches()), files(b).toString());
        try (Stream<Path> left = Files.list(tmp)) {
            assertEquals(List.of("a", "b", "sweep.yaml"), left.map(p -> p.getFileName().toString()).sorted().toList(),
                    "staging folders left beside the results");
        }
    }

    /** The sweep config: one model, Poisson noise at its input size, both backends, small units. */
    private Path writeConfig() throws IOException {
        Path config = tmp.resolve("sweep.yaml");
        Files.writeString(config, String.join("\n",
                "models:",
                "  - '" + MODEL.toString().replace("'", "''") + "'",
                "inputs:",
                "  - name: poisson",
                "    kind: poisson",
                "    shape: [12]",
                "    steps: " + STEPS,
                "    samples: " + SAMPLES,
                "    rate: 0.05",
                "backends: [euler, exact]",
                "grid:",
                "  dt: 1e-4",
                "  input_seed: [0]",
                "out: results",
                "samples_per_unit: " + SAMPLES_PER_UNIT,
                ""));
        return config;
    }

    /** {@code run.json} of both runs: the same sweep, the same counts, and those of the outcome. */
    private static void assertSameCounts(SweepRun.Outcome embedded, Path a, Path b) throws IOException {
        JsonNode runA = JSON.readTree(a.resolve("run.json").toFile());
        JsonNode runB = JSON.readTree(b.resolve("run.json").toFile());
        for (String field : List.of("sweep_id", "config_sha256", "engine_version", "cells", "units", "samples",
                "failed_samples", "spikes")) {
            assertTrue(runA.hasNonNull(field), "run.json has no " + field + ": " + runA);
            assertEquals(runA.get(field), runB.get(field), "run.json " + field);
        }
        assertEquals("flink", runB.path("runner").asText());
        assertEquals(embedded.samples(), runB.path("samples").asInt());
        assertEquals(embedded.spikes(), runB.path("spikes").asLong());
        assertEquals(0, runB.path("failed_samples").asInt());
    }

    /** The numbers of the TaskManagers that run one of the job's tasks now. */
    private static TreeSet<Integer> busyTaskManagers(int restPort, String jobId) {
        Pattern number = Pattern.compile("taskmanager-(\\d+)");
        TreeSet<Integer> busy = new TreeSet<>();
        Optional<JsonNode> job = FlinkRest.get(restPort, "/jobs/" + jobId);
        for (JsonNode vertex : job.map(j -> j.path("vertices")).orElse(JSON.createArrayNode())) {
            FlinkRest.get(restPort, "/jobs/" + jobId + "/vertices/" + vertex.path("id").asText() + "/taskmanagers")
                    .ifPresent(v -> v.path("taskmanagers").forEach(tm -> {
                        Matcher m = number.matcher(tm.path("taskmanager-id").asText());
                        if (m.matches() && tm.path("status-counts").path("RUNNING").asInt() > 0) {
                            busy.add(Integer.parseInt(m.group(1)));
                        }
                    }));
        }
        return busy;
    }

    /** The job's subtasks whose last execution was not their first attempt, as "vertex name (n): attempt". */
    private static List<String> rerunSubtasks(int restPort, String jobId) {
        List<String> rerun = new ArrayList<>();
        Optional<JsonNode> job = FlinkRest.get(restPort, "/jobs/" + jobId);
        for (JsonNode vertex : job.map(j -> j.path("vertices")).orElse(JSON.createArrayNode())) {
            String name = vertex.path("name").asText();
            String shortName = name.contains("SimulateAndWrite") ? "SimulateAndWrite"
                    : name.length() > 40 ? name.substring(0, 40) + "..." : name;
            FlinkRest.get(restPort, "/jobs/" + jobId + "/vertices/" + vertex.path("id").asText()).ifPresent(v -> {
                for (JsonNode subtask : v.path("subtasks")) {
                    if (subtask.path("attempt").asInt() > 0) {
                        rerun.add(shortName + " (" + subtask.path("subtask").asInt() + "): attempt "
                                + subtask.path("attempt").asInt());
                    }
                }
            });
        }
        return rerun;
    }

    private static int numRestarts(int restPort, String jobId) {
        return FlinkRest.get(restPort, "/jobs/" + jobId + "/metrics?get=numRestarts").map(m -> {
            for (JsonNode metric : m) {
                if (metric.path("id").asText().equals("numRestarts")) {
                    return metric.path("value").asInt();
                }
            }
            return 0;
        }).orElse(0);
    }

    /** SweepRun's staging folder for {@code out}: {@code .<name>.staging-<sweepId>-<millis>} beside it. */
    private static Optional<Path> stagingDir(Path out, String sweepId) {
        String prefix = "." + out.getFileName() + ".staging-" + sweepId + "-";
        try (Stream<Path> siblings = Files.list(out.getParent())) {
            return siblings.filter(p -> p.getFileName().toString().startsWith(prefix) && Files.isDirectory(p))
                    .findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Units whose completion marker exists (in the run's work folder, which goes before the results appear). */
    private static int unitsDone(Path staging) {
        Path units = staging.resolve("_work").resolve("_units");
        if (!Files.isDirectory(units)) {
            return 0;
        }
        try (Stream<Path> markers = Files.list(units)) {
            return (int) markers.filter(p -> p.getFileName().toString().endsWith(".json")).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Unit markers last written at or after {@code epochMs} in the staging folder: units that ran (again) after the
     * kill; 0 once the work folder is gone (the run deletes it before putting its results in place).
     */
    private static long markersSince(Path staging, long epochMs) {
        try (Stream<Path> markers = Files.list(staging.resolve("_work").resolve("_units"))) {
            return markers.filter(p -> {
                try {
                    return Files.getLastModifiedTime(p).toMillis() >= epochMs;
                } catch (IOException e) {
                    return false; // deleted meanwhile with the work folder
                }
            }).count();
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }

    /** The results' files, relative to {@code out}, sorted. */
    private static List<String> files(Path out) throws IOException {
        try (Stream<Path> files = Files.walk(out)) {
            return files.filter(Files::isRegularFile).map(p -> out.relativize(p).toString()).sorted().toList();
        }
    }

    /** Hidden temporary files of interrupted writes (readers skip them: they do not end in .parquet). */
    private static long leftoverTemps(Path out) throws IOException {
        try (Stream<Path> files = Files.walk(out)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".tmp")).count();
        }
    }

    /**
     * Polls {@code probe} until it gives a value; fails after {@code timeout}, or at once when the sweep ({@code
     * run}, when given) has ended first.
     */
    private static <T> Optional<T> await(String what, Duration timeout, FutureTask<SweepRun.Outcome> run,
            ProbeFn<T> probe) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<T> value = probe.get();
            if (value.isPresent()) {
                return value;
            }
            if (run != null && run.isDone()) {
                SweepRun.Outcome outcome = outcome(run);
                fail("the sweep ended (" + outcome.state() + ", " + outcome.units() + " units) before " + what
                        + "; make it longer");
            }
            if (System.nanoTime() - deadline >= 0) {
                fail("waited " + timeout.toSeconds() + " s for " + what);
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }

    @FunctionalInterface
    private interface ProbeFn<T> {
        Optional<T> get() throws Exception;
    }

    private static SweepRun.Outcome outcome(FutureTask<SweepRun.Outcome> run) throws Exception {
        try {
            return run.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    private static String tail(StringWriter progress) {
        String[] lines = progress.toString().split("\n");
        return String.join("\n", List.of(lines).subList(Math.max(0, lines.length - 5), lines.length));
    }

    private static long millisSince(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
    }

}
