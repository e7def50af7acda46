package io.nirsweep.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nirsweep.pipeline.SweepOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Through the real {@code ./nirsweep}, on real folders: a sweep never replaces or deletes what the user owns,
 * refuses up front (exit 2, one line) what it may not write, cleans up after a killed run, and refuses a second
 * sweep into a folder another one is writing.
 */
class SweepOutputSafetyIT {
    private static final Path HOME = Path.of(System.getProperty("nirsweep.home")).toAbsolutePath().normalize();
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(4);
    private static final Duration POLL = Duration.ofMillis(50);

    @TempDir
    Path tmp;
    Path config;

    record Run(int exitCode, String out, String err) {
        /** The stderr lines that are not the sweep's progress. */
        List<String> messages() {
            return err.lines().filter(l -> !l.startsWith("sweep") && !l.startsWith("nirsweep: build")).toList();
        }
    }

    /** One small model of conf/models, one small input, one backend: a sweep of seconds. */
    @BeforeEach
    void tinySweep() throws IOException {
        Files.createDirectories(tmp.resolve("study/models"));
        Files.copy(HOME.resolve("conf/models/braille_noDelay_bias_zero.nir"),
                tmp.resolve("study/models/braille.nir"));
        Files.copy(HOME.resolve("conf/data/braille_test_sample0.csv"), tmp.resolve("study/sample0.csv"));
        config = sweepConfig("tiny.yaml", "results", """
                  - {name: sample0, kind: csv, path: sample0.csv}
                """);
    }

    private Path sweepConfig(String name, String out, String inputs) throws IOException {
        return Files.writeString(tmp.resolve("study").resolve(name), "models: [models/braille.nir]\ninputs:\n"
                + inputs + "backends: [euler]\nout: " + out + "\nsamples_per_unit: 8\n");
    }

    /** A sweep that takes long enough to be caught in the middle: 250 units of Poisson noise. */
    private Path longSweep(String out) throws IOException {
        return sweepConfig("long.yaml", out, """
                  - {name: noise, kind: poisson, shape: [12], steps: 256, samples: 2000, rate: 0.05}
                """);
    }

    private ProcessBuilder nirsweep(Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of(HOME.resolve("nirsweep").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(tmp.toFile());
        pb.environment().putAll(env);
        return pb;
    }

    private Run run(String... args) throws Exception {
        return run(Map.of(), args);
    }

    private Run run(Map<String, String> env, String... args) throws Exception {
        Path out = Files.createTempFile(tmp, "stdout", ".txt");
        Path err = Files.createTempFile(tmp, "stderr", ".txt");
        Process p = nirsweep(env, args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        return finish(p, out, err, args);
    }

    private static Run finish(Process p, Path out, Path err, String... args) throws Exception {
        if (!p.waitFor(RUN_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("./nirsweep " + String.join(" ", args) + " did not finish in " + RUN_TIMEOUT);
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private static void assertRefused(Run r, String expected) {
        assertEquals(2, r.exitCode(), r.err());
        assertEquals(1, r.messages().size(), r.err());
        assertTrue(r.messages().get(0).startsWith("nirsweep: ") && r.messages().get(0).contains(expected), r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
    }

    /** Names of the entries of a folder, sorted. */
    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** Names of the entries of a folder but this test's own stdout and stderr files, sorted. */
    private static List<String> ownNames(Path folder) throws IOException {
        return names(folder).stream().filter(n -> !n.startsWith("std")).toList();
    }

    /** Waits for the condition, polling while the sweep runs; fails if the sweep ends first or time runs out. */
    private static void await(String what, BooleanSupplier condition, Process process) throws InterruptedException {
        long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (process.waitFor(POLL.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("the sweep ended (exit " + process.exitValue() + ") before " + what);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + what + " within " + RUN_TIMEOUT);
            }
        }
    }

    /** A staging folder of {@code out} with at least one finished unit: the sweep is under way. */
    private static boolean unitsUnderWay(Path out) {
        try (Stream<Path> siblings = Files.list(out.getParent())) {
            return siblings.filter(p -> p.getFileName().toString().startsWith("." + out.getFileName() + ".staging-"))
                    .anyMatch(p -> {
                        try (Stream<Path> units = Files.list(p.resolve("_work").resolve("_units"))) {
                            return units.anyMatch(u -> u.toString().endsWith(".json"));
                        } catch (IOException e) {
                            return false; // not there yet
                        }
                    });
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void aFolderOfTheUsersIsRefusedAndKeptWhole() throws Exception {
        Path victim = Files.createDirectories(tmp.resolve("victim"));
        Files.writeString(victim.resolve("thesis.txt"), "precious");
        Run r = run("sweep", config.toString(), "--out", victim.toString());
        assertRefused(r, victim + ": is not empty and is not an earlier nirsweep result (it holds thesis.txt)");
        assertEquals(List.of("thesis.txt"), names(victim));
        assertEquals("precious", Files.readString(victim.resolve("thesis.txt")));
        assertEquals(List.of("study", "victim"), ownNames(tmp),
                "a refused sweep writes nothing");
    }

    @Test
    void anOutputFolderHoldingTheConfigOrTheRootIsRefusedUpFront() throws Exception {
        Path here = sweepConfig("here.yaml", ".", "  - {name: sample0, kind: csv, path: sample0.csv}\n");
        List<String> before = names(tmp.resolve("study"));
        assertRefused(run("sweep", here.toString()), "which the sweep reads");
        assertEquals(before, names(tmp.resolve("study")));
        assertTrue(Files.isRegularFile(tmp.resolve("study/models/braille.nir")));

        long start = System.nanoTime();
        assertRefused(run("sweep", config.toString(), "--out", "/"), "/: is the root of the file system");
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(took.compareTo(Duration.ofSeconds(30)) < 0, "took " + took);
    }

    @Test
    void anOutputLocationMayBeAFileUriAndAnUnknownSchemeIsRefusedUpFront() throws Exception {
        Path spaced = tmp.resolve("my results"); // a space: the URI escapes it, the folder has it
        String uri = spaced.toUri().toString();
        Run viaUri = run("sweep", config.toString(), "--out", uri);
        assertEquals(0, viaUri.exitCode(), viaUri.err());
        assertTrue(viaUri.out().startsWith("results: " + spaced + "\n"), viaUri.out());
        assertTrue(viaUri.out().contains("  cells: " + spaced.resolve("cells") + "/**/*.parquet"), viaUri.out());
        assertTrue(Files.isRegularFile(spaced.resolve("run.json")));

        Path victim = Files.createDirectories(tmp.resolve("victim"));
        Files.writeString(victim.resolve("thesis.txt"), "precious");
        assertRefused(run("sweep", config.toString(), "--out", victim.toUri().toString()),
                victim + ": is not empty and is not an earlier nirsweep result (it holds thesis.txt)");
        assertEquals("precious", Files.readString(victim.resolve("thesis.txt")));

        Path inConfig = sweepConfig("remote.yaml", "s3://bucket/results", """
                  - {name: sample0, kind: csv, path: sample0.csv}
                """);
        List<String> before = ownNames(tmp);
        List<String> study = names(tmp.resolve("study"));
        assertRefused(run("sweep", config.toString(), "--out", "s3://bucket/results"),
                "--out s3://bucket/results: no file system for s3:// on the class path");
        assertRefused(run("sweep", inConfig.toString()), "no file system for s3:// on the class path");
        assertEquals(before, ownNames(tmp), "a refused sweep writes nothing");
        assertEquals(study, names(tmp.resolve("study")), "a refused sweep writes nothing");
    }

    @Test
    void aReRunReplacesTheEarlierResult() throws Exception {
        Path results = tmp.resolve("study/results");
        Run first = run("sweep", config.toString());
        assertEquals(0, first.exitCode(), first.err());
        String firstRun = Files.readString(results.resolve("run.json"));
        Run second = run("sweep", config.toString());
        assertEquals(0, second.exitCode(), second.err());
        assertTrue(second.out().startsWith("results: " + results.toRealPath()), second.out());
        assertFalse(firstRun.equals(Files.readString(results.resolve("run.json"))), "run.json is the new run's");
        assertEquals(List.of("models", "results", "sample0.csv", "tiny.yaml"),
                names(tmp.resolve("study")));
    }

    @Test
    void theStagingOfAKilledRunIsRemovedByTheNextRun() throws Exception {
        Path out = tmp.resolve("study/killed");
        Path slow = longSweep("killed");
        Process killed = nirsweep(Map.of(), "sweep", slow.toString()).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("killed.log").toFile()).start();
        await("a unit done in the staging folder", () -> unitsUnderWay(out), killed);
        killed.destroyForcibly(); // the launcher exec's the JVM: this is SIGKILL to the sweep itself
        assertTrue(killed.waitFor(1, TimeUnit.MINUTES));
        assertTrue(names(out.getParent()).stream().anyMatch(n -> n.startsWith(".killed.staging-")));

        Run next = run("sweep", config.toString(), "--out", out.toString());
        assertEquals(0, next.exitCode(), next.err());
        assertTrue(next.err().contains("left by an interrupted run"), next.err());
        assertEquals(List.of("killed", "long.yaml", "models", "sample0.csv", "tiny.yaml"),
                names(out.getParent()));
    }

    /**
     * The test itself holds the folder's lock, as a running sweep does (through the same {@link SweepOutput#claim}),
     * so the second sweep meets a held lock however fast or slow the machine; once the lock is free, the same sweep
     * runs and its results are there.
     */
    @Test
    void aSweepIntoAFolderAnotherHoldsIsRefusedAndRunsOnceItIsFree() throws Exception {
        Path out = tmp.resolve("study/shared");
        Path nodes = Files.writeString(tmp.resolve("study/nodes.yaml"), Files.readString(config)
                + "record:\n  nodes: [nosuch]\n");
        try (SweepOutput held = SweepOutput.claim(out, List.of())) {
            Run second = run("sweep", config.toString(), "--out", out.toString());
            assertRefused(second, out + ": another sweep is writing it (process " + ProcessHandle.current().pid()
                    + ", started ");
            // A sweep its plan refuses says why, not that the folder is busy.
            assertRefused(run("sweep", nodes.toString(), "--out", out.toString()), "has no node 'nosuch'");
            assertFalse(Files.exists(out), "a refused sweep writes nothing");
            assertTrue(Files.readString(tmp.resolve("study/.shared.lock")).startsWith("process "
                    + ProcessHandle.current().pid() + ", started "), "the holder's lock file is left as it was");
        }
        Run free = run("sweep", config.toString(), "--out", out.toString());
        assertEquals(0, free.exitCode(), free.err());
        assertTrue(free.out().startsWith("results: " + out.toRealPath()), free.out());
        assertTrue(Files.readString(out.resolve("run.json")).contains("\"samples\" : 1"), free.out());
        assertFalse(Files.exists(tmp.resolve("study/.shared.lock")), "the sweep deletes its lock file");
    }

    @Test
    void hugeGridsAndMissingNodesAreRefusedFastInASmallHeap() throws Exception {
        String values = IntStream.rangeClosed(1, 50_000).mapToObj(Integer::toString)
                .collect(Collectors.joining(", ", "[", "]"));
        Path huge = Files.writeString(tmp.resolve("study/huge.yaml"), "models: [models/braille.nir]\ninputs:\n"
                + "  - {name: sample0, kind: csv, path: sample0.csv}\nbackends: [euler]\n"
                + "grid:\n  threshold_scale: " + values + "\n  tau_scale: " + values + "\n");
        Map<String, String> smallHeap = Map.of("NIRSWEEP_JAVA_OPTS", "-Xmx128m");
        Path newParent = tmp.resolve("new-parent");
        assertRefused(run(smallHeap, "sweep", huge.toString(), "--out", newParent.resolve("out").toString()),
                "huge.yaml: the sweep has 1 model × 1 input × 1 backend × 2,500,000,000 grid points = 2,500,000,000"
                + " cells, over the limit of 20,000");
        assertFalse(Files.exists(newParent), "a refused sweep leaves no trace: not even the output's parent folder");

        Path nodes = Files.writeString(tmp.resolve("study/nodes.yaml"), Files.readString(config)
                + "record:\n  nodes: [nosuch]\n");
        assertRefused(run(smallHeap, "sweep", nodes.toString()), "record.nodes[0]: models/braille.nir has no node"
                + " 'nosuch'");
        assertFalse(Files.exists(tmp.resolve("study/results")));
    }
}
