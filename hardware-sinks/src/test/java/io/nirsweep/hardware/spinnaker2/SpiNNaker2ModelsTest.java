package io.nirsweep.hardware.spinnaker2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nirsweep.hardware.target.Chips;
import io.nirsweep.hardware.target.MappingReport;
import io.nirsweep.model.Affine;
import io.nirsweep.model.Input;
import io.nirsweep.model.LI;
import io.nirsweep.model.Metadata;
import io.nirsweep.model.NirGraph;
import io.nirsweep.model.Output;
import io.nirsweep.model.hdf5.NirReader;
import io.nirsweep.sim.SimulationException;
import io.nirsweep.sim.engine.GraphCompiler;
import io.nirsweep.sim.engine.Program;
import io.nirsweep.sim.io.Csv;
import io.nirsweep.sim.io.NpyArray;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The paper's models on the {@code spinnaker2} targets: the Braille networks of experiment 3 on test sample 0, the
 * mapping reports of E1, both Braille models and the paper's CNN, and models the chip does not take.
 */
class SpiNNaker2ModelsTest {
    static final Path MODELS = Path.of("../conf/models");
    static final Path SAMPLE0 = Path.of("../conf/data/braille_test_sample0.csv");

    static NirGraph model(String file) {
        return NirReader.read(MODELS.resolve(file)).graph();
    }

    /** Hidden (lif1) spikes of test sample 0 under a target, 256 steps. */
    static int hiddenSpikes(String model, String target) {
        NpyArray x = Csv.read(SAMPLE0);
        float[] input = new float[x.dim(0) * x.dim(1)];
        for (int k = 0; k < input.length; k++) {
            input[k] = (float) x.get(k);
        }
        Program p = GraphCompiler.compile(model(model), Chips.require(target), 1e-4);
        String hidden = p.nodes().stream().filter(n -> n.startsWith("lif1") && p.isSpiking(n)).findFirst()
                .orElseThrow();
        Map<String, float[]> out = p.simulate(List.of(input), x.dim(0), 1, List.of(hidden, "lif2"), List.of(), 1);
        int total = 0;
        for (float s : out.get(hidden)) {
            total += (int) s;
        }
        return total;
    }

    /**
     * Both Braille models run on sample 0 with the reset the paper passed for each (zero for bias_zero, subtraction
     * for noBias_subtract). The published SpiNNaker2 activity itself is checked independently; the hidden spike
     * totals are compared with the published totals.
     */
    @Test
    void brailleModelsRunOnSample0() {
        int zero = hiddenSpikes("braille_noDelay_bias_zero.nir", "spinnaker2");
        int subtract = hiddenSpikes("braille_noDelay_noBias_subtract.nir", "spinnaker2-subtract");
        // docs/platforms.md §2.3 publishes 119 hidden spikes on the chip for both; the conversion and step above,
        // derived from s2_nir and the description, give that without any parameter chosen to match it
        assertEquals(119, zero, "bias_zero hidden spikes");
        assertEquals(119, subtract, "noBias_subtract hidden spikes");
    }

    /**
     * The recurrent loop's one-step latency is the chip's tick on the edge lif1 → w_rec (spikes delivered next tick),
     * and input, fc1 and fc2 are delayed the same way: no further delay is added to close the loop.
     */
    @Test
    void everyProjectionFromASpikeSourceIsOneTickLate() {
        Program p = GraphCompiler.compile(model("braille_noDelay_bias_zero.nir"), Chips.require("spinnaker2"), 1e-4);
        assertEquals(List.of("input -> fc1", "lif1.lif -> fc2", "lif1.lif -> lif1.w_rec"),
                p.delayedEdges().stream().sorted().toList());
    }

    /** E1, both Braille models and the paper's CNN fit the chip; each report names PEs, weights and thresholds. */
    @Test
    void paperModelsFit() {
        for (String file : List.of("lif_norse.nir", "braille_noDelay_bias_zero.nir",
                "braille_noDelay_noBias_subtract.nir", "cnn_sinabs.nir")) {
            MappingReport r = Chips.map(model(file), Chips.require("spinnaker2"), 1e-4, null);
            assertTrue(r.fits(), file + ": " + r.toText());
            assertFalse(r.placement().isEmpty(), file);
            assertTrue(r.usage().stream().allMatch(u -> !u.exceeds()), file);
            assertTrue(r.maxError("weight") <= 1, file + " " + r.maxError("weight"));
            assertEquals(!file.startsWith("lif"), r.maxError("weight") > 0, file + " (E1's single weight 1 → 127 "
                    + "is exact)");
            assertTrue(r.quantisation().stream().anyMatch(q -> q.parameter().equals("threshold")), file);
        }
        MappingReport braille = Chips.map(model("braille_noDelay_bias_zero.nir"), Chips.require("spinnaker2"),
                1e-4, null);
        assertTrue(braille.placement().stream().anyMatch(p -> p.node().equals("lif1.lif")
                && p.unit().equals("PE 1")), braille.toText());
    }

    /**
     * The paper's CNN compiles with its converted Conv2d and Affine nodes and runs: an input of counts 3 on every
     * pixel for two steps (binarised to one spike each) gives the first IF layer no spike at step 0 (the input
     * arrives one tick late) and spikes after it; the output layer stays within one spike per neuron and step.
     */
    @Test
    void cnnRunsWithItsIntegerConvolutions() {
        Program p = GraphCompiler.compile(model("cnn_sinabs.nir"), Chips.require("spinnaker2"), 1e-4);
        int steps = 6;
        int size = p.size(p.inputs().get(0));
        float[] input = new float[steps * size];
        java.util.Arrays.fill(input, 0, 2 * size, 3f);
        String first = p.nodes().stream().filter(p::isSpiking).findFirst().orElseThrow();
        String last = p.outputs().get(0);
        Map<String, float[]> out = p.simulate(List.of(input), steps, 1, List.of(first, last), List.of(), 1);
        int firstSize = p.size(first);
        float atStep0 = 0;
        float total = 0;
        for (int k = 0; k < out.get(first).length; k++) {
            atStep0 += k < firstSize ? out.get(first)[k] : 0;
            total += out.get(first)[k];
        }
        assertEquals(0f, atStep0, "input arrives one tick late");
        assertTrue(total > 0, "the first IF layer spikes");
        for (float y : out.get(last)) {
            assertTrue(y == 0f || y == 1f, "one spike per step at most: " + y);
        }
    }

    /**
     * 160 populations in a chain: each takes at least one PE, the input one more (161 PEs), so n151, the 152nd
     * population, is the first beyond 152 PEs; the engine refuses with the limit, its source and that node.
     */
    @Test
    void tooManyPopulationsAreRefusedNamingTheLimitAndTheNode() {
        NirGraph.Builder b = NirGraph.builder().node("in", Input.of(1));
        String prev = "in";
        for (int k = 0; k < 160; k++) {
            b.node("w" + k, new Affine(SpiNNaker2Test.m(1, 1, 1), SpiNNaker2Test.v(0), Metadata.EMPTY))
                    .node("n" + k, SpiNNaker2Test.lif(1, 1e-3, 0.05)).edge(prev, "w" + k).edge("w" + k, "n" + k);
            prev = "n" + k;
        }
        NirGraph g = SpiNNaker2Test.typed(b.node("out", Output.of(null)).edge(prev, "out"));
        MappingReport r = Chips.map(g, Chips.require("spinnaker2"), 1e-4, null);
        assertFalse(r.fits());
        assertEquals("n151", r.violations().get(0).node(), r.violationsLine());
        assertTrue(r.violations().get(0).rule().startsWith("PEs per chip 161 > 152 PEs"), r.violationsLine());
        assertTrue(r.violations().get(0).source().contains("arXiv:2401.04491"), r.violationsLine());
        SimulationException e = assertThrows(SimulationException.class,
                () -> GraphCompiler.compile(g, Chips.require("spinnaker2"), 1e-4));
        assertEquals("n151", e.node());
        assertTrue(e.getMessage().contains("PEs per chip"), e.getMessage());
    }

    /** Two weight nodes in a row (HardwareConstraintError) and an LI node (NotImplementedError), by node. */
    @Test
    void graphRulesOfS2NirAreViolationsWithTheNode() {
        NirGraph twoWeights = SpiNNaker2Test.typed(NirGraph.builder().node("in", Input.of(1))
                .node("a", new Affine(SpiNNaker2Test.m(1, 1, 1), SpiNNaker2Test.v(0), Metadata.EMPTY))
                .node("b", new Affine(SpiNNaker2Test.m(1, 1, 1), SpiNNaker2Test.v(0), Metadata.EMPTY))
                .node("n", SpiNNaker2Test.lif(1, 1e-3, 1)).node("out", Output.of(null)).chain("in", "a", "b", "n",
                        "out"));
        MappingReport r = Chips.map(twoWeights, Chips.require("spinnaker2"), 1e-4, null);
        assertFalse(r.fits());
        assertTrue(r.violations().stream().anyMatch(v -> v.node().equals("a")
                && v.rule().contains("HardwareConstraintError") && v.source().contains("s2_nir.py")), r.toText());
        NirGraph li = SpiNNaker2Test.typed(NirGraph.builder().node("in", Input.of(1))
                .node("a", new Affine(SpiNNaker2Test.m(1, 1, 1), SpiNNaker2Test.v(0), Metadata.EMPTY))
                .node("n", new LI(SpiNNaker2Test.v(1e-3), SpiNNaker2Test.v(1), SpiNNaker2Test.v(0), Metadata.EMPTY))
                .node("out", Output.of(null)).chain("in", "a", "n", "out"));
        MappingReport l = Chips.map(li, Chips.require("spinnaker2"), 1e-4, null);
        assertEquals("n", l.violations().get(0).node(), l.toText());
        assertTrue(l.violations().get(0).rule().contains("NotImplementedError"), l.toText());
    }

    /** Both targets are chips in the README's table, with the 152-PE limit and the limits that are not public. */
    @Test
    void targetsTableRows() {
        String table = Chips.markdownTable();
        assertTrue(table.contains("| `spinnaker2` |") && table.contains("| `spinnaker2-subtract` |"), table);
        assertTrue(table.contains("PEs per chip ≤ 152 PEs; weight magnitude (int8) ≤ 127; neurons per PE "
                + "(py-spinnaker2 default max_atoms_per_core) not public; synapse memory per PE not public"), table);
    }

    @Test
    void weightBitsAreRefused() {
        SimulationException e = assertThrows(SimulationException.class, () -> Chips.map(
                model("lif_norse.nir"), Chips.require("spinnaker2"), 1e-4, 4));
        assertTrue(e.getMessage().contains("int8"), e.getMessage());
    }
}
