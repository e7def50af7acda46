package io.nirsweep.hardware.speck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nirsweep.sim.SimulationException;
import io.nirsweep.sim.neuron.IntegerState;
import io.nirsweep.sim.neuron.NeuronStep;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Sinabs' discretisation, the cores' memory formulas, the max-flow matching and the integer IAF, by hand. */
class SpeckArithmeticTest {
    /**
     * W = (1, −1, 0.02), b = 0, θ = 2, min_v_mem = −2: scale(W) = 127/1 (|−1| ≤ 1·128/127), scale(b) = 127/0 = ∞,
     * scale(−2, 2) = 32767/2; s = 127: W → (127, −127, round(2.54) = 3), θ → 254, θ_low → −254.
     */
    @Test
    void weightLimitedScale() {
        Discretize.Layer q = Discretize.Layer.of(new float[] {1, -1, 0.02f}, new float[] {0}, 2, -2);
        assertEquals(127f, q.scale());
        assertArrayEquals(new long[] {127, -127, 3}, q.weights());
        assertArrayEquals(new long[] {0}, q.biases());
        assertEquals(254, q.threshold());
        assertEquals(-254, q.low());
    }

    /**
     * A negative extreme uses the larger negative range: W = (−2, 0.0390625): |−2| &gt; 0.0390625·128/127, so
     * scale = 128/2 = 64; −2·64 = −128 and 0.0390625·64 = 2.5 exactly, which torch.round takes to 2 (ties to even;
     * C's round would give 3). θ = 1: round(64) = 64.
     */
    @Test
    void negativeRangeAndTiesToEven() {
        Discretize.Layer q = Discretize.Layer.of(new float[] {-2, 0.0390625f}, new float[] {0}, 1, -1);
        assertEquals(64f, q.scale());
        assertArrayEquals(new long[] {-128, 2}, q.weights());
        assertEquals(64, q.threshold());
        assertEquals(-2, Discretize.discretize(-2.5f, 1f));
        assertEquals(4, Discretize.discretize(3.5f, 1f));
    }

    /**
     * The state bounds the scale: W = 0.001 (scale 127000), θ = 1, min_v_mem = −2: |−2| &gt; 1·32768/32767, so
     * scale(thresholds) = 32768/2 = 16384 = s; θ_low = −32768, the 16-bit minimum, θ = 16384, W = round(16.384) = 16.
     * With min_v_mem = −θ = −1: s = 32767, θ = 32767 (the maximum), θ_low = −32767.
     */
    @Test
    void thresholdsStayInSixteenBits() {
        Discretize.Layer q = Discretize.Layer.of(new float[] {0.001f}, new float[] {0}, 1, -2);
        assertEquals(16384f, q.scale());
        assertEquals(-32768, q.low());
        assertEquals(16384, q.threshold());
        assertArrayEquals(new long[] {16}, q.weights());
        Discretize.Layer p = Discretize.Layer.of(new float[] {0.001f}, new float[] {0}, 1, -1);
        assertEquals(32767, p.threshold());
        assertEquals(-32767, p.low());
        assertThrows(IllegalArgumentException.class, () -> new SpeckIaf(32768, -1, false));
        assertThrows(IllegalArgumentException.class, () -> new SpeckIaf(5, -32769, false));
    }

    /**
     * The paper CNN's layers (kernel (c_out, c_in, k, k), conv output c_out×h×w):
     * conv 16×2×5×5 → 16×16×16: K = 2·2^(⌈log2 25⌉=5 + ⌈log2 16⌉=4) = 1024, N = 16·2^(4+4) = 4096;
     * conv 16×16×3×3 → 16×16×16: K = 16·2^(4+4) = 4096, N = 4096;
     * conv 8×16×3×3 → 8×8×8: K = 16·2^(4+3) = 2048, N = 8·2^(3+3) = 512;
     * Affine 256×128 after Flatten of 8×4×4 → conv 256×8×4×4 → 256×1×1: K = 8·2^(4+8) = 32768, N = 256;
     * Affine 10×256 → conv 10×256×1×1: K = 256·2^(0+4) = 4096, N = 10.
     * Not powers of two: 3 channels, 5×5 kernel, 20 outputs: K = 3·2^(5+5) = 3072; 20×30×30: N = 20·2^(5+5) = 20480.
     */
    @Test
    void memoryFormulas() {
        assertEquals(1024, SpeckCores.kernelEntries(2, 5, 5, 16));
        assertEquals(4096, SpeckCores.neuronEntries(16, 16, 16));
        assertEquals(4096, SpeckCores.kernelEntries(16, 3, 3, 16));
        assertEquals(2048, SpeckCores.kernelEntries(16, 3, 3, 8));
        assertEquals(512, SpeckCores.neuronEntries(8, 8, 8));
        assertEquals(32768, SpeckCores.kernelEntries(8, 4, 4, 256));
        assertEquals(256, SpeckCores.neuronEntries(256, 1, 1));
        assertEquals(4096, SpeckCores.kernelEntries(256, 1, 1, 10));
        assertEquals(10, SpeckCores.neuronEntries(10, 1, 1));
        assertEquals(3072, SpeckCores.kernelEntries(3, 5, 5, 20));
        assertEquals(20480, SpeckCores.neuronEntries(20, 30, 30));
        // 32768 kernel entries fit cores 3–6 only (32/32/64/64 Ki); 256 neurons fit all
        SpeckCores.Needs fc = new SpeckCores.Needs(32768, 256, 256);
        assertEquals(List.of(false, false, false, true, true, true, true, false, false),
                java.util.stream.IntStream.range(0, 9).mapToObj(fc::fits).toList());
    }

    /**
     * A declared 2^31−1 × 2^31−1 map: ⌈log2⌉ = 31 each, 4·2^62 wraps to 0 under Java's {@code <<} (and 2·2^62 to
     * −2^63), both "fitting"; saturated they are 2^63 − 1, above every core. The same for a kernel area beyond a long.
     */
    @Test
    void memoryFormulasSaturateInsteadOfWrapping() {
        int big = Integer.MAX_VALUE;
        assertEquals(Long.MAX_VALUE, SpeckCores.neuronEntries(4, big, big));
        assertEquals(Long.MAX_VALUE, SpeckCores.neuronEntries(2, big, big));
        assertEquals(Long.MAX_VALUE, SpeckCores.kernelEntries(1, 1L << 40, 1L << 40, 1));
        assertEquals(1L << 62, SpeckCores.neuronEntries(1, big, big));
        assertFalse(new SpeckCores.Needs(1, SpeckCores.neuronEntries(4, big, big), 1).fits(0));
    }

    /**
     * Edmonds–Karp as sinabs runs it. L0 {0, 1}, L1 {0}: L0 takes core 0 first; L1's search goes core 0 → back to
     * L0 → core 1, so L0 = 1, L1 = 0. L0 {0}, L1 {0}: L1 is left out (−1). L0 {3,4,5,6}, L1 {5,6}, L2 {5,6},
     * L3 {3,4}: L0 → 3, L1 → 5 (first free core of its list), L2 → 6 (core 5 is L1's), L3 → 4 (core 3 is L0's).
     */
    @Test
    void maxFlowMatching() {
        assertArrayEquals(new int[] {1, 0}, CoreMatching.assign(List.of(new int[] {0, 1}, new int[] {0}), 9));
        assertArrayEquals(new int[] {0, -1}, CoreMatching.assign(List.of(new int[] {0}, new int[] {0}), 9));
        assertArrayEquals(new int[] {3, 5, 6, 4}, CoreMatching.assign(List.of(new int[] {3, 4, 5, 6},
                new int[] {5, 6}, new int[] {5, 6}, new int[] {3, 4}), 9));
    }

    static long[] run(SpeckIaf q, float... xs) {
        @SuppressWarnings("unchecked")
        NeuronStep<IntegerState> step = (NeuronStep<IntegerState>) q.create("n", params(), 1);
        IntegerState s = step.newState();
        long[] out = new long[2 * xs.length];
        float[] y = new float[1];
        for (int t = 0; t < xs.length; t++) {
            step.step(new float[] {xs[t]}, s, y);
            out[2 * t] = (long) y[0];
            out[2 * t + 1] = s.voltage[0];
        }
        return out;
    }

    static io.nirsweep.sim.neuron.NeuronParams params() {
        return io.nirsweep.sim.neuron.NeuronParams.of(new io.nirsweep.model.IF(io.nirsweep.model.NdArray.vector(1),
                io.nirsweep.model.NdArray.vector(1), null, io.nirsweep.model.Metadata.EMPTY));
    }

    /**
     * θ = 4, θ_low = −4, subtract: x = 10 → v = 10, n = ⌊10/4⌋ = 2, v = 2; x = −9 → v = −7, floored to −4;
     * x = 3 → v = −1; x = 5 → v = 4 = θ, n = 1, v = 0. Return to zero: x = 10 → n = 2, v = 0; x = 3 → v = 3.
     */
    @Test
    void integerIafPerBin() {
        assertArrayEquals(new long[] {2, 2, 0, -4, 0, -1, 1, 0}, run(new SpeckIaf(4, -4, false), 10, -9, 3, 5));
        assertArrayEquals(new long[] {2, 0, 0, 3}, run(new SpeckIaf(4, -4, true), 10, 3));
        // 1 000 000 (exact in float32) into θ = 32767: n = 30, v = 1 000 000 − 983 010 = 16 990, in 16 bits
        assertArrayEquals(new long[] {30, 16990}, run(new SpeckIaf(32767, -32767, false), 1_000_000));
        assertThrows(SimulationException.class, () -> run(new SpeckIaf(4, -4, false), 0.5f));
        assertThrows(SimulationException.class, () -> run(new SpeckIaf(4, -4, false), 0x1p25f));
    }

    /**
     * Per event (the chip) against the bin step (the engine), one target neuron:
     * (a) mixed sign, θ = 2, θ_low = −2, w = (+2, −2), one event each: per event v = 2 → spike, v = 0; then v = −2:
     * 1 spike, v = −2. The bin sums x = 0: no spike, v = 0.
     * (b) several spikes, w = 3, θ = 2, two events: v = 3 → spike, 1; v = 4 → spike, 2: 2 spikes, v = 2. The bin:
     * x = 6, n = 3, v = 0.
     * (c) the floor per event, θ = 4, θ_low = −4, w = (−3, +5), counts (2, 1): v = −3, −6 → −4, then +5 → 1: no
     * spike, v = 1. The bin: x = −1, v = −1. With the order reversed, w = (+5, −3), counts (1, 2): v = 5 → spike, 1;
     * −2; −5 → −4: 1 spike, v = −4 — per event the order matters, the bin gives 0 spikes, v = −1 either way.
     * (d) non-negative weights below θ agree: w = (1, 2), θ = 4, counts (3, 2): per event 1, 2, 3, 5 → spike → 1,
     * 3: 1 spike, v = 3; the bin: x = 7, n = 1, v = 3.
     */
    @Test
    void perEventAgainstTheBinStep() {
        SpeckIaf a = new SpeckIaf(2, -2, false);
        long[] v = {0};
        assertArrayEquals(new long[] {1}, PerEventCore.bin(new long[][] {{2, -2}}, new long[] {1, 1}, v, a));
        assertArrayEquals(new long[] {-2}, v);
        assertArrayEquals(new long[] {0, 0}, run(a, 0));

        v = new long[] {0};
        assertArrayEquals(new long[] {2}, PerEventCore.bin(new long[][] {{3}}, new long[] {2}, v, a));
        assertArrayEquals(new long[] {2}, v);
        assertArrayEquals(new long[] {3, 0}, run(a, 6));

        SpeckIaf c = new SpeckIaf(4, -4, false);
        v = new long[] {0};
        assertArrayEquals(new long[] {0}, PerEventCore.bin(new long[][] {{-3, 5}}, new long[] {2, 1}, v, c));
        assertArrayEquals(new long[] {1}, v);
        v = new long[] {0};
        assertArrayEquals(new long[] {1}, PerEventCore.bin(new long[][] {{5, -3}}, new long[] {1, 2}, v, c));
        assertArrayEquals(new long[] {-4}, v);
        assertArrayEquals(new long[] {0, -1}, run(c, -1));

        v = new long[] {0};
        assertArrayEquals(new long[] {1}, PerEventCore.bin(new long[][] {{1, 2}}, new long[] {3, 2}, v, c));
        assertArrayEquals(new long[] {3}, v);
        assertArrayEquals(new long[] {1, 3}, run(c, 7));
    }
}
