package io.nirsweep.sim;

import static io.nirsweep.sim.Sim.none;
import static io.nirsweep.sim.Sim.typed;
import static io.nirsweep.sim.Sim.v;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nirsweep.model.Affine;
import io.nirsweep.model.CubaLIF;
import io.nirsweep.model.IF;
import io.nirsweep.model.Input;
import io.nirsweep.model.LIF;
import io.nirsweep.model.NirGraph;
import io.nirsweep.model.NirNode;
import io.nirsweep.model.Output;
import io.nirsweep.model.hdf5.NirReader;
import io.nirsweep.sim.backend.Backend;
import io.nirsweep.sim.backend.Backends;
import io.nirsweep.sim.backend.Recipe;
import io.nirsweep.sim.backend.RefusedCombination;
import io.nirsweep.sim.engine.GraphCompiler;
import io.nirsweep.sim.engine.Program;
import io.nirsweep.sim.io.Csv;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Backends recombined one choice at a time ({@link Recipe}, docs/choices.md): the axes two backends differ on, and
 * what taking one option of another backend does — each effect derived by hand on a one-neuron graph, or measured on
 * the paper's Braille network (bias_zero, test sample 0) against docs/platforms.md §4.13. dt = 1e-4 s.
 */
class RecipeTest {
    static final Path E3 = PaperRecurrentTest.E3;

    private static Recipe recipe(String backend) {
        return Recipe.of(Backends.require(backend));
    }

    /** input → n → output: n's spikes ("n") and membrane ("n#v") for the given per-step inputs. */
    private static Map<String, float[]> run(NirNode neuron, Backend b, float... input) {
        NirGraph g = typed(NirGraph.builder().node("input", Input.of(1)).node("n", neuron)
                .node("output", Output.of(null)).chain("input", "n", "output"));
        return Sim.run(g, b, input, input.length, List.of("n"), List.of("n"));
    }

    private static NirGraph braille() {
        return NirReader.read(E3.resolve("braille_noDelay_bias_zero.nir")).graph();
    }

    /** Every spiking node's output and every membrane, sample 0 of the Braille test set, 256 steps. */
    private static Map<String, float[]> braille(Backend b) {
        Program p = GraphCompiler.compile(braille(), b, 1e-4);
        float[] input = Csv.read(E3.resolve("derived/ds_test_sample0_input.csv")).values();
        return p.simulate(List.of(input), 256, 1, List.of("lif1.lif", "lif2"), List.of("lif1.lif"), 1);
    }

    private static int mismatches(Map<String, float[]> a, Map<String, float[]> b) {
        int n = 0;
        for (String node : List.of("lif1.lif", "lif2")) {
            for (int k = 0; k < a.get(node).length; k++) {
                n += a.get(node)[k] == b.get(node)[k] ? 0 : 1;
            }
        }
        return n;
    }

    @Test
    void spyxAndSnntorchDifferInSpikeTimingResetAndTheirImportRules() {
        Recipe spyx = recipe("spyx");
        Recipe snntorch = recipe("snntorch");
        assertEquals(List.of("spike timing", "reset", "import: Spyx: dt required",
                "import: Spyx: gains folded into the weights (R ignored)",
                "import: Spyx: v_leak ignored", "import: Spyx: LIF, IF: θ subtracted after the decay",
                "import: Spyx: CuBaLIF: θ subtracted twice", "import: snnTorch: dt fixed at 1e-4 s",
                "import: snnTorch: IF → Leaky(β = 0.9), subtract reset",
                "import: snnTorch: θ divided by the input gain"), spyx.differingAxes(snntorch));
        assertEquals("decided from the previous step's membrane (+1 step per spiking layer); reset before the decay",
                spyx.option("spike timing"));
        Recipe mid = spyx.with("spike timing", snntorch);
        assertEquals("decided from this step's membrane, after its input", mid.option("spike timing"));
        assertEquals("spyx with snntorch's spike timing", mid.build().name());
        assertEquals("not applied", spyx.option("import: snnTorch: dt fixed at 1e-4 s"));
        assertEquals("applied", spyx.with("import: snnTorch: dt fixed at 1e-4 s", snntorch)
                .option("import: snnTorch: dt fixed at 1e-4 s"));
        assertEquals(List.of(), spyx.differingAxes(spyx));
        assertThrows(IllegalArgumentException.class, () -> spyx.option("integrater"));
    }

    /**
     * LIF τ = 2e-4 s (dt/τ = 0.5), θ = 0.6, input 1 each step: v ← 0.5·v + 0.5 gives v = 0.5, 0.75, … Spyx decides
     * from the previous step's membrane, so it spikes at step 2 (v_1 = 0.75 &gt; θ) and, θ off after the decay,
     * v_2 = 0.875 − 0.6 = 0.275, v_3 = 0.6375 → the next spike at 4. With snnTorch's spike timing the same neuron
     * spikes when its membrane crosses: at step 1 (v ← 0.15), then v = 0.575, 0.7875 → step 3, then 0.59375, 0.796875
     * → step 5 — where snnTorch itself spikes.
     */
    @Test
    void spyxWithSnntorchsSpikeTimingSpikesInTheSameStep() {
        LIF lif = new LIF(v(2e-4), v(1), v(0), v(0.6), v(0), none());
        float[] ones = {1, 1, 1, 1, 1, 1};
        Backend mid = recipe("spyx").with("spike timing", recipe("snntorch")).build();
        assertArrayEquals(new float[] {0, 0, 1, 0, 1, 0}, run(lif, Backends.require("spyx"), ones).get("n"));
        assertArrayEquals(new float[] {0, 1, 0, 1, 0, 1}, run(lif, mid, ones).get("n"));
        assertArrayEquals(new float[] {0.5f, 0.15f, 0.575f, 0.1875f, 0.59375f, 0.196875f},
                run(lif, mid, ones).get("n#v"), 1e-6f);
        assertArrayEquals(run(lif, Backends.require("snntorch"), ones).get("n"), run(lif, mid, ones).get("n"));
    }

    /**
     * CubaLIF τ_syn = 2e-4, τ_mem = 1e-3, R = 10, θ = 1, input 1: Nengo's Lowpass synapse delivers the input a step
     * late. Without that rule: i = 0.5, J = 10·i/θ = 5, v_0 = 5·(1 − e^{−0.1}) = 0.4758; i = 0.75, J = 7.5,
     * v_1 = 7.5 + (0.4758 − 7.5)·e^{−0.1} = 1.144 &gt; 1 → the first spike at step 1, one step before Nengo's;
     * and every spike moves one step earlier.
     */
    @Test
    void nengoWithoutItsSynapseLatencySpikesOneStepEarlier() {
        CubaLIF cuba = new CubaLIF(v(2e-4), v(1e-3), v(10), v(0), v(1), v(0), v(1), none());
        float[] ones = new float[40];
        java.util.Arrays.fill(ones, 1);
        Recipe nengo = recipe("nengo");
        String latency = "import: Nengo: Lowpass synapse delivers next step";
        Backend mid = nengo.with(latency, recipe("norse")).build();
        assertEquals("not applied", nengo.with(latency, recipe("norse")).option(latency));
        float[] late = run(cuba, Backends.require("nengo"), ones).get("n");
        float[] early = run(cuba, mid, ones).get("n");
        assertEquals(1, first(early));
        assertEquals(2, first(late));
        assertEquals(5 * (1 - Math.exp(-0.1)), run(cuba, mid, ones).get("n#v")[0], 1e-6);
        for (int t = 0; t + 1 < ones.length; t++) {
            assertEquals(late[t + 1], early[t], "step " + t);
        }
    }

    /**
     * IF θ = 1 with input 5 each step: Sinabs counts n = ⌊v/θ⌋ = 5 spikes a step and subtracts them all; with a
     * single-spike subtract reset (Spyx's "v ← v − θ") the neuron emits one spike a step and its membrane climbs by
     * 4: 4, 8, 12, 16.
     */
    @Test
    void sinabsWithASingleSpikeResetEmitsAtMostOneSpikePerStep() {
        IF neuron = new IF(v(1), v(1), v(0), none());
        Recipe sinabs = recipe("sinabs");
        Backend single = sinabs.with("reset", recipe("spyx")).build();
        assertEquals("n = ⌊v/θ⌋ spikes, v ← v − n·θ", sinabs.option("reset"));
        assertArrayEquals(new float[] {5, 5, 5, 5}, run(neuron, Backends.require("sinabs"), 5, 5, 5, 5).get("n"));
        Map<String, float[]> out = run(neuron, single, 5, 5, 5, 5);
        assertArrayEquals(new float[] {1, 1, 1, 1}, out.get("n"));
        assertArrayEquals(new float[] {4, 8, 12, 16}, out.get("n#v"));
    }

    /**
     * Norse delays the recurrent map's output, so its bias is missing at step 0; with snnTorch's cycle delay the
     * bias b_rec arrives at once. From rest, Norse's Euler step gives i_0 = (dt/τ_syn)·w_in·u and
     * v_0 = (dt/τ_mem)·R·i_0, so lif1's membrane at step 0 rises by (dt/τ_mem)·R·(dt/τ_syn)·w_in·b_rec — and on
     * sample 0 that is the whole difference from snnTorch: 154 differing spike bins (lif1, lif2) become 0
     * (docs/platforms.md §3, §4.13).
     */
    @Test
    void norseWithSnntorchsCycleDelayHasTheRecurrentBiasAtStepZero() {
        Recipe norse = recipe("norse");
        Recipe snntorch = recipe("snntorch");
        assertEquals(List.of("cycle delay", "import: Norse: dt 0.001 s when none is given",
                "import: Norse: R ignored (LIF, LI)",
                "import: Norse: IF adds the input as is (R, dt unused)",
                "import: Norse: CubaLIF synapse relaxes to v_leak",
                "import: snnTorch: dt fixed at 1e-4 s", "import: snnTorch: IF → Leaky(β = 0.9), subtract reset",
                "import: snnTorch: θ divided by the input gain"), norse.differingAxes(snntorch));
        Map<String, float[]> plain = braille(Backends.require("norse"));
        Map<String, float[]> mid = braille(norse.with("cycle delay", snntorch).build());
        Map<String, float[]> target = braille(Backends.require("snntorch"));
        CubaLIF lif = (CubaLIF) braille().node("lif1.lif");
        double[] bias = ((Affine) braille().node("lif1.w_rec")).bias().toDoubleArray();
        double dt = 1e-4;
        for (int k = 0; k < bias.length; k++) {
            double gain = dt / lif.tauMem().getDouble(k) * lif.r().getDouble(k) * dt / lif.tauSyn().getDouble(k)
                    * lif.wIn().getDouble(k);
            assertEquals(gain * bias[k], mid.get("lif1.lif#v")[k] - plain.get("lif1.lif#v")[k], 1e-5, "neuron " + k);
        }
        assertEquals(154, mismatches(plain, target));
        assertEquals(0, mismatches(mid, target));
    }

    /**
     * One step of the report's walk: every axis the two differ on, taken alone from B; the one after which the spikes
     * of every spiking node differ from B's in fewest bins (null when none helps), and the refused ones with reasons.
     */
    private static String bestSingleChange(String from, String to, NirGraph g, float[] input, int steps,
            Map<String, String> refused) {
        Recipe a = recipe(from);
        Recipe b = recipe(to);
        float[] target = allSpikes(g, b.build(), input, steps);
        int least = differing(allSpikes(g, a.build(), input, steps), target);
        String best = null;
        for (String axis : a.differingAxes(b)) {
            try {
                int n = differing(allSpikes(g, a.with(axis, b).build(), input, steps), target);
                if (n < least) {
                    least = n;
                    best = axis;
                }
            } catch (RefusedCombination | SimulationException e) {
                refused.put(axis, e.getMessage());
            }
        }
        return best;
    }

    private static float[] allSpikes(NirGraph g, Backend b, float[] input, int steps) {
        Program p = GraphCompiler.compile(g, b, 1e-4);
        List<String> spiking = p.nodes().stream().filter(p::isSpiking).sorted().toList();
        Map<String, float[]> out = p.simulate(List.of(input), steps, 1, spiking, List.of(), 1);
        return spiking.stream().map(out::get).reduce(new float[0], (x, y) -> {
            float[] z = java.util.Arrays.copyOf(x, x.length + y.length);
            System.arraycopy(y, 0, z, x.length, y.length);
            return z;
        });
    }

    private static int differing(float[] a, float[] b) {
        int n = 0;
        for (int k = 0; k < a.length; k++) {
            n += a[k] == b[k] ? 0 : 1;
        }
        return n;
    }

    /**
     * The report's walk on Braille sample 0 finds the causes docs/platforms.md §4.13 names: from Spyx to snnTorch the
     * spike timing (the reset cannot move alone while Spyx's "θ subtracted twice" rule holds); from Nengo to Norse
     * Nengo's synapse latency; from Norse to snnTorch the cycle delay.
     */
    @Test
    void theWalkFindsTheKnownCausesOnBraille() {
        float[] input = Csv.read(E3.resolve("derived/ds_test_sample0_input.csv")).values();
        Map<String, String> refused = new java.util.TreeMap<>();
        assertEquals("spike timing", bestSingleChange("spyx", "snntorch", braille(), input, 256, refused));
        assertEquals(List.of("reset"), List.copyOf(refused.keySet()));
        assertTrue(refused.get("reset").contains("needs the plain subtract reset"), refused.get("reset"));
        assertEquals("import: Nengo: Lowpass synapse delivers next step",
                bestSingleChange("nengo", "norse", braille(), input, 256, refused));
        assertEquals("cycle delay", bestSingleChange("norse", "snntorch", braille(), input, 256, refused));
    }

    /**
     * On the paper's CNN (IF layers, a random input of 0–3 events per pixel and step) Sinabs differs from Norse and
     * from snnTorch most by its multi-spike reset: several spikes per step (subtract-all) against one.
     */
    @Test
    void sinabsDiffersMostByItsSeveralSpikesPerStep() {
        NirGraph cnn = NirReader.read(Path.of("src/test/resources/paper-artifacts/02_cnn/cnn_sinabs.nir")).graph();
        int n = GraphCompiler.compile(cnn, Backends.require("sinabs"), 1e-4).size("input");
        float[] input = new float[30 * n];
        java.util.Random r = new java.util.Random(3);
        for (int k = 0; k < input.length; k++) {
            input[k] = r.nextInt(3) == 0 ? r.nextInt(4) : 0;
        }
        Map<String, String> refused = new java.util.TreeMap<>();
        assertEquals("reset", bestSingleChange("sinabs", "norse", cnn, input, 30, refused));
        assertEquals("reset", bestSingleChange("sinabs", "snntorch", cnn, input, 30, refused));
        assertTrue(refused.get("import: snnTorch: IF → Leaky(β = 0.9), subtract reset").contains("both set its r"));
    }

    /**
     * The importer's per-node rules compose with the neuron choices: Nengo with Norse's forward Euler integrates E1's
     * first pulse to v = (dt/τ)·R·x = 0.04·10 = 0.4 instead of the exact 10·(1 − e^{−0.04}) (membrane in units of
     * θ), and its CubaLIF keeps the v ≥ 0 floor under a negative input, where Norse itself goes negative.
     */
    @Test
    void nengosPerNodeRulesFollowAChangedIntegrator() {
        Backend euler = recipe("nengo").with("integrator", recipe("norse")).build();
        NirGraph e1 = NirReader.read(Path.of("src/test/resources/paper-artifacts/01_lif/lif_norse.nir")).graph();
        double[][] rows = PaperLifTest.csv(PaperLifTest.EXACT_CSV);
        assertEquals(0.4, PaperTraces.simulate(e1, euler, rows).get("v")[60], 1e-6);
        assertEquals(10 * (1 - Math.exp(-0.04)), PaperTraces.simulate(e1, Backends.require("nengo"), rows).get("v")[60],
                1e-6);
        CubaLIF cuba = new CubaLIF(v(2e-4), v(1e-3), v(10), v(0), v(1), v(0), v(1), none());
        assertArrayEquals(new float[] {0, 0, 0}, run(cuba, euler, -1, -1, -1).get("n#v"));
        assertTrue(run(cuba, Backends.require("norse"), -1, -1, -1).get("n#v")[2] < 0);
    }

    @Test
    void combinationsThatMakeNoSenseAreRefusedWithOneLine() {
        Recipe lavaDl = recipe("lava-dl");
        Recipe norse = recipe("norse");
        RefusedCombination fixedWithFloat = assertThrows(RefusedCombination.class,
                () -> lavaDl.with("integrator", norse).build());
        assertTrue(fixedWithFloat.getMessage().startsWith("the number type 'integer states"),
                fixedWithFloat.getMessage());
        assertTrue(fixedWithFloat.getMessage().contains("runs its own integrator, not 'forward Euler"));
        RefusedCombination floatWithFixed = assertThrows(RefusedCombination.class,
                () -> lavaDl.with("number type", norse).build());
        assertTrue(floatWithFixed.getMessage().contains("runs only in lava-dl's own fixed-point arithmetic"));
        Backend allFive = lavaDl.with(Recipe.NEURON_AXES, norse).build();
        assertEquals(Backends.require("norse").neurons(), allFive.neurons());
        assertEquals(List.of("import: lava-dl converter: dt 0.0001 s when none is given",
                "import: lava-dl converter: recurrent bias dropped", "import: Norse: dt 0.001 s when none is given",
                "import: Norse: R ignored (LIF, LI)", "import: Norse: IF adds the input as is (R, dt unused)",
                "import: Norse: CubaLIF synapse relaxes to v_leak"),
                lavaDl.with(Recipe.NEURON_AXES, norse).differingAxes(norse).subList(1, 7));

        RefusedCombination exactBeforeInput = assertThrows(RefusedCombination.class,
                () -> recipe("spyx").with("integrator", recipe("exact")).build());
        assertTrue(exactBeforeInput.getMessage().startsWith("exact integration locates the crossing inside the step"));

        NirGraph e1 = NirReader.read(Path.of("src/test/resources/paper-artifacts/01_lif/lif_norse.nir")).graph();
        Backend exactWithFloor = recipe("exact").with("import: Nengo: v ≥ 0 floor (LIF, CubaLIF)", recipe("nengo"))
                .build();
        SimulationException floor = assertThrows(SimulationException.class,
                () -> GraphCompiler.compile(e1, exactWithFloor, 1e-4));
        assertTrue(floor.getMessage().contains("exact integration takes no membrane floor"), floor.getMessage());

        // Spyx sets a LIF's R to 1 (its gain folded into the weights), snnTorch's rule to τ/dt (θ divided by the
        // gain): with R = 2 in the file both change it, and the graph is refused naming both rules.
        NirGraph lif = typed(NirGraph.builder().node("input", Input.of(1))
                .node("n", new LIF(v(1e-3), v(2), v(0), v(1), v(0), none())).node("output", Output.of(null))
                .chain("input", "n", "output"));
        Recipe spyx = recipe("spyx");
        Recipe snntorch = recipe("snntorch");
        String gain = "import: snnTorch: θ divided by the input gain";
        SimulationException both = assertThrows(SimulationException.class,
                () -> GraphCompiler.compile(lif, spyx.with(gain, snntorch).build(), 1e-4));
        assertEquals("node 'n': the rules 'import: Spyx: gains folded into the weights (R ignored)' and '" + gain
                + "' both set its r: a combination of two importers that disagree", both.getMessage());
        Recipe swapped = spyx.with(List.of("import: Spyx: gains folded into the weights (R ignored)", gain), snntorch);
        assertNotEquals(null, GraphCompiler.compile(lif, swapped.build(), 1e-4));
        // on E1's LIF (R = 1) Spyx's rule changes nothing, so the two rules do not disagree there
        assertNotEquals(null, GraphCompiler.compile(e1, spyx.with(gain, snntorch).build(), 1e-4));
    }

    private static int first(float[] spikes) {
        for (int t = 0; t < spikes.length; t++) {
            if (spikes[t] != 0) {
                return t;
            }
        }
        return -1;
    }
}
