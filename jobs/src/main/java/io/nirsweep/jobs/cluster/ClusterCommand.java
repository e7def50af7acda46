package io.nirsweep.jobs.cluster;

import io.nirsweep.jobs.Main;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.IntSupplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cluster start|stop|status}: a standalone Flink cluster on this machine, loopback only, built from the
 * project's own dependencies ({@link LocalFlinkCluster}); {@code sweep --runner flink --flink-master
 * localhost:PORT} submits to it. The JVMs outlive this command; their state is in {@code <project>/work/cluster}.
 */
@Command(name = "cluster", mixinStandardHelpOptions = true,
        description = {"Start, stop or report a standalone Flink cluster on this machine (loopback only).",
            "Config, logs and PID files are in <project>/work/cluster; the config comes from conf/flink/config.yaml."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done (status: the cluster runs)", "1:internal error",
            "2:refused or failed (already running, port in use, did not come up in time)",
            "3:status: no cluster runs"})
public final class ClusterCommand implements Callable<Integer> {
    /** The exit code of {@code status} when no cluster runs (scripts test it: {@code cluster status || start}). */
    public static final int NOT_RUNNING = 3;

    @Option(names = "--state-dir", paramLabel = "DIR", scope = CommandLine.ScopeType.INHERIT,
            description = "The cluster's folder (default: <project>/work/cluster); another one runs a second cluster.")
    Path stateDir;

    @Spec
    CommandSpec spec;

    private final Path home;

    /** The command as the launcher runs it: the project folder comes from the system property nirsweep.home. */
    public ClusterCommand() {
        this(null);
    }

    ClusterCommand(Path home) {
        this.home = home;
    }

    /** Runs the command without the rest of the CLI, e.g. {@code java -cp ... io.nirsweep.jobs.cluster.ClusterCommand status}. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new ClusterCommand()).execute(args));
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return Main.USER_ERROR;
    }

    @Command(name = "start", mixinStandardHelpOptions = true,
            description = {"Start a JobManager and N TaskManagers and wait until all have registered with their slots.",
                "Refuses when this folder's cluster already runs; to resize, stop and start again."})
    int start(@Option(names = "--task-managers", paramLabel = "N", defaultValue = "1",
                      description = "TaskManagers to start (default: ${DEFAULT-VALUE}).") int taskManagers,
              @Option(names = "--rest-port", paramLabel = "PORT", defaultValue = "" + ClusterOptions.DEFAULT_REST_PORT,
                      description = "REST API (and web UI) port on localhost (default: ${DEFAULT-VALUE}).") int restPort,
              @Option(names = "--rpc-port", paramLabel = "PORT", defaultValue = "" + ClusterOptions.DEFAULT_RPC_PORT,
                      description = "JobManager RPC port on localhost (default: ${DEFAULT-VALUE}).") int rpcPort,
              @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
                      description = "How long to wait for the TaskManagers to register (default: ${DEFAULT-VALUE}).")
              long timeoutSeconds) {
        return guarded(() -> {
            ClusterOptions options = new ClusterOptions(paths(), taskManagers, restPort, rpcPort,
                    Duration.ofSeconds(timeoutSeconds));
            LocalFlinkCluster cluster = LocalFlinkCluster.start(options);
            RestOverview overview = cluster.overview().orElseThrow(
                    () -> new ClusterException("the cluster stopped answering on port " + restPort + " right after it started"));
            PrintWriter out = spec.commandLine().getOut();
            out.println("cluster started: " + describe(cluster) + "; " + overview.summary());
            out.println(RestOverview.servesWebUi(restPort)
                    ? "web UI and REST API: " + cluster.restAddress()
                    : "REST API: " + cluster.restAddress() + " (no web UI: flink-runtime-web is not on the class path)");
            out.println("submit with: --runner flink --flink-master localhost:" + restPort);
            out.println("logs: " + cluster.paths().logDir());
            return Main.OK;
        });
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Print the cluster's processes and what its REST API reports; exit 3 when no cluster runs.")
    int status() {
        return guarded(() -> {
            LocalFlinkCluster cluster = LocalFlinkCluster.find(paths());
            PrintWriter out = spec.commandLine().getOut();
            if (cluster.jobManager().isEmpty() && cluster.taskManagers().isEmpty()) {
                out.println("no cluster is running (no PID files in " + cluster.paths().stateDir() + ")");
                return NOT_RUNNING;
            }
            cluster.jobManager().ifPresent(p -> out.println(line(p)));
            cluster.taskManagers().forEach(p -> out.println(line(p)));
            Optional<RestOverview> overview = cluster.isRunning() ? cluster.overview() : Optional.empty();
            out.println("REST " + cluster.restAddress() + ": " + overview.map(RestOverview::summary).orElse("no answer"));
            if (overview.isEmpty()) {
                out.println("no cluster is running" + (cluster.isRunning() ? " (the JobManager does not answer)" : "")
                        + "; `nirsweep cluster stop` cleans up what is left");
                return NOT_RUNNING;
            }
            return Main.OK;
        });
    }

    @Command(name = "stop", mixinStandardHelpOptions = true,
            description = "Stop the cluster's JVMs (SIGTERM, SIGKILL after 15 s) and delete its temp files; "
                    + "stopping a stopped cluster does nothing.")
    int stop() {
        return guarded(() -> {
            LocalFlinkCluster.StopReport report = LocalFlinkCluster.find(paths()).stop();
            PrintWriter out = spec.commandLine().getOut();
            if (report.stopped().isEmpty()) {
                out.println("no cluster is running; nothing to stop");
            } else {
                out.println("stopped " + String.join(", ", report.stopped().stream().map(FlinkProcess::toString).toList())
                        + (report.killed().isEmpty() ? "" : "; killed with SIGKILL after 15 s: "
                        + String.join(", ", report.killed().stream().map(FlinkProcess::name).toList())));
            }
            return Main.OK;
        });
    }

    private ClusterPaths paths() {
        Path project = home;
        if (project == null) {
            String property = System.getProperty("nirsweep.home");
            if (property == null || property.isBlank()) {
                throw new ClusterException("the system property nirsweep.home (the project folder) is not set; run ./nirsweep cluster");
            }
            project = Path.of(property);
        }
        return stateDir == null ? ClusterPaths.of(project) : new ClusterPaths(project, stateDir);
    }

    /** Runs an action; a {@link ClusterException} becomes exit code 2 and one line, after the tails of its logs. */
    private int guarded(IntSupplier action) {
        try {
            return action.getAsInt();
        } catch (ClusterException e) {
            PrintWriter err = spec.commandLine().getErr();
            err.print(e.logTails());
            err.println("nirsweep: " + e.getMessage());
            return Main.USER_ERROR;
        }
    }

    private static String line(FlinkProcess p) {
        return String.format("%-15s pid %-8d %s", p.name(), p.pid(), p.isAlive() ? "alive" : "dead");
    }

    private static String describe(LocalFlinkCluster cluster) {
        return cluster.jobManager().map(FlinkProcess::toString).orElse("no JobManager") + ", "
                + String.join(", ", cluster.taskManagers().stream().map(FlinkProcess::toString).toList());
    }
}
