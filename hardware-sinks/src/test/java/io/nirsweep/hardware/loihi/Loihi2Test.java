package io.nirsweep.hardware.loihi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nirsweep.hardware.target.Chips;
import io.nirsweep.hardware.target.MappingReport;
import io.nirsweep.hardware.target.Placement;
import io.nirsweep.hardware.target.QuantisationError;
import io.nirsweep.hardware.target.Usage;
import io.nirsweep.hardware.target.Violation;
import io.nirsweep.model.Affine;
import io.nirsweep.model.CubaLIF;
import io.nirsweep.model.IF;
import io.nirsweep.model.Input;
import io.nirsweep.model.Linear;
import io.nirsweep.model.Metadata;
import io.nirsweep.model.NdArray;
import io.nirsweep.model.NirGraph;
import io.nirsweep.model.Output;
import io.nirsweep.model.Threshold;
import io.nirsweep.model.hdf5.NirReader;
import io.nirsweep.model.types.TypeInference;
import io.nirsweep.sim.PaperTraces;
import io.nirsweep.sim.SimulationException;
import io.nirsweep.sim.backend.Backend;
import io.nirsweep.sim.engine.GraphCompiler;
import io.nirsweep.sim.engine.Program;
import io.nirsweep.sim.io.Csv;
import io.nirsweep.sim.io.NpyArray;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The {@code loihi2} target: its quantisers' rounding, Lava's 24-bit registers, the chip's spike-step readout on
 * the paper's E1 trace, the CUBA step on a hand-derived case, weight bits, and {@code map} on the paper's models.
 */
class Loihi2Test {
    static final Path MODELS = Path.of("../conf/models");
    static final double DT = 1e-4;

    static Backend loihi2() {
        return Chips.require("loihi2");
    }

    // ---- quantisers ----------------------------------------------------------------------------------------

    /**
     * Decays round to nearest, ties to even (slayer's torch.round): 4096·0.45 = 1843.2 → 1843, 4096·0.1 = 409.6 →
     * 410, 2.5 → 2, 3.5 → 4; the current's d_u = du + 1 stays in 1…4096, dv in 0…4095. Thresholds truncate toward
     * zero (int(θ·64)): 0.999·64 = 63.94 → 63, −0.51·64 = −32.64 → −32 (floor would give −33).
     */
    @Test
    void decaysRoundToNearestEvenThresholdsTowardZero() {
        assertEquals(1843, Loihi2Quantiser.currentDecay(0.45));
        assertEquals(410, Loihi2Quantiser.voltageDecay(0.1));
        assertEquals(2, Loihi2Quantiser.voltageDecay(2.5 / 4096));
        assertEquals(4, Loihi2Quantiser.voltageDecay(3.5 / 4096));
        assertEquals(1, Loihi2Quantiser.currentDecay(0));
        assertEquals(4096, Loihi2Quantiser.currentDecay(1));
        assertEquals(4095, Loihi2Quantiser.voltageDecay(1));
        assertEquals(64, Loihi2Quantiser.threshold(1));
        assertEquals(63, Loihi2Quantiser.threshold(0.999));
        assertEquals(-32, Loihi2Quantiser.threshold(-0.51));
    }

    /**
     * slayer's quantize_8bit: 2·round(64·w/2), ties to even, in [−256, 254]: 0.5 → 32; 1/64 → 2·round(0.5) = 0;
     * 3/64 → 2·round(1.5) = 4; 5 → 320 → 254; −5 → −256. bias_mant = round(64·b) in 13 bits: 0.5 → 32,
     * 1/128 → round(0.5) = 0, ±100 → 4095 / −4096.
     */
    @Test
    void weightsAndBiasesAsSlayerAndNetxQuantiseThem() {
        assertEquals(32, Loihi2Quantiser.slayerWeight(0.5));
        assertEquals(0, Loihi2Quantiser.slayerWeight(1.0 / 64));
        assertEquals(4, Loihi2Quantiser.slayerWeight(3.0 / 64));
        assertEquals(254, Loihi2Quantiser.slayerWeight(5));
        assertEquals(-256, Loihi2Quantiser.slayerWeight(-5));
        assertEquals(32, Loihi2Quantiser.biasMant(0.5));
        assertEquals(0, Loihi2Quantiser.biasMant(1.0 / 128));
        assertEquals(4095, Loihi2Quantiser.biasMant(100));
        assertEquals(-4096, Loihi2Quantiser.biasMant(-100));
    }

    /**
     * Lava's Dense (clip_weights then truncate_weights): a mixed matrix at 8 bits drops 1 bit by an arithmetic
     * shift (3 → 2, −3 → −4); an excitatory one at 6 bits drops 2 (255 → 252, 3 → 0); an inhibitory one is clipped
     * to −255 and, at 7 bits, shifted on −w (−3 → −2: toward zero); a mixed one at 1 bit keeps only −256 and 0.
     */
    @Test
    void lavaDenseClipsAndTruncatesBySignMode() {
        long[] mixed = {-256, 254, 3, -3};
        Loihi2Quantiser.denseWeights(mixed, Loihi2Quantiser.SignMode.of(mixed), 8);
        assertArrayEquals(new long[] {-256, 254, 2, -4}, mixed);
        long[] excitatory = {255, 3};
        Loihi2Quantiser.denseWeights(excitatory, Loihi2Quantiser.SignMode.EXCITATORY, 6);
        assertArrayEquals(new long[] {252, 0}, excitatory);
        long[] inhibitory = {-256, -3};
        Loihi2Quantiser.denseWeights(inhibitory, Loihi2Quantiser.SignMode.INHIBITORY, 8);
        assertArrayEquals(new long[] {-255, -3}, inhibitory);
        Loihi2Quantiser.denseWeights(inhibitory, Loihi2Quantiser.SignMode.INHIBITORY, 7);
        assertArrayEquals(new long[] {-254, -2}, inhibitory);
        long[] oneBit = {100, -1};
        Loihi2Quantiser.denseWeights(oneBit, Loihi2Quantiser.SignMode.MIXED, 1);
        assertArrayEquals(new long[] {0, -256}, oneBit);
    }

    // ---- registers -----------------------------------------------------------------------------------------

    /**
     * Lava's u: above 2^23 it loses 2^24, at or below −2^23 it gains 2^24 — so 2^23 stays and −2^23 becomes +2^23;
     * v is clipped to ±(2^23 − 1). Through one update with no decay (d_u = dv = 0): u = 2^23 − 10 plus 1 &lt;&lt; 6
     * is 2^23 + 54, wrapped to −2^23 + 54, and v = 0 + u; a v of 2^23 − 2 plus u = 100 clips at 2^23 − 1.
     */
    @Test
    void currentWrapsAndVoltageClipsAt24Bits() {
        long m = 1L << 23;
        assertEquals(m, LoihiCompartment.wrapCurrent(m));
        assertEquals(-m + 1, LoihiCompartment.wrapCurrent(m + 1));
        assertEquals(m, LoihiCompartment.wrapCurrent(-m));
        assertEquals(m - 5, LoihiCompartment.wrapCurrent(-m - 5));
        assertEquals(m - 1, LoihiCompartment.clipVoltage(m));
        assertEquals(-(m - 1), LoihiCompartment.clipVoltage(-m));
        long[] u = {m - 10, 0};
        long[] v = {0, m - 2};
        assertFalse(LoihiCompartment.update(u, v, 0, 1, 0, 0, 0, 1L << 40));
        assertEquals(-m + 54, u[0]);
        assertEquals(-m + 54, v[0]);
        u[1] = 100 - 64; // the update adds a = 1 → 64
        assertFalse(LoihiCompartment.update(u, v, 1, 1, 0, 0, 0, 1L << 40));
        assertEquals(100, u[1]);
        assertEquals(m - 1, v[1]);
    }

    // ---- E1: the paper's converter and the chip's readout ----------------------------------------------------

    /**
     * Lava's fixed-point E1 trace (the notebook's Input → LIF → Output wiring): on loihi2 the spikes are Lava's
     * (461, 511, 711, 761) and every voltage equals the CPU model's, except at the four spike steps, where the chip's
     * probe reads 128 while the CPU model (and the state) is 0 — the steps after equal the CPU model again.
     */
    @Test
    void e1IsLavasBitAccurateTraceWithTheChipsSpikeStepReadout() {
        double[][] rows = PaperTraces.csv(LavaFixedTest.E1.resolve("lif_lava_cpu_fixed.csv"));
        Map<String, float[]> out = PaperTraces.simulate(LavaFixedTest.chain(LavaFixedTest.e1Lif(), 1), loihi2(),
                rows);
        List<Integer> spikes = List.of(461, 511, 711, 761);
        assertEquals(spikes, PaperTraces.steps(out.get("spikes")));
        for (int t = 0; t < rows.length; t++) {
            assertEquals(rows[t][2], out.get("spikes")[t], "spike at step " + t);
            if (spikes.contains(t)) {
                assertEquals(0.0, rows[t][1], "the CPU model's v at spike step " + t);
                assertEquals(128f, out.get("v")[t], "the chip's readout at spike step " + t);
            } else {
                assertEquals(rows[t][1], out.get("v")[t], "voltage at step " + t);
            }
        }
    }

    // ---- the CUBA step -------------------------------------------------------------------------------------

    /**
     * Input(1) → Linear(w) → CubaLIF(τ_syn = 2e-4, τ_mem = 3e-4, R = 3, w_in = 1, θ = 1) at dt = 1e-4: α = 0.5,
     * β = 1/3, g = α·w_in·β·R = 0.5; d_u = 2048, dv = round(1365.33) = 1365, vth = 64 → v &gt; 4096.
     */
    static NirGraph cuba(double w, double theta) {
        CubaLIF n = new CubaLIF(v(2e-4), v(3e-4), v(3), v(0), v(theta), v(0), v(1), Metadata.EMPTY);
        return TypeInference.inferAndCheck(NirGraph.builder().node("input", Input.of(1))
                .node("w", new Linear(NdArray.of(new int[] {1, 1}, w), Metadata.EMPTY)).node("n", n)
                .node("output", Output.of(null)).chain("input", "w", "n", "output").build(), x -> { });
    }

    static NdArray v(double... values) {
        return NdArray.vector(values);
    }

    static Map<String, float[]> run(NirGraph g, float[] input, Integer bits) {
        Program p = GraphCompiler.compile(g, loihi2(), DT, bits);
        return p.simulate(List.of(input), input.length, 1, List.of("n"), List.of("n"), 1);
    }

    /**
     * w = −1: the weight is slayer's 2·round(64·(−0.5)/2) = −32, and the Dense sends it a step late. Step 1:
     * u = −32·64 = −2048, v = −2048. Step 2: u = rz(−2048·2048/4096) = −1024; rz(−2048·2731/4096) = rz(−1365.5) =
     * −1365 (toward zero; floor would be −1366), v = −2389. Step 3: u = −512, rz(−2389·2731/4096) = rz(−1592.86) =
     * −1592, v = −2104. Membranes read v/4096.
     */
    @Test
    void cubaStepRoundsItsDecaysTowardZero() {
        float[] v = run(cuba(-1, 1), new float[] {1, 0, 0, 0}, null).get("n#v");
        assertArrayEquals(new float[] {0, (float) (-2048 / 4096.0), (float) (-2389 / 4096.0),
            (float) (-2104 / 4096.0)}, v);
    }

    /**
     * w = +1 (weight 32), spikes in at steps 0 and 1: step 1 u = v = 2048; step 2 u = 1024 + 2048 = 3072,
     * v = rz(2048·2731/4096) + 3072 = 1365 + 3072 = 4437 &gt; 4096: a spike, v ← 0, read as 128/4096; step 3
     * u = 1536, v = 0 + 1536.
     */
    @Test
    void cubaSpikesResetsToZeroAndReadsTheChipsSpikeStepValue() {
        Map<String, float[]> out = run(cuba(1, 1), new float[] {1, 1, 0, 0}, null);
        assertArrayEquals(new float[] {0, 0, 1, 0}, out.get("n"));
        assertArrayEquals(new float[] {0, 0.5f, 128 / 4096f, 1536 / 4096f}, out.get("n#v"));
    }

    /**
     * A recurrent Dense adds its step like every Dense. IF with R = 1e4 (g = dt·R = 1, weight 64), θ = 0.5
     * (vth 32: v &gt; 2048), recurrent weight −1 (−64). Input spike at step 0 → step 1: u = 64·64 = 4096 (d_u = 4096
     * keeps no current), v = 4096: a spike, read as 128/4096. Step 2: the recurrent Dense sends it: u = −4096,
     * v = −4096 (dv = 0 keeps v). Step 3: u = 0, v = −4096.
     */
    @Test
    void recurrentDenseAddsOneStep() {
        IF n = new IF(v(1e4), v(0.5), v(0), Metadata.EMPTY);
        NirGraph g = TypeInference.inferAndCheck(NirGraph.builder().node("input", Input.of(1))
                .node("w", new Linear(NdArray.of(new int[] {1, 1}, 1), Metadata.EMPTY)).node("n", n)
                .node("rec", new Linear(NdArray.of(new int[] {1, 1}, -1), Metadata.EMPTY))
                .node("output", Output.of(null)).chain("input", "w", "n", "output").edge("n", "rec")
                .edge("rec", "n").build(), x -> { });
        Map<String, float[]> out = run(g, new float[] {1, 0, 0, 0}, null);
        assertArrayEquals(new float[] {0, 1, 0, 0}, out.get("n"));
        assertArrayEquals(new float[] {0, 128 / 4096f, -1, -1}, out.get("n#v"));
    }

    /**
     * Braille bias_zero on sample 0 runs in the chip's integers: every hidden membrane is a whole number of
     * 1/4096 within the 24-bit clip, and the network spikes.
     */
    @Test
    void brailleRunsInTheChipsIntegers() {
        NirGraph g = NirReader.read(MODELS.resolve("braille_noDelay_bias_zero.nir")).graph();
        NpyArray input = Csv.read(Path.of("../conf/data/braille_test_sample0.csv"));
        Program p = GraphCompiler.compile(g, loihi2(), DT);
        Map<String, float[]> out = p.simulate(List.of(input.values()), input.dim(0), 1, List.of("lif1.lif", "lif2"),
                List.of("lif1.lif"), 1);
        double spikes = 0;
        for (float x : out.get("lif2")) {
            spikes += x;
        }
        assertTrue(spikes > 0);
        for (float m : out.get("lif1.lif#v")) {
            double raw = m * 4096.0;
            assertEquals(Math.rint(raw), raw, 0.0);
            assertTrue(Math.abs(raw) < 1 << 23);
        }
    }

    // ---- weight bits ---------------------------------------------------------------------------------------

    /**
     * w = 1.4: g·w = 0.7, slayer's 2·round(22.4) = 44 → 44/64 = 0.6875, relative error 0.0125/0.7; at 4 weight bits
     * Lava drops 4 bits of the (excitatory) weight: 44 &gt;&gt; 4 &lt;&lt; 4 = 32 → 0.5, error 0.2/0.7. 0 and 9 bits
     * are refused with the reason. The run shows it: a spike moves u and v by 44·64 (8 bits) or 32·64 (4 bits).
     */
    @Test
    void weightBitsOneToEightAreTakenOthersRefused() {
        MappingReport eight = Chips.map(cuba(1.4, 1), loihi2(), DT, null);
        MappingReport four = Chips.map(cuba(1.4, 1), loihi2(), DT, 4);
        assertEquals(0.0125 / 0.7, eight.maxError("weight"), 1e-12);
        assertEquals(0.2 / 0.7, four.maxError("weight"), 1e-12);
        assertTrue(four.usage().stream().anyMatch(u -> u.limit().name().equals("weight bits") && u.used() == 4));
        for (int bits : new int[] {0, 9}) {
            SimulationException e = assertThrows(SimulationException.class,
                    () -> Chips.map(cuba(1.4, 1), loihi2(), DT, bits));
            assertTrue(e.getMessage().startsWith("weight_bits " + bits + ": the loihi2 backend does not take it:"
                    + " Loihi 2's Dense synapses take num_weight_bits 1…8 (lava-nc/lava"), e.getMessage());
        }
        assertEquals(44 * 64 / 4096f, run(cuba(1.4, 1), new float[] {1, 0}, null).get("n#v")[1]);
        assertEquals(32 * 64 / 4096f, run(cuba(1.4, 1), new float[] {1, 0}, 4).get("n#v")[1]);
    }

    // ---- map on the paper's models -----------------------------------------------------------------------

    static MappingReport mapFile(String file) {
        return Chips.map(NirReader.read(MODELS.resolve(file)).graph(), loihi2(), DT, null);
    }

    static long used(MappingReport r, String limit) {
        return r.usage().stream().filter(u -> u.limit().name().equals(limit)).mapToLong(Usage::used).max()
                .orElseThrow();
    }

    /**
     * Braille (bias_zero: 12 → 38 recurrent → 7): 45 neurons, 12·38 + 38·38 + 38·7 = 2166 synapses, lif1 on core 0
     * with fc1 and its recurrent map, lif2 on core 1. θ = 1 is vth 64 exactly; a decay rounded to 1/4096 is off by at
     * most 0.5/(4096·f), f ≥ 0.1 here; every weight keeps its sign or becomes 0 (relative error ≤ 1); each of the 38
     * hidden neurons has a bias from fc1 and w_rec.
     */
    @Test
    void brailleWithBiasesFitsOnTwoCores() {
        MappingReport r = mapFile("braille_noDelay_bias_zero.nir");
        assertTrue(r.fits(), r.toText());
        assertEquals(45, used(r, "neurons per chip"));
        assertEquals(2166, used(r, "synapses per chip"));
        assertEquals(2, used(r, "neuro cores per chip"));
        assertEquals(List.of(
                new Placement("lif1.lif", "core 0", "38 neurons, 1900 synapses (lif1.w_rec 38×38, fc1 12×38)"),
                new Placement("lif2", "core 1", "7 neurons, 266 synapses (fc2 38×7)")), r.placement());
        assertEquals(0, r.maxError("threshold"));
        assertTrue(r.maxError("decay") <= 0.5 / (4096 * 0.1), r.toText());
        assertTrue(r.maxError("weight") > 0 && r.maxError("weight") <= 1, r.toText());
        QuantisationError bias = r.quantisation().stream().filter(q -> q.node().equals("lif1.lif")
                && q.parameter().equals("bias")).findFirst().orElseThrow();
        assertEquals(38, bias.values());
        assertTrue(used(r, "Dense activation per neuron and step") <= Short.MAX_VALUE);
    }

    /** Braille without biases (40 hidden): 47 neurons, 480 + 1600 + 280 = 2360 synapses, no bias anywhere. */
    @Test
    void brailleWithoutBiasesFitsOnTwoCores() {
        MappingReport r = mapFile("braille_noDelay_noBias_subtract.nir");
        assertTrue(r.fits(), r.toText());
        assertEquals(47, used(r, "neurons per chip"));
        assertEquals(2360, used(r, "synapses per chip"));
        assertEquals(List.of("lif1.lif", "lif2"), r.placement().stream().map(Placement::node).toList());
        assertTrue(r.quantisation().stream().filter(q -> q.parameter().equals("bias")).allMatch(q -> q.values() == 0));
        assertTrue(r.maxError("decay") <= 0.5 / (4096 * 0.1), r.toText());
    }

    /**
     * E1's file (Input → Affine 1×1 → LIF): the paper's converter path; one neuron on core 0, 2 synapses (the
     * Affine's and the LIF's own). Errors: threshold (25·512/131071)/0.1 − 1, own weight 10/256 vs 0.04, decay
     * 163/4095 vs 0.04 (θ and τ as the file's float32 values).
     */
    @Test
    void e1FitsThroughThePapersConverter() {
        MappingReport r = mapFile("lif_norse.nir");
        assertTrue(r.fits(), r.toText());
        assertEquals(1, used(r, "neurons per chip"));
        assertEquals(2, used(r, "synapses per chip"));
        assertEquals(1, r.placement().size());
        assertEquals("core 0", r.placement().get(0).unit());
        double theta = 0.1f; // the file's float32 values
        double gain = DT / 2.5e-3f;
        assertEquals(Math.abs(25 * 512 / 131071.0 - theta) / theta, r.maxError("threshold"), 1e-12);
        assertEquals(Math.abs(10 / 256.0 - gain) / gain, r.maxError("weight (own"), 1e-12);
        assertEquals(Math.abs(163 / 4095.0 - gain) / gain, r.maxError("decay (membrane)"), 1e-12);
    }

    // ---- refusals ------------------------------------------------------------------------------------------

    /**
     * A CubaLIF of 1 000 001 neurons behind a 1 000 001 × 1 Linear: more than the chip's 1 million neurons, and
     * ⌈1 000 001 / 7812⌉ = 129 cores of nirsweep's packing, more than 128 — both named at the node, with the brief.
     */
    @Test
    void aLayerTooLargeForTheChipIsRefusedNamingTheLimitAndNode() {
        int n = 1_000_001;
        double[] ones = new double[n];
        Arrays.fill(ones, 1);
        CubaLIF big = new CubaLIF(NdArray.vector(fill(n, 2e-4)), NdArray.vector(fill(n, 3e-4)),
                NdArray.vector(fill(n, 3)), NdArray.vector(new double[n]), NdArray.vector(ones),
                NdArray.vector(new double[n]), NdArray.vector(ones), Metadata.EMPTY);
        NirGraph g = TypeInference.inferAndCheck(NirGraph.builder().node("input", Input.of(1))
                .node("w", new Linear(NdArray.of(new int[] {n, 1}, ones), Metadata.EMPTY)).node("big", big)
                .node("output", Output.of(null)).chain("input", "w", "big", "output").build(), x -> { });
        MappingReport r = Chips.map(g, loihi2(), DT, null);
        assertFalse(r.fits());
        List<String> texts = r.violations().stream().map(Violation::text).toList();
        assertTrue(texts.contains("node 'big': neurons per chip 1000001 > 1000000 neurons (chip) [Intel Labs,"
                + " 'Taking Neuromorphic Computing to the Next Level with Loihi 2', technology brief (2021): up to"
                + " 1 million neurons per chip]"), texts.toString());
        assertTrue(texts.stream().anyMatch(t -> t.startsWith("node 'big': neuro cores per chip 129 > 128 cores")),
                texts.toString());
        assertTrue(r.placement().isEmpty());
        SimulationException e = assertThrows(SimulationException.class, () -> GraphCompiler.compile(g, loihi2(), DT));
        assertEquals("big", e.node());
        assertTrue(e.getMessage().contains("the model does not fit the chip: node 'big': neurons per chip"),
                e.getMessage());
    }

    static double[] fill(int n, double x) {
        double[] a = new double[n];
        Arrays.fill(a, x);
        return a;
    }

    /**
     * The paper's converter refuses an Affine bias ('Non-zero bias not supported by Lava'), and neither converter
     * knows a Threshold node; a CubaLIF fed without a Dense breaks netx's block structure. Each is a violation at
     * its node, and the engine refuses the model.
     */
    @Test
    void graphRulesAreViolationsAtTheirNodes() {
        NirGraph biased = TypeInference.inferAndCheck(NirGraph.builder().node("input", Input.of(1))
                .node("a", new Affine(NdArray.of(new int[] {1, 1}, 1), v(0.5), Metadata.EMPTY))
                .node("n", LavaFixedTest.e1Lif()).node("output", Output.of(null)).chain("input", "a", "n", "output")
                .build(), x -> { });
        MappingReport r = Chips.map(biased, loihi2(), DT, null);
        assertEquals(1, r.violations().size(), r.toText());
        assertEquals("a", r.violations().get(0).node());
        assertTrue(r.violations().get(0).rule().contains("Non-zero bias not supported by Lava"), r.toText());

        MappingReport threshold = Chips.map(LavaFixedTest.chain(new Threshold(v(0.5), Metadata.EMPTY), 1), loihi2(),
                DT, null);
        assertEquals("n", threshold.violations().get(0).node());
        assertTrue(threshold.violations().get(0).rule().startsWith("node kind Threshold"), threshold.toText());

        CubaLIF direct = new CubaLIF(v(2e-4), v(3e-4), v(3), v(0), v(1), v(0), v(1), Metadata.EMPTY);
        MappingReport noDense = Chips.map(LavaFixedTest.chain(direct, 1), loihi2(), DT, null);
        assertEquals("n", noDense.violations().get(0).node());
        assertTrue(noDense.violations().get(0).rule().contains("without a Dense"), noDense.toText());
        assertThrows(SimulationException.class, () -> GraphCompiler.compile(LavaFixedTest.chain(direct, 1),
                loihi2(), DT));
    }

    /**
     * Values no 64-bit integer holds are limits broken or clipped, not exceptions from {@code map}: θ = 1e30 gives
     * vth = trunc(64·θ), clamped to 2^63 − 1, above the 17-bit 131071 (a violation at 'n'); a weight 1e30 through
     * g = 0.5 is 2·round(64·0.5·1e30/2) → 2·127 = 254 (slayer's clamp, not 2·(2^63 − 1) wrapping to −2); the paper
     * path's LIF Affine weight 1e30 casts to an integer clamped to the long range, which Lava's Dense clips to 255.
     */
    @Test
    void hugeFileValuesAreViolationsOrClipsNotExceptions() {
        MappingReport theta = Chips.map(cuba(1, 1e30), loihi2(), DT, null);
        assertFalse(theta.fits());
        assertEquals("n", theta.violations().get(0).node());
        assertTrue(theta.violations().get(0).rule().startsWith("threshold mantissa vth 9223372036854775807 > 131071"),
                theta.toText());

        MappingReport weight = Chips.map(cuba(1e30, 1), loihi2(), DT, null);
        assertTrue(weight.fits(), weight.toText());
        assertEquals(254, Loihi2Quantiser.slayerWeight(1e30 * 0.5));
        assertEquals(-256, Loihi2Quantiser.slayerWeight(-1e30));

        Affine big = new Affine(NdArray.of(new int[] {1, 1}, 1e30), v(0), Metadata.EMPTY);
        NirGraph paper = TypeInference.inferAndCheck(NirGraph.builder().node("input", Input.of(1)).node("a", big)
                .node("n", LavaFixedTest.e1Lif()).node("output", Output.of(null)).chain("input", "a", "n", "output")
                .build(), x -> { });
        MappingReport r = Chips.map(paper, loihi2(), DT, null);
        assertTrue(r.notes().stream().anyMatch(n -> n.text().contains("clipped to 8 bits")), r.toText());
    }

    /**
     * The paper path's dv = ⌊dt/τ·4095⌋ is a 12-bit register: τ = 1e-5 s at dt = 1e-4 s gives ⌊10·4095⌋ = 40950 &gt;
     * 4095 (map reported this model as fitting). E1's τ = 2.5 ms gives ⌊0.04·4095⌋ = 163, and fits.
     */
    @Test
    void aPaperLifDecayBeyondTwelveBitsIsAViolation() {
        io.nirsweep.model.LIF fast = new io.nirsweep.model.LIF(v(1e-5), v(1), v(0), v(0.1), v(0), Metadata.EMPTY);
        MappingReport r = Chips.map(LavaFixedTest.chain(fast, 1), loihi2(), DT, null);
        assertFalse(r.fits());
        assertEquals("n", r.violations().get(0).node());
        assertEquals("voltage decay dv 40950 > 4095 (12-bit unsigned; τ < dt)", r.violations().get(0).rule());
        assertTrue(r.violations().get(0).source().contains("proc/lif/models.py"), r.toText());
        assertTrue(Chips.map(LavaFixedTest.chain(LavaFixedTest.e1Lif(), 1), loihi2(), DT, null).fits());
    }

    @Test
    void itIsAHardwareTargetWithEveryLimitSourced() {
        Backend b = loihi2();
        assertEquals(Backend.Kind.HARDWARE, b.kind());
        assertTrue(Chips.all().contains(b));
        assertTrue(Chips.markdownTable().contains("| `loihi2` |"));
        assertTrue(Chips.rules(b).limits().stream().allMatch(l -> !l.source().isBlank()));
        assertTrue(Chips.rules(b).limits().stream().anyMatch(l -> !l.known() && l.name().equals("neurons per core")));
    }
}
