package io.nirsweep.hardware.xylo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nirsweep.hardware.target.Chips;
import io.nirsweep.model.NirGraph;
import io.nirsweep.model.hdf5.NirReader;
import io.nirsweep.sim.engine.GraphCompiler;
import io.nirsweep.sim.engine.Program;
import io.nirsweep.sim.io.Csv;
import io.nirsweep.sim.io.Npy;
import io.nirsweep.sim.io.NpyArray;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Experiment 3 on the {@code xylo} target: the noBias_subtract Braille network on test sample 0, against the published
 * Xylo activity ({@code 03_rnn/xylo_activity_noDelay_noBias_subtract.npy}, (256, 40)) — statistically only, because
 * the paper's notebook recorded that file for the last random draw of its accuracy loop, not for sample 0
 * (docs/platforms.md §2.3, §3). Measured here: 104 hidden spikes (published 151, another sample), cosine 0.561 of the
 * time-averaged hidden activity (the other platforms' sample-0 activity against that file: 0.52–0.61), readout
 * counts led by class 1, letter A (sample 0's label).
 */
class XyloBrailleTest {
    static final Path E3 = Path.of("../sim-operators/src/test/resources/paper-artifacts/03_rnn");
    static final int STEPS = 256;
    static final int HIDDEN = 40;
    static final int CLASSES = 7;

    /**
     * Bounds from what the published numbers can say, not from this run: a spike total of the same order as the
     * published 151 (between half and twice: 75–302); a cosine of time-averaged activity at least 0.4 — the published
     * file against sample 0 of every other platform scores 0.52–0.61, a different sample of the same network, while
     * unrelated activity of 40 non-negative rates would still score well above 0, so 0.4 only says "the same
     * neurons are the busy ones"; the readout's largest count on class 1 (letter A, sample 0's label in
     * conf/data/ORIGIN.md), which snnTorch, Norse and SpiNNaker2 also classify correctly.
     */
    @Test
    void hiddenActivityOfTheSameOrderAsThePublishedXyloRun() {
        NirGraph g = NirReader.read(Path.of("../conf/models/braille_noDelay_noBias_subtract.nir")).graph();
        NpyArray input = Csv.read(Path.of("../conf/data/braille_test_sample0.csv"));
        assertEquals(STEPS * 12, input.size());
        Program p = GraphCompiler.compile(g, Chips.require("xylo"), 1e-4);
        Map<String, float[]> out = p.simulate(List.of(input.values()), STEPS, 1, List.of("lif1.lif", "lif2"),
                List.of("lif1.lif"), 1);
        float[] hidden = out.get("lif1.lif");
        NpyArray published = Npy.read(E3.resolve("xylo_activity_noDelay_noBias_subtract.npy"));
        assertEquals(STEPS * HIDDEN, published.size());
        double ours = 0;
        double theirs = 0;
        double[] a = new double[HIDDEN];
        double[] b = new double[HIDDEN];
        for (int k = 0; k < hidden.length; k++) {
            ours += hidden[k];
            theirs += published.get(k);
            a[k % HIDDEN] += hidden[k];
            b[k % HIDDEN] += published.get(k);
        }
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int k = 0; k < HIDDEN; k++) {
            dot += a[k] * b[k];
            na += a[k] * a[k];
            nb += b[k] * b[k];
        }
        double cosine = dot / Math.sqrt(na * nb);
        String numbers = "hidden spikes " + ours + " (published, another sample: " + theirs + "), cosine " + cosine;
        assertEquals(151, theirs, numbers);
        assertTrue(ours >= 75 && ours <= 302, numbers);
        assertTrue(cosine >= 0.4, numbers);
        float[] readout = out.get("lif2");
        double[] counts = new double[CLASSES];
        for (int k = 0; k < readout.length; k++) {
            counts[k % CLASSES] += readout[k];
            assertTrue(readout[k] <= 1, "a readout neuron fires at most once per step");
        }
        int best = 0;
        for (int c = 1; c < CLASSES; c++) {
            best = counts[c] > counts[best] ? c : best;
        }
        assertEquals(1, best, java.util.Arrays.toString(counts) + "; " + numbers);
    }
}
