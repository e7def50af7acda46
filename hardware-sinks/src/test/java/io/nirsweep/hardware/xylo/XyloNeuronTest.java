package io.nirsweep.hardware.xylo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** xylosim's integer neuron ({@code XyloIAFNeuron.cpp}), against values derived by hand from its C++. */
class XyloNeuronTest {

    /**
     * d(v, k) = v &gt;&gt; k (toward −∞), at least one toward zero: 3 &gt;&gt; 2 = 0 → 1, so 3 decays to 2; −3 &gt;&gt; 2 = −1
     * (already non-zero), so −3 decays to −2; −5 &gt;&gt; 2 = −2 → −3 (a shift toward zero would give −1 → −4);
     * 8 &gt;&gt; 2 = 2 → 6; 0 stays 0.
     */
    @Test
    void bitShiftDecayAtLeastOneTowardZero() {
        assertEquals(2, 3 - XyloNeuron.decay(3, 2));
        assertEquals(-2, -3 - XyloNeuron.decay(-3, 2));
        assertEquals(-3, -5 - XyloNeuron.decay(-5, 2));
        assertEquals(6, 8 - XyloNeuron.decay(8, 2));
        assertEquals(0, XyloNeuron.decay(0, 3));
        assertEquals(1, XyloNeuron.decay(1, 15));
        assertEquals(-1, XyloNeuron.decay(-1, 15));
    }

    /** safe_add(x, y, 16): 32760 + 10 → 32767, −32760 − 10 → −32768, 100 − 30 → 70. */
    @Test
    void sixteenBitSaturation() {
        assertEquals(32767, XyloNeuron.add16(32760, 10));
        assertEquals(-32768, XyloNeuron.add16(-32760, -10));
        assertEquals(70, XyloNeuron.add16(100, -30));
    }

    /**
     * The synaptic current decays before the membrane takes it: x = 8, dash_syn 1 → i = 8 − 4 = 4, v = 0 − 0 + 4 = 4.
     * Next step, x = 0: i = 4 − 2 = 2; dash_mem 1: v = 4 − 2 + 2 = 4. θ = 100: no spike.
     */
    @Test
    void synapticDecayBeforeIntegration() {
        long[] i = {0};
        long[] v = {0};
        assertEquals(0, XyloNeuron.evolve(i, v, 0, 8, 1, 1, 100, 0, 31));
        assertArrayEquals(new long[] {4, 4}, new long[] {i[0], v[0]});
        assertEquals(0, XyloNeuron.evolve(i, v, 0, 0, 1, 1, 100, 0, 31));
        assertArrayEquals(new long[] {2, 4}, new long[] {i[0], v[0]});
    }

    /**
     * x = 400, dash_syn 15: i = 400 − max(400 &gt;&gt; 15, 1) = 399, v = 399; θ = 10: a hidden neuron fires
     * min(31, 39) = 31 times, v = 399 − 310 = 89; a readout neuron once, v = 389.
     */
    @Test
    void multiSpikeLimits() {
        long[] i = {0};
        long[] v = {0};
        assertEquals(31, XyloNeuron.evolve(i, v, 0, 400, 15, 15, 10, 0, XyloNeuron.MAX_HIDDEN_SPIKES));
        assertEquals(89, v[0]);
        long[] i2 = {0};
        long[] v2 = {0};
        assertEquals(1, XyloNeuron.evolve(i2, v2, 0, 400, 15, 15, 10, 0, XyloNeuron.MAX_READOUT_SPIKES));
        assertEquals(389, v2[0]);
    }

    /**
     * Saturation at every addition: i = 32000 + 1000 → 32767, decayed by 1 (dash 15) → 32766; dv = −1 + 32766 =
     * 32765; v = 32000 + 32765 → 32767; θ = 32767: one spike, v = 0. With bias −5 and θ = 32000 instead: dv = 32760,
     * v → 32767, one spike leaves 767.
     */
    @Test
    void saturatingStep() {
        long[] i = {32000};
        long[] v = {32000};
        assertEquals(1, XyloNeuron.evolve(i, v, 0, 1000, 15, 15, 32767, 0, 31));
        assertArrayEquals(new long[] {32766, 0}, new long[] {i[0], v[0]});
        long[] i2 = {32000};
        long[] v2 = {32000};
        assertEquals(1, XyloNeuron.evolve(i2, v2, 0, 1000, 15, 15, 32000, -5, 31));
        assertArrayEquals(new long[] {32766, 767}, new long[] {i2[0], v2[0]});
    }

    /**
     * {@code int16_t dv_mem = -decay(v_mem, dash_mem)}: at v = −32768 and dash 0 the decay is −32768, whose negation
     * 32768 wraps to −32768 in the int16 register; v = sat16(−32768 − 32768) = −32768 (saturating the negation
     * instead would give dv = 32767 and v = −1).
     */
    @Test
    void negatedDecayWrapsInItsRegister() {
        long[] i = {0};
        long[] v = {-32768};
        assertEquals(0, XyloNeuron.evolve(i, v, 0, 0, 1, 0, 100, 0, 31));
        assertEquals(-32768, v[0]);
    }
}
