package io.nirsweep.hardware.spinnaker2;

import io.nirsweep.sim.neuron.NeuronParams;
import io.nirsweep.sim.neuron.NeuronStep;
import io.nirsweep.sim.neuron.NeuronStepFactory;

/**
 * One SpiNNaker2 population as py-spinnaker2's {@code s2_nir.py} configures it ({@code lif_no_delay} /
 * {@code lif_conv2d} for LIF and IF, {@code lif_curr_exp_no_delay} for CubaLIF) and its ARM Cortex-M4F cores run it:
 * the state in float32, every operation a Java {@code float} operation in this order, with x the integer weighted
 * sum of the spikes the projections deliver this tick (int8 weights times binary spikes, an exact integer):
 *
 * <pre>
 *   i ← synDecay·i + x                      (CubaLIF only; LIF and IF take i = x)
 *   v ← (alpha·v + i) + iOffset
 *   s = [v &gt; threshold]
 *   v ← 0 (reset_to_v_reset, v_reset 0)  or  v ← v − threshold (reset_by_subtraction)
 * </pre>
 *
 * The membrane is reported in these chip units (the file's volts times the population's voltage scale).
 *
 * @param alpha membrane decay per neuron (float32 of s2_nir's float64 alpha_decay)
 * @param synDecay synaptic decay per neuron (exc_decay), or null for LIF and IF
 * @param threshold θ_hw per neuron
 * @param iOffset constant membrane input per neuron (the bias and v_leak terms)
 * @param subtract true for reset_by_subtraction, false for reset to 0
 */
public record S2Neuron(float[] alpha, float[] synDecay, float[] threshold, float[] iOffset, boolean subtract)
        implements NeuronStepFactory {

    public S2Neuron {
        alpha = alpha.clone();
        synDecay = synDecay == null ? null : synDecay.clone();
        threshold = threshold.clone();
        iOffset = iOffset.clone();
    }

    /**
     * s2_nir's FORWARD conversion of one population (s2_nir.py {@code convert_LIF}, {@code convert_CubaLIF},
     * {@code convert_IF}), in float64 as NumPy computes it, each parameter then stored as float32 on the chip:
     *
     * <pre>
     *   LIF:     r_f = dt/τ·R;  scale = (1/r_f)·w_scale;  θ_hw = θ·scale;  alpha = 1 − dt/τ;
     *            iOffset = dt/τ·v_leak·scale + bias·w_scale
     *   CubaLIF: r_f = dt/τ_mem·R;  w_f = dt/τ_syn·w_in;  scale = (1/r_f)·(1/w_f)·w_scale;  θ_hw = θ·scale;
     *            alpha = 1 − dt/τ_mem;  synDecay = 1 − dt/τ_syn;  iOffset = dt/τ_mem·v_leak·scale + bias·w_in·(1/w_f)·w_scale
     *   IF:      scale = (1/R)·w_scale;  θ_hw = θ·scale;  alpha = 1;  iOffset = bias·w_scale
     * </pre>
     *
     * @param wScale the population's weight scale, 127 / max|incoming weight|
     * @param bias the summed biases of the incoming Affine nodes, per neuron
     */
    public static Conversion convert(NeuronParams p, double dt, double wScale, double[] bias, boolean subtract) {
        int n = p.size();
        float[] alpha = new float[n];
        float[] syn = p.cuba() ? new float[n] : null;
        float[] theta = new float[n];
        float[] offset = new float[n];
        double[] scale = new double[n];
        for (int k = 0; k < n; k++) {
            double r = p.r()[k];
            if (p.cuba()) {
                double rFactor = dt / p.tau()[k] * r;
                double wFactor = dt / p.tauSyn()[k] * p.wIn()[k];
                double vLeakFactor = dt / p.tau()[k];
                double iScale = 1.0 / wFactor;
                scale[k] = 1.0 / rFactor * iScale * wScale;
                alpha[k] = (float) (1 - dt / p.tau()[k]);
                syn[k] = (float) (1 - dt / p.tauSyn()[k]);
                offset[k] = (float) (vLeakFactor * p.vLeak()[k] * scale[k] + bias[k] * p.wIn()[k] * iScale * wScale);
            } else if (p.leaky()) {
                double rFactor = dt / p.tau()[k] * r;
                double vLeakFactor = dt / p.tau()[k];
                scale[k] = 1.0 / rFactor * wScale;
                alpha[k] = (float) (1 - dt / p.tau()[k]);
                offset[k] = (float) (vLeakFactor * p.vLeak()[k] * scale[k] + bias[k] * wScale);
            } else {
                scale[k] = 1.0 / r * wScale;
                alpha[k] = 1f;
                offset[k] = (float) (bias[k] * wScale);
            }
            theta[k] = (float) (p.vThreshold()[k] * scale[k]);
        }
        return new Conversion(new S2Neuron(alpha, syn, theta, offset, subtract), scale);
    }

    /**
     * A population's converted step and its voltage scale (chip units per volt of the file).
     *
     * @param neuron the step
     * @param voltageScale per neuron, s2_nir's {@code nir_v_scale}
     */
    public record Conversion(S2Neuron neuron, double[] voltageScale) {}

    @Override
    public NeuronStep<?> create(String node, NeuronParams params, double dt) {
        if (params.size() != alpha.length) {
            throw new IllegalArgumentException("node '" + node + "': " + params.size() + " neurons, converted for "
                    + alpha.length);
        }
        return new Step(this);
    }

    @Override
    public Summary summary() {
        return new Summary("forward Euler in float32: i = d_s·i + x, v = α·v + i + i_offset", "v > θ_hw",
                subtract ? "v ← v − θ_hw (reset_by_subtraction)" : "v ← 0 (reset_to_v_reset)", "at most one",
                "float32 state (ARM Cortex-M4F), int8 weights truncated toward zero", "");
    }

    /** One sample's float32 membranes and synaptic currents. */
    public static final class State {
        final float[] v;
        final float[] i;

        State(int n) {
            v = new float[n];
            i = new float[n];
        }
    }

    private static final class Step implements NeuronStep<State> {
        private final S2Neuron c;

        Step(S2Neuron c) {
            this.c = c;
        }

        @Override
        public int size() {
            return c.alpha.length;
        }

        @Override
        public State newState() {
            return new State(size());
        }

        @Override
        public void step(float[] x, State s, float[] y) {
            for (int k = 0; k < s.v.length; k++) {
                float current = x[k];
                if (c.synDecay != null) {
                    s.i[k] = c.synDecay[k] * s.i[k] + x[k];
                    current = s.i[k];
                }
                float v = c.alpha[k] * s.v[k] + current;
                v = v + c.iOffset[k];
                boolean fired = v > c.threshold[k];
                s.v[k] = !fired ? v : c.subtract ? v - c.threshold[k] : 0f;
                y[k] = fired ? 1f : 0f;
            }
        }

        @Override
        public boolean spiking() {
            return true;
        }

        @Override
        public double membrane(State s, int k) {
            return s.v[k];
        }
    }
}
