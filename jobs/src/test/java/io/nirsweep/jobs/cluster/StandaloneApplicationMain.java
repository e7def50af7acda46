package io.nirsweep.jobs.cluster;

import java.io.File;
import org.apache.flink.client.deployment.application.ApplicationClusterEntryPoint;
import org.apache.flink.client.program.DefaultPackagedProgramRetriever;
import org.apache.flink.client.program.PackagedProgram;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.entrypoint.ClusterEntrypoint;
import org.apache.flink.runtime.entrypoint.ClusterEntrypointUtils;
import org.apache.flink.runtime.entrypoint.EntrypointClusterConfiguration;
import org.apache.flink.runtime.resourcemanager.StandaloneResourceManagerFactory;

/**
 * A standalone application cluster's JobManager, as {@code bin/standalone-job.sh} starts it: what Flink's
 * {@code StandaloneApplicationClusterEntryPoint} does, for {@link FlinkApplicationModeIT}. That class lives in the
 * {@code flink-container} module, which flink-dist bundles into a distribution's {@code lib/flink-dist-*.jar} but
 * of which Maven Central has no 1.19.3 (asked on 2026-12-07; it lists 1.18.0 and 1.20.0): so this is that main method
 * on Flink 1.19.3's own {@link ApplicationClusterEntryPoint} (flink-clients), the class that Kubernetes' and YARN's
 * application JobManagers extend too. Everything that runs the job jar's {@code main} and ends the cluster
 * after it is Flink's: {@code ApplicationDispatcherBootstrap} and {@link ClusterEntrypoint}.
 *
 * <p>Arguments as the JobManager's: {@code --configDir DIR [-D key=value]... PROGRAM ARGS...}. The job jar is found
 * where the Docker image has it, in {@code usrlib/} beside the {@code lib/} that {@code FLINK_LIB_DIR} names, and its
 * manifest's {@code Main-Class} is the program. Only this class's file goes onto the JobManager's class path.
 */
public final class StandaloneApplicationMain extends ApplicationClusterEntryPoint {
    private StandaloneApplicationMain(Configuration configuration, PackagedProgram program) {
        super(configuration, program, StandaloneResourceManagerFactory.getInstance());
    }

    public static void main(String[] args) throws Exception {
        EntrypointClusterConfiguration arguments = ClusterEntrypoint.parseArguments(args);
        Configuration configuration = loadConfiguration(arguments);
        File userLib = ClusterEntrypointUtils.tryFindUserLibDirectory()
                .orElseThrow(() -> new IllegalStateException("FLINK_LIB_DIR is not set: no usrlib/ to run"));
        PackagedProgram program = DefaultPackagedProgramRetriever.create(userLib, null, arguments.getArgs(),
                configuration).getPackagedProgram();
        configureExecution(configuration, program);
        ClusterEntrypoint.runClusterEntrypoint(new StandaloneApplicationMain(configuration, program));
    }
}
