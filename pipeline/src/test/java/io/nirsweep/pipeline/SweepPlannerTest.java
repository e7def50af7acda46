package io.nirsweep.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nirsweep.pipeline.config.ConfigException;
import io.nirsweep.pipeline.config.SweepConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plans are bounded and their recorded nodes exist: refused from the config, before anything is expanded. */
class SweepPlannerTest {
    @TempDir
    Path tmp;

    @BeforeEach
    void models() throws Exception {
        Files.createDirectories(tmp.resolve("models"));
        for (String name : new String[] {"a", "b", "c"}) {
            Files.copy(SweepRunTest.CORPUS.resolve("generated/lif.nir"), tmp.resolve("models/" + name + ".nir"));
        }
        Files.copy(SweepRunTest.CORPUS.resolve("bad/truncated.nir"), tmp.resolve("models/truncated.nir"));
    }

    private SweepConfig config(String yaml) throws Exception {
        return SweepConfig.load(Files.writeString(tmp.resolve("sweep.yaml"), yaml));
    }

    private static String values(int n) {
        return IntStream.rangeClosed(1, n).mapToObj(Integer::toString).collect(Collectors.joining(", ", "[", "]"));
    }

    private static final String NOISE = """
              - {name: noise, kind: poisson, shape: [3], steps: 10, samples: 2, rate: 0.5}
              - {name: more, kind: poisson, shape: [3], steps: 10, samples: 2, rate: 0.1}
            """;

    /** The refusal of 3 models × 2 inputs × 9 backends × a threshold × tau grid of these sizes. */
    private String refusedGrid(int thresholds, int taus) throws Exception {
        SweepConfig cfg = config("models: [models/a.nir, models/b.nir, models/c.nir]\ninputs:\n" + NOISE
                + "backends: [exact, euler, snntorch, norse, spyx, sinabs, rockpool, nengo, lava-dl]\n"
                + "grid:\n  threshold_scale: " + values(thresholds) + "\n  tau_scale: " + values(taus) + "\n");
        return assertThrows(ConfigException.class, () -> SweepPlanner.plan(cfg, "test")).getMessage();
    }

    @Test
    void aGridOfBillionsOfPointsIsRefusedWithItsProduct() throws Exception {
        assertEquals(tmp.resolve("sweep.yaml") + ": the sweep has 3 models × 2 inputs × 9 backends × 2,500,000,000"
                + " grid points = 135,000,000,000 cells, over the limit of 20,000; split it into several sweeps",
                refusedGrid(50_000, 50_000));
    }

    @Test
    void aHundredByAHundredGridOverFiftyFourCombinationsIsRefused() throws Exception {
        String message = refusedGrid(100, 100);
        assertTrue(message.contains("= 540,000 cells, over the limit of 20,000"), message);
    }

    @Test
    void tooManyWorkUnitsAreRefusedBeforeTheyExist() throws Exception {
        SweepConfig cfg = config("""
                models: [models/a.nir]
                inputs:
                  - {name: noise, kind: poisson, shape: [3], steps: 1, samples: 2000000000, rate: 0.5}
                backends: [euler]
                samples_per_unit: 1
                """);
        ConfigException e = assertThrows(ConfigException.class, () -> SweepPlanner.plan(cfg, "test"));
        assertTrue(e.getMessage().endsWith(": the sweep has 2,000,000,000 work units of up to 1 samples, over the"
                + " limit of 20,000; raise samples_per_unit or split the sweep"), e.getMessage());
    }

    @Test
    void aRecordedNodeAModelLacksIsRefusedNamingBoth() throws Exception {
        SweepConfig cfg = config("models: [models/truncated.nir, models/a.nir]\ninputs:\n" + NOISE
                + "backends: [euler]\nrecord:\n  nodes: [lif, nosuch]\n");
        ConfigException e = assertThrows(ConfigException.class, () -> SweepPlanner.plan(cfg, "test"));
        assertTrue(e.getMessage().startsWith(tmp.resolve("sweep.yaml") + ": record.nodes[1]: models/a.nir has no"
                + " node 'nosuch' (nodes: "), e.getMessage());
        // The name as the config spelt it, quoted and escaped into one line; the nodes as the engine lists them.
        SweepConfig hostile = config("models: [models/a.nir]\ninputs:\n" + NOISE
                + "backends: [euler]\nrecord:\n  nodes: [\"no\\nsuch'\"]\n");
        String message = assertThrows(ConfigException.class, () -> SweepPlanner.plan(hostile, "test")).getMessage();
        assertTrue(message.contains("has no node 'no\\nsuch\\'' (nodes: "), message);
        assertFalse(message.contains("\n"), message);
        // A model that does not read is no reason to refuse: its cells fail with the reason, as before.
        SweepPlan plan = SweepPlanner.plan(config("models: [models/truncated.nir, models/a.nir]\ninputs:\n" + NOISE
                + "backends: [euler]\nrecord:\n  nodes: [lif]\n"), "test");
        assertEquals(4, plan.cells().size());
    }

    /** The Flink job's name: the config's file name without its extension, and the sweep id's first 8 characters. */
    @Test
    void theJobIsNamedAfterTheConfigAndTheSweep() throws Exception {
        Path demo = Files.writeString(tmp.resolve("demo.sweep.yaml"),
                "models: [models/a.nir]\ninputs:\n" + NOISE + "backends: [euler]\n");
        SweepPlan plan = SweepPlanner.plan(SweepConfig.load(demo), "test");
        assertEquals(16, plan.sweepId().length(), plan.sweepId());
        assertEquals("nirsweep demo.sweep " + plan.sweepId().substring(0, 8), plan.jobName());
    }
}
