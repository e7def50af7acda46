package io.nirsweep.jobs.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The cluster command's answers that need no JVM started: refusals, a stopped cluster, the generated config. */
class ClusterCommandTest {
    /** Surefire runs in the jobs module; the project folder is its parent. */
    private static final Path HOME = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path state;

    record Run(int exitCode, String out, String err) {}

    private Run cluster(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new ClusterCommand(HOME));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void statusOfAFolderWithoutClusterExitsThree() {
        Run r = cluster("status", "--state-dir", state.toString());
        assertEquals(ClusterCommand.NOT_RUNNING, r.exitCode(), r.err());
        assertTrue(r.out().contains("no cluster is running"), r.out());
    }

    @Test
    void stopOfAStoppedClusterSaysSoAndRemovesStalePidFiles() throws Exception {
        Path pidDir = Files.createDirectories(state.resolve("pid"));
        // a PID no process has: what a crashed cluster leaves behind
        Files.writeString(pidDir.resolve("jobmanager.pid"), "999999999\n");
        Files.writeString(pidDir.resolve("taskmanager-1.pid"), "999999998\n");

        Run status = cluster("status", "--state-dir", state.toString());
        assertEquals(ClusterCommand.NOT_RUNNING, status.exitCode(), status.err());
        assertTrue(status.out().contains("999999998") && status.out().contains("dead"), status.out());

        Run stop = cluster("stop", "--state-dir", state.toString());
        assertEquals(0, stop.exitCode(), stop.err());
        assertTrue(stop.out().contains("nothing to stop"), stop.out());
        try (var left = Files.list(pidDir)) {
            assertEquals(0, left.count());
        }
        assertEquals(0, cluster("stop", "--state-dir", state.toString()).exitCode());
    }

    @Test
    void startRefusesAPortInUseWithoutStartingAnything() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            Run r = cluster("start", "--state-dir", state.toString(), "--rest-port", Integer.toString(port));
            assertEquals(2, r.exitCode(), r.out());
            assertEquals("nirsweep: port " + port + " on localhost is in use; choose another with --rest-port",
                    r.err().strip());
        }
        assertFalse(Files.exists(state.resolve("pid")));
    }

    @Test
    void startRefusesImpossibleOptions() {
        Run none = cluster("start", "--state-dir", state.toString(), "--task-managers", "0");
        assertEquals(2, none.exitCode());
        assertEquals("nirsweep: --task-managers must be between 1 and 16, not 0", none.err().strip());
        Run samePorts = cluster("start", "--state-dir", state.toString(), "--rest-port", "7000", "--rpc-port", "7000");
        assertEquals(2, samePorts.exitCode());
        assertTrue(samePorts.err().contains("must differ"), samePorts.err());
    }

    @Test
    void theGeneratedConfigHasThePortsTheRestartStrategyAndTheStateFolder() throws Exception {
        Path odd = state.resolve("it's here");
        ClusterOptions options = ClusterOptions.of(HOME, 2, 18081).withStateDir(odd).withRpcPort(16123);
        ClusterConfig.write(options);

        JsonNode yaml = new ObjectMapper(new YAMLFactory()).readTree(odd.resolve("conf").resolve("config.yaml").toFile());
        assertEquals(18081, yaml.at("/rest/port").asInt());
        assertEquals("localhost", yaml.at("/rest/bind-address").asText());
        assertEquals(16123, yaml.at("/jobmanager/rpc/port").asInt());
        assertEquals("localhost", yaml.at("/jobmanager/bind-host").asText());
        assertEquals("localhost", yaml.at("/taskmanager/bind-host").asText());
        assertEquals(2, yaml.at("/taskmanager/numberOfTaskSlots").asInt());
        // exactly-once after a TaskManager loss needs the strategy in the cluster's own config (docs/failover.md §3)
        assertEquals("fixed-delay", yaml.at("/restart-strategy/type").asText());
        assertTrue(yaml.at("/restart-strategy/fixed-delay/attempts").asInt() >= 5);
        assertEquals(10000, yaml.at("/heartbeat/timeout").asInt());
        assertEquals(odd.resolve("tmp").toString(), yaml.at("/io/tmp/dirs").asText());
        assertEquals(odd.resolve("tmp").toString(), yaml.at("/process/working-dir").asText());
    }

    @Test
    void anUnknownTemplateVariableIsNamed() {
        ClusterException e = assertThrows(ClusterException.class,
                () -> ClusterConfig.render("rest: {port: ${rest.prot}}", Map.of("rest.port", "1"), Path.of("t.yaml")));
        assertEquals("t.yaml: unknown template variable ${rest.prot} (known: rest.port)", e.getMessage());
    }

    @Test
    void aLiveProcessWithoutTheClusterMarkerIsNotTheCluster() {
        // a PID that was reused by another process after the cluster's JVM died: here, this test's own JVM
        ClusterPaths paths = new ClusterPaths(HOME, state);
        FlinkProcess reused = new FlinkProcess(FlinkProcess.Role.JOB_MANAGER, 0, ProcessHandle.current().pid(),
                paths.jobManagerLog(), FlinkProcess.marker(paths));
        assertFalse(reused.isAlive());
    }

    @Test
    void settingsRoundTripAndDefaultToThePortsOfTheCli() {
        ClusterPaths paths = new ClusterPaths(HOME, state);
        assertEquals(ClusterSettings.NONE, ClusterSettings.read(paths));
        new ClusterSettings(18081, 16123, 2).write(paths);
        assertEquals(new ClusterSettings(18081, 16123, 2), ClusterSettings.read(paths));
    }

    @Test
    void optionsRejectANonPositiveTimeout() {
        assertThrows(ClusterException.class, () -> ClusterOptions.of(HOME, 1, 8081).withStartTimeout(Duration.ZERO));
    }
}
