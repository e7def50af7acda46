package io.nirsweep.sim;

import io.nirsweep.model.DType;
import io.nirsweep.model.Metadata;
import io.nirsweep.model.NdArray;
import io.nirsweep.model.NirGraph;
import io.nirsweep.model.types.TypeInference;
import io.nirsweep.sim.backend.Backend;
import io.nirsweep.sim.engine.GraphCompiler;
import io.nirsweep.sim.engine.Program;
import java.util.List;
import java.util.Map;

/** Small helpers for engine tests: type-checked graphs and single-sample runs. */
final class Sim {
    static final double DT = 1e-4;

    private Sim() {}

    static NirGraph typed(NirGraph.Builder b) {
        return TypeInference.inferAndCheck(b.build(), w -> { });
    }

    static NdArray v(double... values) {
        return NdArray.vector(values);
    }

    static NdArray f32(int[] shape, double... values) {
        return NdArray.ofDoubles(DType.FLOAT32, shape, values);
    }

    static Metadata none() {
        return Metadata.EMPTY;
    }

    /** Runs one sample of a single-input graph; {@code input} is [steps][size] flattened. */
    static Map<String, float[]> run(NirGraph g, Backend backend, float[] input, int steps, List<String> record,
            List<String> membranes) {
        Program p = GraphCompiler.compile(g, backend, DT);
        return p.simulate(List.of(input), steps, 1, record, membranes, 1);
    }

    /** The same input value at every step. */
    static float[] constant(int steps, float... perStep) {
        float[] x = new float[steps * perStep.length];
        for (int t = 0; t < steps; t++) {
            System.arraycopy(perStep, 0, x, t * perStep.length, perStep.length);
        }
        return x;
    }
}
