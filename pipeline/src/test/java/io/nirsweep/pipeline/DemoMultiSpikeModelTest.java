package io.nirsweep.pipeline;

import io.nirsweep.sim.backend.StepLength;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nirsweep.model.Affine;
import io.nirsweep.model.DType;
import io.nirsweep.model.Input;
import io.nirsweep.model.LIF;
import io.nirsweep.model.Metadata;
import io.nirsweep.model.NdArray;
import io.nirsweep.model.NirGraph;
import io.nirsweep.model.Output;
import io.nirsweep.model.Shape;
import io.nirsweep.model.hdf5.NirReader;
import io.nirsweep.model.hdf5.NirWriter;
import io.nirsweep.model.transform.Rescale;
import io.nirsweep.operators.inputs.InputSet;
import io.nirsweep.operators.inputs.InputSets;
import io.nirsweep.operators.inputs.InputSpec;
import io.nirsweep.pipeline.config.ModelRef;
import io.nirsweep.pipeline.config.ParameterPoint;
import io.nirsweep.pipeline.config.SweepConfig;
import io.nirsweep.sim.backend.Backends;
import io.nirsweep.sim.engine.GraphCompiler;
import io.nirsweep.sim.engine.Program;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The demo's multi-spike model, {@code conf/models/lif_multispike.nir} (conf/models/ORIGIN.md): its definition, the
 * file made from it, and the property it is in the demo for. Twelve LIF neurons, each fed by one input channel
 * through a diagonal Affine: one input spike drives a neuron at rest over θ within its step under NIR's equations
 * (R = 1: the membrane rises by w·(1 − e^{−dt/τ}) = 4.75·0.221 = 1.05 θ), so the single-spike simulators fire in the
 * step of every input spike; Sinabs adds the input without gain (v ← e^{−dt/τ}·v + w) and emits ⌊v/θ⌋ ≥ 4 spikes
 * there (docs/platforms.md §4.4). The same spikes in time, only their count per step differs: the divergence of
 * sinabs from the rest is its multi-spike reset (§4.13). Rockpool's LIF import is Sinabs' arithmetic (input without
 * gain, ⌊v/θ⌋ spikes, §4.5): it emits the same counts.
 *
 * <p>{@code mvn -pl pipeline -am test -Dtest=DemoMultiSpikeModelTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dnirsweep.regenerate=true} writes the file again from {@link #model()}.
 */
class DemoMultiSpikeModelTest {
    private static final Path HOME = Path.of(System.getProperty("nirsweep.home", "..")).toAbsolutePath().normalize();
    static final Path FILE = HOME.resolve("conf/models/lif_multispike.nir");
    static final int NEURONS = 12;
    /** Each channel's weight onto its neuron, in units of θ. */
    static final double WEIGHT = 4.75;
    static final double TAU = 4e-4;
    static final double THRESHOLD = 1;

    /** The model: input[12] → fc (Affine, diagonal WEIGHT, no bias) → lif (LIF, τ = 0.4 ms, R = 1) → output. */
    static NirGraph model() {
        int[] vector = {NEURONS};
        double[] weight = new double[NEURONS * NEURONS];
        for (int k = 0; k < NEURONS; k++) {
            weight[k * NEURONS + k] = WEIGHT;
        }
        Affine fc = new Affine(NdArray.ofDoubles(DType.FLOAT32, new int[] {NEURONS, NEURONS}, weight),
                NdArray.filled(DType.FLOAT32, vector, 0), Metadata.EMPTY);
        LIF lif = new LIF(NdArray.filled(DType.FLOAT32, vector, TAU), NdArray.filled(DType.FLOAT32, vector, 1),
                NdArray.filled(DType.FLOAT32, vector, 0), NdArray.filled(DType.FLOAT32, vector, THRESHOLD),
                NdArray.filled(DType.FLOAT32, vector, 0), Metadata.EMPTY);
        return NirGraph.builder().node("input", Input.of(NEURONS)).node("fc", fc).node("lif", lif)
                .node("output", Output.of(Shape.of(NEURONS))).chain("input", "fc", "lif", "output").build();
    }

    @Test
    void theFileHoldsTheModel() {
        if (Boolean.getBoolean("nirsweep.regenerate")) {
            NirWriter.write(model(), FILE);
        }
        NirGraph read = NirReader.read(FILE).graph();
        assertEquals(model().nodes(), read.nodes(), FILE + " is not model(); regenerate it (see the class comment)");
        assertEquals(new HashSet<>(model().edges()), new HashSet<>(read.edges()));
    }

    /**
     * On the demo's inputs and threshold scales: sinabs (and rockpool, whose LIF import is the same arithmetic)
     * emits several spikes in a step, in the steps where euler, snntorch, norse and nengo emit one; spyx one too,
     * mostly a step later (its spike test reads the previous step's membrane, which with its subtractive reset
     * skips some of the steps of a run of input spikes, §4.3). {@code exact} locates each crossing within
     * the step and resets there: at threshold scale 1 it fires once per input spike, at 0.8 a run of input spikes
     * on one channel moves the crossing earlier step by step until a second one fits into a step (on the Braille
     * sample, whose taxels stay on for several steps, in about a quarter of its bins).
     */
    @Test
    void sinabsEmitsSeveralSpikesWhereTheSingleSpikeSimulatorsEmitOne() {
        SweepConfig demo = SweepConfig.load(HOME.resolve("conf/demo.yaml"));
        ModelRef ref = demo.models().stream().filter(m -> Path.of(m.location()).equals(FILE)).findFirst()
                .orElseThrow(() -> new AssertionError("conf/demo.yaml does not list " + FILE));
        NirGraph graph = NirReader.read(Path.of(ref.location())).graph();
        List<String> single = List.of("euler", "snntorch", "norse", "nengo");
        List<String> multi = List.of("sinabs", "rockpool");
        for (String b : concat(single, multi, List.of("exact", "spyx"))) {
            assertTrue(demo.backends().contains(b), "the demo runs " + b);
        }
        for (InputSpec spec : demo.inputs()) {
            for (ParameterPoint point : demo.points(spec)) {
                InputSet input = InputSets.open(point.input(spec));
                String where = spec.name() + " " + point.canonicalJson();
                NirGraph scaled = Rescale.apply(graph, point.tauScale(), point.thresholdScale());
                Map<String, int[][]> counts = new TreeMap<>();
                for (String b : concat(single, multi, List.of("exact", "spyx"))) {
                    counts.put(b, counts(GraphCompiler.compile(scaled, Backends.require(b), point.dt(), null), input));
                }
                for (String b : single) {
                    assertEquals(1, max(counts.get(b)), where + ": " + b + " emits at most one spike per step");
                    assertEquals(0, timingDifferences(counts.get(b), counts.get("sinabs"), 0),
                            where + ": " + b + " spikes in sinabs' steps");
                }
                StringBuilder summary = new StringBuilder(where + ":");
                counts.forEach((b, c) -> summary.append(" ").append(b).append(" max ").append(max(c))
                        .append(" bins ").append(binsWithSpikes(c)).append(" (≥ 2: ").append(binsWithAtLeast(c, 2))
                        .append(", spikes ").append(spikes(c)).append(");"));
                summary.append(" spyx's bins not a step after sinabs': ")
                        .append(timingDifferences(counts.get("spyx"), counts.get("sinabs"), 1));
                System.out.println(summary);
                assertEquals(1, max(counts.get("spyx")), where + ": spyx");
                assertTrue(timingDifferences(counts.get("spyx"), counts.get("sinabs"), 1) * 5
                        < binsWithSpikes(counts.get("sinabs")), where + ": spyx spikes a step after sinabs, mostly");
                for (String b : multi) {
                    assertTrue(max(counts.get(b)) >= 4, where + ": " + b + " max " + max(counts.get(b)));
                    assertEquals(binsWithSpikes(counts.get(b)), binsWithAtLeast(counts.get(b), 2),
                            where + ": every step in which " + b + " fires holds several spikes");
                }
                assertTrue(Arrays.deepEquals(counts.get("sinabs"), counts.get("rockpool")), where);
                assertEquals(point.thresholdScale() == 1 ? 1 : 2, max(counts.get("exact")), where + ": exact");
                assertTrue(2 * spikes(counts.get("exact")) < spikes(counts.get("sinabs")), where + ": exact");
                assertEquals(0, timingDifferences(counts.get("exact"), counts.get("sinabs"), 0), where + ": exact");
            }
        }
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        List<String> all = new ArrayList<>();
        for (List<String> l : lists) {
            all.addAll(l);
        }
        return all;
    }

    /** Spike counts of the graph's output, [sample][t * n + k]. */
    private static int[][] counts(Program program, InputSet input) {
        String in = program.inputs().get(0);
        String out = program.outputs().get(0);
        int n = program.size(out);
        int steps = input.steps();
        int batch = input.samples();
        int size = program.size(in);
        float[] x = new float[steps * batch * size];
        for (int b = 0; b < batch; b++) {
            float[] sample = input.sample(b);
            for (int t = 0; t < steps; t++) {
                System.arraycopy(sample, t * size, x, (t * batch + b) * size, size);
            }
        }
        float[] y = program.simulate(List.of(x), steps, batch, List.of(out), List.of(), 1).get(out);
        int[][] counts = new int[batch][steps * n];
        for (int t = 0; t < steps; t++) {
            for (int b = 0; b < batch; b++) {
                for (int k = 0; k < n; k++) {
                    counts[b][t * n + k] = (int) y[(t * batch + b) * n + k];
                }
            }
        }
        return counts;
    }

    private static int max(int[][] counts) {
        return Arrays.stream(counts).flatMapToInt(Arrays::stream).max().orElse(0);
    }

    private static int binsWithAtLeast(int[][] counts, int least) {
        return (int) Arrays.stream(counts).flatMapToInt(Arrays::stream).filter(c -> c >= least).count();
    }

    private static long spikes(int[][] counts) {
        return Arrays.stream(counts).flatMapToInt(Arrays::stream).asLongStream().sum();
    }

    private static int binsWithSpikes(int[][] counts) {
        return binsWithAtLeast(counts, 1);
    }

    /** Bins where a fires and b, {@code lag} steps earlier, does not, or the reverse (b's last lag steps unseen). */
    private static int timingDifferences(int[][] a, int[][] b, int lag) {
        int differ = 0;
        int shift = lag * NEURONS;
        for (int s = 0; s < a.length; s++) {
            for (int i = 0; i < a[s].length; i++) {
                boolean bFires = i - shift >= 0 && b[s][i - shift] > 0;
                if ((a[s][i] > 0) != bFires) {
                    differ++;
                }
            }
        }
        return differ;
    }
}
