package io.nirsweep.hardware.target;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nirsweep.hardware.target.Fixed.Rounding;
import org.junit.jupiter.api.Test;

/** Each rounding and register rule on the values where they part ways. */
class FixedTest {
    @Test
    void roundingsDifferOnNegativesAndTies() {
        double[] x = {2.7, -2.7, 2.5, 3.5, -2.5, -2.3, 0.5, -0.5};
        assertArray(new long[] {2, -2, 2, 3, -2, -2, 0, 0}, Rounding.TOWARD_ZERO, x);
        assertArray(new long[] {3, -3, 2, 4, -2, -2, 0, 0}, Rounding.HALF_EVEN, x);
        assertArray(new long[] {3, -3, 3, 4, -3, -2, 1, -1}, Rounding.HALF_AWAY_FROM_ZERO, x);
        assertArray(new long[] {2, -3, 2, 3, -3, -3, 0, -1}, Rounding.FLOOR, x);
    }

    private static void assertArray(long[] expected, Rounding r, double[] x) {
        for (int k = 0; k < x.length; k++) {
            assertEquals(expected[k], r.apply(x[k]), r + " of " + x[k]);
        }
    }

    /**
     * C's round on the values where floor(|x| + 0.5) goes wrong because the sum is rounded: the double just below
     * 0.5 (0.49999999999999994 + 0.5 = 1.0 in double) rounds to 0, and 2^52 + 1 (an integer, where + 0.5 lands on a
     * tie that rounds to 2^52 + 2) stays itself.
     */
    @Test
    void halfAwayFromZeroRoundsExactly() {
        double belowHalf = Math.nextDown(0.5);
        assertEquals(0, Rounding.HALF_AWAY_FROM_ZERO.apply(belowHalf));
        assertEquals(0, Rounding.HALF_AWAY_FROM_ZERO.apply(-belowHalf));
        long odd = (1L << 52) + 1;
        assertEquals(odd, Rounding.HALF_AWAY_FROM_ZERO.apply(odd));
        assertEquals(-odd, Rounding.HALF_AWAY_FROM_ZERO.apply(-odd));
    }

    /** Clamped rounding: beyond ±2^63 it gives the long's bound instead of refusing; NaN is still refused. */
    @Test
    void clampedRoundingSaturatesToTheLongRange() {
        assertEquals(Long.MAX_VALUE, Rounding.HALF_EVEN.clamped(1e30));
        assertEquals(Long.MIN_VALUE, Rounding.TOWARD_ZERO.clamped(-1e30));
        assertEquals(-3, Rounding.FLOOR.clamped(-2.3));
        assertThrows(ArithmeticException.class, () -> Rounding.HALF_EVEN.clamped(Double.NaN));
    }

    @Test
    void aValueNoIntegerHoldsIsRefused() {
        assertThrows(ArithmeticException.class, () -> Rounding.HALF_EVEN.apply(Double.NaN));
        assertThrows(ArithmeticException.class, () -> Rounding.TOWARD_ZERO.apply(1e19));
        assertEquals(-(1L << 62), Rounding.FLOOR.apply(-0x1p62));
    }

    /** 16-bit: 32767 and −32768 are the bounds; saturation clamps, wrap-around keeps the low 16 bits. */
    @Test
    void registersSaturateOrWrap() {
        assertEquals(32767, Fixed.maxSigned(16));
        assertEquals(-32768, Fixed.minSigned(16));
        assertEquals(32767, Fixed.saturate(40000, 16));
        assertEquals(-32768, Fixed.saturate(-40000, 16));
        assertEquals(123, Fixed.saturate(123, 16));
        assertEquals(40000 - 65536, Fixed.wrap(40000, 16));
        assertEquals(-40000 + 65536, Fixed.wrap(-40000, 16));
        assertEquals(-(1 << 23), Fixed.wrap(1 << 23, 24));
        assertEquals((1 << 23) - 1, Fixed.wrap((1 << 23) - 1, 24));
    }

    /** −7 &gt;&gt; 1: −4 as C's arithmetic shift (toward −∞), −3 as Loihi's sign-magnitude shift (toward zero). */
    @Test
    void shiftsRoundTheirOwnWay() {
        assertEquals(-4, Fixed.shiftFloor(-7, 1));
        assertEquals(-3, Fixed.shiftTowardZero(-7, 1));
        assertEquals(3, Fixed.shiftFloor(7, 1));
        assertEquals(3, Fixed.shiftTowardZero(7, 1));
    }
}
