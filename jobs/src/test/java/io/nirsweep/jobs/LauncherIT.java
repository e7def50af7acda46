package io.nirsweep.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nirsweep.model.Corpus;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End to end through the real {@code ./nirsweep} launcher, as a user runs it (after {@code mvn package}). */
class LauncherIT {
    @TempDir
    Path tmp;

    record Run(int exitCode, String out, String err) {}

    private Run nirsweep(String... args) throws IOException, InterruptedException {
        Path home = Path.of(System.getProperty("nirsweep.home")).toAbsolutePath().normalize();
        List<String> command = new ArrayList<>(List.of(home.resolve("nirsweep").toString()));
        command.addAll(List.of(args));
        Path out = tmp.resolve("stdout");
        Path err = tmp.resolve("stderr");
        Process p = new ProcessBuilder(command).directory(home.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(3, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("./nirsweep " + String.join(" ", args) + " did not finish in 3 minutes");
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void helpListsTheCommands() throws Exception {
        Run r = nirsweep("--help");
        assertEquals(0, r.exitCode(), r.err());
        for (String command : List.of("inspect", "validate", "convert")) {
            assertTrue(r.out().contains(command), r.out());
        }
    }

    @Test
    void inspectJsonPrintsTheReferenceView() throws Exception {
        String file = "generated/cnn.nir";
        Run r = nirsweep("inspect", "--json", Corpus.file(file).toString());
        assertEquals(0, r.exitCode(), r.err());
        assertNull(Corpus.difference(Corpus.expected(file).get("read_type_check_true"), Corpus.parse(r.out()), ""));
    }

    @Test
    void validateGivesExitTwoAndOneLinePerBadFile() throws Exception {
        List<String> files = new ArrayList<>(List.of("validate"));
        for (String f : Corpus.files("bad")) {
            files.add(Corpus.file(f).toString());
        }
        Run r = nirsweep(files.toArray(String[]::new));
        assertEquals(2, r.exitCode(), r.err());
        List<String> errors = r.err().lines().filter(l -> !l.startsWith("warning: ")).toList();
        assertEquals(Corpus.files("bad").size(), errors.size(), r.err());
        for (String line : errors) {
            assertTrue(line.contains("/bad/"), line);
            assertFalse(line.contains("Exception") || line.startsWith("\tat "), line);
        }
    }

    @Test
    void convertWritesAFileThatReadsBack() throws Exception {
        Path out = tmp.resolve("converted.nir");
        Run convert = nirsweep("convert", Corpus.file("legacy/legacy_v0_1_no_version.nir").toString(), out.toString());
        assertEquals(0, convert.exitCode(), convert.err());
        Run inspect = nirsweep("inspect", "--json", out.toString());
        assertEquals(0, inspect.exitCode(), inspect.err());
        assertTrue(Corpus.parse(inspect.out()).get("ok").asBoolean());
        // The reference's view of the legacy file, after a trip through our writer.
        assertNull(Corpus.difference(Corpus.expected("legacy/legacy_v0_1_no_version.nir").get("read_type_check_true"),
                Corpus.parse(inspect.out()), ""));
    }

    @Test
    void badOptionGivesExitTwoWithoutStackTrace() throws Exception {
        Run r = nirsweep("inspect", "--frobnicate", "x.nir");
        assertEquals(2, r.exitCode());
        assertEquals(1, r.err().lines().count(), r.err());
    }

    @Test
    void benchRunsTheJmhBenchmarkAndReportsThroughput() throws Exception {
        Run r = nirsweep("bench", "--quick", "--model", "recurrent", "--backend", "euler", "--batch", "1");
        assertEquals(0, r.exitCode(), r.err());
        String row = r.out().lines().filter(l -> l.startsWith("recurrent  euler")).findFirst().orElseThrow(
                () -> new AssertionError("no result row in:\n" + r.out()));
        String[] cells = row.trim().split("\\s+");
        assertTrue(Double.parseDouble(cells[3]) > 0, row);
        assertTrue(cells[6].endsWith("%"), row);
    }

    @Test
    void simulateThroughTheLauncher() throws Exception {
        Path out = tmp.resolve("sim/");
        Run r = nirsweep("simulate", "--model", "conf/models/braille_noDelay_bias_zero.nir", "--input",
                "sim-operators/src/test/resources/paper-artifacts/03_rnn/derived/ds_test_sample0_input.csv",
                "--backend", "euler", "--record", "lif1.lif", "--out", out + "/");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(Files.exists(out.resolve("lif1.lif.npy")));
        assertTrue(r.err().contains("simulated 256 steps x 1 samples"), r.err());
    }

    /**
     * --dt native through the launcher: Rockpool's own guess for the Braille graph, 1e-4/(2 − 0.55) s (the output
     * layer's, the smallest), said on stderr; the reference backend, which has none, refused with one line, exit 2,
     * no file written.
     */
    @Test
    void nativeDtThroughTheLauncher() throws Exception {
        String input = "sim-operators/src/test/resources/paper-artifacts/03_rnn/derived/ds_test_sample0_input.csv";
        Path out = tmp.resolve("native.npy");
        Run r = nirsweep("simulate", "--model", "conf/models/braille_noDelay_bias_zero.nir", "--input", input,
                "--backend", "rockpool", "--dt", "native", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(Files.exists(out));
        assertTrue(r.err().contains("the rockpool backend runs at its own dt = 0.0000689655207679607 s"), r.err());
        Path none = tmp.resolve("none.npy");
        Run refused = nirsweep("simulate", "--model", "conf/models/braille_noDelay_bias_zero.nir", "--input", input,
                "--backend", "exact", "--dt", "native", "--out", none.toString());
        assertEquals(2, refused.exitCode());
        assertEquals(List.of("nirsweep: conf/models/braille_noDelay_bias_zero.nir: the exact backend has no dt of its"
                + " own: give dt in seconds"), refused.err().lines().filter(l -> l.startsWith("nirsweep: ")).toList());
        assertFalse(Files.exists(none));
    }

    /**
     * A {@code --flink-master} where nothing listens (a free loopback port), or where a server takes the connection
     * and never answers, is refused before any work: one line naming it, exit 2, within 15 s (JVM start
     * included), and neither a results nor a staging folder.
     */
    @Test
    void anUnreachableFlinkMasterIsRefusedAtOnceLeavingNothing() throws Exception {
        Path sweep = Files.createDirectory(tmp.resolve("sweep"));
        Path config = Files.writeString(sweep.resolve("tiny.yaml"), String.join("\n",
                "models: ['" + Corpus.file("generated/lif.nir").toString().replace("'", "''") + "']",
                "inputs:",
                "  - {name: noise, kind: poisson, shape: [3], steps: 10, samples: 2, rate: 0.5}",
                "backends: [euler]",
                "out: results",
                ""));
        int closed = io.nirsweep.jobs.cluster.FreePorts.take(1)[0];
        // the kernel completes connections to a listening socket that never accepts: a master that does not answer
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            for (String master : List.of("localhost:" + closed, "localhost:" + silent.getLocalPort())) {
                long start = System.nanoTime();
                Run r = nirsweep("sweep", config.toString(), "--runner", "flink", "--flink-master", master,
                        "--out", sweep.resolve("out").toString());
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertEquals(2, r.exitCode(), r.err());
                List<String> lines = r.err().lines().toList();
                assertEquals(1, lines.size(), r.err());
                assertTrue(lines.get(0).startsWith("nirsweep: --flink-master " + master + ": "), r.err());
                assertTrue(millis < 15_000, master + " refused after " + millis + " ms");
                try (var left = Files.list(sweep)) {
                    assertEquals(List.of("tiny.yaml"), left.map(f -> f.getFileName().toString()).toList());
                }
                System.out.printf("LauncherIT: %s refused in %d ms: %s%n", master, millis, lines.get(0));
            }
        }
    }
}
