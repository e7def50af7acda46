package io.nirsweep.hardware.speck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nirsweep.hardware.target.Chips;
import io.nirsweep.hardware.target.MappingReport;
import io.nirsweep.hardware.target.Usage;
import io.nirsweep.hardware.target.Violation;
import io.nirsweep.model.Affine;
import io.nirsweep.model.Conv2d;
import io.nirsweep.model.IF;
import io.nirsweep.model.Input;
import io.nirsweep.model.LIF;
import io.nirsweep.model.Metadata;
import io.nirsweep.model.NdArray;
import io.nirsweep.model.NirGraph;
import io.nirsweep.model.Output;
import io.nirsweep.model.hdf5.NirReader;
import io.nirsweep.model.types.TypeInference;
import io.nirsweep.sim.SimulationException;
import io.nirsweep.sim.backend.Backend;
import io.nirsweep.sim.engine.GraphCompiler;
import io.nirsweep.sim.engine.Program;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code nirsweep map --target speck}: the paper CNN fits; too large or wrongly shaped models are refused. */
class SpeckMappingTest {
    static final Path CNN = Path.of("../conf/models/cnn_sinabs.nir");

    static Backend speck() {
        return Chips.require("speck");
    }

    static MappingReport map(NirGraph g) {
        return Chips.map(g, speck(), 1e-3, null);
    }

    static long used(MappingReport r, String scope, String limit) {
        return r.usage().stream().filter(u -> u.scope().equals(scope) && u.limit().name().equals(limit))
                .mapToLong(Usage::used).findFirst().orElseThrow(() -> new AssertionError(scope + " " + limit));
    }

    /**
     * The paper CNN (nodes 0–12: conv 0 → IF 1, conv 2 → IF 3 → pool 4, conv 5 → IF 6 → pool 7, flatten 8, Affine 9
     * → IF 10, Affine 11 → IF 12) is five cores; the memories are those derived in
     * {@link SpeckArithmeticTest#memoryFormulas}. Every layer fits every core except the 32768-entry Affine 9
     * (cores 3–6), and the matching puts layer i on core i. Each layer's integers use one end of the 8-bit range.
     */
    @Test
    void thePaperCnnFits() {
        MappingReport r = map(NirReader.read(CNN).graph());
        assertTrue(r.fits(), r.toText());
        assertEquals(List.of("0 + 1 → core 0", "2 + 3 → core 1", "5 + 6 → core 2", "9 + 10 → core 3",
                "11 + 12 → core 4"), r.placement().stream().map(p -> p.node() + " → " + p.unit()).toList());
        long[][] expected = {{1024, 4096, 16}, {4096, 4096, 16}, {2048, 512, 8}, {32768, 256, 256}, {4096, 10, 10}};
        String[] layers = {"0", "2", "5", "9", "11"};
        for (int i = 0; i < layers.length; i++) {
            assertEquals(expected[i][0], used(r, layers[i], "kernel memory of the largest core"), layers[i]);
            assertEquals(expected[i][1], used(r, layers[i], "neuron memory of the largest core"), layers[i]);
            assertEquals(expected[i][2], used(r, layers[i], "bias memory per core"), layers[i]);
            assertEquals(8, used(r, layers[i], "weight bits"));
        }
        assertEquals(5, used(r, "chip", "cores (one per layer)"));
        assertEquals(32768, used(r, "core 3", "kernel memory of core 3"));
        assertTrue(r.maxError("threshold") > 0 && r.maxError("threshold") < 0.01, r.toText());
        assertEquals(10, r.quantisation().stream().filter(q -> q.parameter().equals("weight")
                || q.parameter().equals("threshold")).count());
        assertTrue(r.notes().stream().anyMatch(n -> n.text().contains("4×4 kernel over 8 channels")), r.toText());
    }

    /**
     * The CNN on a deterministic input: 4 bins of event counts c = (7·i + 3·t) mod 4 per input pixel i. Every output
     * is a whole spike count, the runs are identical, and every recorded membrane lies in [θ_low, θ) — the 16-bit
     * range the thresholds fit — with θ = round(s) read from the conversion's note of each IF.
     */
    @Test
    void theCnnRunsOnIntegers() {
        NirGraph g = NirReader.read(CNN).graph();
        Program p = GraphCompiler.compile(g, speck(), 1e-3);
        int steps = 4;
        int size = 2 * 34 * 34;
        float[] in = new float[steps * size];
        for (int t = 0; t < steps; t++) {
            for (int i = 0; i < size; i++) {
                in[t * size + i] = (7 * i + 3 * t) % 4;
            }
        }
        List<String> neurons = List.of("1", "3", "6", "10", "12");
        Map<String, float[]> a = p.simulate(List.of(in), steps, 1, neurons, neurons, 1);
        Map<String, float[]> b = p.simulate(List.of(in), steps, 1, neurons, neurons, 2);
        for (String n : neurons) {
            assertArrayEquals(a.get(n), b.get(n), n);
            long theta = p.notes().stream().filter(x -> n.equals(x.node()) && x.text().startsWith("threshold_high"))
                    .map(x -> Long.parseLong(x.text().replaceAll("^threshold_high = round\\(θ·s\\) = (\\d+),.*", "$1")))
                    .findFirst().orElseThrow();
            for (float v : a.get(n + "#v")) {
                assertTrue(v == Math.rint(v) && v >= -theta && v < theta, n + " membrane " + v + " θ " + theta);
            }
            for (float y : a.get(n)) {
                assertTrue(y >= 0 && y == Math.rint(y), n + " output " + y);
            }
        }
        assertTrue(sum(a.get("1")) > 0, "the first layer fires");
    }

    static double sum(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x;
        }
        return s;
    }

    static NdArray v(double... values) {
        return NdArray.vector(values);
    }

    static NirGraph typed(NirGraph.Builder b) {
        return TypeInference.inferAndCheck(b.build(), w -> { });
    }

    static Conv2d conv(int cOut, int cIn, int kh, int kw) {
        double[] w = new double[cOut * cIn * kh * kw];
        for (int k = 0; k < w.length; k++) {
            w[k] = ((k % 5) - 2) / 4.0;
        }
        return new Conv2d(null, NdArray.of(new int[] {cOut, cIn, kh, kw}, w), NdArray.int64Vector(1, 1),
                NdArray.int64Vector(0, 0), NdArray.int64Vector(1, 1), NdArray.int64Scalar(1), NdArray.of(
                new int[] {cOut}, new double[cOut]), Metadata.EMPTY);
    }

    static IF neuron(int... shape) {
        int n = Arrays.stream(shape).reduce(1, (x, y) -> x * y);
        double[] ones = new double[n];
        Arrays.fill(ones, 1);
        return new IF(NdArray.of(shape, ones), NdArray.of(shape, ones), null, Metadata.EMPTY);
    }

    static List<String> violated(MappingReport r, String node) {
        return r.violations().stream().filter(x -> node.equals(x.node())).map(Violation::rule).toList();
    }

    /**
     * 64 → 512 channels, 3×3 on 10×10: K = 64·2^(⌈log2 9⌉=4 + ⌈log2 512⌉=9) = 524288 &gt; 65536 (the largest core);
     * N = 512·2^(3+3) = 32768 fits; bias 512 fits. The one violation names the conv, the limit and its source, and
     * the engine refuses to run the model with it.
     */
    @Test
    void tooManyChannels() {
        NirGraph g = typed(NirGraph.builder().node("input", Input.of(64, 10, 10)).node("conv", conv(512, 64, 3, 3))
                .node("if", neuron(512, 8, 8)).node("output", Output.of(null)).chain("input", "conv", "if", "output"));
        MappingReport r = map(g);
        assertFalse(r.fits());
        assertEquals(1, r.violations().size(), r.toText());
        Violation x = r.violations().get(0);
        assertEquals("conv", x.node());
        assertEquals("kernel memory of the largest core 524288 > 65536 entries", x.rule());
        assertTrue(x.source().contains("chips/dynapcnn.py get_constraints"), x.source());
        assertTrue(r.placement().isEmpty());
        SimulationException e = assertThrows(SimulationException.class, () -> GraphCompiler.compile(g, speck(), 1e-3));
        assertTrue(e.getMessage().contains("kernel memory of the largest core 524288 > 65536"), e.getMessage());
    }

    /**
     * An Affine(1×1) fed by a declared 70000×70000 (rank-2) input, not type-checked: c_in = 4.9·10^9, past an int.
     * The report says the Affine's one input does not match (map used to throw ArithmeticException from
     * Math.toIntExact), without allocating anything of the declared size.
     */
    @Test
    void aDeclaredInputBeyondAnIntIsAViolation() {
        NirGraph g = NirGraph.builder().node("input", Input.of(70000, 70000)).node("fc",
                new Affine(NdArray.of(new int[] {1, 1}, 1), v(0), Metadata.EMPTY)).node("if", neuron(1))
                .node("output", Output.of(null)).chain("input", "fc", "if", "output").build();
        MappingReport r = map(g);
        assertFalse(r.fits());
        assertTrue(violated(r, "fc").stream().anyMatch(x -> x.equals("Affine takes 1 inputs, its input is "
                + g.nodes().get("input").outputShape())), r.toText());
    }

    /**
     * θ = 1.4e-45 (the smallest float) with weight 1: scale min(127/1, 32767/θ) = 127, threshold_high =
     * round(1.8e-43) = 0 — a violation at the IF, not an exception (map never throws for a model that does not fit),
     * and the engine refuses with it.
     */
    @Test
    void aThresholdThatRoundsToZeroIsAViolation() {
        NirGraph g = typed(NirGraph.builder().node("input", Input.of(1)).node("fc",
                new Affine(NdArray.of(new int[] {1, 1}, 1), v(0), Metadata.EMPTY))
                .node("if", new IF(v(1), v(Float.MIN_VALUE), null, Metadata.EMPTY)).node("output", Output.of(null))
                .chain("input", "fc", "if", "output"));
        MappingReport r = map(g);
        assertFalse(r.fits());
        assertTrue(violated(r, "if").stream().anyMatch(x -> x.startsWith("threshold 1.4E-45 rounds to threshold_high 0")),
                r.toText());
        SimulationException e = assertThrows(SimulationException.class, () -> GraphCompiler.compile(g, speck(), 1e-3));
        assertTrue(e.getMessage().contains("rounds to threshold_high 0"), e.getMessage());
    }

    /** Ten 1×1 conv → IF layers need ten cores; there are nine. */
    @Test
    void tenLayers() {
        NirGraph.Builder b = NirGraph.builder().node("input", Input.of(1, 4, 4));
        String prev = "input";
        for (int k = 0; k < 10; k++) {
            b.node("c" + k, conv(1, 1, 1, 1)).node("n" + k, neuron(1, 4, 4)).edge(prev, "c" + k).edge("c" + k, "n" + k);
            prev = "n" + k;
        }
        MappingReport r = map(typed(b.node("output", Output.of(null)).edge(prev, "output")));
        assertEquals(List.of("cores (one per layer) 10 > 9"), r.violations().stream().map(Violation::rule).toList());
        assertEquals(10, used(r, "chip", "cores (one per layer)"));
    }

    /**
     * Wrong shapes: a 3×1 kernel (not square); an Affine after Flatten of 2×3×2 (a 3×2 kernel after conversion);
     * an LIF (no leaky neuron on Speck); an IF with its recurrent Affine (a loop).
     */
    @Test
    void wrongShapesAndKinds() {
        MappingReport r = map(typed(NirGraph.builder().node("input", Input.of(1, 5, 5)).node("tall", conv(2, 1, 3, 1))
                .node("if", neuron(2, 3, 5)).node("output", Output.of(null)).chain("input", "tall", "if", "output")));
        assertEquals(List.of("kernel 3×1 is not square"), violated(r, "tall"));

        MappingReport fc = map(typed(NirGraph.builder().node("input", Input.of(2, 3, 2)).node("flat",
                new io.nirsweep.model.Flatten(NdArray.int64Scalar(0), null, null, Metadata.EMPTY)).node("fc", new Affine(NdArray.of(
                new int[] {4, 12}, new double[48]), v(0, 0, 0, 0), Metadata.EMPTY)).node("if", neuron(4))
                .node("output", Output.of(null)).chain("input", "flat", "fc", "if", "output")));
        assertEquals(List.of("kernel 3×2 is not square"), violated(fc, "fc"));

        LIF lif = new LIF(v(0.01, 0.01), v(1, 1), v(0, 0), v(1, 1), v(0, 0), Metadata.EMPTY);
        MappingReport leaky = map(typed(NirGraph.builder().node("input", Input.of(2)).node("fc", new Affine(
                NdArray.of(new int[] {2, 2}, 1, 0, 0, 1), v(0, 0), Metadata.EMPTY)).node("lif", lif)
                .node("output", Output.of(null)).chain("input", "fc", "lif", "output")));
        assertTrue(violated(leaky, "lif").get(0).startsWith("node kind LIF is not supported"), leaky.toText());
        assertTrue(violated(leaky, "fc").get(0).startsWith("Affine must feed exactly one IF"), leaky.toText());

        MappingReport loop = map(typed(NirGraph.builder().node("input", Input.of(2)).node("fc", new Affine(
                NdArray.of(new int[] {2, 2}, 1, 0, 0, 1), v(0, 0), Metadata.EMPTY)).node("if", neuron(2))
                .node("rec", new Affine(NdArray.of(new int[] {2, 2}, 0, 1, 1, 0), v(0, 0), Metadata.EMPTY))
                .node("output", Output.of(null)).chain("input", "fc", "if", "output").edge("if", "rec")
                .edge("rec", "if")));
        assertTrue(violated(loop, "if").contains("on a loop: sinabs orders the layers topologically and refuses a "
                + "cycle"), loop.toText());
        assertTrue(violated(loop, "rec").contains("on a loop: sinabs orders the layers topologically and refuses a "
                + "cycle"), loop.toText());
        assertTrue(violated(loop, "if").contains("an IF must follow its Conv2d or Affine (a core is conv → IAF → "
                + "pool)"), loop.toText());
    }

    /** The chip's weights are 8 bit: a sweep's other width is refused, 8 is taken. */
    @Test
    void weightBits() {
        assertThrows(SimulationException.class, () -> speck().requireWeightBits(4));
        speck().requireWeightBits(8);
        assertEquals(Backend.Kind.HARDWARE, speck().kind());
        assertTrue(Chips.markdownTable().contains("| `speck` |"));
    }
}
