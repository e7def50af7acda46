package io.nirsweep.sim;

import static io.nirsweep.sim.Sim.none;
import static io.nirsweep.sim.Sim.typed;
import static io.nirsweep.sim.Sim.v;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nirsweep.model.Affine;
import io.nirsweep.model.Input;
import io.nirsweep.model.LI;
import io.nirsweep.model.NdArray;
import io.nirsweep.model.NirGraph;
import io.nirsweep.model.Output;
import io.nirsweep.sim.backend.Backend;
import io.nirsweep.sim.backend.ImportRules;
import io.nirsweep.sim.engine.GraphCompiler;
import io.nirsweep.sim.engine.Program;
import io.nirsweep.sim.neuron.FloatNeurons;
import io.nirsweep.sim.neuron.Precision;
import io.nirsweep.sim.neuron.Reset;
import io.nirsweep.sim.neuron.Scheme;
import io.nirsweep.sim.neuron.SpikeTest;
import io.nirsweep.sim.neuron.NeuronKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A conversion that replaces a node (a chip's quantised weights): the engine runs the replacement, the note says
 * so, and a replacement of another type or shape is refused.
 */
class ImportReplaceTest {
    private static final NirGraph GRAPH = typed(NirGraph.builder().node("input", Input.of(2))
            .node("w", new Affine(NdArray.of(new int[] {1, 2}, 0.3, -0.7), v(0.1), none()))
            .node("output", Output.of(null)).chain("input", "w", "output"));

    private static Backend converting(ImportRules rules) {
        return new Backend("rounds", Backend.Kind.HARDWARE, "test",
                new io.nirsweep.sim.backend.Version("test", "test", "test"),
                NeuronKind.every(new FloatNeurons(Scheme.EULER, SpikeTest.GREATER, Reset.TO_V_RESET, Precision.FLOAT32)), rules, Backend.CycleDelay.CLOSING_EDGE);
    }

    /** Weights rounded to integers (0.3 → 0, −0.7 → −1), bias 0.1 → 0: input (1, 1) gives −1, not −0.3. */
    @Test
    void theEngineRunsTheReplacement() {
        Backend b = converting(imp -> imp.replace("w", new Affine(NdArray.of(new int[] {1, 2}, 0, -1), v(0),
                ((Affine) imp.node("w")).metadata()), "weights rounded to integers"));
        Program p = GraphCompiler.compile(GRAPH, b, 1e-4);
        float[] out = p.simulate(List.of(new float[] {1, 1}), 1, 1, List.of("w"), List.of(), 1).get("w");
        assertArrayEquals(new float[] {-1}, out);
        assertEquals("w: weights rounded to integers", p.notes().get(0).toString());
        float[] file = GraphCompiler.compile(GRAPH, converting(ImportRules.NONE), 1e-4)
                .simulate(List.of(new float[] {1, 1}), 1, 1, List.of("w"), List.of(), 1).get("w");
        assertArrayEquals(new float[] {0.3f - 0.7f + 0.1f}, file, 1e-6f);
    }

    @Test
    void aReplacementOfAnotherTypeOrShapeIsRefused() {
        Backend otherType = converting(imp -> imp.replace("w", new LI(v(1e-3), v(1), v(0), none()), "no"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GraphCompiler.compile(GRAPH, otherType, 1e-4));
        assertTrue(e.getMessage().startsWith("node 'w': a replacement must be a Affine of the same shapes"),
                e.getMessage());
        Backend otherShape = converting(imp -> imp.replace("w", typedAffine(), "no"));
        assertThrows(IllegalArgumentException.class, () -> GraphCompiler.compile(GRAPH, otherShape, 1e-4));
    }

    /** A 3-input Affine with its shapes inferred: same type, other shape. */
    private static Affine typedAffine() {
        NirGraph g = typed(NirGraph.builder().node("input", Input.of(3))
                .node("w", new Affine(NdArray.of(new int[] {1, 3}, 1, 1, 1), v(0), none()))
                .node("output", Output.of(null)).chain("input", "w", "output"));
        return (Affine) g.nodes().get("w");
    }
}
