package io.nirsweep.hardware.xylo;

import io.nirsweep.hardware.target.Fixed;
import java.util.List;

/**
 * Rockpool's post-training quantisation for Xylo Audio 2 as the NIR paper ran it ({@code channel_quantize} in
 * synsense/rockpool {@code rockpool/transform/quantize_methods.py}, one synaptic state per neuron): per target neuron
 * h ("channel"), the scale s_h = (2^(bits−1) − 1) / max|w| over every weight into h (input and recurrent weights of a
 * hidden neuron together; a readout neuron's readout weights), w → round(w·s_h), θ → round(θ·s_h); when |round(θ·s_h)|
 * exceeds 32767 (16-bit threshold), s_h ← 32767/θ and the weights into h and θ are rounded again from the floats;
 * a neuron with no weight keeps round(θ). NumPy's {@code np.round}: half to even. Bit-shift decays
 * ({@code xylo_graph_modules.py} {@code Xylo2Neurons._convert_from}, then {@code np.round} in
 * {@code channel_quantize}): dash = round(log2(τ/dt)), the decay factor 1 − 2^−dash.
 */
public final class XyloQuantisation {
    /** The threshold register's largest value (bits_per_threshold 16). */
    public static final long MAX_THRESHOLD = Fixed.maxSigned(16);

    private XyloQuantisation() {}

    /** The bit-shift of a time constant: round(log2(τ/dt)), half to even. */
    public static long dash(double tau, double dt) {
        return Fixed.Rounding.HALF_EVEN.apply(Math.log(tau / dt) / Math.log(2));
    }

    /** The decay factor per step a bit-shift stands for: 1 − 2^−dash. */
    public static double decayFactor(long dash) {
        return 1 - Math.pow(2, -dash);
    }

    /**
     * One weight matrix into the population, NIR's layout: {@code weight[h·inputs + j]} from input j to neuron h.
     */
    public record Matrix(double[] weight, int inputs) {}

    /**
     * The population's integers.
     *
     * @param weights per matrix, the integer weights in the same layout
     * @param threshold the integer threshold per neuron
     * @param scale the scale each neuron's integers were made with (1 for a neuron without weights)
     * @param biasScale the scale before any threshold rescale, which {@code channel_quantize} applies to biases
     */
    public record Channels(List<long[]> weights, long[] threshold, double[] scale, double[] biasScale) {}

    /**
     * @param into every weight matrix into the population (rows = its neurons)
     * @param theta the thresholds
     * @param weightBits the weights' width (8 on the chip)
     */
    public static Channels quantise(List<Matrix> into, double[] theta, int weightBits) {
        int n = theta.length;
        long maxQ = Fixed.maxSigned(weightBits);
        List<long[]> q = into.stream().map(m -> new long[m.weight().length]).toList();
        long[] th = new long[n];
        double[] scale = new double[n];
        double[] biasScale = new double[n];
        for (int h = 0; h < n; h++) {
            double maxW = 0;
            for (Matrix m : into) {
                for (int j = 0; j < m.inputs(); j++) {
                    maxW = Math.max(maxW, Math.abs(m.weight()[h * m.inputs() + j]));
                }
            }
            if (maxW == 0) {
                th[h] = round(theta[h]);
                scale[h] = 1;
                biasScale[h] = 1;
                continue;
            }
            double s = maxQ / maxW;
            biasScale[h] = s;
            th[h] = round(theta[h] * s);
            if (th[h] > MAX_THRESHOLD || th[h] < -MAX_THRESHOLD) {
                s = MAX_THRESHOLD / theta[h]; // channel_quantize's limited_scaling, from the float threshold
                th[h] = round(theta[h] * s);
            }
            scale[h] = s;
            for (int k = 0; k < into.size(); k++) {
                Matrix m = into.get(k);
                for (int j = 0; j < m.inputs(); j++) {
                    q.get(k)[h * m.inputs() + j] = round(m.weight()[h * m.inputs() + j] * s);
                }
            }
        }
        return new Channels(q, th, scale, biasScale);
    }

    /** np.round, clamped to the long range: θ·s of a tiny weight's huge scale is then rescaled, not an error. */
    static long round(double x) {
        return Fixed.Rounding.HALF_EVEN.clamped(x);
    }
}
