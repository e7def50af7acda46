package io.nirsweep.sim;

import io.nirsweep.model.Corpus;
import io.nirsweep.model.Input;
import io.nirsweep.model.LIF;
import io.nirsweep.model.Linear;
import io.nirsweep.model.NirGraph;
import io.nirsweep.model.Output;
import io.nirsweep.model.hdf5.NirReader;
import io.nirsweep.sim.backend.Backend;
import io.nirsweep.sim.backend.Backends;
import io.nirsweep.sim.engine.GraphCompiler;
import io.nirsweep.sim.engine.Program;
import io.nirsweep.sim.io.Csv;
import io.nirsweep.sim.io.Npy;
import io.nirsweep.sim.io.NpyArray;
import static org.junit.jupiter.api.Assertions.assertEquals;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Paper experiment 1 through the simulator backends (docs/platforms.md §2.1, §3): {@code lif_norse.nir} at dt = 1e-4 s
 * for 1000 steps, each backend driven by column 1 of its platform's published CSV; its spikes must equal the CSV's
 * spike column at every step and its membrane the CSV's voltage, in the platform's own units.
 */
class PaperBackendsTest {
    static final Path E1 = PaperLifTest.EXACT_CSV.getParent();

    static Map<String, float[]> simulate(NirGraph g, Backend backend, double[][] rows) {
        return PaperTraces.simulate(g, backend, rows);
    }

    static void assertTrace(double[][] rows, Map<String, float[]> out, double tolerance) {
        PaperTraces.assertTrace(rows, out, tolerance);
    }

    static List<Integer> steps(float[] spikes) {
        return PaperTraces.steps(spikes);
    }

    @ParameterizedTest(name = "{0} reproduces lif_{1}.csv")
    @CsvSource({"norse, norse, 1e-6", "snntorch, snntorch, 1e-5", "spyx, spyx, 1e-6", "sinabs, sinabs, 1e-6"})
    void e1TraceOfEachSimulator(String backend, String csv, double tolerance) {
        NirGraph g = NirReader.read(Corpus.file("external/neuromorphs_NIR/paper/01_lif/lif_norse.nir")).graph();
        double[][] rows = PaperLifTest.csv(E1.resolve("lif_" + csv + ".csv"));
        Map<String, float[]> out = simulate(g, Backends.byName(backend), rows);
        List<Integer> published = new ArrayList<>();
        for (int t = 0; t < rows.length; t++) {
            if (rows[t][2] != 0) {
                published.add(t);
            }
        }
        assertEquals(published, steps(out.get("spikes")));
        assertTrace(rows, out, tolerance);
    }

    /**
     * Nengo's E1 CSV is kept back; docs/platforms.md §2.1 publishes its spike steps, 460, 510, 710, 760 (exact
     * membrane,
     * end-of-step test), and its voltage convention, normalised to θ = 1: the first pulse lifts v to 10·(1 − e^{−0.04}).
     */
    @Test
    void e1NengoSpikeStepsAsPublished() {
        NirGraph g = NirReader.read(Corpus.file("external/neuromorphs_NIR/paper/01_lif/lif_norse.nir")).graph();
        Map<String, float[]> out = simulate(g, Backends.require("nengo"), PaperLifTest.csv(PaperLifTest.EXACT_CSV));
        assertEquals(List.of(460, 510, 710, 760), steps(out.get("spikes")));
        assertEquals(10 * (1 - Math.exp(-0.04)), out.get("v")[60], 1e-6);
    }

    /**
     * Rockpool's E1 trace did not come from lif_norse.nir: the notebook built the model natively (docs/platforms.md
     * §2.1,
     * MANIFEST) — LinearTorch with weight 0.04 (= dt/τ, set by hand) into LIFNeuronTorch(τ = 2.5 ms, θ = 0.1). That
     * model as a NIR graph, run by the rockpool backend, reproduces the trace (first spikes 450, 500: exact decay
     * with a gain of 0.04 overshoots).
     */
    @Test
    void e1RockpoolTraceFromTheNotebooksModel() {
        NirGraph g = Sim.typed(NirGraph.builder().node("input", Input.of(1))
                .node("w", new Linear(Sim.f32(new int[] {1, 1}, 0.04), Sim.none()))
                .node("lif", new LIF(Sim.v(0.0025), Sim.v(1), Sim.v(0), Sim.v(0.1), Sim.v(0), Sim.none()))
                .node("output", Output.of(null)).chain("input", "w", "lif", "output"));
        double[][] rows = PaperLifTest.csv(E1.resolve("lif_rockpool.csv"));
        Map<String, float[]> out = simulate(g, Backends.require("rockpool"), rows);
        assertEquals(List.of(450, 500, 710, 760), steps(out.get("spikes")));
        assertTrace(rows, out, 1e-6);
    }

    /**
     * Lava's E1 traces came from a notebook that wired the LIF by hand behind one Dense — the Affine's weight 1 folded
     * into the LIF's Dense(dt/τ) — not through the converter, which gives the Affine a Dense of its own. That model
     * (Input → LIF) under the converter's rules reproduces both CPU traces: one step of Dense latency (461, 511, 711,
     * 761); the fixed-point voltage in Loihi's integers (θ → 1600), the float one in volts.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"lava, lava_cpu_float, 1e-6"}) // lava-fixed: in hardware-sinks' LavaFixedTest
    void e1LavaTracesFromTheNotebooksOneDenseModel(String backend, String csv, double tolerance) {
        NirGraph g = Sim.typed(NirGraph.builder().node("input", Input.of(1))
                .node("lif", new LIF(Sim.v(0.0025), Sim.v(1), Sim.v(0), Sim.v(0.1), Sim.v(0), Sim.none()))
                .node("output", Output.of(null)).chain("input", "lif", "output"));
        double[][] rows = PaperLifTest.csv(E1.resolve("lif_" + csv + ".csv"));
        Map<String, float[]> out = simulate(g, Backends.byName(backend), rows);
        assertEquals(List.of(461, 511, 711, 761), steps(out.get("spikes")));
        assertTrace(rows, out, tolerance);
    }

    /** Through the converter, lif_norse.nir's Affine is a Dense of its own: two steps of latency, first spike at 462. */
    @Test
    void lavaConverterOnTheNorseFileAddsTwoSteps() {
        NirGraph g = NirReader.read(Corpus.file("external/neuromorphs_NIR/paper/01_lif/lif_norse.nir")).graph();
        double[][] rows = PaperLifTest.csv(E1.resolve("lif_lava_cpu_float.csv"));
        assertEquals(List.of(462, 512, 712, 762), steps(simulate(g, Backends.require("lava"), rows).get("spikes")));
        float[] v = simulate(g, Backends.require("lava"), rows).get("v");
        assertEquals(0, v[61]);
        assertEquals(0.04, v[62], 1e-7);
    }

    /** The rockpool backend on lif_norse.nir itself: R ignored, weight 1 — a pulse lifts v to 1: ⌊1/0.1⌋ = 10 spikes. */
    @Test
    void rockpoolOnTheNorseFileIgnoresRAndFiresBursts() {
        NirGraph g = NirReader.read(Corpus.file("external/neuromorphs_NIR/paper/01_lif/lif_norse.nir")).graph();
        double[][] rows = PaperLifTest.csv(E1.resolve("lif_exact.csv"));
        float[] spikes = simulate(g, Backends.require("rockpool"), rows).get("spikes");
        assertEquals(10f, spikes[60]); // the first pulse
    }

    // ---- experiment 3 ------------------------------------------------------------------------------------

    static final Path E3 = PaperRecurrentTest.E3;

    /** lif1's spikes of a backend on test sample 0, time-major (the hidden layer is lif1/lif in nested files). */
    static float[] hiddenSpikes(String model, Backend backend) {
        NirGraph g = NirReader.read(E3.resolve("braille_" + model + ".nir")).graph();
        NpyArray input = Csv.read(E3.resolve("derived/ds_test_sample0_input.csv"));
        Program p = GraphCompiler.compile(g, backend, 1e-4);
        String hidden = p.nodes().stream().filter(n -> n.endsWith("lif1.lif") || n.equals("lif1/lif")).findFirst()
                .orElseThrow();
        return p.simulate(List.of(input.values()), 256, 1, List.of(hidden), List.of(), 1).get(hidden);
    }

    /** Bins of lif1's spikes that differ from a published activity file, per step. */
    static int[] mismatchesPerStep(String model, Backend backend, String published) {
        float[] spikes = hiddenSpikes(model, backend);
        NpyArray expected = Npy.read(E3.resolve(published));
        assertEquals(expected.size(), spikes.length);
        int n = spikes.length / 256;
        int[] perStep = new int[256];
        for (int k = 0; k < spikes.length; k++) {
            perStep[k / n] += spikes[k] == expected.get(k) ? 0 : 1;
        }
        return perStep;
    }

    static int total(int[] perStep) {
        return java.util.Arrays.stream(perStep).sum();
    }

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource({"snntorch, noDelay_bias_zero, snntorch", "snntorch-subtract, noDelay_noBias_subtract, snntorch",
        "norse, noDelay_bias_zero, norse", "norse, noDelay_noBias_subtract, norse",
        "spyx, noDelay_bias_zero, spyx", "spyx, noDelay_noBias_subtract, spyx"})
    void e3ActivityWithoutAMismatchingBin(String backend, String model, String platform) {
        int[] perStep = mismatchesPerStep(model, Backends.byName(backend), platform + "_activity_" + model + ".npy");
        assertEquals(0, total(perStep));
    }

    /**
     * Rockpool's published activity (docs/platforms.md §3) is not exactly reproducible: its evaluation loop never reset
     * the neuron state between samples, so sample 0 started from the previous run's state. The rules reproduce it
     * except in 37 bins, all in steps 8–117, and agree exactly from step 118 on, once the carried-over state has
     * decayed away.
     */
    @Test
    void e3RockpoolWithinTheCarriedOverStateTolerance() {
        int[] perStep = mismatchesPerStep("noDelay_noBias_subtract", Backends.require("rockpool"),
                "rockpool_activity_noDelay_noBias_subtract.npy");
        StringBuilder where = new StringBuilder();
        for (int t = 0; t < perStep.length; t++) {
            if (perStep[t] != 0) {
                where.append(t).append(':').append(perStep[t]).append(' ');
            }
        }
        for (int t = 0; t < perStep.length; t++) {
            if (t < 8 || t > 117) {
                assertEquals(0, perStep[t], "mismatching bins at step " + t + " (all: " + where + ")");
            }
        }
        assertEquals(37, total(perStep), "mismatching bins (step:count) " + where);
    }

    /**
     * Nengo's and lava-dl's activity files are kept back (checked independently); what docs/platforms.md §2.3 states of
     * them — lif1's spike total for test sample 0 — the backends built from §4.6 and §4.7 reproduce: Nengo 174
     * (bias_zero) and 150 (noBias_subtract), lava-dl 109 (bias_zero).
     */
    @ParameterizedTest(name = "{0} on {1}: {2} spikes")
    @CsvSource({"nengo, noDelay_bias_zero, 174", "nengo, noDelay_noBias_subtract, 150",
        "lava-dl, noDelay_bias_zero, 109"})
    void e3HiddenSpikeTotalsPublishedForTheKeptBackFiles(String backend, String model, int total) {
        double sum = 0;
        for (float s : hiddenSpikes(model, Backends.byName(backend))) {
            sum += s;
        }
        assertEquals(total, sum);
    }
}
