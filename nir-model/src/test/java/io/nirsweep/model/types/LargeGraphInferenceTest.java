package io.nirsweep.model.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nirsweep.model.DType;
import io.nirsweep.model.Edge;
import io.nirsweep.model.Input;
import io.nirsweep.model.LargeFan;
import io.nirsweep.model.Metadata;
import io.nirsweep.model.NdArray;
import io.nirsweep.model.NirGraph;
import io.nirsweep.model.NirNode;
import io.nirsweep.model.Output;
import io.nirsweep.model.Scale;
import io.nirsweep.model.Shape;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Inference and the type check at a million edges (the default read limit). The bound is generous for a shared
 * machine: linear work takes about a second, the quadratic work this replaced took 26 s at 10^5 edges and
 * would take hours here.
 */
class LargeGraphInferenceTest {
    private static final Duration BOUND = Duration.ofSeconds(60);

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"WIDE", "DEEP"})
    void millionEdgeFanInfersAndChecksInLinearTime(String which) {
        NirGraph g = (which.equals("WIDE") ? LargeFan.WIDE : LargeFan.DEEP).ofScales();
        assertTrue(g.edges().size() > LargeFan.NEARLY_A_MILLION, g.edges().size() + " edges");
        NirGraph checked = assertTimeoutPreemptively(BOUND, () -> TypeInference.inferAndCheck(g, w -> { }));
        assertEquals(g.edges(), checked.edges());
        assertEquals(Shape.of(1), checked.node("out").inputShape());
    }

    @Test
    void bigNestedGraphWiredByAMillionEdgesFindsItsPortsOnce() {
        // A sub-graph's ports are a walk over its 50,000 children; looked up per edge that was 5·10^10 steps.
        NdArray half = NdArray.ofDoubles(DType.FLOAT32, new int[] {1}, new double[] {0.5});
        NirGraph.Builder inner = NirGraph.builder().node("input", Input.of(1));
        String[] chain = new String[50_002];
        chain[0] = "input";
        for (int i = 1; i <= 50_000; i++) {
            chain[i] = "s" + i;
            inner.node(chain[i], new Scale(half, Metadata.EMPTY));
        }
        chain[50_001] = "output";
        NirGraph block = inner.node("output", Output.of(Shape.of(1))).chain(chain).build();
        Map<String, NirNode> nodes = new LinkedHashMap<>();
        nodes.put("in", Input.of(1));
        nodes.put("block", block);
        nodes.put("out", Output.of(Shape.of(1)));
        List<Edge> edges = new ArrayList<>();
        for (int k = 0; k < 500_000; k++) { // duplicate edges are kept and summed, as the reference does
            edges.add(new Edge("in", "block"));
            edges.add(new Edge("block", "out"));
        }
        NirGraph outer = NirGraph.of(nodes, edges);
        NirGraph checked = assertTimeoutPreemptively(BOUND, () -> TypeInference.inferAndCheck(outer, w -> { }));
        assertEquals(1_000_000, checked.edges().size());
        assertEquals(Shape.of(1), ((NirGraph) checked.node("block")).outputShape());
    }
}
