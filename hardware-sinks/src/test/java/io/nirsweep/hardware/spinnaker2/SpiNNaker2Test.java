package io.nirsweep.hardware.spinnaker2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nirsweep.hardware.target.Chips;
import io.nirsweep.hardware.target.MappingReport;
import io.nirsweep.model.Affine;
import io.nirsweep.model.CubaLIF;
import io.nirsweep.model.IF;
import io.nirsweep.model.Input;
import io.nirsweep.model.LIF;
import io.nirsweep.model.Metadata;
import io.nirsweep.model.NdArray;
import io.nirsweep.model.NirGraph;
import io.nirsweep.model.Output;
import io.nirsweep.model.hdf5.NirReader;
import io.nirsweep.model.types.TypeInference;
import io.nirsweep.sim.PaperTraces;
import io.nirsweep.sim.backend.Backend;
import io.nirsweep.sim.backend.FlatGraph;
import io.nirsweep.sim.backend.Import;
import io.nirsweep.sim.backend.StepLength;
import io.nirsweep.sim.engine.GraphCompiler;
import io.nirsweep.sim.engine.Program;
import io.nirsweep.sim.neuron.NeuronParams;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The {@code spinnaker2} targets: s2_nir's conversion (hand-derived integers, scales, thresholds and offsets), the
 * paper's experiment 1 and the Braille models of experiment 3, the mapping reports and the refusals.
 */
class SpiNNaker2Test {
    static final Path E1 = Path.of("../sim-operators/src/test/resources/paper-artifacts/01_lif");

    static NdArray v(double... values) {
        return NdArray.vector(values);
    }

    static NdArray m(int rows, int cols, double... values) {
        return NdArray.of(new int[] {rows, cols}, values);
    }

    static LIF lif(int n, double tau, double theta) {
        double[] t = new double[n];
        double[] one = new double[n];
        double[] zero = new double[n];
        double[] th = new double[n];
        java.util.Arrays.fill(t, tau);
        java.util.Arrays.fill(one, 1);
        java.util.Arrays.fill(th, theta);
        return new LIF(v(t), v(one), v(zero), v(th), v(zero), Metadata.EMPTY);
    }

    static NirGraph typed(NirGraph.Builder b) {
        return TypeInference.inferAndCheck(b.build(), w -> { });
    }

    /** The graph converted by the target's rules: the report, and the Import holding the converted nodes. */
    record Mapped(MappingReport report, Import imp) {}

    static Mapped map(NirGraph g, String target) {
        Backend b = Chips.require(target);
        Import imp = new Import(FlatGraph.of(g), b, StepLength.seconds(1e-4), null);
        return new Mapped(Chips.rules(b).map(imp), imp);
    }

    static double[] weightsOf(Import imp, String node) {
        return ((Affine) imp.node(node)).weight().toDoubleArray();
    }

    /**
     * One population fed by one Affine whose largest |w| is 127: w_scale = 127/127 = 1, so the integers are the
     * weights truncated toward zero: 127 → 127, −3.9 → −3 (not −4), 2.5 → 2, −0.6 → 0; the bias 0.5 is not in the
     * Affine any more (it became i_offset = 0.5·w_scale = 0.5).
     */
    @Test
    void weightsAreTruncatedTowardZero() {
        NirGraph g = typed(NirGraph.builder().node("in", Input.of(4))
                .node("fc", new Affine(m(1, 4, 127, -3.9, 2.5, -0.6), v(0.5), Metadata.EMPTY))
                .node("lif", lif(1, 1e-3, 1)).node("out", Output.of(null)).chain("in", "fc", "lif", "out"));
        Mapped r = map(g, "spinnaker2");
        assertTrue(r.report().fits(), r.report().toText());
        assertArrayEquals(new double[] {127, -3, 2, 0}, weightsOf(r.imp(), "fc"));
        assertArrayEquals(new double[] {0}, ((Affine) r.imp().node("fc")).bias().toDoubleArray());
        S2Neuron n = (S2Neuron) r.imp().step("lif");
        assertEquals(0.5f, n.iOffset()[0]);
        // truncation error of −3.9 → −3 is 0.9/3.9; the largest of the four (−0.6 → 0 is 1)
        assertEquals(1.0, r.report().maxError("weight"), 1e-12);
    }

    /**
     * Every weight into 'lif' is 0: s2_nir's w_scale = 127 / 0 is infinite and 0·∞ is NaN, which no int8 holds. The
     * report names the population and scale_weights (map used to throw ArithmeticException on the NaN).
     */
    @Test
    void allZeroWeightsAreAViolationNotAnException() {
        NirGraph g = typed(NirGraph.builder().node("in", Input.of(2))
                .node("fc", new Affine(m(1, 2, 0, 0), v(0), Metadata.EMPTY))
                .node("lif", lif(1, 1e-3, 1)).node("out", Output.of(null)).chain("in", "fc", "lif", "out"));
        MappingReport r = map(g, "spinnaker2").report();
        assertEquals(1, r.violations().size(), r.toText());
        assertEquals("lif", r.violations().get(0).node());
        assertTrue(r.violations().get(0).rule().startsWith("every weight into this population is 0"), r.toText());
        assertTrue(r.violations().get(0).source().contains("scale_weights"), r.toText());
    }

    /**
     * 60000 one-neuron populations, each Input → Affine → LIF → Output, in bounded time: each edge is delayed once
     * from its target's side (before, every population walked all 60000 edges into the shared Output, 3.6·10^9
     * visits). The 60000 input edges into the Affines arrive one step late; the LIF → Output edges do not; 60001 PEs
     * (the input's, PE 0, then lif k on PE k + 1) exceed 152, naming the first population past it ('lif151', PE 152).
     */
    @Test
    void sixtyThousandPopulationsInBoundedTime() {
        int n = 60000;
        NirGraph.Builder b = NirGraph.builder().node("in", Input.of(1)).node("out", Output.of(null));
        for (int k = 0; k < n; k++) {
            b.node("fc" + k, new Affine(m(1, 1, 1), v(0), Metadata.EMPTY)).node("lif" + k, lif(1, 1e-3, 1))
                    .edge("in", "fc" + k).edge("fc" + k, "lif" + k).edge("lif" + k, "out");
        }
        NirGraph g = b.build();
        Mapped r = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> map(g, "spinnaker2"));
        assertEquals(List.of("PEs per chip 60001 > 152 PEs (chip)"), r.report().violations().stream()
                .map(x -> x.rule()).toList());
        assertEquals("lif151", r.report().violations().get(0).node());
        assertEquals(n, r.imp().lateEdges().size());
        assertTrue(r.imp().lateEdges().stream().allMatch(e -> e.source().equals("in")));
    }

    /**
     * Two Affines into one population (an input and a recurrent-like second input): w_scale = 127 / max(2, 4) =
     * 31.75 for both. 2 → trunc(63.5) = 63, −1 → trunc(−31.75) = −31, 4 → 127, −4 → −127; the biases 0.25 and 0.5
     * add to 0.75, i_offset = 0.75·31.75 = 23.8125. The population's own LIF: τ = 1 ms, dt = 0.1 ms, R = 1:
     * r_f = 0.1, θ_hw = θ·31.75/0.1 = 317.5·θ (θ = 0.2 → 63.5).
     */
    @Test
    void wScaleIsPerPopulationOverEveryIncomingWeightNode() {
        NirGraph g = typed(NirGraph.builder().node("in", Input.of(2)).node("a", new Affine(m(1, 2, 2, -1), v(0.25),
                Metadata.EMPTY)).node("b", new Affine(m(1, 2, 4, -4), v(0.5), Metadata.EMPTY))
                .node("lif", lif(1, 1e-3, 0.2)).node("out", Output.of(null))
                .edge("in", "a").edge("in", "b").edge("a", "lif").edge("b", "lif").edge("lif", "out"));
        Mapped r = map(g, "spinnaker2");
        assertTrue(r.report().fits(), r.report().toText());
        assertArrayEquals(new double[] {63, -31}, weightsOf(r.imp(), "a"));
        assertArrayEquals(new double[] {127, -127}, weightsOf(r.imp(), "b"));
        S2Neuron n = (S2Neuron) r.imp().step("lif");
        assertEquals(23.8125f, n.iOffset()[0]);
        assertEquals((float) (0.2 * (1 / (1e-4 / 1e-3 * 1) * 31.75)), n.threshold()[0]);
        assertEquals(63.5f, n.threshold()[0], 1e-4f);
        assertEquals(0.9f, n.alpha()[0]);
    }

    /**
     * E1 (τ = 2.5 ms, R = 1, θ = 0.1, dt = 0.1 ms, w = 1): w_scale = 127/1, r_f = 0.04, θ_hw = 0.1·127/0.04 = 317.5,
     * alpha = 0.96, i_offset 0, weight 127. The committed E1 script instead multiplied weight and θ by 102.02 itself
     * and passed scale_weights = False (w = 102.02 → 102 on the chip, θ_hw = 0.1·102.02/0.04 = 255.05): a hand-made
     * scale below 127, which this target, following s2_nir's own scale_weights rule as the E2/E3 runs did, does not
     * reproduce.
     */
    @Test
    void e1ThresholdAndOffset() {
        NirGraph g = NirReader.read(E1.resolve("lif_norse.nir")).graph();
        Mapped r = map(g, "spinnaker2");
        assertTrue(r.report().fits(), r.report().toText());
        String lif = r.imp().neurons().get(0);
        S2Neuron n = (S2Neuron) r.imp().step(lif);
        assertEquals(317.5f, n.threshold()[0], 1e-3f);
        assertEquals(0.96f, n.alpha()[0]);
        assertEquals(0f, n.iOffset()[0]);
        assertEquals(null, n.synDecay());
        String affine = r.imp().predecessors(lif).get(0);
        assertArrayEquals(new double[] {127}, weightsOf(r.imp(), affine));
    }

    /**
     * CubaLIF with the snnTorch export convention: τ_syn = 0.2 ms, τ_mem = 1 ms, R = τ_mem/dt = 10, w_in = τ_syn/dt
     * = 2, θ = 1, bias 0.5 and max|w| 2 (w_scale 63.5): r_f = 0.1·10 = 1, w_f = 0.5·2 = 1, θ_hw = 63.5, exc_decay
     * 0.5, alpha 0.9, i_offset = 0.5·w_in·(1/w_f)·63.5 = 63.5. IF (R = 2, θ = 1, bias 1, same w_scale):
     * θ_hw = 1·(1/2)·63.5 = 31.75, alpha 1, i_offset = 63.5.
     */
    @Test
    void cubaLifAndIfFormulas() {
        NeuronParams cuba = NeuronParams.of(new CubaLIF(v(2e-4), v(1e-3), v(10), v(0), v(1), v(0), v(2),
                Metadata.EMPTY));
        S2Neuron c = S2Neuron.convert(cuba, 1e-4, 63.5, new double[] {0.5}, false).neuron();
        assertEquals(63.5f, c.threshold()[0], 1e-4f);
        assertEquals(0.5f, c.synDecay()[0]);
        assertEquals(0.9f, c.alpha()[0]);
        assertEquals(63.5f, c.iOffset()[0], 1e-4f);
        NeuronParams iF = NeuronParams.of(new IF(v(2), v(1), v(0), Metadata.EMPTY));
        S2Neuron i = S2Neuron.convert(iF, 1e-4, 63.5, new double[] {1}, true).neuron();
        assertEquals(31.75f, i.threshold()[0]);
        assertEquals(1f, i.alpha()[0]);
        assertEquals(63.5f, i.iOffset()[0]);
    }

    /**
     * The chip's step by hand: Affine w = 127 (w_scale 127/127 = 1, integer 127), IF with R = 1, θ = 200 (θ_hw =
     * 200·1/1 = 200), i_offset 0. Spikes at steps 0 and 1 arrive at steps 1 and 2: v = 127, then 127 + 127 = 254
     * &gt; 200, a spike at step 2; reset to zero → 0, by subtraction → 254 − 200 = 54.
     */
    @Test
    void stepWithInputLatencyAndBothResets() {
        for (String target : List.of("spinnaker2", "spinnaker2-subtract")) {
            NirGraph g = typed(NirGraph.builder().node("in", Input.of(1))
                    .node("fc", new Affine(m(1, 1, 127), v(0), Metadata.EMPTY))
                    .node("if", new IF(v(1), v(200), v(0), Metadata.EMPTY)).node("out", Output.of(null))
                    .chain("in", "fc", "if", "out"));
            Program p = GraphCompiler.compile(g, Chips.require(target), 1e-4);
            Map<String, float[]> out = p.simulate(List.of(new float[] {1, 1, 0, 0}), 4, 1, List.of("if"),
                    List.of("if"), 1);
            assertArrayEquals(new float[] {0, 0, 1, 0}, out.get("if"), target);
            float after = target.endsWith("subtract") ? 54f : 0f;
            assertArrayEquals(new float[] {0, 127, after, after}, out.get("if#v"), target);
        }
    }

    /**
     * Acceptance (E1): lif_norse.nir fed the paper's input pattern (column 1 of lif_norse.csv) spikes at
     * 461 511 711 761 on the chip — one step of input latency — i.e. 460 510 710 760 once it is removed, as the paper
     * notebook removed it when saving ({@code v[1:]}).
     */
    @Test
    void e1SpikesAt460510710760AfterTheInputLatency() {
        double[][] rows = PaperTraces.csv(E1.resolve("lif_norse.csv"));
        NirGraph g = NirReader.read(E1.resolve("lif_norse.nir")).graph();
        for (String target : List.of("spinnaker2", "spinnaker2-subtract")) {
            Map<String, float[]> out = PaperTraces.simulate(g, Chips.require(target), rows);
            List<Integer> raw = PaperTraces.steps(out.get("spikes"));
            assertEquals(List.of(461, 511, 711, 761), raw, target);
            assertEquals(List.of(460, 510, 710, 760), raw.stream().map(t -> t - 1).toList(), target);
        }
    }
}
