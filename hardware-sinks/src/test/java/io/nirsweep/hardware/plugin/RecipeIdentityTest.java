package io.nirsweep.hardware.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nirsweep.model.NirGraph;
import io.nirsweep.model.hdf5.NirReader;
import io.nirsweep.sim.backend.Backend;
import io.nirsweep.sim.backend.Backends;
import io.nirsweep.sim.backend.Recipe;
import io.nirsweep.sim.backend.RefusedCombination;
import io.nirsweep.sim.engine.GraphCompiler;
import io.nirsweep.sim.engine.Program;
import io.nirsweep.sim.io.Csv;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Every registered backend, simulators and chips, decomposed into its choices and built again
 * ({@code Recipe.of(b).build()}), runs exactly as the backend: the same table row, and on each of the paper's models
 * the same spikes and membranes of every neuron at every step, the same notes and delayed edges — or the same refusal.
 */
class RecipeIdentityTest {
    static final Path ART = Path.of("../sim-operators/src/test/resources/paper-artifacts");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"01_lif/lif_norse.nir", "01_lif/two_lif_neurons.nir", "02_cnn/cnn_sinabs.nir",
        "03_rnn/braille_noDelay_bias_zero.nir", "03_rnn/braille_noDelay_noBias_subtract.nir"})
    void everyBackendRebuiltFromItsRecipeRunsTheSame(String model) {
        NirGraph g = NirReader.read(ART.resolve(model)).graph();
        int ran = 0;
        for (Backend b : Backends.all()) {
            Backend rebuilt = Recipe.of(b).build();
            assertEquals(b.name(), rebuilt.name());
            List<String> expected = outcome(g, model, b);
            assertEquals(expected, outcome(g, model, rebuilt), b.name() + " on " + model);
            ran += expected.get(0).startsWith("refused") ? 0 : 1;
        }
        assertTrue(ran >= 5, "too few backends run " + model);
    }

    @Test
    void theBackendsTableIsTheSameFromRecipes() {
        for (Backend b : Backends.all()) {
            assertEquals(b.choices(), Recipe.of(b).build().choices(), b.name());
            assertEquals(b.description(), Recipe.of(b).build().description());
        }
    }

    /**
     * A chip is decomposed coarsely: one indivisible arithmetic on the five neuron axes, its cycle delay, and its
     * whole conversion as one import axis; the conversion runs only with its own arithmetic.
     */
    @Test
    void aChipIsItsArithmeticItsCycleDelayAndOneConversion() {
        Recipe xylo = Recipe.of(Backends.require("xylo"));
        Recipe norse = Recipe.of(Backends.require("norse"));
        assertEquals(List.of("integrator", "spike test", "spike timing", "reset", "number type", "cycle delay",
                "import: xylo: the whole conversion"), xylo.axes());
        assertTrue(xylo.option("integrator").endsWith("(xylo's arithmetic, indivisible)"), xylo.option("integrator"));
        RefusedCombination floatXylo = assertThrows(RefusedCombination.class,
                () -> xylo.with(Recipe.NEURON_AXES, norse).build());
        assertEquals("'import: xylo: the whole conversion' converts each neuron into xylo's own arithmetic: it runs "
                + "only with that number type", floatXylo.getMessage());
        Backend otherLoop = Recipe.of(Backends.require("loihi2")).with("cycle delay", norse).build();
        assertEquals(Backend.CycleDelay.CLOSING_EDGE, otherLoop.cycleDelay());
        assertEquals(Backends.require("loihi2").neurons(), otherLoop.neurons());
    }

    /** The outcome of a run in comparable lines: every recorded array, the notes and delayed edges, or the refusal. */
    private static List<String> outcome(NirGraph g, String model, Backend b) {
        Program p;
        try {
            p = GraphCompiler.compile(g, b, 1e-4);
        } catch (RuntimeException e) {
            return List.of("refused " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        int steps = model.contains("cnn") ? 30 : model.contains("rnn") ? 256 : 300;
        float[] in;
        if (model.contains("rnn")) {
            in = Csv.read(ART.resolve("03_rnn/derived/ds_test_sample0_input.csv")).values();
        } else {
            in = new float[steps * p.size(p.inputs().get(0))];
            Random r = new Random(7);
            for (int k = 0; k < in.length; k++) {
                in[k] = r.nextInt(model.contains("cnn") ? 20 : 4) == 0 ? 1 : 0;
            }
        }
        List<String> spiking = p.nodes().stream().filter(p::isSpiking).toList();
        List<String> membranes = p.nodes().stream().filter(p::hasMembrane).toList();
        Map<String, float[]> out = p.simulate(List.of(in), steps, 1, spiking, membranes, 1);
        List<String> lines = new ArrayList<>();
        out.forEach((node, values) -> lines.add(node + " " + Arrays.toString(values)));
        p.notes().forEach(n -> lines.add("note " + n));
        lines.add("delayed " + p.delayedEdges());
        return lines;
    }
}
