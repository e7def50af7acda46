package io.nirsweep.sim;

import io.nirsweep.model.Edge;
import io.nirsweep.model.LI;
import io.nirsweep.model.LIF;
import io.nirsweep.model.LargeFan;
import io.nirsweep.model.Linear;
import io.nirsweep.model.NirGraph;
import io.nirsweep.model.Output;
import io.nirsweep.model.types.TypeInference;
import io.nirsweep.sim.backend.Backend;
import io.nirsweep.sim.backend.Backends;
import io.nirsweep.sim.engine.GraphCompiler;
import io.nirsweep.sim.engine.Program;
import static io.nirsweep.sim.Sim.f32;
import static io.nirsweep.sim.Sim.none;
import static io.nirsweep.sim.Sim.v;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Compiling a million-edge graph: the schedule's depth-first walk, the move of cycle delays to neuron outputs
 * and the reorder after it were O(nodes × edges). The bound is generous for a shared machine; linear work takes
 * seconds.
 */
class LargeGraphCompileTest {
    /** The deep million-edge fan of 1×1 Linear maps, then a LIF with its recurrent map, then the Output. */
    private static NirGraph recurrentFan() {
        LargeFan fan = LargeFan.DEEP;
        NirGraph.Builder b = fan.builder(() -> new Linear(f32(new int[] {1, 1}, 0.01), none()));
        b.node("lif", new LIF(v(0.01), v(1), v(0), v(1), v(0), none()))
                .node("w_rec", new Linear(f32(new int[] {1, 1}, 0.5), none()))
                .node("out", Output.of(null))
                .chain(fan.last(), "lif", "w_rec", "lif").chain("lif", "out");
        return TypeInference.inferAndCheck(b.build(), w -> { });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"euler", "rockpool"})
    void millionEdgesCompileInLinearTime(String backendName) {
        NirGraph g = recurrentFan();
        assertTrue(g.edges().size() > LargeFan.NEARLY_A_MILLION, g.edges().size() + " edges");
        Backend backend = Backends.byName(backendName);
        Program p = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> GraphCompiler.compile(g, backend, Sim.DT));
        // Euler delays the edge that closes the cycle; Rockpool (NEURON_OUTPUT) the neuron's output instead.
        String delayed = backend.cycleDelay() == Backend.CycleDelay.NEURON_OUTPUT ? "lif -> w_rec" : "w_rec -> lif";
        assertEquals(List.of(delayed), p.delayedEdges());
        Map<String, Integer> position = new HashMap<>();
        for (String node : p.nodes()) {
            position.put(node, position.size());
        }
        assertEquals(g.nodes().size(), position.size());
        for (Edge e : g.edges()) {
            if (!delayed.equals(e.source() + " -> " + e.target())) {
                assertTrue(position.get(e.source()) < position.get(e.target()), e + " runs against the schedule");
            }
        }
    }

    @Test
    void millionSynapsesOfTheNengoConverterCompileInLinearTime() {
        // Its Lowpass synapses delay every edge into an LI: the edges into each node were found by a scan of all.
        LargeFan fan = LargeFan.DEEP;
        NirGraph g = TypeInference.inferAndCheck(fan.builder(() -> new LI(v(0.01), v(1), v(0), none()))
                .node("out", Output.of(null)).edge(fan.last(), "out").build(), w -> { });
        Program p = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> GraphCompiler.compile(g, Backends.require("nengo"), Sim.DT));
        assertEquals(g.edges().size() - 1, p.delayedEdges().size()); // all but the one into the Output
    }
}
