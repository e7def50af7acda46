package io.nirsweep.jobs.cluster;

import io.nirsweep.pipeline.FileTrees;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A Flink application cluster on loopback, laid out like Flink's Docker image: a Flink home whose {@code lib/} is a
 * stock Flink's jars and whose {@code usrlib/} holds the job jar; a JobManager that runs the jar's {@code main}
 * itself ({@link StandaloneApplicationMain}, what {@code bin/standalone-job.sh} starts) and a TaskManager ({@link
 * FlinkLauncher}, as {@code bin/taskmanager.sh} starts it), both on {@code lib/} only. The JobManager is this JVM's
 * child, so its exit code can be read: Flink ends it after the application. {@link #close()} stops whatever still
 * runs.
 */
public final class StandaloneApplicationCluster implements AutoCloseable {
    private static final Duration STOP_GRACE = Duration.ofSeconds(15);

    private final Process jobManager;
    private final Path jobManagerLog;
    private final FlinkProcess taskManager;

    private StandaloneApplicationCluster(Process jobManager, Path jobManagerLog, FlinkProcess taskManager) {
        this.jobManager = jobManager;
        this.jobManagerLog = jobManagerLog;
        this.taskManager = taskManager;
    }

    /**
     * Starts the JobManager with {@code arguments} (as {@code standalone-job.sh} takes them: Flink's {@code -D
     * key=value} options, then the job jar's main class's arguments) and, when {@code withTaskManager}, one
     * TaskManager; the cluster's config, logs and Flink home are in {@code options}' state folder.
     */
    public static StandaloneApplicationCluster start(ClusterOptions options, Path flinkLib, Path jobJar,
            List<String> arguments, boolean withTaskManager) throws IOException {
        ClusterPaths paths = options.paths();
        // a fresh state folder: the logs are appended to, and the last run's would answer for this one
        FileTrees.delete(paths.stateDir());
        Files.createDirectories(paths.logDir());
        Files.createDirectories(paths.tmpDir());
        ClusterConfig.write(options);
        Path flinkHome = paths.stateDir().resolve("flink");
        Path usrlib = Files.createDirectories(flinkHome.resolve("usrlib"));
        Files.createSymbolicLink(usrlib.resolve(jobJar.getFileName()), jobJar.toAbsolutePath());
        Path lib = Files.createSymbolicLink(flinkHome.resolve("lib"), flinkLib.toAbsolutePath());
        Path entryPoint = copyEntryPoint(paths.stateDir().resolve("entry-point"));

        FlinkLauncher launcher = new FlinkLauncher(paths, flinkLib);
        // both computed before any JVM starts, so that a failure here leaves nothing running
        FlinkLauncher.ResourceParams params = launcher.resourceParams(FlinkProcess.Role.JOB_MANAGER);
        FlinkLauncher.ResourceParams taskManagerParams = launcher.resourceParams(FlinkProcess.Role.TASK_MANAGER);
        FlinkProcess taskManager = withTaskManager
                ? launcher.start(FlinkProcess.Role.TASK_MANAGER, 1, taskManagerParams) : null;
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(params.jvmFlags());
        command.addAll(FlinkLauncher.JAVA17_OPENS);
        command.add("-Djava.io.tmpdir=" + paths.tmpDir());
        command.add("-Dlog.file=" + paths.jobManagerLog());
        command.add("-cp");
        // the entry point's own folder holds nothing but its class; Flink's jars come from lib/, as in the image
        command.add(entryPoint + File.pathSeparator + FlinkLauncher.jarsIn(lib));
        command.add(StandaloneApplicationMain.class.getName());
        command.add("--configDir");
        command.add(paths.confDir().toString());
        command.addAll(params.dynamicOptions());
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(paths.stateDir().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(paths.jobManagerLog().toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        // where flink-dist's scripts point Flink; usrlib/ is found beside it
        builder.environment().put("FLINK_LIB_DIR", lib.toString());
        Process jobManager;
        try {
            jobManager = builder.start();
        } catch (IOException e) {
            if (taskManager != null) {
                stop(taskManager);
            }
            throw e;
        }
        return new StandaloneApplicationCluster(jobManager, paths.jobManagerLog(), taskManager);
    }

    /** The JobManager's exit code once it has ended by itself within {@code timeout}; empty while it still runs. */
    public Optional<Integer> awaitJobManagerExit(Duration timeout) throws InterruptedException {
        if (!jobManager.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            return Optional.empty();
        }
        return Optional.of(jobManager.exitValue());
    }

    public Path jobManagerLog() {
        return jobManagerLog;
    }

    @Override
    public void close() throws InterruptedException {
        if (taskManager != null) {
            stop(taskManager);
        }
        if (jobManager.isAlive()) {
            jobManager.destroy();
            if (!jobManager.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS)) {
                jobManager.destroyForcibly();
                jobManager.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS);
            }
        }
    }

    /** SIGTERM, then SIGKILL when it is still there after the grace time; waits until it is gone. */
    private static void stop(FlinkProcess process) {
        process.handle().ifPresent(handle -> {
            handle.destroy();
            try {
                handle.onExit().get(STOP_GRACE.toSeconds(), TimeUnit.SECONDS);
            } catch (Exception stillRunning) {
                handle.destroyForcibly();
                handle.onExit().orTimeout(STOP_GRACE.toSeconds(), TimeUnit.SECONDS).join();
            }
        });
    }

    /** A folder holding only {@link StandaloneApplicationMain}'s class file, copied from the test classes. */
    private static Path copyEntryPoint(Path folder) throws IOException {
        String file = StandaloneApplicationMain.class.getName().replace('.', '/') + ".class";
        Path source;
        try {
            source = Path.of(StandaloneApplicationMain.class.getResource("/" + file).toURI());
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
        Path target = folder.resolve(file);
        Files.createDirectories(target.getParent());
        Files.copy(source, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return folder;
    }
}
