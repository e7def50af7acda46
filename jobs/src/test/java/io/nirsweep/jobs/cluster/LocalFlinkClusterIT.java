package io.nirsweep.jobs.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * A real cluster: a JobManager and two TaskManagers as separate JVMs on the project's class path (failsafe runs
 * this after {@code package}, which writes {@code jobs/target/runtime-classpath.txt}). Its state folder and ports
 * are its own, so it runs beside a user's cluster on the default ports.
 */
class LocalFlinkClusterIT {
    private final Path home = Path.of(System.getProperty("nirsweep.home")).toAbsolutePath().normalize();
    private final Path state = home.resolve("jobs").resolve("target").resolve("cluster-it");
    private LocalFlinkCluster cluster;

    @AfterEach
    void stopTheCluster() {
        if (cluster != null) {
            cluster.stop();
        }
    }

    @Test
    void twoTaskManagersThenOneAfterAKillThenNothingLeft() throws Exception {
        int[] ports = FreePorts.take(2);
        cluster = LocalFlinkCluster.start(ClusterOptions.of(home, 2, ports[0]).withRpcPort(ports[1]).withStateDir(state));
        List<Long> pids = new ArrayList<>(cluster.taskManagerPids());
        pids.add(cluster.jobManager().orElseThrow().pid());

        RestOverview full = cluster.overview().orElseThrow();
        assertEquals(2, full.taskManagers(), full.summary());
        assertEquals(4, full.slotsTotal(), full.summary());
        assertEquals("1.19.3", full.flinkVersion());
        assertTrue(Files.isDirectory(state.resolve("tmp").resolve("tm_taskmanager-1")), "TaskManager working folder in the state folder");

        long victim = cluster.taskManagerPids().get(0);
        cluster.killTaskManager(1);
        assertFalse(alive(victim));
        // the heartbeat of conf/flink/config.yaml (2 s interval, 10 s timeout) lets the dead one go within seconds
        RestOverview afterKill = cluster.waitForTaskManagers(1, Duration.ofSeconds(30));
        assertEquals(2, afterKill.slotsTotal(), afterKill.summary());

        StringWriter out = new StringWriter();
        int status = command(out, "status");
        assertEquals(0, status, out.toString());
        assertTrue(out.toString().contains("TaskManager 1   pid " + victim) && out.toString().contains("dead"), out.toString());
        assertTrue(out.toString().contains("1 TaskManager, 2 slots"), out.toString());

        StringWriter stopped = new StringWriter();
        assertEquals(0, command(stopped, "stop"));
        assertTrue(stopped.toString().startsWith("stopped JobManager"), stopped.toString());
        for (long pid : pids) {
            assertFalse(alive(pid), "pid " + pid + " still runs");
        }
        assertFalse(Files.exists(state.resolve("tmp")), "temp folder removed");
        try (var left = Files.list(state.resolve("pid"))) {
            assertEquals(0, left.count(), "PID files removed");
        }
        assertEquals(ClusterCommand.NOT_RUNNING, command(new StringWriter(), "status"));
    }

    /** The command line on this cluster's state folder, as {@code nirsweep cluster ... --state-dir} runs it. */
    private int command(StringWriter out, String action) {
        CommandLine cli = new CommandLine(new ClusterCommand(home));
        cli.setOut(new PrintWriter(out, true));
        return cli.execute(action, "--state-dir", state.toString());
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

}
