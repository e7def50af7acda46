package io.nirsweep.jobs;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs {@code ./nirsweep} as a user does, in a folder, and keeps its exit code and output (end-to-end tests). */
final class Launcher {
    static final Path HOME = Path.of(System.getProperty("nirsweep.home")).toAbsolutePath().normalize();

    private Launcher() {}

    /**
     * What one command did.
     *
     * @param err stderr, without the launcher's build lines and the sweep's and report's progress
     */
    record Run(int exitCode, String out, String err) {
        List<String> messages() {
            return err.lines().filter(l -> !l.startsWith("sweep") && !l.startsWith("report ")
                    && !l.startsWith("nirsweep: build")).toList();
        }
    }

    /** Runs {@code ./nirsweep args...} in {@code dir}, failing the test when it takes longer than {@code limit}. */
    static Run run(Path dir, Duration limit, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(HOME.resolve("nirsweep").toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "stdout", ".txt");
        Path err = Files.createTempFile(dir, "stderr", ".txt");
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile()).start();
        if (!p.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError("./nirsweep " + String.join(" ", args) + " did not finish in " + limit);
        }
        Run r = new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        Files.delete(out);
        Files.delete(err);
        return r;
    }
}
