package io.nirsweep.hardware.xylo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nirsweep.hardware.target.Chips;
import io.nirsweep.hardware.target.MappingReport;
import io.nirsweep.hardware.target.Placement;
import io.nirsweep.hardware.target.QuantisationError;
import io.nirsweep.hardware.target.Violation;
import io.nirsweep.model.CubaLIF;
import io.nirsweep.model.Input;
import io.nirsweep.model.Linear;
import io.nirsweep.model.Metadata;
import io.nirsweep.model.NdArray;
import io.nirsweep.model.NirGraph;
import io.nirsweep.model.Output;
import io.nirsweep.model.hdf5.NirReader;
import io.nirsweep.model.types.TypeInference;
import io.nirsweep.sim.SimulationException;
import io.nirsweep.sim.backend.Backend;
import io.nirsweep.sim.engine.GraphCompiler;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code map --target xylo}: the Braille models fit; too large or wrongly shaped models are refused by name. */
class XyloMapTest {
    static final Path MODELS = Path.of("../conf/models");
    static final Backend XYLO = Chips.require("xylo");

    static MappingReport map(NirGraph g) {
        return Chips.map(g, XYLO, 1e-4, null);
    }

    static MappingReport braille(String model) {
        return map(NirReader.read(MODELS.resolve("braille_noDelay_" + model + ".nir")).graph());
    }

    static QuantisationError error(MappingReport r, String node, String parameter) {
        return r.quantisation().stream().filter(q -> q.node().equals(node) && q.parameter().startsWith(parameter))
                .findFirst().orElseThrow();
    }

    static boolean noted(MappingReport r, String node, String text) {
        return r.notes().stream().anyMatch(n -> node.equals(n.node()) && n.text().contains(text));
    }

    /**
     * noBias_subtract: 12 channels, 40 hidden, 7 readout neurons. Hidden τ_mem 6.667e-4 s: dash round(2.737) = 3,
     * decay 0.875 for 1 − 0.1/0.6667 = 0.85: relative error 0.025/0.85 = 0.0294; τ_syn 4e-4: dash 2, 0.75 exact.
     * Readout τ_syn 1.818e-4: dash 1, 0.5 for 0.45 (0.111); τ_mem 3.333e-4: dash 2, 0.75 for 0.7 (0.0714).
     */
    @Test
    void noBiasSubtractFits() {
        MappingReport r = braille("noBias_subtract");
        assertTrue(r.fits(), r.toText());
        assertEquals(List.of(new Placement("lif1.lif", "hidden neurons 0–39", ""),
                new Placement("lif2", "readout neurons 0–6", ""), new Placement("input", "input channels 0–11", "")),
                r.placement());
        assertEquals(0.025 / 0.85, error(r, "lif1.lif", "decay (membrane").maxRelative(), 1e-6);
        assertEquals(0, error(r, "lif1.lif", "decay (synaptic").maxRelative(), 1e-6);
        assertEquals(0.05 / 0.45, error(r, "lif2", "decay (synaptic").maxRelative(), 1e-6);
        assertEquals(0.05 / 0.7, error(r, "lif2", "decay (membrane").maxRelative(), 1e-6);
        // θ = 1 → round(127/max|w|): at most half a unit in ≥ 34 units
        assertTrue(error(r, "lif1.lif", "threshold").maxRelative() <= 0.5 / 34, r.toText());
        assertTrue(noted(r, "lif1.lif", "dash_syn 2 (decay 0.75), dash_mem 3 (decay 0.875)"), r.toText());
        assertTrue(noted(r, "fc2", "arrives 1 step late"), r.toText());
        assertFalse(noted(r, "fc1", "arrives 1 step late"), r.toText());
    }

    /** bias_zero fits too: its Affine biases are dropped with a note (the mapper only warns), not refused. */
    @Test
    void biasZeroFitsWithItsBiasesDropped() {
        MappingReport r = braille("bias_zero");
        assertTrue(r.fits(), r.toText());
        for (String n : List.of("fc1", "lif1.w_rec", "fc2")) {
            assertTrue(noted(r, n, "bias dropped: weight biases are not transferred"), n + "\n" + r.toText());
        }
        assertEquals(38, r.usage().stream().filter(u -> u.limit() == XyloRules.HIDDEN_NEURONS).findFirst()
                .orElseThrow().used());
    }

    static NdArray matrix(int out, int in, double value) {
        double[] w = new double[out * in];
        Arrays.fill(w, value);
        return NdArray.of(new int[] {out, in}, w);
    }

    static CubaLIF lif(int n) {
        double[] ones = new double[n];
        Arrays.fill(ones, 1);
        double[] tauSyn = new double[n];
        Arrays.fill(tauSyn, 4e-4);
        double[] tauMem = new double[n];
        Arrays.fill(tauMem, 8e-4);
        return new CubaLIF(NdArray.vector(tauSyn), NdArray.vector(tauMem), NdArray.vector(ones),
                NdArray.vector(new double[n]), NdArray.vector(ones), null, null, Metadata.EMPTY);
    }

    static NirGraph check(NirGraph.Builder b) {
        return TypeInference.inferAndCheck(b.build(), w -> { });
    }

    static List<String> texts(MappingReport r) {
        return r.violations().stream().map(Violation::text).toList();
    }

    /** 20 input channels, 1200 hidden and 9 readout neurons: each limit broken, with its node and source. */
    @Test
    void tooLargeIsRefusedNamingEachLimit() {
        NirGraph g = check(NirGraph.builder().node("input", Input.of(20))
                .node("w_in", new Linear(matrix(1200, 20, 0.1), Metadata.EMPTY)).node("hidden", lif(1200))
                .node("w_out", new Linear(matrix(9, 1200, 0.1), Metadata.EMPTY)).node("readout", lif(9))
                .node("output", Output.of(null)).chain("input", "w_in", "hidden", "w_out", "readout", "output"));
        MappingReport r = map(g);
        assertFalse(r.fits());
        List<String> v = texts(r);
        assertTrue(v.contains("node 'input': input channels 20 > 16 channels (chip) [" + XyloRules.INPUT_CHANNELS.source()
                + "]"), v.toString());
        assertTrue(v.contains("node 'hidden': hidden neurons 1200 > 1000 neurons (chip) ["
                + XyloRules.HIDDEN_NEURONS.source() + "]"), v.toString());
        assertTrue(v.contains("node 'readout': readout neurons 9 > 8 neurons (chip) ["
                + XyloRules.READOUT_NEURONS.source() + "]"), v.toString());
        assertEquals(3, v.size(), v.toString());
        SimulationException e = assertThrows(SimulationException.class, () -> GraphCompiler.compile(g, XYLO, 1e-4));
        assertTrue(e.getMessage().contains("input channels 20 > 16"), e.getMessage());
    }

    /**
     * Two consecutive weight layers into the hidden neurons and a recurrent readout: the mapper's rules
     * no_consecutive_weights and output_neurons_cannot_be_recurrent, each at its node.
     */
    @Test
    void wrongShapeIsRefusedNamingEachRuleAndNode() {
        NirGraph g = check(NirGraph.builder().node("input", Input.of(4))
                .node("w1", new Linear(matrix(6, 4, 0.5), Metadata.EMPTY))
                .node("w2", new Linear(matrix(6, 6, 0.5), Metadata.EMPTY)).node("hidden", lif(6))
                .node("w_out", new Linear(matrix(3, 6, 0.5), Metadata.EMPTY)).node("readout", lif(3))
                .node("w_back", new Linear(matrix(3, 3, 0.5), Metadata.EMPTY))
                .node("output", Output.of(null)).chain("input", "w1", "w2", "hidden", "w_out", "readout", "output")
                .edge("readout", "w_back").edge("w_back", "readout"));
        List<String> v = texts(map(g));
        assertTrue(v.stream().anyMatch(t -> t.startsWith("node 'w2': receives from the weights 'w1' (two "
                + "consecutive weight layers)") && t.contains("no_consecutive_weights")), v.toString());
        assertTrue(v.stream().anyMatch(t -> t.startsWith("node 'readout': the readout neurons are recurrent")
                && t.contains("output_neurons_cannot_be_recurrent")), v.toString());
        assertTrue(v.stream().anyMatch(t -> t.startsWith("node 'w_back': its source 'readout' is a readout neuron")),
                v.toString());
    }

    /** One neuron layer, fed straight from the input: no hidden layer, and the input does not go through weights. */
    @Test
    void singleLayerWithoutWeightsIsRefused() {
        NirGraph g = check(NirGraph.builder().node("input", Input.of(3)).node("n", lif(3))
                .node("output", Output.of(null)).chain("input", "n", "output"));
        List<String> v = texts(map(g));
        assertTrue(v.stream().anyMatch(t -> t.contains("first_module_is_a_weight")), v.toString());
        assertTrue(v.stream().anyMatch(t -> t.contains("input_to_neurons_is_a_weight")), v.toString());
        assertTrue(v.stream().anyMatch(t -> t.contains("at_least_two_neuron_layers_needed")), v.toString());
    }

    /**
     * A file declaring 60000 one-neuron layers, each Input → Linear → CubaLIF → Output, is refused in bounded time:
     * the design rules test membership in sets, not lists (list lookups made this 60000² ≈ 4·10^9 string
     * comparisons, over a minute). Every layer feeds the output, so all 60000 neurons are readout neurons; the
     * violation names the layer that goes past 8 ('n8'), not all 60000 names joined.
     */
    @Test
    void sixtyThousandLayersAreRefusedWithoutQuadraticWork() {
        int n = 60000;
        NirGraph.Builder b = NirGraph.builder().node("in", Input.of(1)).node("out", Output.of(null));
        for (int k = 0; k < n; k++) {
            b.node("w" + k, new Linear(matrix(1, 1, 1), Metadata.EMPTY)).node("n" + k, lif(1)).edge("in", "w" + k)
                    .edge("w" + k, "n" + k).edge("n" + k, "out");
        }
        NirGraph g = b.build();
        MappingReport r = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> map(g));
        assertFalse(r.fits());
        assertTrue(r.violations().stream().anyMatch(v -> v.rule().startsWith("readout neurons 60000 > 8 neurons")
                && v.node().equals("n8")), r.violationsLine()); // n0…n7 fit: the ninth layer goes past 8
    }

    static CubaLIF leaky(int n, double vLeak) {
        CubaLIF c = lif(n);
        double[] leak = new double[n];
        Arrays.fill(leak, vLeak);
        return new CubaLIF(c.tauSyn(), c.tauMem(), c.r(), NdArray.vector(leak), c.vThreshold(), null, null,
                Metadata.EMPTY);
    }

    /**
     * v_leak 0.5 everywhere, weights 0.5: the hidden bias is lost (key 'bias' vs 'bias_hidden'), so with no input the
     * hidden neurons stay silent; the readout's bias_out = round(0.5·127/0.5) = 127, θ = round(1·254) = 254, dash_mem
     * round(log2 8) = 3: v = 127, then 127 − (127 &gt;&gt; 3 = 15) + 127 = 239, then 239 − 29 + 127 = 337 ≥ 254: one
     * spike, v = 83.
     */
    @Test
    void readoutBiasTransferredHiddenBiasDropped() {
        NirGraph g = check(NirGraph.builder().node("input", Input.of(1))
                .node("w_in", new Linear(matrix(2, 1, 0.5), Metadata.EMPTY)).node("hidden", leaky(2, 0.5))
                .node("w_out", new Linear(matrix(1, 2, 0.5), Metadata.EMPTY)).node("readout", leaky(1, 0.5))
                .node("output", Output.of(null)).chain("input", "w_in", "hidden", "w_out", "readout", "output"));
        MappingReport r = map(g);
        assertTrue(r.fits(), r.toText());
        assertTrue(noted(r, "hidden", "dropped: the spec's 'bias' is not the 'bias_hidden'"), r.toText());
        var out = GraphCompiler.compile(g, XYLO, 1e-4).simulate(List.of(new float[3]), 3, 1,
                List.of("hidden", "readout"), List.of("readout"), 1);
        assertArrayEquals(new float[] {0, 0, 0, 0, 0, 0}, out.get("hidden"));
        assertArrayEquals(new float[] {0, 0, 1}, out.get("readout"));
        assertArrayEquals(new float[] {127, 239, 83}, out.get("readout#v"));
    }

    /**
     * The chip takes at most 15 input events per channel and step: 20 events act as 15 (the same hidden membranes
     * and spikes), 14 do not.
     */
    @Test
    void inputEventsAreCappedAtFifteen() {
        NirGraph g = check(NirGraph.builder().node("input", Input.of(1))
                .node("w_in", new Linear(matrix(2, 1, 0.5), Metadata.EMPTY)).node("hidden", lif(2))
                .node("w_out", new Linear(matrix(1, 2, 0.5), Metadata.EMPTY)).node("readout", lif(1))
                .node("output", Output.of(null)).chain("input", "w_in", "hidden", "w_out", "readout", "output"));
        var p = GraphCompiler.compile(g, XYLO, 1e-4);
        assertTrue(p.notes().stream().anyMatch(n -> n.toString().startsWith("w_in: input above 15 read as 15: ")),
                p.notes().toString());
        float[][] v = new float[3][];
        float[] counts = {20, 15, 14};
        for (int k = 0; k < 3; k++) {
            v[k] = p.simulate(List.of(new float[] {counts[k], 0}), 2, 1, List.of("hidden"), List.of("hidden"), 1)
                    .get("hidden#v");
        }
        assertArrayEquals(v[1], v[0]);
        assertFalse(Arrays.equals(v[1], v[2]), Arrays.toString(v[2]));
    }

    /** τ_syn = dt: no bit-shift decay (Xylo2Neurons._convert_from raises); weight_bits above 8 refused. */
    @Test
    void timeConstantAtDtAndWideWeightsAreRefused() {
        NirGraph g = NirReader.read(MODELS.resolve("braille_noDelay_noBias_subtract.nir")).graph();
        MappingReport r = Chips.map(g, XYLO, 4e-4, null);
        assertTrue(texts(r).stream().anyMatch(t -> t.startsWith("node 'lif1.lif': time constant ≤ dt")),
                texts(r).toString());
        assertThrows(SimulationException.class, () -> Chips.map(g, XYLO, 1e-4, 9));
        assertTrue(Chips.map(g, XYLO, 1e-4, 6).fits());
    }
}
