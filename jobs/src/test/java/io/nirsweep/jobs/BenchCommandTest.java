package io.nirsweep.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nirsweep.jobs.BenchCommand.Pair;
import io.nirsweep.sim.backend.Backend;
import io.nirsweep.sim.backend.Backends;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench}: which (model, backend) pairs it measures, and the reason it gives for each it leaves out. */
class BenchCommandTest {
    /** The project folder, where the CNN's file is (tests run in jobs/). */
    private static final Path HOME = Path.of("..");

    @TempDir
    Path tmp;

    @Test
    void exportWritesTheNetworkAndItsInputsAndReplacesNothing() throws Exception {
        Path dir = tmp.resolve("inputs");
        Cli cli = Cli.run("bench", "--export", dir.toString());
        assertEquals(0, cli.exitCode(), cli.err());
        assertEquals(List.of("recurrent.nir", "spikes_t3000_b1.npy", "spikes_t3000_b64.npy", "spikes_t300_b1.npy",
                "spikes_t300_b64.npy"), java.nio.file.Files.list(dir).map(p -> p.getFileName().toString()).sorted()
                .toList());
        io.nirsweep.sim.io.NpyArray x = io.nirsweep.sim.io.Npy.read(dir.resolve("spikes_t300_b64.npy"));
        assertEquals("uint8", x.dtype());
        assertEquals(List.of(300, 64, 700), java.util.Arrays.stream(x.shape()).boxed().toList());
        double rate = 0;
        for (float v : x.values()) {
            rate += v;
        }
        rate /= x.values().length;
        assertTrue(Math.abs(rate - 0.03) < 0.001, "spike rate " + rate);
        Cli simulate = Cli.run("simulate", "--model", dir.resolve("recurrent.nir").toString(), "--input",
                dir.resolve("spikes_t300_b1.npy").toString(), "--backend", "euler", "--out",
                tmp.resolve("out.npy").toString());
        assertEquals(0, simulate.exitCode(), simulate.err());
        long before = java.nio.file.Files.getLastModifiedTime(dir.resolve("recurrent.nir")).toMillis();
        Cli again = Cli.run("bench", "--export", dir.toString());
        assertEquals(2, again.exitCode(), again.err());
        assertEquals(List.of("nirsweep: --export " + dir + ": recurrent.nir exists; give a folder without it"),
                again.errorLines());
        assertEquals(before, java.nio.file.Files.getLastModifiedTime(dir.resolve("recurrent.nir")).toMillis());
    }

    @Test
    void allStandsForEveryRegisteredBackendChipTargetsIncluded() {
        List<String> every = Backends.all().stream().map(Backends::shortName).toList();
        assertEquals(every, BenchCommand.backendNames(List.of("all")));
        assertTrue(every.containsAll(List.of("loihi2", "spinnaker2", "speck", "xylo")), every.toString());
        List<String> euler = BenchCommand.backendNames(List.of("euler", "all"));
        assertEquals("euler", euler.get(0));
        assertEquals(every.size(), euler.size(), "a backend named twice is measured once: " + euler);
    }

    @Test
    void theRecurrentNetworkRunsOnEulerWhileSnntorchRefusesItsLiLayer() {
        Map<String, Pair> byBackend = pairsOfAll("recurrent");
        assertTrue(byBackend.get("euler").runs(), byBackend.get("euler").toString());
        Pair snntorch = byBackend.get("snntorch");
        assertFalse(snntorch.runs());
        assertTrue(snntorch.refusal().startsWith("node 'li': the snntorch backend cannot run it:")
                && snntorch.refusal().contains("no mapping for LI"), snntorch.refusal());
    }

    @Test
    void theCnnRunsOnEulerWhileRockpoolRefusesItsConv2d() {
        Map<String, Pair> byBackend = pairsOfAll("cnn");
        assertTrue(byBackend.get("euler").runs(), byBackend.get("euler").toString());
        Pair rockpool = byBackend.get("rockpool");
        assertFalse(rockpool.runs());
        assertTrue(rockpool.refusal().contains("Conv2d"), rockpool.refusal());
    }

    @Test
    void aChipThatCannotHoldTheNetworkIsRefusedWithItsReasonOnOneLine() {
        Pair xylo = pairsOfAll("recurrent").get("xylo");
        assertFalse(xylo.runs());
        assertTrue(xylo.refusal().contains("does not fit the chip"), xylo.refusal());
        assertEquals(1, xylo.refusal().lines().count(), xylo.refusal());
    }

    @Test
    void anUnknownBackendIsStillTheUsersError() {
        Cli cli = Cli.run("bench", "--model", "recurrent", "--backend", "euler,nosuch");
        assertEquals(2, cli.exitCode());
        assertEquals(1, cli.errorLines().size(), cli.err());
        assertTrue(cli.errorLines().get(0).contains("--backend: no backend 'nosuch' (have: "), cli.err());
    }

    @Test
    void whenNoListedBackendRunsAListedModelThatIsOneLineAndExitTwo() {
        Cli cli = Cli.run("bench", "--model", "recurrent", "--backend", "snntorch,spyx");
        assertEquals(2, cli.exitCode());
        assertEquals(1, cli.errorLines().size(), cli.err());
        String line = cli.errorLines().get(0);
        assertTrue(line.startsWith("nirsweep: bench: no listed backend runs a listed model: the recurrent model on "
                + "snntorch: node 'li'"), line);
        assertTrue(line.contains("; the recurrent model on spyx: node 'li'"), line);
    }

    /** A real JMH run, one short fork: the pair that runs is measured, the refused one listed after the results. */
    @Test
    void measuresWhatRunsAndListsWhatIsRefused() {
        Cli cli = Cli.run("bench", "--quick", "--model", "recurrent", "--backend", "euler,snntorch", "--batch", "1");
        assertEquals(0, cli.exitCode(), cli.err());
        List<String> lines = cli.out().lines().toList();
        String row = lines.stream().filter(l -> l.startsWith("recurrent  euler ")).findFirst()
                .orElseThrow(() -> new AssertionError("no result row in:\n" + cli.out()));
        assertTrue(Double.parseDouble(row.trim().split("\\s+")[3]) > 0, row);
        assertTrue(lines.stream().noneMatch(l -> l.startsWith("recurrent  snntorch ")), cli.out());
        List<String> notRun = lines.stream().filter(l -> l.startsWith("not run: ")).toList();
        assertEquals(1, notRun.size(), cli.out());
        assertTrue(notRun.get(0).matches("not run: recurrent +snntorch +— node 'li': the snntorch backend .*"),
                notRun.get(0));
        assertTrue(lines.indexOf(row) < lines.indexOf(notRun.get(0)), cli.out());
    }

    private static Map<String, Pair> pairsOfAll(String model) {
        return BenchCommand.pairs(List.of(model), BenchCommand.backendNames(List.of("all")), HOME).stream()
                .collect(Collectors.toMap(Pair::backend, Function.identity()));
    }
}
