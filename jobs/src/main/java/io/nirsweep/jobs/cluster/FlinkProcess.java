package io.nirsweep.jobs.cluster;

import java.nio.file.Path;
import java.util.Optional;

/**
 * One JVM of a local cluster, known by its PID. A PID alone can be reused by an unrelated process after the JVM
 * died, so a process counts as this cluster's only while its command line carries the cluster's marker option
 * ({@code -Dnirsweep.cluster=<state folder>}, placed first so that it is within the 4 KB of the command line
 * that Linux reports, and matched as a whole word so that {@code work/cluster} does not match {@code work/cluster-it}).
 * A zombie reports no command line and so counts as gone too.
 */
public final class FlinkProcess {
    /** The JVM's kind. */
    public enum Role { JOB_MANAGER, TASK_MANAGER }

    private final Role role;
    private final int number;
    private final long pid;
    private final Path log;
    private final String marker;

    FlinkProcess(Role role, int number, long pid, Path log, String marker) {
        this.role = role;
        this.number = number;
        this.pid = pid;
        this.log = log;
        this.marker = marker;
    }

    /** The option that marks a cluster JVM of {@code paths}; the first JVM option of every one it starts. */
    static String marker(ClusterPaths paths) {
        return "-Dnirsweep.cluster=" + paths.stateDir();
    }

    public Role role() {
        return role;
    }

    /** 0 for the JobManager; a TaskManager's 1-based number, as in {@code taskmanager-<number>}. */
    public int number() {
        return number;
    }

    public long pid() {
        return pid;
    }

    public Path log() {
        return log;
    }

    /** "JobManager" or "TaskManager 2". */
    public String name() {
        return role == Role.JOB_MANAGER ? "JobManager" : "TaskManager " + number;
    }

    /** The PID file's name without its extension, and the TaskManager's Flink resource id. */
    String id() {
        return role == Role.JOB_MANAGER ? "jobmanager" : "taskmanager-" + number;
    }

    /** The live process, when this JVM still runs. */
    Optional<ProcessHandle> handle() {
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(h -> h.info().commandLine().map(c -> (c + " ").contains(marker + " ")).orElse(false));
    }

    public boolean isAlive() {
        return handle().isPresent();
    }

    @Override
    public String toString() {
        return name() + " (pid " + pid + ")";
    }
}
