package io.nirsweep.sim;

import io.nirsweep.model.Affine;
import io.nirsweep.model.AvgPool2d;
import io.nirsweep.model.Conv1d;
import io.nirsweep.model.Conv2d;
import io.nirsweep.model.Delay;
import io.nirsweep.model.Flatten;
import io.nirsweep.model.Input;
import io.nirsweep.model.Linear;
import io.nirsweep.model.NdArray;
import io.nirsweep.model.NirGraph;
import io.nirsweep.model.NirNode;
import io.nirsweep.model.Output;
import io.nirsweep.model.Param;
import io.nirsweep.model.Scale;
import io.nirsweep.model.SumPool2d;
import io.nirsweep.sim.backend.Backends;
import io.nirsweep.sim.engine.GraphCompiler;
import static io.nirsweep.sim.Sim.constant;
import static io.nirsweep.sim.Sim.f32;
import static io.nirsweep.sim.Sim.none;
import static io.nirsweep.sim.Sim.typed;
import static io.nirsweep.sim.Sim.v;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The stateless kernels and delay lines against hand-derived values and direct (naive) reference loops. */
class KernelsTest {
    private static float[] run(NirNode node, int[] inShape, float[] input, int steps) {
        NirGraph g = typed(NirGraph.builder().node("input", Input.of(inShape)).node("n", node)
                .node("output", Output.of(null)).chain("input", "n", "output"));
        return Sim.run(g, Backends.require("exact"), input, steps, List.of("n"), List.of()).get("n");
    }

    @Test
    void affineIsWeightTimesInputPlusBias() {
        Affine a = new Affine(f32(new int[] {2, 3}, 1, 2, 3, 4, 5, 6), f32(new int[] {2}, 0.5, -1), none());
        // [1 2 3; 4 5 6]·[1, 0, 2] + [0.5, −1] = [7.5, 15]
        assertArrayEquals(new float[] {7.5f, 15f}, run(a, new int[] {3}, new float[] {1, 0, 2}, 1));
    }

    @Test
    void linearHasNoBias() {
        Linear l = new Linear(f32(new int[] {1, 2}, 2, -3), none());
        assertArrayEquals(new float[] {-1f}, run(l, new int[] {2}, new float[] {1, 1}, 1));
    }

    @Test
    void scaleAndThreshold() {
        assertArrayEquals(new float[] {0.5f, -2f}, run(new Scale(v(0.5, -1), none()), new int[] {2},
                new float[] {1, 2}, 1));
        // Strict: 0.2 is not above 0.2.
        assertArrayEquals(new float[] {0, 1, 0}, run(new io.nirsweep.model.Threshold(v(0.2, 0.2, 1), none()),
                new int[] {3}, new float[] {0.2f, 0.3f, 0.5f}, 1));
    }

    @Test
    void delayShiftsByRoundedSteps() {
        // 0, 2e-4 and 2.6e-4 s at dt = 1e-4: 0, 2 and 3 steps.
        Delay d = new Delay(v(0, 2e-4, 2.6e-4), none());
        float[] in = new float[] {1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4};
        assertArrayEquals(new float[] {1, 0, 0, 2, 0, 0, 3, 1, 0, 4, 2, 1}, run(d, new int[] {3}, in, 4));
    }

    @Test
    void sumAndAveragePooling() {
        float[] x = new float[16];
        for (int k = 0; k < 16; k++) {
            x[k] = k;
        }
        SumPool2d sum = new SumPool2d(NdArray.int64Vector(2, 2), NdArray.int64Vector(2, 2), NdArray.int64Vector(0, 0),
                null, none());
        // 4x4 of 0..15, 2x2 windows: 0+1+4+5, 2+3+6+7, 8+9+12+13, 10+11+14+15
        assertArrayEquals(new float[] {10, 18, 42, 50}, run(sum, new int[] {1, 4, 4}, x, 1));
        AvgPool2d avg = new AvgPool2d(NdArray.int64Vector(2, 2), NdArray.int64Vector(2, 2), NdArray.int64Vector(1, 1),
                null, none());
        // Padding 1: windows over the padded 6x6 → 3x3; corner window holds only x[0,0] = 0; (0+1)/4 = 0.25, ...
        float[] out = run(avg, new int[] {1, 4, 4}, x, 1);
        assertEquals(9, out.length);
        assertArrayEquals(new float[] {0f / 4, (1 + 2) / 4f, 3 / 4f, (4 + 8) / 4f, (5 + 6 + 9 + 10) / 4f,
            (7 + 11) / 4f, 12 / 4f, (13 + 14) / 4f, 15 / 4f}, out);
    }

    @Test
    void flattenKeepsCOrder() {
        Flatten f = new Flatten(NdArray.int64Scalar(0), NdArray.int64Scalar(-1), null, none());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, run(f, new int[] {2, 3}, new float[] {1, 2, 3, 4, 5, 6}, 1));
    }

    /** PyTorch's conv2d written out directly (no scatter), for comparison. */
    private static float[] naiveConv2d(float[] x, int c, int h, int w, float[] weight, int[] ws, float[] bias,
            int[] stride, int[] pad, int[] dil, int groups, int oh, int ow) {
        int cout = ws[0];
        int cinG = ws[1];
        int coutG = cout / groups;
        float[] y = new float[cout * oh * ow];
        for (int co = 0; co < cout; co++) {
            int g = co / coutG;
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++) {
                    double s = bias[co];
                    for (int cig = 0; cig < cinG; cig++) {
                        int ci = g * cinG + cig;
                        for (int ky = 0; ky < ws[2]; ky++) {
                            for (int kx = 0; kx < ws[3]; kx++) {
                                int iy = oy * stride[0] - pad[0] + ky * dil[0];
                                int ix = ox * stride[1] - pad[1] + kx * dil[1];
                                if (iy >= 0 && iy < h && ix >= 0 && ix < w) {
                                    s += x[(ci * h + iy) * w + ix] * weight[((co * cinG + cig) * ws[2] + ky) * ws[3] + kx];
                                }
                            }
                        }
                    }
                    y[(co * oh + oy) * ow + ox] = (float) s;
                }
            }
        }
        return y;
    }

    private static float[] random(Random r, int n, double density) {
        float[] a = new float[n];
        for (int k = 0; k < n; k++) {
            a[k] = r.nextDouble() < density ? (float) (r.nextInt(5) - 2) / 2 : 0;
        }
        return a;
    }

    @Test
    void conv2dMatchesTheDirectFormulaForStridePaddingDilationGroups() {
        Random r = new Random(7);
        int[][] cases = { // cin, h, w, cout, kh, kw, sy, sx, py, px, dy, dx, groups
            {1, 5, 5, 2, 3, 3, 1, 1, 1, 1, 1, 1, 1},
            {2, 7, 6, 4, 3, 2, 2, 1, 1, 0, 1, 2, 1},
            {4, 6, 6, 4, 3, 3, 1, 1, 1, 1, 1, 1, 2},
            {2, 9, 9, 6, 5, 5, 2, 2, 1, 1, 1, 1, 2},
        };
        for (int[] c : cases) {
            int cin = c[0];
            int h = c[1];
            int w = c[2];
            int cout = c[3];
            int[] ws = {cout, cin / c[12], c[4], c[5]};
            float[] weight = random(r, ws[0] * ws[1] * ws[2] * ws[3], 1);
            float[] bias = random(r, cout, 1);
            Conv2d conv = new Conv2d(null, f32(ws, toDoubles(weight)), NdArray.int64Vector(c[6], c[7]),
                    NdArray.int64Vector(c[8], c[9]), NdArray.int64Vector(c[10], c[11]), NdArray.int64Scalar(c[12]),
                    f32(new int[] {cout}, toDoubles(bias)), none());
            float[] x = random(r, cin * h * w, 0.3);
            float[] y = run(conv, new int[] {cin, h, w}, x, 1);
            int oh = (h + 2 * c[8] - c[10] * (c[4] - 1) - 1) / c[6] + 1;
            int ow = (w + 2 * c[9] - c[11] * (c[5] - 1) - 1) / c[7] + 1;
            float[] expected = naiveConv2d(x, cin, h, w, weight, ws, bias, new int[] {c[6], c[7]},
                    new int[] {c[8], c[9]}, new int[] {c[10], c[11]}, c[12], oh, ow);
            assertArrayEquals(expected, y, 1e-5f, java.util.Arrays.toString(c));
        }
    }

    @Test
    void samePaddingKeepsTheSize() {
        Random r = new Random(3);
        float[] weight = random(r, 2 * 1 * 3 * 3, 1);
        Conv2d conv = new Conv2d(null, f32(new int[] {2, 1, 3, 3}, toDoubles(weight)), NdArray.int64Vector(1, 1),
                new Param.Text("same"), NdArray.int64Vector(1, 1), NdArray.int64Scalar(1), f32(new int[] {2}, 0, 0),
                none());
        float[] x = random(r, 25, 0.5);
        float[] expected = naiveConv2d(x, 1, 5, 5, weight, new int[] {2, 1, 3, 3}, new float[2], new int[] {1, 1},
                new int[] {1, 1}, new int[] {1, 1}, 1, 5, 5);
        assertArrayEquals(expected, run(conv, new int[] {1, 5, 5}, x, 1), 1e-5f);
    }

    @Test
    void conv1dIsAConv2dOfHeightOne() {
        Random r = new Random(11);
        float[] weight = random(r, 3 * 2 * 3, 1);
        Conv1d conv = new Conv1d(null, f32(new int[] {3, 2, 3}, toDoubles(weight)), NdArray.int64Scalar(2),
                NdArray.int64Scalar(1), NdArray.int64Scalar(1), NdArray.int64Scalar(1), f32(new int[] {3}, 1, 2, 3),
                none());
        float[] x = random(r, 2 * 8, 0.5);
        // L_out = (8 + 2 - 2 - 1)/2 + 1 = 4
        float[] expected = naiveConv2d(x, 2, 1, 8, weight, new int[] {3, 2, 1, 3}, new float[] {1, 2, 3},
                new int[] {1, 2}, new int[] {0, 1}, new int[] {1, 1}, 1, 1, 4);
        assertArrayEquals(expected, run(conv, new int[] {2, 8}, x, 1), 1e-5f);
    }

    @Test
    void samePaddingWithStrideIsRefused() {
        Conv2d conv = new Conv2d(null, f32(new int[] {1, 1, 3, 3}, new double[9]), NdArray.int64Vector(2, 2),
                new Param.Text("same"), NdArray.int64Vector(1, 1), NdArray.int64Scalar(1), f32(new int[] {1}, 0),
                none());
        NirGraph g = typed(NirGraph.builder().node("input", Input.of(1, 6, 6)).node("conv", conv)
                .node("output", Output.of(null)).chain("input", "conv", "output"));
        SimulationException e = assertThrows(SimulationException.class,
                () -> GraphCompiler.compile(g, Backends.require("exact"), 1e-4));
        assertEquals("conv", e.node());
        assertTrue(e.getMessage().contains("same"), e.getMessage());
    }

    @Test
    void fanInIsSummed() {
        NirGraph g = typed(NirGraph.builder().node("input", Input.of(2))
                .node("a", new Scale(v(1, 2), none())).node("b", new Scale(v(10, 20), none()))
                .node("out", new Scale(v(1, 1), none()))
                .node("output", Output.of(null))
                .chain("input", "a", "out").chain("input", "b", "out").chain("out", "output"));
        float[] y = Sim.run(g, Backends.require("exact"), constant(1, 1, 1), 1, List.of("out"), List.of()).get("out");
        assertArrayEquals(new float[] {11, 22}, y);
    }

    private static double[] toDoubles(float[] f) {
        double[] d = new double[f.length];
        for (int k = 0; k < f.length; k++) {
            d[k] = f[k];
        }
        return d;
    }

    @Test
    void delayBeyondTheBoundIsRefusedBeforeAllocating() {
        // 1e4 s at dt = 1e-4 s would be 1e8 delayed values per sample.
        NirGraph g = typed(NirGraph.builder().node("input", Input.of(1)).node("d", new Delay(v(1e4), none()))
                .node("output", Output.of(null)).chain("input", "d", "output"));
        SimulationException e = assertThrows(SimulationException.class, () -> GraphCompiler.compile(g, Backends.require("exact"), 1e-4));
        assertEquals("d", e.node());
    }
}
