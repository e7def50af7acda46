package io.nirsweep.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nirsweep.jobs.cluster.ClusterOptions;
import io.nirsweep.jobs.cluster.FreePorts;
import io.nirsweep.jobs.cluster.StandaloneApplicationCluster;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.runtime.clusterframework.ApplicationStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job jar in Flink's application mode (docs/cluster.md §4): the JobManager runs the command line's {@code main}
 * itself, as a Kubernetes application cluster's JobManager pod does, on a stock Flink 1.19.3's jars with the job jar
 * in {@code usrlib/}. Flink, not nirsweep, must end that JVM: with exit code 0 after a sweep that succeeded, and
 * after one that failed with Flink's own report of a failed application. The clusters' state folders are under
 * {@code jobs/target/application-mode-it}: their logs stay there after the test for a look.
 */
class FlinkApplicationModeIT {
    private static final Path HOME = Path.of(System.getProperty("nirsweep.home")).toAbsolutePath().normalize();
    private static final Path STATE = HOME.resolve("jobs").resolve("target").resolve("application-mode-it");
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(4);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void aSweepInApplicationModeEndsTheClusterWithExitCode0AndTheEmbeddedRows() throws Exception {
        assertTrue(Files.isRegularFile(JobJarIT.JOB_JAR), JobJarIT.JOB_JAR + " is missing: run `mvn package` first");
        Path config = StockFlinkClusterIT.writeConfig(tmp);
        Path embedded = tmp.resolve("embedded");
        long t0 = System.nanoTime();
        StringWriter embeddedErr = new StringWriter();
        int embeddedExit = Main.run(new PrintWriter(new StringWriter()), new PrintWriter(embeddedErr),
                "sweep", config.toString(), "--out", embedded.toString(), "--parallelism", "2");
        assertEquals(Main.OK, embeddedExit, embeddedErr.toString());
        long embeddedMs = millisSince(t0);

        Path out = tmp.resolve("application");
        long started = System.nanoTime();
        int exitCode;
        Path log;
        try (StandaloneApplicationCluster cluster = start("succeeds", true, ATTACHED, "sweep", config.toString(),
                "--out", out.toString(), "--runner", "flink", "--flink-master", "auto", "--parallelism", "2")) {
            log = cluster.jobManagerLog();
            exitCode = cluster.awaitJobManagerExit(RUN_TIMEOUT).orElseThrow(() -> new AssertionError(
                    "the application cluster still runs after " + RUN_TIMEOUT + "; see " + cluster.jobManagerLog()));
        }
        long applicationMs = millisSince(started);
        String jobManagerLog = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(0, exitCode, "JobManager exit code; see " + log);
        // Flink's own end of an application whose job finished, not a System.exit in the middle of it
        assertTrue(jobManagerLog.contains("Shutting StandaloneApplicationMain down with application status SUCCEEDED"),
                "no orderly shutdown in " + log);
        assertTrue(jobManagerLog.contains("switched from state RUNNING to FINISHED"), "no finished job in " + log);

        SweepTables.assertSameRows(embedded, out);
        JsonNode embeddedRun = JSON.readTree(embedded.resolve("run.json").toFile());
        StockFlinkClusterIT.assertSameRunJson(embeddedRun, out, List.of("sweep_id", "engine_version"));
        System.out.printf("FlinkApplicationModeIT: embedded sweep %d ms; application cluster from start to its"
                + " JobManager's exit %d ms%n", embeddedMs, applicationMs);
    }

    @Test
    void aRefusedSweepEndsTheApplicationClusterThroughFlinkWithAFailure() throws Exception {
        assertTrue(Files.isRegularFile(JobJarIT.JOB_JAR), JobJarIT.JOB_JAR + " is missing: run `mvn package` first");
        Path config = StockFlinkClusterIT.writeConfig(tmp);
        // the user's file where the results would go: refused before any work, and left as it was
        Path users = tmp.resolve("notes.txt");
        Files.writeString(users, "mine\n");
        int exitCode;
        Path log;
        // the command line fails before it submits a job, so no TaskManager is needed
        try (StandaloneApplicationCluster cluster = start("refused", false, ATTACHED, "sweep", config.toString(),
                "--out", users.toString(), "--runner", "flink", "--flink-master", "auto")) {
            log = cluster.jobManagerLog();
            exitCode = cluster.awaitJobManagerExit(RUN_TIMEOUT).orElseThrow(() -> new AssertionError(
                    "the application cluster still runs after " + RUN_TIMEOUT + "; see " + cluster.jobManagerLog()));
        }
        String jobManagerLog = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals("mine\n", Files.readString(users));
        // nirsweep's one error line, then Flink's orderly shutdown of a FAILED application with nirsweep's exit code
        // in its report: Flink ended the JVM, not the command line's System.exit (which would have left neither)
        assertTrue(jobManagerLog.lines().anyMatch(l -> l.startsWith("nirsweep: ") && l.contains(users.toString())),
                "no error line naming " + users + " in " + log);
        assertEndedAsFailedApplication(exitCode, jobManagerLog, log);
        assertFalse(Files.exists(tmp.resolve("application")));
    }

    @Test
    void aDetachedApplicationIsRefusedBeforeAnyWork() throws Exception {
        assertTrue(Files.isRegularFile(JobJarIT.JOB_JAR), JobJarIT.JOB_JAR + " is missing: run `mvn package` first");
        Path config = StockFlinkClusterIT.writeConfig(tmp);
        Path out = tmp.resolve("detached");
        int exitCode;
        Path log;
        // without execution.attached, Flink's default in application mode: refused before a job is submitted
        try (StandaloneApplicationCluster cluster = start("detached", false, List.of(), "sweep", config.toString(),
                "--out", out.toString(), "--runner", "flink", "--flink-master", "auto")) {
            log = cluster.jobManagerLog();
            exitCode = cluster.awaitJobManagerExit(RUN_TIMEOUT).orElseThrow(() -> new AssertionError(
                    "the application cluster still runs after " + RUN_TIMEOUT + "; see " + cluster.jobManagerLog()));
        }
        String jobManagerLog = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(jobManagerLog.lines().anyMatch(l -> l.startsWith("nirsweep: --flink-master auto: Flink submits"
                + " this sweep detached") && l.contains("-Dexecution.attached=true")), "no refusal in " + log);
        assertEndedAsFailedApplication(exitCode, jobManagerLog, log);
        assertFalse(jobManagerLog.contains("Received JobGraph submission"), "a job was submitted; see " + log);
        assertFalse(Files.exists(out));
    }

    /**
     * Flink shut the application cluster down as FAILED, in order (its exit code for a failed application, 1443, of
     * which a process's exit status keeps the low byte: 163), with the exit code of nirsweep's command line in its
     * report, and not as a crash of the JobManager.
     */
    private static void assertEndedAsFailedApplication(int exitCode, String jobManagerLog, Path log) {
        assertEquals(ApplicationStatus.FAILED.processExitCode() & 0xFF, exitCode, "JobManager exit code; see " + log);
        assertTrue(jobManagerLog.contains("Shutting StandaloneApplicationMain down with application status FAILED"),
                "no shutdown of a failed application in " + log);
        assertTrue(jobManagerLog.contains("nirsweep failed with exit code 2"), "no exit code in " + log);
        assertFalse(jobManagerLog.contains("Fatal error occurred in the cluster entrypoint"), "a crash; see " + log);
    }

    /** Flink's option that makes a sweep's {@code execute()} wait for its job in application mode. */
    private static final List<String> ATTACHED = List.of("-D", "execution.attached=true");

    private StandaloneApplicationCluster start(String name, boolean withTaskManager, List<String> flinkOptions,
            String... programArgs) throws Exception {
        int[] ports = FreePorts.take(2);
        List<String> arguments = new java.util.ArrayList<>(flinkOptions);
        arguments.addAll(List.of(programArgs));
        return StandaloneApplicationCluster.start(ClusterOptions.of(HOME, 1, ports[0]).withRpcPort(ports[1])
                .withStateDir(STATE.resolve(name)), JobJarIT.STOCK_FLINK_LIB, JobJarIT.JOB_JAR, arguments,
                withTaskManager);
    }

    private static long millisSince(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
    }
}
