package io.nirsweep.jobs.cluster;

import java.nio.file.Path;

/**
 * The files of one local cluster. The project folder ({@code home}) supplies the class path and the config
 * template; the state folder holds everything the running cluster writes (config, logs, PID files, temp files
 * and blob storage), so that no run leaves anything in /tmp and {@code stop} cleans up by deleting one folder.
 */
public record ClusterPaths(Path home, Path stateDir) {
    public ClusterPaths {
        home = home.toAbsolutePath().normalize();
        stateDir = stateDir.toAbsolutePath().normalize();
    }

    /** The default state folder, {@code <home>/work/cluster} ({@code work/} is git-ignored). */
    public static ClusterPaths of(Path home) {
        return new ClusterPaths(home, home.resolve("work").resolve("cluster"));
    }

    /** The config template the cluster's {@code config.yaml} is made from. */
    public Path template() {
        return home.resolve("conf").resolve("flink").resolve("config.yaml");
    }

    /** The CLI's runtime class path, written by Maven at {@code package}; the cluster JVMs use the same. */
    Path classpathFile() {
        return home.resolve("jobs").resolve("target").resolve("runtime-classpath.txt");
    }

    Path classesDir() {
        return home.resolve("jobs").resolve("target").resolve("classes");
    }

    /** Jars only the cluster JVMs get: a logging binding that replaces the CLI's slf4j-nop, the web dashboard. */
    Path clusterLibDir() {
        return home.resolve("jobs").resolve("target").resolve("cluster-lib");
    }

    public Path confDir() {
        return stateDir.resolve("conf");
    }

    public Path logDir() {
        return stateDir.resolve("log");
    }

    Path pidDir() {
        return stateDir.resolve("pid");
    }

    Path tmpDir() {
        return stateDir.resolve("tmp");
    }

    /** The ports of the cluster last started here, for {@code status} and {@code stop}. */
    Path settingsFile() {
        return stateDir.resolve("cluster.properties");
    }

    Path lockFile() {
        return stateDir.resolve(".lock");
    }

    public Path jobManagerLog() {
        return logDir().resolve("jobmanager.log");
    }

    /** The log of TaskManager {@code number} (1-based, as in its resource id {@code taskmanager-<number>}). */
    public Path taskManagerLog(int number) {
        return logDir().resolve("taskmanager-" + number + ".log");
    }
}
