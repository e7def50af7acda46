package io.nirsweep.sim;

import io.nirsweep.model.Affine;
import io.nirsweep.model.CubaLIF;
import io.nirsweep.model.IF;
import io.nirsweep.model.Input;
import io.nirsweep.model.LI;
import io.nirsweep.model.LIF;
import io.nirsweep.model.Linear;
import io.nirsweep.model.NdArray;
import io.nirsweep.model.NirGraph;
import io.nirsweep.model.NirNode;
import io.nirsweep.model.Output;
import io.nirsweep.model.SumPool2d;
import io.nirsweep.model.Threshold;
import io.nirsweep.model.hdf5.NirReader;
import io.nirsweep.sim.backend.Backend;
import io.nirsweep.sim.backend.Backends;
import io.nirsweep.sim.backend.Import;
import io.nirsweep.sim.engine.GraphCompiler;
import io.nirsweep.sim.neuron.IntegerState;
import io.nirsweep.sim.neuron.NeuronParams;
import static io.nirsweep.sim.Sim.f32;
import static io.nirsweep.sim.Sim.none;
import static io.nirsweep.sim.Sim.typed;
import static io.nirsweep.sim.Sim.v;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each simulator backend's irregular rule (docs/platforms.md §4.1–4.7) on a one- or two-node graph, against values
 * derived by hand in the comments. dt = 1e-4 s throughout.
 */
class BackendRulesTest {
    /** input → n → output, n's spikes and membrane for the given per-step inputs. */
    private static Map<String, float[]> run(NirNode neuron, Backend b, float... input) {
        NirGraph g = typed(NirGraph.builder().node("input", Input.of(1)).node("n", neuron)
                .node("output", Output.of(null)).chain("input", "n", "output"));
        return Sim.run(g, b, input, input.length, List.of("n"), List.of("n"));
    }

    private static float[] spikes(Map<String, float[]> out) {
        return out.get("n");
    }

    private static float[] membrane(Map<String, float[]> out) {
        return out.get("n#v");
    }

    /**
     * snnTorch's IF → Leaky(β = 0.9) with its subtract bookkeeping: r = [v_prev &gt; θ]; v ← 0.9·v + x − r·θ;
     * s = [v &gt; θ]; v ← v − (s − r)·θ. A pulse of 2.5 leaves v = 1.5 above θ = 1: the next step subtracts θ again
     * and, not firing, adds it back — so v decays 1.35, 1.215, 1.0935 without another spike (a plain subtract
     * would fire at step 1).
     */
    @Test
    void snntorchIfIsALeakyNeuronWithSubtractBookkeeping() {
        Map<String, float[]> out = run(new IF(v(1), v(1), v(0), none()), Backends.require("snntorch"), 2.5f, 0, 0, 0, 0, 0);
        assertArrayEquals(new float[] {1, 0, 0, 0, 0, 0}, spikes(out));
        assertArrayEquals(new float[] {1.5f, 1.35f, 1.215f, 1.0935f, 0.98415f, 0.885735f}, membrane(out), 1e-6f);
    }

    /** snnTorch's LIF: θ divided by the gain R·dt/τ = 0.1 (τ = 1e-3): membranes in snnTorch units, v ← 0.9·v + x. */
    @Test
    void snntorchDividesTheThresholdByTheInputGain() {
        Map<String, float[]> out = run(new LIF(v(1e-3), v(1), v(0), v(0.1), v(0), none()), Backends.require("snntorch"),
                0.5f, 0.5f, 0.5f);
        // θ_eff = 1: v = 0.5, 0.95, 1.355 → spike, reset to 0.
        assertArrayEquals(new float[] {0, 0, 1}, spikes(out));
        assertArrayEquals(new float[] {0.5f, 0.95f, 0}, membrane(out), 1e-6f);
    }

    /**
     * A CubaLIF with a recurrent Affine of zero weight and bias (so the loop adds nothing), τ_syn = 2e-4, τ_mem =
     * 1e-3, R = τ_mem/dt, w_in = τ_syn/dt (unit gain): snnTorch's α = 0.5, β = 0.9, θ = 1, input 1.5 each step.
     */
    private static Map<String, float[]> runRecurrentCuba(Backend b) {
        NirGraph g = typed(NirGraph.builder().node("input", Input.of(1))
                .node("n", new CubaLIF(v(2e-4), v(1e-3), v(10), v(0), v(1), v(0), v(2), none()))
                .node("w", new Affine(f32(new int[] {1, 1}, 0), f32(new int[] {1}, 0), none()))
                .node("output", Output.of(null)).chain("input", "n", "w", "n").chain("n", "output"));
        return Sim.run(g, b, Sim.constant(6, 1.5f), 6, List.of("n"), List.of("n"));
    }

    /**
     * snnTorch 0.9.4's RSynaptic loses its same-step reset; the delayed zero reset wipes the next step's membrane,
     * its input included: t0 i = 1.5, v = 1.5 &gt; 1 fires (v kept); t1 i = 0.75 + 1.5 = 2.25, v = 0.9·1.5 + 2.25
     * = 3.6 → 0 (fired at t0), no spike; t2 i = 2.625, v = 0 + 2.625 fires; t3 v → 0; t4 i = 2.90625 fires; t5 → 0.
     * The paper's snnTorch (40ad136) resets within the step: v = 0 after each spike and 2.25, 2.625, … fire every
     * step.
     */
    @Test
    void snntorch094RecurrentCubaLifIsZeroedOneStepAfterASpikeInputIncluded() {
        Map<String, float[]> now = runRecurrentCuba(Backends.require("snntorch@0.9.4"));
        assertArrayEquals(new float[] {1, 0, 1, 0, 1, 0}, spikes(now));
        assertArrayEquals(new float[] {1.5f, 0, 2.625f, 0, 2.90625f, 0}, membrane(now), 0f);
        Map<String, float[]> paper = runRecurrentCuba(Backends.require("snntorch"));
        assertArrayEquals(new float[] {1, 1, 1, 1, 1, 1}, spikes(paper));
        assertArrayEquals(new float[6], membrane(paper), 0f);
    }

    /** Outside a loop 0.9.4's CubaLIF is a Synaptic, whose same-step reset 0.9.3 mended: as the paper's. */
    @Test
    void snntorch094FeedForwardCubaLifResetsWithinTheStep() {
        CubaLIF cuba = new CubaLIF(v(2e-4), v(1e-3), v(10), v(0), v(1), v(0), v(2), none());
        float[] input = Sim.constant(6, 1.5f);
        Map<String, float[]> now = run(cuba, Backends.require("snntorch@0.9.4"), input);
        Map<String, float[]> paper = run(cuba, Backends.require("snntorch"), input);
        assertArrayEquals(new float[] {1, 1, 1, 1, 1, 1}, spikes(now));
        assertArrayEquals(spikes(paper), spikes(now));
        assertArrayEquals(membrane(paper), membrane(now), 0f);
    }

    /** 0.9.4's importer raises for a recurrent LIF and has no mapping for SumPool2d; the paper's ran both. */
    @Test
    void snntorch094RefusesARecurrentLifAndSumPool() {
        NirGraph lif = typed(NirGraph.builder().node("input", Input.of(1))
                .node("n", new LIF(v(1e-3), v(10), v(0), v(1), v(0), none()))
                .node("w", new Affine(f32(new int[] {1, 1}, 0), f32(new int[] {1}, 0), none()))
                .node("output", Output.of(null)).chain("input", "n", "w", "n").chain("n", "output"));
        SimulationException e = assertThrows(SimulationException.class,
                () -> GraphCompiler.compile(lif, Backends.require("snntorch@0.9.4"), 1e-4));
        assertTrue(e.getMessage().contains("node 'n': the snntorch@0.9.4 backend cannot run it")
                && e.getMessage().contains("LIF in subgraph not supported"), e.getMessage());
        GraphCompiler.compile(lif, Backends.require("snntorch"), 1e-4);
        NirGraph pool = typed(NirGraph.builder().node("input", Input.of(1, 4, 4))
                .node("pool", new SumPool2d(NdArray.int64Vector(2, 2), NdArray.int64Vector(2, 2),
                        NdArray.int64Vector(0, 0), null, none()))
                .node("output", Output.of(null)).chain("input", "pool", "output"));
        e = assertThrows(SimulationException.class,
                () -> GraphCompiler.compile(pool, Backends.require("snntorch@0.9.4"), 1e-4));
        assertTrue(e.getMessage().contains("no mapping for SumPool2d"), e.getMessage());
        GraphCompiler.compile(pool, Backends.require("snntorch"), 1e-4);
    }

    /**
     * snnTorch PR #395 (3726386): IF → Leaky(β = 0) with the subtract bookkeeping, r = [v_prev &gt; θ]; v ← x − r·θ;
     * s = [v &gt; θ]; v ← v − (s − r)·θ. θ = 1, inputs 2.5, 0, 2.5, 0.5: t0 v = 2.5, s = 1, v = 1.5; t1 r = 1, v = −1,
     * s = 0, v = 0; t2 as t0; t3 r = 1, v = −0.5, s = 0, v = 0.5 — spikes 1, 0, 1, 0. The paper's β = 0.9 keeps
     * 1.35 at t1 and fires at t3 too (1.9435).
     */
    @Test
    void snntorch3726386IfIsALeakyNeuronWithoutMemory() {
        IF neuron = new IF(v(1), v(1), v(0), none());
        Map<String, float[]> pr395 = run(neuron, Backends.require("snntorch@3726386"), 2.5f, 0, 2.5f, 0.5f);
        assertArrayEquals(new float[] {1, 0, 1, 0}, spikes(pr395));
        assertArrayEquals(new float[] {1.5f, 0, 1.5f, 0.5f}, membrane(pr395), 1e-6f);
        Map<String, float[]> paper = run(neuron, Backends.require("snntorch"), 2.5f, 0, 2.5f, 0.5f);
        assertArrayEquals(new float[] {1, 0, 1, 1}, spikes(paper));
        assertArrayEquals(new float[] {1.5f, 1.35f, 2.715f, 1.9435f}, membrane(paper), 1e-5f);
    }

    /** 3726386 flattens recurrent pairs (not reproduced: refused) and pools with LPPool2d, which ignores padding. */
    @Test
    void snntorch3726386RefusesRecurrentPairsAndPaddedPools() {
        NirGraph braille = NirReader.read(PaperRecurrentTest.E3.resolve("braille_noDelay_bias_zero.nir")).graph();
        SimulationException e = assertThrows(SimulationException.class,
                () -> GraphCompiler.compile(braille, Backends.require("snntorch@3726386"), 1e-4));
        assertTrue(e.getMessage().contains("the snntorch@3726386 backend cannot run it: at 3726386"
                + " nirtorch.nir_to_torch flattens the recurrent sub-graph"), e.getMessage());
        NirGraph padded = typed(NirGraph.builder().node("input", Input.of(1, 4, 4))
                .node("pool", new SumPool2d(NdArray.int64Vector(2, 2), NdArray.int64Vector(2, 2),
                        NdArray.int64Vector(1, 1), null, none()))
                .node("output", Output.of(null)).chain("input", "pool", "output"));
        e = assertThrows(SimulationException.class,
                () -> GraphCompiler.compile(padded, Backends.require("snntorch@3726386"), 1e-4));
        assertTrue(e.getMessage().contains("LPPool2d, p = 1) ignores the padding"), e.getMessage());
        GraphCompiler.compile(padded, Backends.require("snntorch"), 1e-4);
    }

    /**
     * Norse's recurrent map acts one step late and is zero at step 0 — its bias too: x + w_rec output with
     * w_rec = Affine(0, bias 0.5) gives LI (τ = 1e-3, Euler factor 0.1) v0 = 0, v1 = 0.1·0.5 = 0.05,
     * v2 = 0.05 + 0.1·(0.5 − 0.05) = 0.095.
     */
    @Test
    void norseRecurrentBiasIsMissingAtStepZero() {
        NirGraph g = typed(NirGraph.builder().node("input", Input.of(1)).node("n", new LI(v(1e-3), v(3), v(0), none()))
                .node("w", new Affine(f32(new int[] {1, 1}, 0), f32(new int[] {1}, 0.5), none()))
                .node("output", Output.of(null)).chain("input", "n", "w", "n").chain("n", "output"));
        float[] v = Sim.run(g, Backends.require("norse"), new float[3], 3, List.of("n"), List.of()).get("n");
        // r = 3 is ignored by Norse (else the first value would be 0.15).
        assertArrayEquals(new float[] {0, 0.05f, 0.095f}, v, 1e-7f);
    }

    /**
     * Spyx's LIF (weights × dt/τ = 0.1, so an input of 5 adds 0.5; β = 0.9): the spike of step t is [v_{t−1} &gt; θ]
     * and θ comes off after the decay: v = 0.5, 0.95, 1.355; step 3 emits the spike and v = 0.9·1.355 + 0.5 − 1
     * = 0.7195; v4 = 1.14755; step 5 emits again, v5 = 0.532795. snnTorch would fire at step 2.
     */
    @Test
    void spyxDecidesFromThePreviousVoltage() {
        Map<String, float[]> out = run(new LIF(v(1e-3), v(1), v(0), v(1), v(0), none()), Backends.require("spyx"),
                5, 5, 5, 5, 5, 5);
        assertArrayEquals(new float[] {0, 0, 0, 1, 0, 1}, spikes(out));
        assertArrayEquals(new float[] {0.5f, 0.95f, 1.355f, 0.7195f, 1.14755f, 0.532795f}, membrane(out), 1e-6f);
    }

    /**
     * Spyx's non-recurrent CuBaLIF subtracts θ twice per spike: α = 0.5, β = 0.9, weights × w_in·dt/τ_syn = 0.5
     * (input 4 adds 2): t0 i = 2, v = 2; t1 emits (2 &gt; 1): v = 2 − 1, i = 3, v = 0.9·1 + 3 − 1 = 2.9;
     * t2 emits: v = 1.9, i = 3.5, v = 1.71 + 3.5 − 1 = 4.21.
     */
    @Test
    void spyxCubaLifOutsideALoopSubtractsTwice() {
        Map<String, float[]> out = run(new CubaLIF(v(2e-4), v(1e-3), v(10), v(0), v(1), v(0), v(1), none()),
                Backends.require("spyx"), 4, 4, 4);
        assertArrayEquals(new float[] {0, 1, 1}, spikes(out));
        assertArrayEquals(new float[] {2, 2.9f, 4.21f}, membrane(out), 1e-6f);
    }

    /**
     * Sinabs' IF: v ← v + x (R ignored), ⌊v/θ⌋ spikes subtracted, floor −θ: 2.7 → 2 spikes, v = 0.7; −5 → −4.3,
     * floored to −1.
     */
    @Test
    void sinabsIfCountsSpikesAndFloorsAtMinusTheta() {
        Map<String, float[]> out = run(new IF(v(7), v(1), v(0), none()), Backends.require("sinabs"), 2.7f, -5, 0);
        assertArrayEquals(new float[] {2, 0, 0}, spikes(out));
        assertArrayEquals(new float[] {0.7f, -1, -1}, membrane(out), 1e-6f);
    }

    /**
     * Rockpool's CubaLIF ignores w_in and R and decays the new input once: i0 = e_s·1, v0 = i0;
     * i1 = e_s·i0, v1 = e_m·v0 + i1 (e_s = e^{−0.5}, e_m = e^{−0.1}).
     */
    @Test
    void rockpoolDecaysTheInputOnceAndIgnoresWInAndR() {
        Map<String, float[]> out = run(new CubaLIF(v(2e-4), v(1e-3), v(3), v(0), v(100), v(0), v(7), none()),
                Backends.require("rockpool"), 1, 0);
        double es = Math.exp(-0.5);
        double em = Math.exp(-0.1);
        assertArrayEquals(new float[] {(float) es, (float) (em * es + es * es)}, membrane(out), 1e-6f);
    }

    /** Rockpool caps a step's spikes at 2^16 and subtracts θ as often: v = 100, θ = 0.001 → 65536, v = 34.464. */
    @Test
    void rockpoolCapsTheSpikesOfOneStep() {
        Map<String, float[]> out = run(new LIF(v(1e-3), v(1), v(0), v(0.001), v(0), none()), Backends.require("rockpool"), 100);
        assertArrayEquals(new float[] {65536}, spikes(out));
        assertEquals(34.464f, membrane(out)[0], 1e-3f);
    }

    /**
     * Nengo's CubaLIF: the Lowpass synapse delivers next step (y_t = 0.5·y_{t−1} + 0.5·x_{t−1}), the membrane in
     * units of θ = 0.5 (gain w_in·R/θ = 2) integrates exactly: v1 = 2·0.5·(1 − e_m) = 0.0951626,
     * v2 = 0.5 + (v1 − 0.5)·e_m = 0.133677; a negative input is clamped at v ≥ 0.
     */
    @Test
    void nengoSynapseIsOneStepLateAndTheMembraneExactAndClamped() {
        CubaLIF n = new CubaLIF(v(2e-4), v(1e-3), v(1), v(0), v(0.5), v(0), v(1), none());
        double em = Math.exp(-0.1);
        assertArrayEquals(new float[] {0, (float) (1 - em), (float) (0.5 + (1 - em - 0.5) * em)},
                membrane(run(n, Backends.require("nengo"), 1, 0, 0)), 1e-6f);
        assertArrayEquals(new float[] {0, 0, 0}, membrane(run(n, Backends.require("nengo"), -1, 0, 0)));
    }

    /** Nengo's LIF: θ normalised to 1, exact decay, tested at the end of the step, reset to 0 (E1: v∞ = 10·x). */
    @Test
    void nengoLifIsNormalisedAndExact() {
        Map<String, float[]> out = run(new LIF(v(2.5e-3), v(1), v(0), v(0.1), v(0), none()), Backends.require("nengo"), 1, 0);
        double e = Math.exp(-0.04);
        assertArrayEquals(new float[] {(float) (10 * (1 - e)), (float) (10 * (1 - e) * e)}, membrane(out), 1e-6f);
    }

    /**
     * lava-dl's CUBA in fixed point (7 neurons, the converter's hard-coded block size): S = 4096, d_i = 2048,
     * d_v = round(0.1·4096) = 410, input gain w_in·dt/τ_syn = 1, θ → 4096. x = 0.3 → trunc(4096·0.3) = 1228:
     * t0 i = v = 1228; t1 i = 614 + 1228 = 1842, v = ⌊1228·3686/4096⌋ + 1842 = 1105 + 1842 = 2947;
     * t2 i = 921 + 1228 = 2149, v = ⌊2947·3686/4096⌋ + 2149 = 2651 + 2149 = 4800 &gt; 4096: spike, v ← 0.
     */
    @Test
    void lavaDlCubaInFixedPoint() {
        double[] seven = new double[7];
        NdArray tauSyn = v(fill(seven, 2e-4));
        CubaLIF n = new CubaLIF(tauSyn, v(fill(seven, 1e-3)), v(fill(seven, 10)), v(fill(seven, 0)),
                v(fill(seven, 1)), v(fill(seven, 0)), v(fill(seven, 2)), none());
        NirGraph g = typed(NirGraph.builder().node("input", Input.of(7)).node("n", n).node("output", Output.of(null))
                .chain("input", "n", "output"));
        Map<String, float[]> out = Sim.run(g, Backends.require("lava-dl"), Sim.constant(3, fill7(0.3f)), 3, List.of("n"),
                List.of("n"));
        assertEquals(1f, out.get("n")[14]);
        assertEquals(0f, out.get("n")[7]);
        assertArrayEquals(new float[] {1228 / 4096f, 2947 / 4096f, 0},
                new float[] {out.get("n#v")[0], out.get("n#v")[7], out.get("n#v")[14]}, 1e-7f);
    }

    @Test
    void lavaDlShiftsTowardZero() {
        assertEquals(1, IntegerState.towardZero(4097 * 1L));
        assertEquals(-1, IntegerState.towardZero(-4097L)); // a floor shift would give −2
    }

    @Test
    void lavaDlAndRockpoolDropTheRecurrentBias() throws Exception {
        NirGraph g = NirReader.read(PaperRecurrentTest.E3.resolve("braille_noDelay_bias_zero.nir")).graph();
        for (Backend b : List.of(Backends.require("lava-dl"), Backends.require("rockpool"))) {
            List<String> notes = notes(g, b);
            assertTrue(notes.stream().anyMatch(n -> n.startsWith("lif1.w_rec: bias dropped")), b.name() + notes);
        }
        assertTrue(notes(g, Backends.require("snntorch")).stream().noneMatch(n -> n.contains("bias")));
    }

    /**
     * SpikingJelly fires at v ≥ θ: LIF τ/dt = 10, R = 1 (decay_input), input 5 gives v = 5/10 = 0.5 = θ — a spike,
     * where `euler` (v &gt; θ) would not fire; then v ← v_reset.
     */
    @Test
    void spikingJellyFiresAtEquality() {
        LIF lif = new LIF(v(1e-3), v(1), v(0), v(0.5), v(0), none());
        assertArrayEquals(new float[] {1, 0}, spikes(run(lif, Backends.require("spikingjelly"), 5, 0)));
        assertArrayEquals(new float[] {0, 0}, spikes(run(lif, Backends.require("euler"), 5, 0)));
        assertRefused(new IF(v(1), v(1), v(0), none()), Backends.require("spikingjelly"), "requires r = 10000");
        assertRefused(new LIF(v(1e-3), v(3), v(0), v(1), v(0), none()), Backends.require("spikingjelly"), "decay_input");
    }

    // ---- refusals -------------------------------------------------------------------------------------------

    /** A node no simulator's importer maps is refused by every simulator backend, naming the node. */
    @ParameterizedTest
    @ValueSource(strings = {"snntorch", "snntorch-subtract", "norse", "spyx", "sinabs", "rockpool", "nengo", "lava-dl",
        "spikingjelly", "lava"}) // lava-fixed: in hardware-sinks' LavaFixedTest
    void everySimulatorRefusesAThresholdNode(String backend) {
        NirGraph g = typed(NirGraph.builder().node("input", Input.of(1)).node("th", new Threshold(v(0.5), none()))
                .node("output", Output.of(null)).chain("input", "th", "output"));
        SimulationException e = assertThrows(SimulationException.class,
                () -> GraphCompiler.compile(g, Backends.byName(backend), 1e-4));
        assertEquals("th", e.node());
        assertTrue(e.getMessage().startsWith("node 'th': the " + backend + " backend cannot run it: "), e.getMessage());
        assertTrue(e.getMessage().contains("Threshold"), e.getMessage());
    }

    @Test
    void importerSpecificRefusals() {
        NirNode lif = new LIF(v(1e-3), v(1), v(0), v(1), v(0), none());
        assertRefused(lif, Backends.require("lava-dl"), "LIF not implemented yet in lava-dl");
        assertRefused(new LIF(v(1e-3, 1e-3), v(1, 1), v(0, 0), v(1, 1), v(0, 0), none()), Backends.require("lava"),
                "shape (1,) (hard-coded)");
        assertRefused(new IF(v(1), v(1), v(0), none()), Backends.require("rockpool"), "NotImplementedError for IF");
        assertRefused(new LIF(v(1e-3), v(1), v(0.2), v(1), v(0), none()), Backends.require("snntorch"),
                "requires v_leak = 0, this one has 0.2");
        assertRefused(new LIF(v(1e-3), v(2), v(0), v(1), v(0), none()), Backends.require("nengo"), "requires r = 1");
        assertRefused(new CubaLIF(v(2e-4), v(1e-3), v(10), v(0), v(1), v(0), v(2), none()), Backends.require("lava-dl"),
                "hard-coded");
        NirGraph pool = typed(NirGraph.builder().node("input", Input.of(1, 4, 4))
                .node("pool", new SumPool2d(NdArray.int64Vector(2, 2), NdArray.int64Vector(2, 2),
                        NdArray.int64Vector(1, 1), null, none()))
                .node("output", Output.of(null)).chain("input", "pool", "output"));
        SimulationException e = assertThrows(SimulationException.class,
                () -> GraphCompiler.compile(pool, Backends.require("norse"), 1e-4));
        assertTrue(e.getMessage().contains("LPPool2d"), e.getMessage());
    }

    @Test
    void snntorchRefusesLoopsOtherThanANeuronAndItsRecurrentMap() {
        NirGraph g = NirReader.read(io.nirsweep.model.Corpus.file("generated/self_loop.nir")).graph();
        SimulationException e = assertThrows(SimulationException.class,
                () -> GraphCompiler.compile(g, Backends.require("snntorch"), 1e-4));
        assertEquals("integrator", e.node());
        assertTrue(e.getMessage().contains("only runs loops of a neuron and its recurrent Affine/Linear"), e.getMessage());
    }

    @Test
    void nengoRefusesNestedGraphsAndSpyxBranches() {
        NirGraph nested = NirReader.read(io.nirsweep.model.Corpus.file("generated/nested_subgraph.nir")).graph();
        SimulationException e = assertThrows(SimulationException.class,
                () -> GraphCompiler.compile(nested, Backends.require("nengo"), 1e-4));
        assertTrue(e.getMessage().contains("flat graphs only"), e.getMessage());
        NirGraph branch = typed(NirGraph.builder().node("input", Input.of(1))
                .node("a", new Linear(f32(new int[] {1, 1}, 1), none()))
                .node("b", new Linear(f32(new int[] {1, 1}, 1), none()))
                .node("output", Output.of(null)).chain("input", "a", "output").chain("input", "b", "output"));
        e = assertThrows(SimulationException.class, () -> GraphCompiler.compile(branch, Backends.require("spyx"), 1e-4));
        assertTrue(e.getMessage().contains("one chain"), e.getMessage());
    }

    private static List<String> notes(NirGraph g, Backend b) {
        return GraphCompiler.compile(g, b, 1e-4).notes().stream().map(Import.Note::toString).toList();
    }

    private static void assertRefused(NirNode neuron, Backend b, String reason) {
        int size = NeuronParams.of(neuron).size();
        NirGraph g = typed(NirGraph.builder().node("input", Input.of(size)).node("n", neuron)
                .node("output", Output.of(null)).chain("input", "n", "output"));
        SimulationException e = assertThrows(SimulationException.class, () -> GraphCompiler.compile(g, b, 1e-4));
        assertEquals("n", e.node());
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    private static double[] fill(double[] a, double value) {
        double[] out = a.clone();
        Arrays.fill(out, value);
        return out;
    }

    private static float[] fill7(float value) {
        float[] out = new float[7];
        Arrays.fill(out, value);
        return out;
    }
}
