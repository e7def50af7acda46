package io.nirsweep.sim;

import io.nirsweep.model.Affine;
import io.nirsweep.model.Corpus;
import io.nirsweep.model.Input;
import io.nirsweep.model.LIF;
import io.nirsweep.model.NirGraph;
import io.nirsweep.model.Output;
import io.nirsweep.model.hdf5.NirReader;
import io.nirsweep.sim.backend.Backends;
import io.nirsweep.sim.backend.StepLength;
import io.nirsweep.sim.engine.GraphCompiler;
import io.nirsweep.sim.engine.Program;
import static io.nirsweep.sim.Sim.f32;
import static io.nirsweep.sim.Sim.none;
import static io.nirsweep.sim.Sim.typed;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code --dt native}: each simulator backend runs at the dt its importer uses when its user passes none
 * (docs/platforms.md §4.1, "each importer's own dt"), on the paper's files, against values derived by hand.
 */
class NativeDtTest {
    private static final Path E3 = Path.of("src/test/resources/paper-artifacts/03_rnn");

    private static NirGraph braille(String variant) {
        return NirReader.read(E3.resolve("braille_noDelay_" + variant + ".nir")).graph();
    }

    private static NirGraph lif() {
        return NirReader.read(Corpus.file("external/neuromorphs_NIR/paper/01_lif/lif_norse.nir")).graph();
    }

    private static Program nativeRun(NirGraph g, String backend) {
        return GraphCompiler.compile(g, Backends.byName(backend), StepLength.NATIVE, null);
    }

    /**
     * A fixed or default dt, whatever the file: snnTorch's hard-coded 1e-4 s (both versions), Norse's
     * from_nir(dt=0.001), the paper's Nengo converters' nir_to_nengo(dt=0.001), its Lava converter's
     * ImportConfig.dt = 1e-4 (lava and lava-dl paths).
     */
    @ParameterizedTest(name = "{0} on Braille {1}: dt {2} s")
    @CsvSource({"snntorch, bias_zero, 1e-4", "snntorch@0.9.4, bias_zero, 1e-4",
        "snntorch-subtract, noBias_subtract, 1e-4", "norse, bias_zero, 1e-3",
        "norse, noBias_subtract, 1e-3", "nengo, bias_zero, 1e-3", "lava-dl, bias_zero, 1e-4"})
    void importersWithAFixedOrDefaultDtOnBraille(String backend, String variant, double dt) {
        Program p = nativeRun(braille(variant), backend);
        assertEquals(dt, p.dt());
        if (!backend.startsWith("snntorch")) {
            assertTrue(p.notes().stream().anyMatch(n -> n.node() == null && n.text().startsWith("dt native → ")),
                    p.notes().toString());
        }
    }

    @ParameterizedTest(name = "{0} on lif_norse.nir: dt {1} s")
    @CsvSource({"lava, 1e-4", "spikingjelly, 1e-4", "norse, 1e-3", "sinabs, 1",
        "snntorch@3726386, 1e-4"})
    void importersWithADefaultDtOnTheLifFile(String backend, double dt) {
        assertEquals(dt, nativeRun(lif(), backend).dt());
    }

    /**
     * Rockpool guesses dt per module as τ_mem/(1 + r). The Braille files were exported from snnTorch at 1e-4 s with
     * τ = 1e-4/(1 − β) and r = τ/1e-4, so τ/(1 + r) = 1e-4/(2 − β): bias_zero hidden β = 0.9 → 9.0909e-5 s, output
     * β = 0.55 → 6.8966e-5 s; subtract hidden 0.85 → 8.6957e-5, output 0.7 → 7.6923e-5. The run takes the smallest
     * (the output's), in float32; the hidden layer keeps its own guess, noted.
     */
    @ParameterizedTest(name = "rockpool on Braille {0}")
    @CsvSource({"bias_zero, 0.55, 0.9", "noBias_subtract, 0.7, 0.85"})
    void rockpoolGuessesEachModulesDtAndRunsAtTheSmallest(String variant, double betaOut, double betaHidden) {
        Program p = nativeRun(braille(variant), "rockpool");
        assertEquals(1e-4 / (2 - betaOut), p.dt(), 1e-6 * p.dt());
        assertEquals(p.dt(), (double) (float) p.dt(), "the guess is a float32");
        String hiddenOwn = String.format(java.util.Locale.ROOT, "%.6g", 1e-4 / (2 - betaHidden));
        assertTrue(p.notes().stream().anyMatch(n -> n.node() != null && n.text().startsWith(
                "Rockpool runs this module at its own guess dt = " + hiddenOwn)), p.notes().toString());
    }

    /**
     * Two LIF modules, each its own guess (LIFNeuronTorch: v ← e^{−dt_m/τ}·v + x, R ignored): a τ = 1 ms, r = 10
     * → dt_a = 1e-3/11 and b τ = 0.2222 ms, r = 2.222 → dt_b = τ_b/3.222; since dt_m/τ = 1/(1 + r), a pulse of 1
     * decays as e^{−t/11} in a and as e^{−t/3.222} in b — each at its own dt although the run has one (dt_b). With
     * a given dt of 1e-4 s both decay as e^{−dt/τ} instead.
     */
    @Test
    void rockpoolKeepsEachModulesDecaysAtItsOwnGuess() {
        NirGraph g = typed(NirGraph.builder().node("input", Input.of(1))
                .node("a", new LIF(f32(new int[] {1}, 1e-3), f32(new int[] {1}, 10), f32(new int[] {1}, 0),
                        f32(new int[] {1}, 100), f32(new int[] {1}, 0), none()))
                .node("w", new Affine(f32(new int[] {1, 1}, 1), f32(new int[] {1}, 0), none()))
                .node("b", new LIF(f32(new int[] {1}, 2.222e-4), f32(new int[] {1}, 2.222), f32(new int[] {1}, 0),
                        f32(new int[] {1}, 100), f32(new int[] {1}, 0), none()))
                .node("oa", Output.of(null)).node("ob", Output.of(null))
                .chain("input", "a", "oa").chain("input", "w", "b", "ob"));
        Program p = nativeRun(g, "rockpool");
        assertEquals((double) (2.222e-4f / (1f + 2.222f)), p.dt());
        float[] pulse = {1, 0, 0, 0, 0};
        Map<String, float[]> out = p.simulate(List.of(pulse), 5, 1, List.of("a", "b"), List.of("a", "b"), 1);
        for (int t = 0; t < 5; t++) {
            assertEquals(Math.exp(-t / 11.0), out.get("a#v")[t], 1e-6, "a at step " + t);
            assertEquals(Math.exp(-t / 3.222), out.get("b#v")[t], 1e-6, "b at step " + t);
        }
        Map<String, float[]> given = GraphCompiler.compile(g, Backends.require("rockpool"), 1e-4)
                .simulate(List.of(pulse), 5, 1, List.of("a", "b"), List.of("a", "b"), 1);
        assertEquals(Math.exp(-4 * 0.1), given.get("a#v")[4], 1e-6);
        assertEquals(Math.exp(-4 * 1e-4 / 2.222e-4), given.get("b#v")[4], 1e-6);
    }

    /**
     * Sinabs has no dt: τ is a number of steps. lif_norse.nir's τ = 2.5e-3 "steps" decays by e^{−400} = 0 (in
     * float32): the membrane is each step's input alone, where the paper's user-divided τ (dt = 1e-4: τ = 25 steps)
     * accumulates v ← e^{−1/25}·v + x.
     */
    @Test
    void sinabsReadsTauAsSteps() {
        NirGraph g = typed(NirGraph.builder().node("input", Input.of(1))
                .node("n", new LIF(f32(new int[] {1}, 2.5e-3), f32(new int[] {1}, 1), f32(new int[] {1}, 0),
                        f32(new int[] {1}, 10), f32(new int[] {1}, 0), none()))
                .node("output", Output.of(null)).chain("input", "n", "output"));
        float[] input = {0.5f, 0.5f, 0.5f};
        Map<String, float[]> own = nativeRun(g, "sinabs").simulate(List.of(input), 3, 1, List.of("n"), List.of("n"), 1);
        assertArrayEquals(new float[] {0.5f, 0.5f, 0.5f}, own.get("n#v"), 1e-7f);
        Map<String, float[]> divided = GraphCompiler.compile(g, Backends.require("sinabs"), 1e-4)
                .simulate(List.of(input), 3, 1, List.of("n"), List.of("n"), 1);
        double e = Math.exp(-1 / 25.0);
        assertEquals(0.5 * (1 + e + e * e), divided.get("n#v")[2], 1e-6);
    }

    /** Spyx 97ff1f9's from_nir takes dt as a required argument; the reference backends are NIR's equations only. */
    @ParameterizedTest(name = "{0} has no dt of its own")
    @ValueSource(strings = {"exact", "euler", "spyx"})
    void backendsWithoutADtOfTheirOwnAreRefused(String backend) {
        SimulationException e = assertThrows(SimulationException.class, () -> nativeRun(lif(), backend));
        assertNull(e.node());
        assertTrue(e.getMessage().contains(backend.equals("spyx")
                ? "Spyx 97ff1f9's from_nir(nir_graph, sample_batch, dt) has no default dt: give dt in seconds"
                : "the " + backend + " backend has no dt of its own: give dt in seconds"), e.getMessage());
    }

    /** A given dt is untouched by the importers' defaults (they apply only to native): the paper's runs stay. */
    @ParameterizedTest(name = "{0} at a given dt")
    @ValueSource(strings = {"norse", "nengo", "rockpool", "lava-dl"})
    void aGivenDtIsKept(String backend) {
        assertEquals(1e-4, GraphCompiler.compile(braille("bias_zero"), Backends.byName(backend), 1e-4).dt());
    }

    @Test
    void stepLengthsParseAndPrint() {
        assertEquals(StepLength.NATIVE, StepLength.parse("native"));
        assertEquals(StepLength.seconds(1e-4), StepLength.parse(" 1e-4 "));
        assertEquals("0.0001", StepLength.parse("1e-4").toString());
        assertEquals("native", StepLength.NATIVE.toString());
        for (String bad : List.of("0", "-1e-4", "Infinity", "NaN", "nativ", "")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StepLength.parse(bad));
            assertTrue(e.getMessage().startsWith("dt must be a positive number of seconds"), e.getMessage());
        }
        assertThrows(IllegalStateException.class, StepLength.NATIVE::seconds);
    }
}
