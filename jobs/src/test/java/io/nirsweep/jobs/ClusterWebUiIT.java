package io.nirsweep.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nirsweep.jobs.cluster.ClusterOptions;
import io.nirsweep.jobs.cluster.FreePorts;
import io.nirsweep.jobs.cluster.LocalFlinkCluster;
import io.nirsweep.operators.equivalence.report.HeadlessChromium;
import io.nirsweep.operators.sweep.SimulateUnitsFn;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local cluster's web UI in a real browser: while a sweep submitted through {@code ./nirsweep sweep --runner
 * flink} runs on a one-TaskManager cluster, headless Chromium renders the dashboard's running-jobs page, which must
 * list the job by its name ({@code nirsweep <config> <sweep id>}); once the sweep is done, the job's accumulators
 * (REST API, the UI's Accumulators tab) hold the sweep's Beam counters, equal to what run.json counts.
 *
 * <p>Failsafe runs this after {@code package}. Chromium comes from Debian's {@code chromium} package, which
 * {@code .ci/run} installs when it is missing. The cluster's state folder is {@code jobs/target/webui-it}.
 */
class ClusterWebUiIT {
    private static final Path HOME = Path.of(System.getProperty("nirsweep.home", "..")).toAbsolutePath().normalize();
    private static final Path MODEL = HOME.resolve("conf/models/braille_noDelay_bias_zero.nir");
    private static final Path STATE = HOME.resolve("jobs").resolve("target").resolve("webui-it");

    /**
     * 256 samples x 1000 steps in units of 8 on one slot: measured on the 2-core machine, the job is RUNNING 18-24 s
     * after the launcher starts (JVM, planning, submission) and the sweep ends at 37-43 s (4 runs); one Chromium
     * page load takes about 4 s, so the page is loaded well within the job's run.
     */
    private static final int SAMPLES = 256;
    private static final int SAMPLES_PER_UNIT = 8;

    private static final Duration RUNNING_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration BROWSER_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration SWEEP_TIMEOUT = Duration.ofSeconds(180);
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    /** How long the page's scripts may run (in virtual time: Chromium fast-forwards idle timers). */
    private static final int VIRTUAL_TIME_BUDGET_MS = 10_000;

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void theDashboardListsTheRunningSweepByNameAndItsCountersEndAsAccumulators() throws Exception {
        Path chromium = HeadlessChromium.executable();
        Path config = writeConfig();
        Path results = tmp.resolve("results");
        int[] ports = FreePorts.take(2);
        int restPort = ports[0];
        try (LocalFlinkCluster cluster = LocalFlinkCluster.start(
                ClusterOptions.of(HOME, 1, restPort).withRpcPort(ports[1]).withStateDir(STATE))) {
            JsonNode features = FlinkRest.get(restPort, "/config").orElseThrow().path("features");
            assertFalse(features.path("web-submit").asBoolean(true), "jar upload is on: " + features);

            Path sweepErr = tmp.resolve("sweep.err");
            Path sweepOut = tmp.resolve("sweep.out");
            long start = System.nanoTime();
            Process sweep = new ProcessBuilder(HOME.resolve("nirsweep").toString(), "sweep", config.toString(),
                    "--runner", "flink", "--flink-master", "localhost:" + restPort, "--parallelism", "1",
                    "--out", results.toString())
                    .directory(HOME.toFile()).redirectOutput(sweepOut.toFile()).redirectError(sweepErr.toFile())
                    .start();
            try {
                String sweepId = await("the sweep's first line on stderr", RUNNING_TIMEOUT, sweep,
                        () -> firstMatch(sweepErr, Pattern.compile("^sweep ([0-9a-f]{16}): ")));
                String jobName = "nirsweep webui " + sweepId.substring(0, 8);
                String jobId = await("job '" + jobName + "' RUNNING", RUNNING_TIMEOUT, sweep,
                        () -> FlinkRest.runningJob(restPort, jobName));
                long runningMs = millisSince(start);

                // the running-jobs page, rendered by the dashboard's own scripts from the REST API
                String url = "http://localhost:" + restPort + "/#/job/running";
                Path dom = tmp.resolve("running.html");
                int loads = 0;
                long browserStart = System.nanoTime();
                long deadline = browserStart + BROWSER_TIMEOUT.toNanos();
                while (true) {
                    loads++;
                    dumpDom(chromium, url, dom);
                    if (Files.readString(dom).contains(jobName)) {
                        break;
                    }
                    assertEquals(Optional.of(jobId), FlinkRest.runningJob(restPort, jobName),
                            "the job ended before the browser showed it; make the sweep longer");
                    if (System.nanoTime() - deadline >= 0) {
                        fail("Chromium did not show '" + jobName + "' at " + url + " within "
                                + BROWSER_TIMEOUT.toSeconds() + " s; last page in " + dom);
                    }
                }
                long browserMs = millisSince(browserStart);
                String page = Files.readString(dom);
                assertTrue(page.contains("Running Job List") || page.contains("Running Jobs"),
                        "not the running-jobs page: " + dom);
                assertEquals(Optional.of(jobId), FlinkRest.runningJob(restPort, jobName), "the job ended while the browser"
                        + " loaded the page, so the page may have listed it as completed; make the sweep longer");

                assertTrue(sweep.waitFor(SWEEP_TIMEOUT.toSeconds(), TimeUnit.SECONDS),
                        "the sweep did not end within " + SWEEP_TIMEOUT.toSeconds() + " s");
                long sweepMs = millisSince(start);
                assertEquals(0, sweep.exitValue(), Files.readString(sweepErr));
                JsonNode run = JSON.readTree(results.resolve("run.json").toFile());
                Map<String, Long> counters = await("the job's accumulators", Duration.ofSeconds(30), null,
                        () -> sweepCounters(restPort, jobId));
                System.out.printf("ClusterWebUiIT: job '%s' RUNNING %d ms after the launcher started; Chromium"
                                + " showed it after %d page load(s) in %d ms; sweep done in %d ms; accumulators %s%n",
                        jobName, runningMs, loads, browserMs, sweepMs, counters);
                assertEquals(Map.of(SimulateUnitsFn.UNITS, run.path("units").asLong(),
                        SimulateUnitsFn.CELLS, run.path("cells").asLong(),
                        SimulateUnitsFn.SAMPLES, run.path("samples").asLong(),
                        SimulateUnitsFn.FAILED_SAMPLES, run.path("failed_samples").asLong(),
                        SimulateUnitsFn.SPIKES, run.path("spikes").asLong()), counters);
                assertEquals((long) SAMPLES, counters.get(SimulateUnitsFn.SAMPLES));
                assertTrue(counters.get(SimulateUnitsFn.SPIKES) > 0, counters.toString());
            } finally {
                stop(sweep);
            }
        }
    }

    private Path writeConfig() throws IOException {
        return Files.writeString(tmp.resolve("webui.yaml"), String.join("\n",
                "models:",
                "  - '" + MODEL.toString().replace("'", "''") + "'",
                "inputs:",
                "  - {name: poisson, kind: poisson, shape: [12], steps: 1000, samples: " + SAMPLES + ", rate: 0.05}",
                "backends: [euler]",
                "samples_per_unit: " + SAMPLES_PER_UNIT,
                ""));
    }

    /**
     * One page load: Chromium headless prints the page's DOM once its scripts have run. Its user-data folder is
     * the test's, and the browser with every process it started is gone when this returns.
     */
    private void dumpDom(Path chromium, String url, Path dom) throws Exception {
        Path err = tmp.resolve("chromium.err");
        Process browser = new ProcessBuilder(chromium.toString(), "--headless", "--disable-gpu", "--no-sandbox",
                "--no-first-run", "--user-data-dir=" + tmp.resolve("chromium-profile"),
                "--virtual-time-budget=" + VIRTUAL_TIME_BUDGET_MS, "--dump-dom", url)
                .redirectOutput(dom.toFile()).redirectError(err.toFile()).start();
        try {
            assertTrue(browser.waitFor(BROWSER_TIMEOUT.toSeconds(), TimeUnit.SECONDS),
                    "Chromium did not finish loading " + url + " within " + BROWSER_TIMEOUT.toSeconds() + " s");
            assertEquals(0, browser.exitValue(), "Chromium failed: " + Files.readString(err));
        } finally {
            stop(browser);
        }
    }

    /** Ends a process this test started and every process it started in turn, and waits until they are gone. */
    private static void stop(Process process) throws InterruptedException {
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(process.toHandle());
        all.forEach(ProcessHandle::destroyForcibly);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (all.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() - deadline < 0) {
            LockSupport.parkNanos(POLL_NANOS);
        }
        process.waitFor(1, TimeUnit.SECONDS);
        assertFalse(all.stream().anyMatch(ProcessHandle::isAlive), "could not stop " + all);
    }

    /**
     * The sweep's counters from the job's accumulators: Beam's Flink runner puts its metrics in one accumulator
     * ({@code __metricscontainers}) as monitoring infos whose int64 sums are base64 varints. Empty until it has all
     * five.
     */
    private static Optional<Map<String, Long>> sweepCounters(int restPort, String jobId) throws IOException {
        Optional<JsonNode> accumulators = FlinkRest.get(restPort, "/jobs/" + jobId + "/accumulators");
        Map<String, Long> counters = new TreeMap<>();
        for (JsonNode accumulator : accumulators.map(a -> a.path("user-task-accumulators"))
                .orElse(JSON.createArrayNode())) {
            if (!accumulator.path("name").asText().equals("__metricscontainers")) {
                continue;
            }
            for (JsonNode info : JSON.readTree(accumulator.path("value").asText()).path("metrics").path("attempted")) {
                JsonNode labels = info.path("labels");
                if (labels.path("NAMESPACE").asText().equals(SimulateUnitsFn.METRICS_NAMESPACE)) {
                    counters.merge(labels.path("NAME").asText(),
                            varint(Base64.getDecoder().decode(info.path("payload").asText())), Long::sum);
                }
            }
        }
        return counters.size() == 5 ? Optional.of(counters) : Optional.empty();
    }

    /** An unsigned LEB128 varint, as Beam encodes an int64 sum's payload. */
    private static long varint(byte[] bytes) {
        long value = 0;
        for (int i = 0; i < bytes.length; i++) {
            value |= (long) (bytes[i] & 0x7f) << (7 * i);
            if ((bytes[i] & 0x80) == 0) {
                break;
            }
        }
        return value;
    }

    /** The first group of the first line of {@code file} that matches, once there is one. */
    private static Optional<String> firstMatch(Path file, Pattern pattern) throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            Matcher m = pattern.matcher(line);
            if (m.find()) {
                return Optional.of(m.group(1));
            }
        }
        return Optional.empty();
    }

    /** Polls {@code probe} until it gives a value; fails after {@code timeout} or when {@code process} has ended. */
    private static <T> T await(String what, Duration timeout, Process process, Probe<T> probe) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<T> value = probe.get();
            if (value.isPresent()) {
                return value.get();
            }
            if (process != null && !process.isAlive()) {
                fail("the sweep ended (exit " + process.exitValue() + ") before " + what);
            }
            if (System.nanoTime() - deadline >= 0) {
                fail("waited " + timeout.toSeconds() + " s for " + what);
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }

    @FunctionalInterface
    private interface Probe<T> {
        Optional<T> get() throws Exception;
    }

    private static long millisSince(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
    }
}
