package io.nirsweep.jobs.cluster;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Starts the cluster's JVMs the way flink-dist's {@code jobmanager.sh} and {@code taskmanager.sh} do, but on the
 * project's own Maven-resolved class path (docs/infra-notes.md §3): Flink's {@code BashJavaUtils} turns the memory
 * sizes of
 * {@code config.yaml} into JVM flags and dynamic {@code -D} options (the TaskManager refuses to start without
 * them), then the entry point classes run as detached JVMs that outlive the command that started them.
 */
public final class FlinkLauncher {
    /** Flink 1.19's own Java 17 list ({@code env.java.opts.all}), as in the parent pom's {@code java17.opens}. */
    public static final List<String> JAVA17_OPENS = List.of(
            "--add-exports=java.base/sun.net.util=ALL-UNNAMED",
            "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
            "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.text=ALL-UNNAMED",
            "--add-opens=java.base/java.time=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");

    /** Used when slf4j-simple is the binding (harmless otherwise): timestamps, as Flink's own log layout has. */
    private static final List<String> LOGGER_PROPERTIES = List.of(
            "-Dorg.slf4j.simpleLogger.showDateTime=true",
            "-Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd HH:mm:ss,SSS");

    private static final String BASH_JAVA_UTILS = "org.apache.flink.runtime.util.bash.BashJavaUtils";
    private static final String RESULT_PREFIX = "BASH_JAVA_UTILS_EXEC_RESULT:";
    private static final String JOB_MANAGER_MAIN = "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint";
    private static final String TASK_MANAGER_MAIN = "org.apache.flink.runtime.taskexecutor.TaskManagerRunner";
    private static final long BASH_JAVA_UTILS_TIMEOUT_SECONDS = 60;

    /** The JVM flags (line 1 of BashJavaUtils' answer) and the dynamic {@code -D key=value} options (line 2). */
    record ResourceParams(List<String> jvmFlags, List<String> dynamicOptions) {
        private static final String SLOTS = "taskmanager.numberOfTaskSlots=";

        /** The slots of one TaskManager as Flink computed them (1, Flink's default, when not among the options). */
        int slotsPerTaskManager() {
            return dynamicOptions.stream().filter(o -> o.startsWith(SLOTS))
                    .mapToInt(o -> Integer.parseInt(o.substring(SLOTS.length()))).findFirst().orElse(1);
        }
    }

    private final ClusterPaths paths;
    private final String classpath;
    private final String java;

    /** @param flinkLib a folder of Flink's own jars to run on instead of the project's class path, or null */
    FlinkLauncher(ClusterPaths paths, Path flinkLib) {
        this.paths = paths;
        this.classpath = flinkLib == null ? classpath(paths) : jarsIn(flinkLib);
        this.java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * {@code jobs/target/classes} (so the project's job classes are on every TaskManager), the CLI's runtime class
     * path, and the jars of {@code jobs/target/cluster-lib}. When those bring a logging binding, the CLI's
     * slf4j-nop is left out: with two bindings slf4j picks either, and the cluster's logs are the point.
     */
    static String classpath(ClusterPaths paths) {
        String runtime;
        try {
            runtime = Files.readString(paths.classpathFile()).strip();
        } catch (NoSuchFileException e) {
            throw new ClusterException(paths.classpathFile() + " is missing: build the project first (./nirsweep does on first use)");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> extra = new ArrayList<>();
        if (Files.isDirectory(paths.clusterLibDir())) {
            try (DirectoryStream<Path> jars = Files.newDirectoryStream(paths.clusterLibDir(), "*.jar")) {
                jars.forEach(jar -> extra.add(jar.toString()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        extra.sort(null);
        boolean ownBinding = extra.stream().anyMatch(jar -> Path.of(jar).getFileName().toString().contains("slf4j"));
        List<String> entries = new ArrayList<>();
        entries.add(paths.classesDir().toString());
        Arrays.stream(runtime.split(File.pathSeparator))
                .filter(entry -> !entry.isBlank())
                .filter(entry -> !(ownBinding && Path.of(entry).getFileName().toString().startsWith("slf4j-nop-")))
                .forEach(entries::add);
        entries.addAll(extra);
        return String.join(File.pathSeparator, entries);
    }

    /** The jars of a stock Flink's {@code lib/} folder, as its scripts put them on the class path. */
    static String jarsIn(Path lib) {
        List<String> jars = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(lib, "*.jar")) {
            entries.forEach(jar -> jars.add(jar.toString()));
        } catch (NoSuchFileException e) {
            throw new ClusterException("no Flink lib folder " + lib);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (jars.isEmpty()) {
            throw new ClusterException("no jar in the Flink lib folder " + lib);
        }
        jars.sort(null);
        return String.join(File.pathSeparator, jars);
    }

    /** Runs BashJavaUtils on the state folder's {@code config.yaml}; its output is kept in {@code log/}. */
    ResourceParams resourceParams(FlinkProcess.Role role) {
        String command = role == FlinkProcess.Role.JOB_MANAGER ? "GET_JM_RESOURCE_PARAMS" : "GET_TM_RESOURCE_PARAMS";
        Path output = paths.logDir().resolve("bash-java-utils-" + (role == FlinkProcess.Role.JOB_MANAGER ? "jm" : "tm") + ".out");
        List<String> lines;
        try {
            Files.createDirectories(paths.logDir());
            Process p = new ProcessBuilder(java, "-cp", classpath, BASH_JAVA_UTILS, command,
                    "--configDir", paths.confDir().toString())
                    .directory(paths.stateDir().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            if (!p.waitFor(BASH_JAVA_UTILS_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new ClusterException("Flink's BashJavaUtils " + command + " did not finish in "
                        + BASH_JAVA_UTILS_TIMEOUT_SECONDS + " s", List.of(output));
            }
            lines = Files.readAllLines(output).stream()
                    .filter(l -> l.startsWith(RESULT_PREFIX))
                    .map(l -> l.substring(RESULT_PREFIX.length()).strip())
                    .toList();
            if (p.exitValue() != 0 || lines.size() != 2) {
                throw new ClusterException("Flink's BashJavaUtils " + command + " failed on "
                        + paths.confDir().resolve("config.yaml") + " (exit code " + p.exitValue() + ")", List.of(output));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterException("interrupted while Flink's BashJavaUtils ran");
        }
        return new ResourceParams(words(lines.get(0)), words(lines.get(1)));
    }

    /**
     * Starts one JVM with its output (Flink's log, through slf4j) appended to its log file and no stdin, in a
     * session of its own ({@code setsid}, when there is one): it survives the exit of this JVM, and a Ctrl-C or a
     * closed terminal meant for the command that started it does not reach the cluster.
     */
    FlinkProcess start(FlinkProcess.Role role, int number, ResourceParams params) {
        String marker = FlinkProcess.marker(paths);
        boolean jobManager = role == FlinkProcess.Role.JOB_MANAGER;
        Path log = jobManager ? paths.jobManagerLog() : paths.taskManagerLog(number);
        List<String> command = new ArrayList<>();
        setsid().ifPresent(command::add);
        command.add(java);
        command.add(marker);
        command.addAll(params.jvmFlags());
        command.addAll(JAVA17_OPENS);
        command.add("-Djava.io.tmpdir=" + paths.tmpDir());
        command.add("-Dlog.file=" + log); // also where the REST API's log view looks
        command.addAll(LOGGER_PROPERTIES);
        command.add("-cp");
        command.add(classpath);
        command.add(jobManager ? JOB_MANAGER_MAIN : TASK_MANAGER_MAIN);
        command.add("--configDir");
        command.add(paths.confDir().toString());
        command.addAll(params.dynamicOptions());
        if (!jobManager) {
            // a readable id in logs and REST answers; its working folder lives in tmp/, which stop deletes
            command.add("-D");
            command.add("taskmanager.resource-id=taskmanager-" + number);
        }
        try {
            Files.createDirectories(paths.logDir());
            Files.createDirectories(paths.tmpDir());
            Process p = new ProcessBuilder(command)
                    .directory(paths.stateDir().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            return new FlinkProcess(role, number, p.pid(), log, marker);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code setsid} from the PATH. It calls setsid(2) and then execs java in the same process (a child of this JVM
     * is no process group leader, so it does not fork), so the PID we get is the JVM's.
     */
    private static Optional<String> setsid() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        return Arrays.stream(path.split(File.pathSeparator))
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, "setsid"))
                .filter(Files::isExecutable)
                .map(Path::toString)
                .findFirst();
    }

    private static List<String> words(String line) {
        return Arrays.stream(line.split("\\s+")).filter(w -> !w.isEmpty()).toList();
    }
}
