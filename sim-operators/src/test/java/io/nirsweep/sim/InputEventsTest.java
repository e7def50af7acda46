package io.nirsweep.sim;

import io.nirsweep.model.Affine;
import io.nirsweep.model.Input;
import io.nirsweep.model.LIF;
import io.nirsweep.model.NirGraph;
import io.nirsweep.model.Output;
import io.nirsweep.model.Scale;
import io.nirsweep.sim.backend.Backends;
import io.nirsweep.sim.engine.GraphCompiler;
import io.nirsweep.sim.engine.InputEvents;
import io.nirsweep.sim.engine.Program;
import static io.nirsweep.sim.Sim.f32;
import static io.nirsweep.sim.Sim.none;
import static io.nirsweep.sim.Sim.typed;
import static io.nirsweep.sim.Sim.v;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** An input held as its non-zero elements, built chunk by chunk, and the engine fed from it. */
class InputEventsTest {
    @Test
    void chunksOfAnySizeGiveTheSameEventsAsTheWholeArray() {
        // 2 steps x 2 samples x 3: events at (0,0,1)=1, (0,1,0)=2, (0,1,2)=−1, (1,1,1)=0.5
        float[] dense = {0, 1, 0, 2, 0, -1, 0, 0, 0, 0, 0.5f, 0};
        InputEvents whole = InputEvents.of(dense, 2, 2, 3);
        assertEquals(4, whole.count());
        assertArrayEquals(dense, whole.toDense());
        for (int chunk = 1; chunk <= dense.length; chunk++) {
            InputEvents.Builder b = new InputEvents.Builder(2, 2, 3);
            for (int from = 0; from < dense.length; from += chunk) {
                b.append(dense, from, Math.min(chunk, dense.length - from));
            }
            assertArrayEquals(dense, b.build().toDense(), "chunks of " + chunk);
        }
    }

    @Test
    void stepsAfterTheLastElementAppendedAreSilent() {
        InputEvents.Builder b = new InputEvents.Builder(3, 1, 2);
        b.append(new float[] {1, 0, 0, 1}, 0, 4); // two of three steps
        assertArrayEquals(new float[] {1, 0, 0, 1, 0, 0}, b.build().toDense());
        assertThrows(IllegalArgumentException.class, () -> new InputEvents.Builder(1, 1, 2).append(new float[3], 0, 3));
    }

    @Test
    void manyEventsGrowTheArraysAndKeepTheirOrder() {
        Random r = new Random(5);
        float[] dense = new float[40 * 3 * 50];
        for (int k = 0; k < dense.length; k++) {
            dense[k] = r.nextDouble() < 0.6 ? (float) r.nextGaussian() : 0f;
        }
        InputEvents.Builder b = new InputEvents.Builder(40, 3, 50);
        for (int from = 0; from < dense.length; from += 777) {
            b.append(dense, from, Math.min(777, dense.length - from));
        }
        assertArrayEquals(dense, b.build().toDense());
    }

    @Test
    void theEngineFedWithEventsComputesWhatItComputesFromTheDenseArray() {
        // The input feeds an Affine (which reads the listed positions) and a Scale (which reads the whole input, so
        // last step's events must have been cleared); a LIF and a recurrent Affine behind them.
        NirGraph g = typed(NirGraph.builder().node("input", Input.of(4))
                .node("fc", new Affine(f32(new int[] {3, 4}, 1, -2, 0.5, 3, 0, 1, 1, -1, 2, 0, -0.5, 1),
                        f32(new int[] {3}, 0.1, 0, -0.1), none()))
                .node("lif", new LIF(v(1e-3, 1e-3, 1e-3), v(10, 10, 10), v(0, 0, 0), v(1, 1, 1), v(0, 0, 0), none()))
                .node("rec", new Affine(f32(new int[] {3, 3}, 0, 0.3, -0.2, 0.1, 0, 0.4, -0.3, 0.2, 0),
                        f32(new int[] {3}, 0, 0, 0), none()))
                .node("scale", new Scale(v(2, -1, 0.5, 3), none()))
                .node("o1", Output.of(null)).node("o2", Output.of(null))
                .chain("input", "fc", "lif", "rec", "lif").chain("lif", "o1").chain("input", "scale", "o2"));
        Random r = new Random(11);
        int steps = 200;
        int batch = 5;
        float[] x = new float[steps * batch * 4];
        for (int k = 0; k < x.length; k++) {
            x[k] = r.nextDouble() < 0.2 ? (r.nextBoolean() ? 1f : 2.5f) : 0f;
        }
        for (String backend : List.of("euler", "exact")) {
            Program p = GraphCompiler.compile(g, Backends.require(backend), Sim.DT);
            for (int threads : new int[] {1, 3}) {
                Map<String, float[]> dense = p.simulate(List.of(x), steps, batch, p.nodes(), List.of("lif"), threads);
                Map<String, float[]> events = p.simulateEvents(List.of(InputEvents.of(x, steps, batch, 4)), p.nodes(),
                        List.of("lif"), threads);
                assertEquals(dense.keySet(), events.keySet());
                for (String node : dense.keySet()) {
                    assertArrayEquals(dense.get(node), events.get(node), backend + " " + node + " threads " + threads);
                }
            }
        }
    }

    @Test
    void eventsOfAnotherShapeAreRefusedNamingTheInput() {
        NirGraph g = typed(NirGraph.builder().node("input", Input.of(2)).node("output", Output.of(null))
                .chain("input", "output"));
        Program p = GraphCompiler.compile(g, Backends.require("exact"), Sim.DT);
        SimulationException e = assertThrows(SimulationException.class, () -> p.simulateEvents(
                List.of(InputEvents.of(new float[6], 2, 1, 3)), p.outputs(), List.of(), 1));
        assertEquals("node 'input': input events hold 2 steps x 1 samples x 3, the node takes 2 per sample over 2"
                + " steps x 1 samples", e.getMessage());
    }
}
