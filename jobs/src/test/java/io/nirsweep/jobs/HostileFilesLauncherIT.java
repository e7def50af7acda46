package io.nirsweep.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nirsweep.model.Corpus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 9's hostile inputs through the real launcher in a 1 GiB heap: each ends in 10 s with exit 0 or 2 and
 * at most one line on stderr, never a stack trace (the fixtures: nir-model's {@code hostile/} and
 * {@code dense-links/}, see their README.md).
 */
class HostileFilesLauncherIT {
    static final long SECONDS = 10;

    @TempDir
    Path tmp;

    record Run(int exitCode, String out, String err, long millis) {}

    static Path home() {
        return Path.of(System.getProperty("nirsweep.home")).toAbsolutePath().normalize();
    }

    /** The launcher builds the project on first use, saying so on stderr: not part of what is measured. */
    @BeforeAll
    static void buildTheLauncher(@TempDir Path dir) throws Exception {
        Process p = new ProcessBuilder(home().resolve("nirsweep").toString(), "--version").directory(home().toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(dir.resolve("build").toFile())
                .start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the launcher did not build in 5 minutes");
        assertEquals(0, p.exitValue(), Files.readString(dir.resolve("build")));
    }

    static Stream<String> hostileFiles() throws IOException {
        try (Stream<Path> s = Files.list(home().resolve("nir-model/src/test/resources/hostile"))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".nir")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileFiles")
    void hostileFileIsOneLineAndExitTwo(String name) throws Exception {
        Run r = nirsweep("validate", home().resolve("nir-model/src/test/resources/hostile").resolve(name).toString());
        assertRefusedInOneLine(r, name);
    }

    /** Issue 9 item 1: a one-bit flip in an HDF5 header of a corpus file. */
    @Test
    void aFlippedHeaderBitIsOneLineAndExitTwo() throws Exception {
        byte[] bytes = Files.readAllBytes(Corpus.file("generated/auto_io_nodes.nir"));
        bytes[888] ^= 1;
        Path flipped = tmp.resolve("flipped.nir");
        Files.write(flipped, bytes);
        Run r = nirsweep("validate", flipped.toString());
        assertRefusedInOneLine(r, "flipped");
        assertTrue(r.err().contains("not a readable HDF5 file"), r.err());
    }

    /** Issue 9 item 3: a depth beyond the cap is refused before anything is read. */
    @Test
    void aDepthBeyondTheCapIsOneLine() throws Exception {
        Run r = nirsweep("validate", "--max-depth", "10001", Corpus.file("generated/lif.nir").toString());
        assertRefusedInOneLine(r, "--max-depth 10001");
    }

    /** Issue 9 item 4: 20,000 nodes in dense link storage are read and type-checked (inference is linear). */
    @Test
    void twentyThousandDenseLinksAreRead() throws Exception {
        Path file = home().resolve("nir-model/src/test/resources/dense-links/dense_links_20000.nir");
        for (String typeCheck : List.of("--no-type-check", "--max-depth=32")) {
            Run r = nirsweep("validate", typeCheck, file.toString());
            assertEquals(0, r.exitCode(), r.err());
            assertTrue(r.err().isEmpty(), r.err());
            assertTrue(r.out().contains("ok (20002 nodes, 40000 edges)"), r.out());
            assertTrue(r.millis() <= SECONDS * 1000, typeCheck + " took " + r.millis() + " ms");
        }
    }

    private static void assertRefusedInOneLine(Run r, String what) {
        assertEquals(2, r.exitCode(), what + ": " + r.err());
        List<String> lines = r.err().lines().toList();
        assertEquals(1, lines.size(), what + ": " + r.err());
        // One line, and not a crash's: jhdf's exception may be named in a refusal, never thrown out of it.
        assertFalse(lines.get(0).contains("internal error") || lines.get(0).startsWith("Exception in thread"),
                what + ": " + r.err());
        assertTrue(r.millis() <= SECONDS * 1000, what + " took " + r.millis() + " ms");
    }

    private Run nirsweep(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(home().resolve("nirsweep").toString()));
        command.addAll(List.of(args));
        Path out = tmp.resolve("stdout");
        Path err = tmp.resolve("stderr");
        ProcessBuilder pb = new ProcessBuilder(command).directory(home().toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().putAll(Map.of("NIRSWEEP_JAVA_OPTS", "-Xmx1g"));
        long start = System.nanoTime();
        Process p = pb.start();
        if (!p.waitFor(3, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("./nirsweep " + String.join(" ", args) + " did not finish in 3 minutes");
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8), millis);
    }
}
