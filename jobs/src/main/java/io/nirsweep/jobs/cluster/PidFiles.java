package io.nirsweep.jobs.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The cluster's PID files, {@code pid/jobmanager.pid} and {@code pid/taskmanager-<n>.pid}, one PID per file as
 * scripts expect ({@code kill $(cat pid/jobmanager.pid)}). They are how {@code status} and {@code stop} find the
 * JVMs that an earlier {@code start} left running after its own JVM exited.
 */
final class PidFiles {
    private static final Pattern NAME = Pattern.compile("(jobmanager|taskmanager-([1-9][0-9]*))\\.pid");

    private PidFiles() {
    }

    static void write(ClusterPaths paths, FlinkProcess process) {
        try {
            Files.createDirectories(paths.pidDir());
            Files.writeString(paths.pidDir().resolve(process.id() + ".pid"), process.pid() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The processes named by the PID files, alive or not: the JobManager first, then TaskManagers by number. */
    static List<FlinkProcess> read(ClusterPaths paths) {
        List<FlinkProcess> processes = new ArrayList<>();
        if (!Files.isDirectory(paths.pidDir())) {
            return processes;
        }
        String marker = FlinkProcess.marker(paths);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(paths.pidDir(), "*.pid")) {
            for (Path file : files) {
                Matcher m = NAME.matcher(file.getFileName().toString());
                Long pid = m.matches() ? parsePid(file) : null;
                if (pid == null) {
                    continue;
                }
                processes.add(m.group(2) == null
                        ? new FlinkProcess(FlinkProcess.Role.JOB_MANAGER, 0, pid, paths.jobManagerLog(), marker)
                        : new FlinkProcess(FlinkProcess.Role.TASK_MANAGER, Integer.parseInt(m.group(2)), pid,
                                paths.taskManagerLog(Integer.parseInt(m.group(2))), marker));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        processes.sort(Comparator.comparing(FlinkProcess::role).thenComparingInt(FlinkProcess::number));
        return processes;
    }

    static void deleteAll(ClusterPaths paths) {
        if (!Files.isDirectory(paths.pidDir())) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(paths.pidDir(), "*.pid")) {
            for (Path file : files) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The PID in a file, or null for a file that holds none (a half-written or hand-edited one is ignored). */
    private static Long parsePid(Path file) throws IOException {
        String text = Files.readString(file).strip();
        return text.matches("[1-9][0-9]{0,18}") ? Long.valueOf(text) : null;
    }
}
