package io.nirsweep.hardware.xylo;

import io.nirsweep.hardware.target.Fixed;
import io.nirsweep.sim.neuron.IntegerNeuronStep;
import io.nirsweep.sim.neuron.IntegerState;
import io.nirsweep.sim.neuron.NeuronParams;
import io.nirsweep.sim.neuron.NeuronStep;
import io.nirsweep.sim.neuron.NeuronStepFactory;

/**
 * One population of Xylo Audio 2 neurons with the chip's integer parameters, as the bit-exact simulator xylosim
 * computes them ({@code XyloIAFNeuron.cpp} {@code evolve} and {@code receiveSpike}, {@code XyloLayer.cpp}
 * {@code evolve}; constants in {@code XyloIAFNeuron.h}: {@code BITS_STATE 16}, {@code MAX_NUM_SPIKES 31},
 * {@code MAX_NUM_OUT_SPIKES 1}). With x the step's weighted input (Σ w·n over the events delivered this step, an
 * integer) and sat16 the 16-bit signed saturation of xylosim's {@code safe_add}:
 *
 * <pre>
 *   i  ← sat16(i + x)                                  receiveSpike
 *   i  ← i − d(i, dash_syn)                            the synaptic decay first
 *   dv ← sat16(wrap16(−d(v, dash_mem)) + i)            the old membrane's decay, plus the decayed current
 *   dv ← sat16(dv + bias)
 *   v  ← sat16(v + dv)
 *   while v ≥ θ and n &lt; max: n ← n + 1, v ← wrap16(v − θ)      (n starts at 0; max 31 hidden, 1 readout)
 *   d(v, k) = v &gt;&gt; k (arithmetic, toward −∞), or sign(v) when that is 0
 * </pre>
 *
 * The spike test reads the membrane after integration; the subtraction of θ is {@code v_mem -= v_th} on an
 * {@code int16_t} (no saturation: it wraps, which only matters for θ ≤ 0). The membrane is reported in the chip's
 * integers (unit 1).
 *
 * <p>Approximation: xylosim saturates after every single weight it adds ({@code safe_add} per event, in delivery
 * order: input channels, then hidden neurons, by index); the engine hands the step its summed input x, saturated once.
 * Both agree whenever no partial sum of the step leaves [−32768, 32767].
 *
 * @param dashSyn the synaptic bit-shift per neuron (4 bits)
 * @param dashMem the membrane bit-shift per neuron (4 bits)
 * @param threshold the integer threshold per neuron (16 bits)
 * @param bias the integer membrane bias per neuron (0 where the toolchain transfers none)
 * @param maxSpikes the most spikes per step: 31 for hidden neurons, 1 for readout neurons
 */
public record XyloNeuron(long[] dashSyn, long[] dashMem, long[] threshold, long[] bias, int maxSpikes)
        implements NeuronStepFactory {
    /** The state registers' width ({@code BITS_STATE}). */
    public static final int STATE_BITS = 16;
    /** Spikes per step of a hidden neuron ({@code MAX_NUM_SPIKES}). */
    public static final int MAX_HIDDEN_SPIKES = 31;
    /** Spikes per step of a readout neuron ({@code MAX_NUM_OUT_SPIKES}). */
    public static final int MAX_READOUT_SPIKES = 1;

    public XyloNeuron {
        int n = threshold.length;
        if (dashSyn.length != n || dashMem.length != n || bias.length != n) {
            throw new IllegalArgumentException("one dash_syn, dash_mem, threshold and bias per neuron");
        }
        dashSyn = dashSyn.clone();
        dashMem = dashMem.clone();
        threshold = threshold.clone();
        bias = bias.clone();
    }

    /**
     * xylosim's {@code decay(v, dash)}: the amount a bit-shift decay removes, v &gt;&gt; dash (arithmetic shift,
     * toward −∞), but at least one toward zero when v ≠ 0 (only a positive v can shift to 0).
     */
    public static long decay(long v, long dash) {
        long dv = Fixed.shiftFloor(v, (int) dash);
        return dv != 0 ? dv : Long.signum(v);
    }

    /**
     * xylosim's {@code safe_add(x, y, 16)}: x + y clamped to a 16-bit signed register (it clamps to the bound on the
     * side of y's sign when |bound − x| ≤ |y|, which for an x in range is saturation).
     */
    public static long add16(long x, long y) {
        return Fixed.saturate(x + y, STATE_BITS);
    }

    /**
     * One step of neuron k, in place: {@code current[k]} is its i_syn, {@code voltage[k]} its v_mem; returns its
     * spike count. The equations are the class comment's.
     */
    public static int evolve(long[] current, long[] voltage, int k, long input, long dashSyn, long dashMem,
            long threshold, long bias, int maxSpikes) {
        long i = add16(current[k], input);
        i -= decay(i, dashSyn);
        // int16_t dv_mem = -decay(v_mem, dash_mem): only −(−32768) at dash 0 does not fit, and wraps
        long dv = add16(Fixed.wrap(-decay(voltage[k], dashMem), STATE_BITS), i);
        dv = add16(dv, bias);
        long v = add16(voltage[k], dv);
        int n = 0;
        while (v >= threshold && n < maxSpikes) {
            n++;
            v = Fixed.wrap(v - threshold, STATE_BITS);
        }
        current[k] = i;
        voltage[k] = v;
        return n;
    }

    @Override
    public NeuronStep<?> create(String node, NeuronParams p, double dt) {
        if (p.size() != threshold.length) {
            throw new IllegalArgumentException(node + ": " + p.size() + " neurons, " + threshold.length
                    + " converted");
        }
        return new Step(this);
    }

    @Override
    public Summary summary() {
        return new Summary("Xylo bit-shift decays v − max(v >> dash, ±1), synaptic decay before integration",
                "v ≥ θ", "v ← v − θ per spike (v_reset ignored)", maxSpikes + " per step",
                "int8 weights, 16-bit saturating i_syn and v_mem", "");
    }

    private static final class Step extends IntegerNeuronStep {
        private final XyloNeuron q;

        Step(XyloNeuron q) {
            super(q.threshold.length, 1);
            this.q = q;
        }

        @Override
        public void step(float[] x, IntegerState s, float[] y) {
            for (int k = 0; k < size; k++) {
                // x is Σ int8 weight × event count: an integer, exact in float32 (the rules check the bound)
                y[k] = evolve(s.current, s.voltage, k, (long) x[k], q.dashSyn[k], q.dashMem[k], q.threshold[k],
                        q.bias[k], q.maxSpikes);
            }
        }
    }
}
