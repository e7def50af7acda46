package io.nirsweep.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nirsweep.model.NirGraph;
import io.nirsweep.model.hdf5.NirReader;
import io.nirsweep.sim.io.Csv;
import io.nirsweep.sim.io.Npy;
import io.nirsweep.sim.io.NpyArray;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Paper experiment 3 (platforms.md §3): the Braille networks on the recovered test sample 0, dt = 1e-4 s,
 * 256 steps, hidden layer {@code lif1.lif} recorded. Norse's step rules as engine choices — forward Euler with
 * the synaptic current updated first, v &gt; θ, reset to zero, float32, and the recurrent Affine's output (bias
 * included) arriving one step late, zero at step 0 (the engine's cycle delay) — give Norse's published activity
 * with no mismatching bin, for both models (the subtract model too: Norse's recording helper reset to zero).
 */
class PaperRecurrentTest {
    static final Path E3 = Path.of("src/test/resources/paper-artifacts/03_rnn");

    static final Backend NORSE_RULES = new Backend("norse-rules", "Norse's CubaLIF step (platforms.md §4.2)",
            Backend.Integrator.EULER_CURRENT_FIRST, Backend.SpikeTest.GREATER, Backend.Reset.TO_V_RESET,
            Backend.Precision.FLOAT32);

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"noDelay_bias_zero", "noDelay_noBias_subtract"})
    void norseRulesReproduceNorsesPublishedActivity(String model) {
        NirGraph g = NirReader.read(E3.resolve("braille_" + model + ".nir")).graph();
        NpyArray input = Csv.read(E3.resolve("derived/ds_test_sample0_input.csv"));
        Program p = GraphCompiler.compile(g, NORSE_RULES, 1e-4);
        float[] spikes = p.simulate(List.of(input.values()), 256, 1, List.of("lif1.lif"), List.of(), 1).get("lif1.lif");
        NpyArray published = Npy.read(E3.resolve("norse_activity_" + model + ".npy"));
        assertEquals(published.size(), spikes.length);
        int mismatches = 0;
        for (int k = 0; k < spikes.length; k++) {
            mismatches += spikes[k] == published.get(k) ? 0 : 1;
        }
        assertEquals(0, mismatches, "bins that differ from norse_activity_" + model + ".npy");
    }
}
