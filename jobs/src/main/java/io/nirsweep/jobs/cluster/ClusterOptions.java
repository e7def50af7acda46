package io.nirsweep.jobs.cluster;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What {@link LocalFlinkCluster#start(ClusterOptions)} starts: where, how many TaskManagers, on which ports.
 * Only the REST and the JobManager RPC ports are fixed; every other port of the cluster is picked at random, so
 * two clusters with different state folders and ports can run side by side (a test beside a user's cluster).
 *
 * @param flinkLib null to run the JVMs on the project's class path; or a folder of Flink's own jars, as a stock
 *     Flink installation's {@code lib/} (then jobs find Beam and the project only in the job jar they bring)
 */
public record ClusterOptions(ClusterPaths paths, int taskManagers, int restPort, int rpcPort, Duration startTimeout,
        Path flinkLib) {
    public static final int DEFAULT_REST_PORT = 8081;
    public static final int DEFAULT_RPC_PORT = 6123;
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(60);
    /** Each TaskManager is a 1.5 GB JVM: 16 of them and the JobManager fill this 24 GB machine. */
    public static final int MAX_TASK_MANAGERS = 16;

    public ClusterOptions {
        if (taskManagers < 1 || taskManagers > MAX_TASK_MANAGERS) {
            throw new ClusterException("--task-managers must be between 1 and " + MAX_TASK_MANAGERS + ", not " + taskManagers);
        }
        requirePort("--rest-port", restPort);
        requirePort("--rpc-port", rpcPort);
        if (restPort == rpcPort) {
            throw new ClusterException("--rest-port and --rpc-port must differ (both are " + restPort + ")");
        }
        if (startTimeout.isNegative() || startTimeout.isZero()) {
            throw new ClusterException("--timeout must be positive, not " + startTimeout.toSeconds() + " s");
        }
    }

    /** A cluster on the project's own class path. */
    public ClusterOptions(ClusterPaths paths, int taskManagers, int restPort, int rpcPort, Duration startTimeout) {
        this(paths, taskManagers, restPort, rpcPort, startTimeout, null);
    }

    /** The defaults, with the state in {@code <home>/work/cluster}. */
    public static ClusterOptions of(Path home, int taskManagers, int restPort) {
        return new ClusterOptions(ClusterPaths.of(home), taskManagers, restPort, DEFAULT_RPC_PORT, DEFAULT_START_TIMEOUT);
    }

    public ClusterOptions withStateDir(Path stateDir) {
        return new ClusterOptions(new ClusterPaths(paths.home(), stateDir), taskManagers, restPort, rpcPort, startTimeout,
                flinkLib);
    }

    public ClusterOptions withRpcPort(int port) {
        return new ClusterOptions(paths, taskManagers, restPort, port, startTimeout, flinkLib);
    }

    public ClusterOptions withStartTimeout(Duration timeout) {
        return new ClusterOptions(paths, taskManagers, restPort, rpcPort, timeout, flinkLib);
    }

    /** The JVMs run on the jars of {@code lib} alone (see {@link #flinkLib()}). */
    public ClusterOptions withFlinkLib(Path lib) {
        return new ClusterOptions(paths, taskManagers, restPort, rpcPort, startTimeout, lib.toAbsolutePath().normalize());
    }

    private static void requirePort(String option, int port) {
        if (port < 1 || port > 65535) {
            throw new ClusterException(option + " must be a port between 1 and 65535, not " + port);
        }
    }
}
