package io.nirsweep.hardware.loihi;

import io.nirsweep.hardware.target.Fixed;
import io.nirsweep.hardware.target.Fixed.Rounding;

/**
 * The integers a CubaLIF or IF gets on Loihi 2, as lava-dl's path to the chip makes them (slayer trains, netx loads
 * the exported block as a Lava {@code Dense} + {@code LIF}); each formula names the file it follows (lava-nc/lava-dl
 * commit d825ac50, lava-nc/lava commit b6822fbc):
 *
 * <ul>
 *   <li>decays: d = round(4096·f), ties to even — slayer's {@code cuba.Neuron.cx_current_decay} /
 *       {@code cx_voltage_decay} ({@code slayer/neuron/cuba.py}: {@code quantize(p_scale·decay)}, p_scale = 2^12,
 *       {@code quantize} = {@code torch.round}, {@code slayer/utils/quantize.py}); netx gives the process
 *       du = iDecay − 1, dv = vDecay ({@code netx/hdf5.py}, {@code _neuron}), so Lava's effective current decay
 *       du + 1 is d itself. du and dv are 12-bit unsigned ({@code lif/models.py}): d_u is kept in 1..4096, dv in
 *       0..4095;</li>
 *   <li>threshold: vth = trunc(θ·64) — slayer's {@code Neuron.v_th_mant} = {@code int(threshold·w_scale)}, scale
 *       2^6 ({@code slayer/neuron/base.py}); Lava compares v &gt; vth &lt;&lt; 6; vth is 17-bit unsigned;</li>
 *   <li>weights: w = 2·round(64·w'/2) clamped to [−256, 254] — slayer's {@code Neuron.quantize_8bit} (step 2/scale,
 *       {@code descale=True}) — then what Lava's {@code PyDenseModelBitAcc} does on its first step
 *       ({@code proc/dense/models.py}): {@code clip_weights(…, num_bits=8)} and {@code truncate_weights(…,
 *       num_weight_bits)} ({@code utils/weightutils.py}, {@link #denseWeights});</li>
 *   <li>bias: bias_mant = round(64·b), ties to even, saturated to 13 bits, bias_exp = 6 — netx maps a block's bias
 *       to the LIF's {@code bias_mant} with {@code bias_exp} 6 ({@code netx/hdf5.py}); Lava's {@code bias_mant} is
 *       13-bit signed.</li>
 * </ul>
 *
 * The state unit is then 64·64 = 4096: an activation a reaches u as a &lt;&lt; 6, so a weight of 1.0 moves u by 4096.
 */
public final class Loihi2Quantiser {
    /** slayer's weight scale {@code w_scale} = 1 &lt;&lt; 6 (the CUBA neuron's default {@code scale}). */
    public static final long WEIGHT_SCALE = 1L << 6;
    /** The state value of 1.0: weight scale times Lava's 6-bit activation shift. */
    public static final long STATE_UNIT = WEIGHT_SCALE << LoihiCompartment.MSB_SHIFT;
    /** netx's {@code bias_exp}. */
    public static final int BIAS_EXP = 6;
    /** Lava's widths: vth 17-bit unsigned, bias_mant 13-bit signed, synaptic weights 8 bits plus sign mode. */
    public static final long MAX_VTH = (1L << 17) - 1;
    public static final int BIAS_MANT_BITS = 13;
    public static final int MAX_WEIGHT_BITS = 8;

    private Loihi2Quantiser() {}

    /** A decay fraction f as 12-bit integer: round(4096·f), ties to even, clamped to [lo, hi]. */
    public static long decay(double fraction, long lo, long hi) {
        return Math.max(lo, Math.min(hi, Rounding.HALF_EVEN.clamped(fraction * LoihiCompartment.DECAY_UNITY)));
    }

    /** Lava's effective current decay du + 1: 1..4096. */
    public static long currentDecay(double fraction) {
        return decay(fraction, 1, LoihiCompartment.DECAY_UNITY);
    }

    /** Lava's voltage decay dv (dm_offset 0): 0..4095. */
    public static long voltageDecay(double fraction) {
        return decay(fraction, 0, LoihiCompartment.DECAY_UNITY - 1);
    }

    /** slayer's threshold mantissa, trunc(θ·64); the caller checks it against 0..{@link #MAX_VTH}. */
    public static long threshold(double theta) {
        return Rounding.TOWARD_ZERO.clamped(theta * WEIGHT_SCALE);
    }

    /** slayer's {@code quantize_8bit(w, descale=True)}: 2·round(64·w/2) (ties to even) in [−256, 254]. */
    public static long slayerWeight(double w) {
        return 2 * Math.max(-128, Math.min(127, Rounding.HALF_EVEN.clamped(w * WEIGHT_SCALE / 2)));
    }

    /** netx's bias_mant for a bias b in state units: round(64·b), ties to even, saturated to 13 bits. */
    public static long biasMant(double b) {
        return Fixed.saturate(Rounding.HALF_EVEN.clamped(b * WEIGHT_SCALE), BIAS_MANT_BITS);
    }

    /** The sign mode Lava finds for a weight matrix ({@code determine_sign_mode}). */
    public enum SignMode {
        MIXED, EXCITATORY, INHIBITORY;

        public static SignMode of(long[] w) {
            long min = 0;
            long max = 0;
            for (long x : w) {
                min = Math.min(min, x);
                max = Math.max(max, x);
            }
            return min >= 0 ? EXCITATORY : max <= 0 ? INHIBITORY : MIXED;
        }
    }

    /**
     * What Lava's bit-accurate Dense makes of integer weights (in place): {@code clip_weights(w, sign_mode, 8)} —
     * mixed [−256, 255], excitatory [0, 255], inhibitory [−255, 0] — then {@code truncate_weights(w, sign_mode,
     * num_weight_bits)}: the low 8 − bits + [mixed] bits dropped by an arithmetic shift (toward −∞; for an inhibitory
     * matrix the shift acts on −w, so toward zero). Mixed-sign weights thus keep even values at 8 bits.
     *
     * @param sign the matrix's sign mode (Lava determines it once, before clipping)
     */
    public static void denseWeights(long[] w, SignMode sign, int bits) {
        int drop = MAX_WEIGHT_BITS - bits + (sign == SignMode.MIXED ? 1 : 0);
        for (int k = 0; k < w.length; k++) {
            long x = sign == SignMode.INHIBITORY ? -w[k] : w[k];
            x = sign == SignMode.MIXED ? Math.max(-256, Math.min(255, x)) : Math.max(0, Math.min(255, x));
            x = (x >> drop) << drop;
            w[k] = sign == SignMode.INHIBITORY ? -x : x;
        }
    }
}
