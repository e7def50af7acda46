package io.nirsweep.jobs.cluster;

import io.nirsweep.pipeline.FileTrees;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A standalone Flink cluster on this machine: one JobManager and N TaskManagers as separate JVMs on the loopback
 * interface, built from the project's own class path (no flink-dist). {@code nirsweep cluster} drives it, and
 * tests use it directly: start one, submit to {@code localhost:restPort()}, kill a TaskManager to test failover,
 * and close it.
 *
 * <p>The JVMs outlive the JVM that started them; the PID files in the state folder are how a later
 * {@link #find(ClusterPaths)} (the {@code status} and {@code stop} commands) gets them back.
 */
public final class LocalFlinkCluster implements AutoCloseable {
    /** SIGTERM first: Flink's JVMs shut down cleanly on it within a few seconds (docs/infra-notes.md §3). */
    private static final Duration STOP_GRACE = Duration.ofSeconds(15);
    private static final Duration KILL_WAIT = Duration.ofSeconds(10);
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    /** What {@link #stop()} did: the JVMs it found running, and those of them that needed SIGKILL. */
    public record StopReport(List<FlinkProcess> stopped, List<FlinkProcess> killed) {
        public StopReport {
            stopped = List.copyOf(stopped);
            killed = List.copyOf(killed);
        }
    }

    private final ClusterPaths paths;
    private final ClusterSettings settings;
    private final List<FlinkProcess> processes;
    /** Where new JVMs get their jars: see {@link ClusterOptions#flinkLib()}. */
    private final Path flinkLib;

    private LocalFlinkCluster(ClusterPaths paths, ClusterSettings settings, List<FlinkProcess> processes, Path flinkLib) {
        this.paths = paths;
        this.settings = settings;
        this.processes = new CopyOnWriteArrayList<>(processes);
        this.flinkLib = flinkLib;
    }

    /** Starts a cluster with its state in {@code <home>/work/cluster} and the JobManager RPC on port 6123. */
    public static LocalFlinkCluster start(Path home, int taskManagers, int restPort) {
        return start(ClusterOptions.of(home, taskManagers, restPort));
    }

    /**
     * Starts a cluster and returns once the REST API reports all its TaskManagers. Refuses when this state folder's
     * cluster still runs or a port is taken; when the cluster does not come up in time, or a JVM dies while it
     * starts, stops whatever it started and throws a {@link ClusterException} naming the logs.
     */
    public static LocalFlinkCluster start(ClusterOptions options) {
        ClusterPaths paths = options.paths();
        try (StateLock lock = StateLock.acquire(paths)) {
            LocalFlinkCluster existing = find(paths);
            List<FlinkProcess> running = existing.processes.stream().filter(FlinkProcess::isAlive).toList();
            if (!running.isEmpty()) {
                throw new ClusterException("a cluster is already running from " + paths.stateDir() + " ("
                        + describe(running) + ", REST port " + existing.restPort() + "); stop it first");
            }
            requireFreePort(options.restPort(), "--rest-port");
            requireFreePort(options.rpcPort(), "--rpc-port");
            clean(paths);
            ClusterConfig.write(options);
            FlinkLauncher launcher = new FlinkLauncher(paths, options.flinkLib());
            FlinkLauncher.ResourceParams jobManager = launcher.resourceParams(FlinkProcess.Role.JOB_MANAGER);
            FlinkLauncher.ResourceParams taskManager = launcher.resourceParams(FlinkProcess.Role.TASK_MANAGER);
            ClusterSettings settings = new ClusterSettings(options.restPort(), options.rpcPort(),
                    taskManager.slotsPerTaskManager());
            settings.write(paths);
            LocalFlinkCluster cluster = new LocalFlinkCluster(paths, settings, List.of(), options.flinkLib());
            try {
                cluster.launch(launcher.start(FlinkProcess.Role.JOB_MANAGER, 0, jobManager));
                for (int number = 1; number <= options.taskManagers(); number++) {
                    cluster.launch(launcher.start(FlinkProcess.Role.TASK_MANAGER, number, taskManager));
                }
                cluster.await(options.taskManagers(), options.startTimeout(), true);
            } catch (RuntimeException e) {
                try {
                    cluster.shutDown();
                } catch (RuntimeException stopFailure) {
                    e.addSuppressed(stopFailure);
                }
                throw e;
            }
            return cluster;
        }
    }

    /** The cluster whose PID files are in {@code paths}' state folder, running or not (for status and stop). */
    public static LocalFlinkCluster find(ClusterPaths paths) {
        return new LocalFlinkCluster(paths, ClusterSettings.read(paths), PidFiles.read(paths), null);
    }

    public ClusterPaths paths() {
        return paths;
    }

    public int restPort() {
        return settings.restPort();
    }

    /** {@code http://localhost:<restPort>}: the REST API (and the web dashboard when flink-runtime-web is there). */
    public URI restAddress() {
        return RestOverview.address(restPort());
    }

    public Optional<FlinkProcess> jobManager() {
        return processes.stream().filter(p -> p.role() == FlinkProcess.Role.JOB_MANAGER).findFirst();
    }

    /** Every TaskManager started, by number, including killed ones. */
    public List<FlinkProcess> taskManagers() {
        return processes.stream().filter(p -> p.role() == FlinkProcess.Role.TASK_MANAGER).toList();
    }

    /** The TaskManagers' PIDs, in the order of their numbers (1, 2, ...). */
    public List<Long> taskManagerPids() {
        return taskManagers().stream().map(FlinkProcess::pid).toList();
    }

    /** Whether the JobManager runs; a cluster whose TaskManagers all died still runs and can take new ones. */
    public boolean isRunning() {
        return jobManager().map(FlinkProcess::isAlive).orElse(false);
    }

    /** What the JobManager's REST API says now; empty when it does not answer. */
    public Optional<RestOverview> overview() {
        return RestOverview.fetch(restPort());
    }

    /**
     * Waits until the REST API reports exactly {@code n} TaskManagers and their slots: after a kill, the JobManager
     * needs its heartbeat timeout (a few seconds with the template's settings) to let a dead TaskManager go.
     */
    public RestOverview waitForTaskManagers(int n, Duration timeout) {
        return await(n, timeout, false);
    }

    /**
     * SIGKILLs TaskManager {@code number} (1-based), as a machine failure would, and waits until the process is
     * gone. Its PID file stays until {@link #stop()}, so {@code status} shows it dead.
     */
    public void killTaskManager(int number) {
        FlinkProcess victim = taskManagers().stream().filter(p -> p.number() == number).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no TaskManager " + number + " (have "
                        + taskManagers().stream().map(p -> Integer.toString(p.number())).toList() + ")"));
        ProcessHandle handle = victim.handle().orElseThrow(() -> new ClusterException(victim + " is not running"));
        handle.destroyForcibly();
        awaitExit(List.of(victim), KILL_WAIT);
        if (victim.isAlive()) {
            throw new ClusterException("could not kill " + victim);
        }
    }

    /**
     * Starts one more TaskManager with the next free number (for instance to replace a killed one); follow it with
     * {@link #waitForTaskManagers} to know when it has registered.
     */
    public FlinkProcess addTaskManager() {
        if (!isRunning()) {
            throw new ClusterException("no JobManager runs from " + paths.stateDir() + "; start the cluster first");
        }
        FlinkLauncher launcher = new FlinkLauncher(paths, flinkLib);
        int number = processes.stream().mapToInt(FlinkProcess::number).max().orElse(0) + 1;
        FlinkProcess taskManager = launcher.start(FlinkProcess.Role.TASK_MANAGER, number,
                launcher.resourceParams(FlinkProcess.Role.TASK_MANAGER));
        launch(taskManager);
        return taskManager;
    }

    /**
     * Stops every JVM of the cluster (SIGTERM, then SIGKILL for those still there after 15 s), removes the PID
     * files and the temp folder (blob storage, unpacked RPC jars), and keeps config and logs. Stopping a stopped
     * cluster does nothing.
     */
    public StopReport stop() {
        try (StateLock lock = StateLock.acquire(paths)) {
            return shutDown();
        }
    }

    @Override
    public void close() {
        stop();
    }

    private void launch(FlinkProcess process) {
        processes.add(process);
        PidFiles.write(paths, process);
    }

    private StopReport shutDown() {
        List<FlinkProcess> running = new ArrayList<>(processes.stream().filter(FlinkProcess::isAlive).toList());
        // TaskManagers first, so that none of them spends its last seconds looking for a JobManager that is gone
        Collections.reverse(running);
        running.forEach(p -> p.handle().ifPresent(ProcessHandle::destroy));
        awaitExit(running, STOP_GRACE);
        List<FlinkProcess> survivors = running.stream().filter(FlinkProcess::isAlive).toList();
        survivors.forEach(p -> p.handle().ifPresent(ProcessHandle::destroyForcibly));
        awaitExit(survivors, KILL_WAIT);
        List<FlinkProcess> left = survivors.stream().filter(FlinkProcess::isAlive).toList();
        if (!left.isEmpty()) {
            throw new ClusterException("could not stop " + describe(left) + ", not even with SIGKILL");
        }
        PidFiles.deleteAll(paths);
        FileTrees.delete(paths.tmpDir());
        Collections.reverse(running);
        return new StopReport(running, survivors);
    }

    private RestOverview await(int n, Duration timeout, boolean starting) {
        long deadline = System.nanoTime() + timeout.toNanos();
        // a TaskManager counts as registered a moment before its slots do
        int slots = n * settings.slotsPerTaskManager();
        while (true) {
            Optional<RestOverview> overview = overview();
            if (overview.isPresent() && overview.get().taskManagers() == n
                    && (settings.slotsPerTaskManager() == 0 || overview.get().slotsTotal() == slots)) {
                return overview.get();
            }
            for (FlinkProcess p : processes) {
                if ((starting || p.role() == FlinkProcess.Role.JOB_MANAGER) && !p.isAlive()) {
                    throw new ClusterException(p + " exited" + (starting ? " while the cluster started" : "")
                            + "; see " + p.log(), List.of(p.log()));
                }
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new ClusterException("the REST API on port " + restPort() + " did not report " + n
                        + (n == 1 ? " TaskManager" : " TaskManagers") + " within " + timeout.toSeconds() + " s ("
                        + overview.map(o -> o.taskManagers() + " registered, " + o.slotsTotal() + " slots")
                                .orElse("no answer") + "); logs in " + paths.logDir(),
                        processes.stream().map(FlinkProcess::log).toList());
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }

    /**
     * Waits until the processes are gone. A JVM this one started stays a zombie until the JDK has reaped it, and
     * until then {@code ProcessHandle.isAlive()} says true: wait for that too, so that callers (tests) can check
     * the PIDs themselves. An orphan's zombie is its new parent's to reap and counts as gone at once.
     */
    private static void awaitExit(List<FlinkProcess> processes, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (processes.stream().anyMatch(LocalFlinkCluster::present) && System.nanoTime() - deadline < 0) {
            LockSupport.parkNanos(POLL_NANOS);
        }
    }

    private static boolean present(FlinkProcess p) {
        return p.isAlive() || ProcessHandle.current().children().anyMatch(c -> c.pid() == p.pid() && c.isAlive());
    }

    private static String describe(List<FlinkProcess> processes) {
        return String.join(", ", processes.stream().map(FlinkProcess::toString).toList());
    }

    /** Flink binds the port on localhost; so does this check, which fails when anything listens there already. */
    private static void requireFreePort(int port, String option) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            throw new ClusterException("port " + port + " on localhost is in use; choose another with " + option);
        }
    }

    /** What a stopped or crashed cluster left behind: PID files, temp files, the previous run's logs. */
    private static void clean(ClusterPaths paths) {
        PidFiles.deleteAll(paths);
        try {
            Files.deleteIfExists(paths.settingsFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        FileTrees.delete(paths.tmpDir());
        if (!Files.isDirectory(paths.logDir())) {
            return;
        }
        try (DirectoryStream<Path> logs = Files.newDirectoryStream(paths.logDir(), "*.{log,out}")) {
            for (Path log : logs) {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * An exclusive lock on the state folder while a start or stop runs, so that two commands at once cannot both
     * decide that no cluster runs and start two (the second one's JVMs would lose their PID files).
     */
    private static final class StateLock implements AutoCloseable {
        private final FileChannel channel;

        private StateLock(FileChannel channel) {
            this.channel = channel;
        }

        static StateLock acquire(ClusterPaths paths) {
            try {
                Files.createDirectories(paths.stateDir());
                FileChannel channel = FileChannel.open(paths.lockFile(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                try {
                    if (channel.tryLock() != null) {
                        return new StateLock(channel);
                    }
                } catch (OverlappingFileLockException e) {
                    // this JVM holds it already: the same answer as another process holding it
                }
                channel.close();
                throw new ClusterException("another `nirsweep cluster` command is working on " + paths.stateDir());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            try {
                channel.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
