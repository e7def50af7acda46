package io.nirsweep.sim;

import io.nirsweep.model.Corpus;
import io.nirsweep.model.Input;
import io.nirsweep.model.LI;
import io.nirsweep.model.Linear;
import io.nirsweep.model.NirGraph;
import io.nirsweep.model.Output;
import io.nirsweep.model.hdf5.NirReader;
import io.nirsweep.sim.backend.Backend;
import io.nirsweep.sim.backend.Backends;
import io.nirsweep.sim.engine.GraphCompiler;
import io.nirsweep.sim.engine.Program;
import static io.nirsweep.sim.Sim.constant;
import static io.nirsweep.sim.Sim.f32;
import static io.nirsweep.sim.Sim.none;
import static io.nirsweep.sim.Sim.typed;
import static io.nirsweep.sim.Sim.v;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Whole graphs: recurrence, nesting, and results that do not depend on batch size or thread count. */
class GraphExecutionTest {
    @Test
    void recurrentEdgeDeliversThePreviousStep() {
        // input → rec (LI, τ = 1e-3: Euler factor 0.1) ⇄ w (Linear 0.5); rec's input is x + 0.5·rec(t−1).
        NirGraph g = typed(NirGraph.builder().node("input", Input.of(1))
                .node("rec", new LI(v(1e-3), v(1), v(0), none())).node("w", new Linear(f32(new int[] {1, 1}, 0.5), none()))
                .node("output", Output.of(null))
                .chain("input", "rec", "w", "rec").chain("rec", "output"));
        Program p = GraphCompiler.compile(g, Backends.require("euler"), Sim.DT);
        assertEquals(List.of("w -> rec"), p.delayedEdges());
        float[] rec = p.simulate(List.of(constant(3, 1f)), 3, 1, List.of("rec"), List.of(), 1).get("rec");
        // t0: input 1 + 0 → v = 0.1; t1: 1 + 0.05 → v = 0.1 + 0.1·(1.05 − 0.1) = 0.195;
        // t2: 1 + 0.0975 → v = 0.195 + 0.1·(1.0975 − 0.195) = 0.28525
        assertArrayEquals(new float[] {0.1f, 0.195f, 0.28525f}, rec, 1e-7f);
    }

    @Test
    void selfLoopIsDelayedToo() {
        NirGraph g = NirReader.read(Corpus.file("generated/self_loop.nir")).graph();
        Program p = GraphCompiler.compile(g, Backends.require("exact"), Sim.DT);
        assertEquals(List.of("integrator -> integrator"), p.delayedEdges());
    }

    @Test
    void nestedGraphRunsUnderOuterSlashInnerNames() {
        NirGraph g = NirReader.read(Corpus.file("generated/nested_subgraph.nir")).graph();
        Program p = GraphCompiler.compile(g, Backends.require("euler"), Sim.DT);
        assertTrue(p.nodes().contains("block/lif"), p.nodes().toString());
        assertEquals(List.of("block/w_rec -> block/lif"), p.delayedEdges());
        Map<String, float[]> out = p.simulate(List.of(constant(5, 1f, 2f, 3f)), 5, 1, List.of("block/lif", "output"),
                List.of(), 1);
        assertEquals(5 * 4, out.get("block/lif").length);
        assertEquals(5 * 2, out.get("output").length);
    }

    @Test
    void nestedAndFlatBrailleGraphsGiveTheSameSpikes() {
        // The same trained weights, once flat and once with the recurrent layer as a sub-graph.
        NirGraph flat = NirReader.read(Corpus.file("external/neuromorphs_NIR/paper/03_rnn/braille_noDelay_bias_zero.nir"))
                .graph();
        NirGraph nested = NirReader.read(Corpus.file(
                "external/kmheckel_spyx/docs/examples/nir/rsnn/braille_noDelay_bias_zero_subgraph.nir")).graph();
        float[] input = poisson(new Random(1), 200, 1, 12, 0.2);
        Program a = GraphCompiler.compile(flat, Backends.require("euler"), Sim.DT);
        Program b = GraphCompiler.compile(nested, Backends.require("euler"), Sim.DT);
        float[] outA = a.simulate(List.of(input), 200, 1, a.outputs(), List.of(), 1).get(a.outputs().get(0));
        float[] outB = b.simulate(List.of(input), 200, 1, b.outputs(), List.of(), 1).get(b.outputs().get(0));
        assertArrayEquals(outA, outB);
        double total = 0;
        for (float s : outA) {
            total += s;
        }
        assertTrue(total > 0, "the network should spike on this input");
    }

    static float[] poisson(Random r, int steps, int batch, int size, double rate) {
        float[] x = new float[steps * batch * size];
        for (int k = 0; k < x.length; k++) {
            x[k] = r.nextDouble() < rate ? 1f : 0f;
        }
        return x;
    }

    @Test
    void batchSizeAndThreadsDoNotChangeTheResult() {
        NirGraph g = NirReader.read(Corpus.file("external/neuromorphs_NIR/paper/03_rnn/braille_noDelay_noBias_subtract.nir"))
                .graph();
        int steps = 100;
        int batch = 64;
        int size = 12;
        float[] input = poisson(new Random(42), steps, batch, size, 0.1);
        List<String> refusing = new java.util.ArrayList<>();
        for (Backend backend : Backends.all()) {
            Program p;
            try {
                p = GraphCompiler.compile(g, backend, Sim.DT);
            } catch (SimulationException refused) { // no CubaLIF in Sinabs, SpikingJelly, Lava's processes
                assertTrue(refused.node() != null, refused.getMessage());
                refusing.add(Backends.shortName(backend));
                continue;
            }
            String node = "lif1.lif";
            float[] all = p.simulate(List.of(input), steps, batch, List.of(node), List.of(node), 2).get(node);
            int n = p.size(node);
            for (int b : new int[] {0, 17, 63}) {
                float[] one = new float[steps * size];
                for (int t = 0; t < steps; t++) {
                    System.arraycopy(input, (t * batch + b) * size, one, t * size, size);
                }
                float[] single = p.simulate(List.of(one), steps, 1, List.of(node), List.of(), 1).get(node);
                for (int t = 0; t < steps; t++) {
                    for (int k = 0; k < n; k++) {
                        assertEquals(single[t * n + k], all[(t * batch + b) * n + k],
                                backend.name() + " sample " + b + " step " + t + " neuron " + k);
                    }
                }
            }
        }
        // snntorch@3726386: recurrent pairs not reproduced; lava-fixed: hardware-sinks' LavaFixedTest
        assertEquals(List.of("snntorch@3726386", "sinabs", "spikingjelly", "lava"), refusing);
    }
}
