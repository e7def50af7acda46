package io.nirsweep.hardware.speck;

import io.nirsweep.hardware.target.Fixed;

/**
 * Sinabs' discretisation of one DynapCNN layer (synsense/sinabs, commit 904eb89,
 * {@code sinabs/backend/dynapcnn/discretize.py}), in float32 as PyTorch computes it.
 *
 * <p>{@code determine_discretization_scale(obj, bits)}: with D = 2^(bits−1) − 1 and m = min(obj), M = max(obj),
 * the scale is |D / M| when |m| ≤ |M|·(2^(bits−1)/D) (the negative range is one larger), else |2^(bits−1) / m|;
 * an all-zero tensor gives +∞ (127/0), so it never limits the common scale. {@code _discretize_conv_spk_} takes
 * the common scale s = min(scale(W, 8), scale(b, 8), scale((min_v_mem, θ), 16)) — 8-bit weights
 * ({@code DYNAPCNN_WEIGHT_PRECISION_BITS}), biases at the weights' width, thresholds in the 16-bit state
 * ({@code DYNAPCNN_STATE_PRECISION_BITS}) — and {@code discretize_tensor} maps every value x to
 * {@code torch.round(x·s)}: the float32 product rounded half to even.
 */
public final class Discretize {
    /** Weight (and bias) width: {@code DYNAPCNN_WEIGHT_PRECISION_BITS = 8}. */
    public static final int WEIGHT_BITS = 8;
    /** Neuron state and threshold width: {@code DYNAPCNN_STATE_PRECISION_BITS = 16}. */
    public static final int STATE_BITS = 16;

    private Discretize() {}

    /**
     * {@code determine_discretization_scale}: how much the values may be multiplied to fit a signed register of
     * {@code bits} bits, in float32 (the tensor's dtype; Python's 128/127 is cast to float32 by the product).
     */
    public static float scale(float[] values, int bits) {
        if (values.length == 0) {
            return Float.POSITIVE_INFINITY;
        }
        float min = values[0];
        float max = values[0];
        for (float v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        float maxDisc = Fixed.maxSigned(bits);
        float minDisc = Fixed.minSigned(bits);
        float ratio = (float) Math.abs((double) minDisc / maxDisc);
        if (Math.abs(min) <= Math.abs(max) * ratio) {
            return Math.abs(maxDisc / max);
        }
        return Math.abs(minDisc / min);
    }

    /** {@code discretize_tensor}: round(x·s), the product in float32, ties to even ({@code torch.round}). */
    public static long discretize(float x, float scale) {
        return Fixed.Rounding.HALF_EVEN.apply(x * scale);
    }

    public static long[] discretize(float[] xs, float scale) {
        long[] q = new long[xs.length];
        for (int k = 0; k < xs.length; k++) {
            q[k] = discretize(xs[k], scale);
        }
        return q;
    }

    /**
     * One layer's discretisation.
     *
     * @param scale the common scale s
     * @param weights round(W·s), 8-bit
     * @param biases round(b·s)
     * @param threshold round(θ·s), 16-bit (θ_high)
     * @param low round(min_v_mem·s), 16-bit (θ_low)
     */
    public record Layer(float scale, long[] weights, long[] biases, long threshold, long low) {
        /**
         * {@code _discretize_conv_spk_} for a Conv2d (or a Linear converted to one) and its IAF.
         *
         * @param weight the kernel, any order
         * @param bias the biases (zeros when the file has none: sinabs then uses {@code torch.zeros})
         * @param threshold the layer's one threshold θ
         * @param minVMem the IAF's {@code min_v_mem} (θ_low before scaling)
         */
        public static Layer of(float[] weight, float[] bias, float threshold, float minVMem) {
            float s = Math.min(Math.min(Discretize.scale(weight, WEIGHT_BITS), Discretize.scale(bias, WEIGHT_BITS)),
                    Discretize.scale(new float[] {minVMem, threshold}, STATE_BITS));
            return new Layer(s, discretize(weight, s), discretize(bias, s), discretize(threshold, s),
                    discretize(minVMem, s));
        }
    }
}
