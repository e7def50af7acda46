package io.nirsweep.hardware.speck;

import io.nirsweep.hardware.target.Fixed;

/**
 * One Speck core processing a time bin event by event, as the chip does (docs/platforms.md §4.9: asynchronous,
 * each input event updates its target neurons at once; there is no global step). It is the reference the
 * {@link SpeckIaf} bin step is compared with; the engine runs the bin step.
 *
 * <p>Events of a bin are taken in input order — input neuron 0's events first, then neuron 1's, … (the flat
 * C-order index of the input), a count c as c events in a row. Per event from input j, for every target i:
 *
 * <pre>
 *   v_i ← sat16(v_i + w_ij)
 *   if v_i ≥ θ: one output event; v_i ← v_i − θ (or 0 with return_to_zero)
 *   v_i ← max(v_i, θ_low)
 * </pre>
 *
 * Not public, and chosen here: one output event per input event and neuron (a remainder still ≥ θ fires with the
 * next event), 16-bit saturation of v + w (it can only overflow when θ &gt; 32767 − 128), and no bias (the chip
 * adds it on a separate leak clock whose rate sinabs does not set).
 *
 * <p>How the bin step differs: (1) mixed-sign input within a bin — per event a neuron can fire on the positive
 * events before the negative ones arrive, while the bin step sums first (+θ then −θ: 1 spike here, 0 in the bin
 * step); (2) the floor θ_low acts after every event here, once per bin in the step (the state can end higher here);
 * (3) spikes per event — the bin step emits ⌊v/θ⌋ at once, here at most one per event (w = 3, θ = 2, two events:
 * 2 spikes here, 3 in the step); (4) order: here the result depends on the events' order within the bin. With
 * non-negative input, weights below θ and a floor that is never reached, both give the same spike counts.
 */
public final class PerEventCore {
    private PerEventCore() {}

    /**
     * Runs one bin in place.
     *
     * @param weight w[i][j], target i, input j (chip integers)
     * @param counts events per input in this bin
     * @param v the targets' states, advanced in place
     * @return output events per target
     */
    public static long[] bin(long[][] weight, long[] counts, long[] v, SpeckIaf q) {
        long[] out = new long[v.length];
        for (int j = 0; j < counts.length; j++) {
            for (long e = 0; e < counts[j]; e++) {
                for (int i = 0; i < v.length; i++) {
                    long u = Fixed.saturate(v[i] + weight[i][j], SpeckIaf.STATE_BITS);
                    if (u >= q.threshold()) {
                        out[i]++;
                        u = q.returnToZero() ? 0 : u - q.threshold();
                    }
                    v[i] = Math.max(u, q.low());
                }
            }
        }
        return out;
    }
}
