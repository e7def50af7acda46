package io.nirsweep.hardware.loihi;

/**
 * One Loihi compartment's update, as Lava's bit-accurate LIF computes it (lava-nc/lava
 * {@code src/lava/proc/lif/models.py}, {@code AbstractPyLifModelFixed.subthr_dynamics}, {@code PyLifModelBitAcc};
 * commit b6822fbc): with a the Dense's integer activation,
 *
 * <pre>
 *   u ← wrap24(rz(u·(4096 − d_u)) + (a &lt;&lt; 6))              d_u = du + 1 (ds_offset = 1)
 *   v ← clip24(rz(v·(4096 − dv)) + u + (bias_mant &lt;&lt; bias_exp))
 *   spike when v &gt; vth &lt;&lt; 6, then v ← 0
 * </pre>
 *
 * rz(p) = sign(p)·(|p| &gt;&gt; 12) rounds toward zero ({@code np.sign(x) * np.right_shift(np.abs(x), 12)}); a and the
 * threshold are shifted left by 6 ("MSB alignment", {@code act_shift}, {@code vth_shift}). The two registers
 * differ at their edges, as Lava writes them:
 *
 * <ul>
 *   <li>{@link #wrapCurrent}: u &gt; 2^23 becomes u − 2^24, u ≤ −2^23 becomes u + 2^24 — so 2^23 itself stays, and
 *       −2^23 becomes +2^23 (Lava's two {@code np.where}; not a two's-complement wrap);</li>
 *   <li>{@link #clipVoltage}: v is clipped to ±(2^23 − 1).</li>
 * </ul>
 */
public final class LoihiCompartment {
    /** 2^23, Lava's {@code max_uv_val} for the 24-bit u and v. */
    public static final long MAX_UV = 1L << 23;
    /** The decays' unit, 2^12 ({@code decay_unity}). */
    public static final long DECAY_UNITY = 1L << 12;
    /** The activation's and threshold's left shift ({@code act_shift}, {@code vth_shift}). */
    public static final int MSB_SHIFT = 6;

    private LoihiCompartment() {}

    /** p·2^−12 rounded toward zero: Lava's decay product. */
    public static long decayProduct(long p) {
        return p >= 0 ? p >> 12 : -((-p) >> 12);
    }

    /** Lava's 24-bit wrap of the current (see the class comment for its edges). */
    public static long wrapCurrent(long c) {
        return c > MAX_UV ? c - 2 * MAX_UV : c <= -MAX_UV ? c + 2 * MAX_UV : c;
    }

    /** Lava's 24-bit clip of the voltage: ±(2^23 − 1). */
    public static long clipVoltage(long v) {
        return Math.max(-(MAX_UV - 1), Math.min(MAX_UV - 1, v));
    }

    /**
     * Advances compartment k by one step: u[k] and v[k] in place.
     *
     * @param a the Dense's activation this step (before the 6-bit shift)
     * @param currentDecay d_u = du + 1, of 4096
     * @param voltageDecay dv, of 4096
     * @param bias bias_mant &lt;&lt; bias_exp
     * @param threshold vth &lt;&lt; 6
     * @return whether it spiked (then v[k] is 0)
     */
    public static boolean update(long[] u, long[] v, int k, long a, long currentDecay, long voltageDecay, long bias,
            long threshold) {
        u[k] = wrapCurrent(decayProduct(u[k] * (DECAY_UNITY - currentDecay)) + (a << MSB_SHIFT));
        v[k] = clipVoltage(decayProduct(v[k] * (DECAY_UNITY - voltageDecay)) + u[k] + bias);
        boolean fired = v[k] > threshold;
        v[k] = fired ? 0 : v[k];
        return fired;
    }
}
