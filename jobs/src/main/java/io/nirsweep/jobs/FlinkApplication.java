package io.nirsweep.jobs;

import org.apache.flink.api.common.JobID;
import org.apache.flink.client.deployment.application.UnsuccessfulExecutionException;
import org.apache.flink.runtime.clusterframework.ApplicationStatus;

/**
 * The command line as the program of a Flink application cluster (docs/cluster.md §4): there the JobManager's JVM
 * runs {@link Main#main} itself, and Flink, not the command line, ends that JVM.
 */
final class FlinkApplication {
    /**
     * The class of Flink's application mode that calls a job jar's {@code main} in the JobManager (standalone
     * {@code standalone-job.sh}, Kubernetes and YARN application clusters alike), through {@code
     * ClientUtils.executeProgram} on a thread of its own. {@code flink run} calls that method in its own client JVM
     * (CliFrontend), without this class.
     */
    static final String MAIN_RUNNER = "org.apache.flink.client.deployment.application.ApplicationDispatcherBootstrap";

    private FlinkApplication() {}

    /** Whether the caller runs in a Flink application cluster's JobManager, called by {@link #MAIN_RUNNER}. */
    static boolean isRunningMain() {
        return StackWalker.getInstance().walk(frames -> frames.anyMatch(
                frame -> frame.getClassName().equals(MAIN_RUNNER)));
    }

    /**
     * What {@code main} throws there when the command line failed: the exception by which Flink's application
     * runner knows a failed application, so that it shuts the cluster down in order with status FAILED, as after
     * any application that ended, instead of treating it as a crash of the JobManager (which a Kubernetes
     * deployment would restart, running the sweep again). The error line is printed already; the
     * message names the exit code {@code main} would have exited with. The id names no job (the command line
     * failed as a whole; a job it ran has its own id in the JobManager's log).
     */
    static UnsuccessfulExecutionException failure(int exitCode) {
        return new UnsuccessfulExecutionException(new JobID(), ApplicationStatus.FAILED,
                "nirsweep failed with exit code " + exitCode + " (its error line is above)", null);
    }
}
