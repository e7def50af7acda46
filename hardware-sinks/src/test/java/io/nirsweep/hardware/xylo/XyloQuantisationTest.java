package io.nirsweep.hardware.xylo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** channel_quantize and the dash conversion, against values derived by hand. */
class XyloQuantisationTest {

    /**
     * dash = round(log2(τ/dt)): τ/dt = 4 → 2; 6.667 (log2 2.737) → 3; 5.6 (2.485) → 2; 5.7 (2.511) → 3;
     * 1.818 (0.862) → 1; decay factors 1 − 2^−3 = 0.875, 1 − 2^−2 = 0.75.
     */
    @Test
    void dashRounding() {
        assertEquals(2, XyloQuantisation.dash(4e-4, 1e-4));
        assertEquals(3, XyloQuantisation.dash(6.666667e-4, 1e-4));
        assertEquals(2, XyloQuantisation.dash(5.6e-4, 1e-4));
        assertEquals(3, XyloQuantisation.dash(5.7e-4, 1e-4));
        assertEquals(1, XyloQuantisation.dash(1.818182e-4, 1e-4));
        assertEquals(0.875, XyloQuantisation.decayFactor(3));
        assertEquals(0.75, XyloQuantisation.decayFactor(2));
    }

    /**
     * One neuron, input weights [254, 5] and recurrent weight [−7], θ = 3: s = 127/254 = 0.5; 127, 2.5 → 2 and
     * −3.5 → −4 (half to even), θ 1.5 → 2.
     */
    @Test
    void perNeuronScaleOverInputAndRecurrentWeightsHalfToEven() {
        XyloQuantisation.Channels c = XyloQuantisation.quantise(List.of(
                new XyloQuantisation.Matrix(new double[] {254, 5}, 2),
                new XyloQuantisation.Matrix(new double[] {-7}, 1)), new double[] {3}, 8);
        assertArrayEquals(new long[] {127, 2}, c.weights().get(0));
        assertArrayEquals(new long[] {-4}, c.weights().get(1));
        assertArrayEquals(new long[] {2}, c.threshold());
        assertEquals(0.5, c.scale()[0]);
    }

    /**
     * Two neurons: max|w| 0.001 and θ = 1 → round(127000) &gt; 32767, so s = 32767/1: θ 32767, w round(32.767) = 33.
     * A neuron without weights keeps round(θ): 2.5 → 2.
     */
    @Test
    void thresholdAbove16BitsRescalesAndUnweightedNeuronKeepsItsThreshold() {
        XyloQuantisation.Channels c = XyloQuantisation.quantise(List.of(
                new XyloQuantisation.Matrix(new double[] {0.001, 0}, 1)), new double[] {1, 2.5}, 8);
        assertArrayEquals(new long[] {32767, 2}, c.threshold());
        assertArrayEquals(new long[] {33, 0}, c.weights().get(0));
        assertEquals(32767, c.scale()[0]);
        assertEquals(1, c.scale()[1]);
    }

    /**
     * A tiny max|w| = 1e-300 makes s = 127e300 and θ·s = 1.27e302, beyond any long: still the 16-bit rescale
     * s = 32767/θ (θ 32767, the weight round(1e-300·32767) = 0), not an exception. θ = −1 with the same weight:
     * θ·s clamps to −2^63, whose |·| a Math.abs test would read as negative and skip the rescale; both sides are
     * checked, so s = 32767/θ = −32767 as channel_quantize divides, and θ → round(−1·−32767) = 32767.
     */
    @Test
    void aThresholdBeyondTheLongRangeRescalesToo() {
        XyloQuantisation.Channels c = XyloQuantisation.quantise(List.of(
                new XyloQuantisation.Matrix(new double[] {1e-300}, 1)), new double[] {1}, 8);
        assertArrayEquals(new long[] {32767}, c.threshold());
        assertArrayEquals(new long[] {0}, c.weights().get(0));
        XyloQuantisation.Channels neg = XyloQuantisation.quantise(List.of(
                new XyloQuantisation.Matrix(new double[] {1e-300}, 1)), new double[] {-1}, 8);
        assertEquals(-32767, neg.scale()[0]);
        assertArrayEquals(new long[] {32767}, neg.threshold());
    }

    /** bits_per_weight 4: s = 7/max|w|: weights [2, −1] → 7, −3.5 → −4; θ 1 → 3.5 → 4. */
    @Test
    void fewerWeightBits() {
        XyloQuantisation.Channels c = XyloQuantisation.quantise(List.of(
                new XyloQuantisation.Matrix(new double[] {2, -1}, 2)), new double[] {1}, 4);
        assertArrayEquals(new long[] {7, -4}, c.weights().get(0));
        assertArrayEquals(new long[] {4}, c.threshold());
    }
}
