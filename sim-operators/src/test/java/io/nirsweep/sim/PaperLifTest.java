package io.nirsweep.sim;

import io.nirsweep.model.Corpus;
import io.nirsweep.model.NirGraph;
import io.nirsweep.model.hdf5.NirReader;
import io.nirsweep.sim.backend.Backend;
import io.nirsweep.sim.backend.Backends;
import io.nirsweep.sim.engine.GraphCompiler;
import io.nirsweep.sim.engine.Program;
import static org.junit.jupiter.api.Assertions.assertEquals;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Paper experiment 1 (docs/platforms.md §1.2, §2.1): the single LIF neuron of {@code lif_norse.nir} (τ = 2.5 ms,
 * R = 1, θ = 0.1) driven by the published pulse train at dt = 1e-4 s for 1000 steps.
 */
class PaperLifTest {
    static final Path EXACT_CSV = Path.of("src/test/resources/paper-artifacts/01_lif/lif_exact.csv");

    static double[][] csv(Path file) {
        return PaperTraces.csv(file);
    }

    private static Map<String, float[]> simulate(Backend backend, double[][] rows) {
        NirGraph g = NirReader.read(Corpus.file("external/neuromorphs_NIR/paper/01_lif/lif_norse.nir")).graph();
        float[] input = new float[rows.length];
        for (int t = 0; t < rows.length; t++) {
            input[t] = (float) rows[t][0];
        }
        Program p = GraphCompiler.compile(g, backend, 1e-4);
        return p.simulate(List.of(input), rows.length, 1, List.of("1"), List.of("1"), 1);
    }

    @Test
    void exactReproducesThePublishedExactSolution() throws IOException {
        double[][] rows = csv(EXACT_CSV);
        Map<String, float[]> out = simulate(Backends.require("exact"), rows);
        assertEquals(List.of(460, 510, 710, 760), PaperTraces.steps(out.get("1")));
        for (int t = 0; t < rows.length; t++) {
            assertEquals(rows[t][2], out.get("1")[t], "spike at step " + t);
            assertEquals(rows[t][1], out.get("1#v")[t], 1e-6, "voltage at step " + t);
        }
    }

    @Test
    void eulerIsTheRecurrenceVTimes096PlusX004() throws IOException {
        // Forward Euler at dt/τ = 0.04: v ← 0.96·v + 0.04·x, spike when v > 0.1, v ← 0 (derived by hand).
        double[][] rows = csv(EXACT_CSV);
        Map<String, float[]> out = simulate(Backends.require("euler"), rows);
        double v = 0;
        List<Integer> expected = new ArrayList<>();
        for (int t = 0; t < rows.length; t++) {
            v = v + 0.04 * (0 - v + rows[t][0]);
            if (v > 0.1) {
                expected.add(t);
                v = 0;
            }
            assertEquals(v, out.get("1#v")[t], 1e-7, "voltage at step " + t);
        }
        // The Euler peak at step 450 is 0.0998 < 0.1 (docs/platforms.md §1.2), so Euler fires where exact does.
        assertEquals(List.of(460, 510, 710, 760), expected);
        assertEquals(expected, PaperTraces.steps(out.get("1")));
    }
}
