package io.nirsweep.model.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nirsweep.model.AvgPool2d;
import io.nirsweep.model.Conv1d;
import io.nirsweep.model.Conv2d;
import io.nirsweep.model.Edge;
import io.nirsweep.model.Flatten;
import io.nirsweep.model.I;
import io.nirsweep.model.Input;
import io.nirsweep.model.LI;
import io.nirsweep.model.Linear;
import io.nirsweep.model.Metadata;
import io.nirsweep.model.NdArray;
import io.nirsweep.model.NirException;
import io.nirsweep.model.NirGraph;
import io.nirsweep.model.NirNode;
import io.nirsweep.model.Output;
import io.nirsweep.model.Param;
import io.nirsweep.model.Shape;
import io.nirsweep.model.SumPool2d;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Shape inference on hand-built graphs, each expected shape derived by hand from the PyTorch formula. */
class TypeInferenceTest {
    private static final List<String> WARNINGS = new ArrayList<>();

    /** A chain of named nodes: name, node, name, node, ... joined by edges in that order. */
    private static NirGraph chain(Object... namesAndNodes) {
        NirGraph.Builder b = NirGraph.builder();
        String[] names = new String[namesAndNodes.length / 2];
        for (int i = 0; i < namesAndNodes.length; i += 2) {
            names[i / 2] = (String) namesAndNodes[i];
            b.node(names[i / 2], (NirNode) namesAndNodes[i + 1]);
        }
        return b.chain(names).build();
    }

    private static NirGraph infer(NirGraph g) {
        return TypeInference.inferAndCheck(g, WARNINGS::add);
    }

    private static NdArray zeros(int... shape) {
        return NdArray.filled(io.nirsweep.model.DType.FLOAT32, shape, 0);
    }

    private static Conv2d conv2d(NdArray weight, int stride, Param padding, int groups) {
        return new Conv2d(null, weight, NdArray.int64Vector(stride, stride), padding, NdArray.int64Vector(1, 1),
                NdArray.int64Scalar(groups), zeros(weight.shape()[0]), Metadata.EMPTY);
    }

    @Test
    void conv1dLengthWithDilation() {
        // L = 20, k = 5, d = 2, s = 1, p = 0: (20 - 2*4 - 1)/1 + 1 = 12
        Conv1d conv = new Conv1d(null, zeros(2, 1, 5), NdArray.int64Scalar(1), NdArray.int64Scalar(0),
                NdArray.int64Scalar(2), NdArray.int64Scalar(1), zeros(2), Metadata.EMPTY);
        NirGraph g = infer(chain("input", Input.of(1, 20), "conv", conv, "output", Output.of(null)));
        assertEquals(Shape.of(2, 12), g.node("output").inputShape());
        assertEquals(20, ((Conv1d) g.node("conv")).inputLength().intValue());
    }

    @Test
    void sameConvKeepsTheSizeWhateverTheStride() {
        NirGraph g = infer(chain("input", Input.of(2, 7, 9), "conv", conv2d(zeros(4, 2, 3, 3), 2, new Param.Text("same"), 1),
                "output", Output.of(null)));
        assertEquals(Shape.of(4, 7, 9), g.node("output").inputShape());
    }

    @Test
    void nonSquareKernelUsesEachDimensionsOwnSize() {
        // 8x8 input, 3x5 kernel, stride 1, no padding: 6 x 4 (the reference says 6 x 6)
        NirGraph g = infer(chain("input", Input.of(1, 8, 8), "conv", conv2d(zeros(2, 1, 3, 5), 1,
                NdArray.int64Vector(0, 0), 1), "output", Output.of(null)));
        assertEquals(Shape.of(2, 6, 4), g.node("output").inputShape());
    }

    @Test
    void groupedConvTakesWeightChannelsTimesGroups() {
        NirGraph g = infer(chain("input", Input.of(4, 6, 6), "conv", conv2d(zeros(4, 2, 3, 3), 1,
                NdArray.int64Vector(1, 1), 2), "output", Output.of(null)));
        assertEquals(Shape.of(4, 6, 6), g.node("conv").inputShape());
    }

    @Test
    void channelMismatchIntoAnInferredConvIsRefused() {
        NirException e = assertThrows(NirException.class, () -> infer(chain("input", Input.of(3, 8, 8),
                "conv", conv2d(zeros(4, 2, 3, 3), 1, NdArray.int64Vector(1, 1), 1), "output", Output.of(null))));
        assertEquals(NirException.Kind.TYPE, e.kind());
        assertEquals("conv", e.node());
        assertTrue(e.getMessage().contains("[3, 8, 8]") && e.getMessage().contains("[2, 8, 8]"), e.getMessage());
    }

    @Test
    void avgPoolWithPaddingAndFlattenWithNegativeDims() {
        // 9 + 2*1 - (2 - 1) - 1 = 9; 9/2 + 1 = 5  ->  [3, 5, 5]; flatten -2..-1 -> [3, 25]
        AvgPool2d pool = new AvgPool2d(NdArray.int64Vector(2, 2), NdArray.int64Vector(2, 2), NdArray.int64Vector(1, 1),
                null, Metadata.EMPTY);
        Flatten flat = new Flatten(NdArray.int64Scalar(-2), NdArray.int64Scalar(-1), null, Metadata.EMPTY);
        NirGraph g = infer(chain("input", Input.of(3, 9, 9), "pool", pool, "flat", flat, "output", Output.of(null)));
        assertEquals(Shape.of(3, 5, 5), g.node("pool").outputShape());
        assertEquals(Shape.of(3, 25), g.node("output").inputShape());
    }

    /** 65536 × 65536 = 2^32 values in one dimension: no int holds it, refused naming the parameter. */
    @Test
    void flatteningBeyondAnIntIsRefused() {
        Flatten flat = new Flatten(NdArray.int64Scalar(0), NdArray.int64Scalar(1), null, Metadata.EMPTY);
        NirException e = assertThrows(NirException.class,
                () -> infer(chain("input", Input.of(65536, 65536), "flat", flat, "output", Output.of(null))));
        assertEquals("flat", e.node());
        assertTrue(e.getMessage().contains("start_dim") && e.getMessage().contains("more than 2147483647 values"),
                e.getMessage());
    }

    @Test
    void missingInputAndOutputAreAddedWithUniqueNames() {
        NdArray w = zeros(3, 2);
        LI li = new LI(NdArray.filled(io.nirsweep.model.DType.FLOAT32, new int[] {3}, 0.01), zeros(3), zeros(3),
                Metadata.EMPTY);
        // The root "a" needs an Input called input_a, but that name is taken: input_a_0.
        NirGraph g = infer(chain("a", new Linear(w, Metadata.EMPTY), "input_a", li));
        assertEquals(Shape.of(2), g.node("input_a_0").outputShape());
        assertEquals(Shape.of(3), g.node("output_input_a").inputShape());
        assertEquals(List.of(new Edge("a", "input_a"), new Edge("input_a_0", "a"), new Edge("input_a", "output_input_a")),
                g.edges());
    }

    @Test
    void emptyGraphNodeTakingAnEdgeIsATypeError() {
        NirGraph empty = NirGraph.of(Map.of(), List.of());
        NirException e = assertThrows(NirException.class, () -> infer(chain("input", Input.of(1), "block", empty,
                "output", Output.of(null))));
        assertEquals("block", e.node());
        assertEquals(NirException.Kind.TYPE, e.kind());
    }

    @Test
    void rootWithoutKnownInputIsRefused() {
        SumPool2d pool = new SumPool2d(NdArray.int64Vector(2, 2), NdArray.int64Vector(2, 2), NdArray.int64Vector(0, 0),
                null, Metadata.EMPTY);
        NirException e = assertThrows(NirException.class, () -> infer(chain("pool", pool, "output", Output.of(null))));
        assertEquals("pool", e.node());
        assertEquals(NirException.Kind.TYPE, e.kind());
    }

    @Test
    void recurrentCycleInfersAndChecks() {
        Map<String, NirNode> nodes = new LinkedHashMap<>();
        nodes.put("input", Input.of(2));
        nodes.put("rec", new I(NdArray.vector(1, 1), Metadata.EMPTY));
        nodes.put("w", new Linear(zeros(2, 2), Metadata.EMPTY));
        nodes.put("output", Output.of(null));
        NirGraph g = infer(NirGraph.of(nodes, List.of(new Edge("input", "rec"), new Edge("rec", "w"),
                new Edge("w", "rec"), new Edge("rec", "output"))));
        assertEquals(Shape.of(2), g.node("output").inputShape());
    }

    @Test
    void mismatchInsideANestedGraphNamesTheInnerNode() {
        NirGraph inner = chain("input", Input.of(4), "w", new Linear(zeros(3, 5), Metadata.EMPTY), "output", Output.of(null));
        NirException e = assertThrows(NirException.class,
                () -> infer(chain("input", Input.of(4), "block", inner, "output", Output.of(null))));
        assertEquals("block/w", e.node());
    }

    @Test
    void pureCycleHasNoInputToStartFrom() {
        Map<String, NirNode> nodes = new LinkedHashMap<>();
        nodes.put("a", new Linear(zeros(2, 2), Metadata.EMPTY));
        nodes.put("b", new I(NdArray.vector(1, 1), Metadata.EMPTY));
        NirException e = assertThrows(NirException.class,
                () -> infer(NirGraph.of(nodes, List.of(new Edge("a", "b"), new Edge("b", "a")))));
        assertTrue(e.getMessage().contains("no Input node"), e.getMessage());
    }
}
