package io.nirsweep.hardware.target;

/**
 * The integer arithmetic chips share: roundings of a real to an integer, and what a register of a given width does
 * with a value that does not fit (saturate or wrap). Each is named, because each chip picks a different one.
 */
public final class Fixed {
    private Fixed() {}

    /** How a real becomes an integer. */
    public enum Rounding {
        /** Drop the fraction (C's and NumPy's {@code astype(int)}, Python's {@code int()}): 2.7 → 2, −2.7 → −2. */
        TOWARD_ZERO,
        /** Nearest, ties to even (NumPy's and PyTorch's {@code round}): 2.5 → 2, 3.5 → 4, −2.5 → −2. */
        HALF_EVEN,
        /** Nearest, ties away from zero (C's {@code round}): 2.5 → 3, −2.5 → −3. */
        HALF_AWAY_FROM_ZERO,
        /** Toward −∞ ({@code floor}): 2.7 → 2, −2.3 → −3. */
        FLOOR;

        /**
         * @throws ArithmeticException when x is not finite or its rounding is outside the long range
         */
        public long apply(double x) {
            double r = switch (this) {
                case TOWARD_ZERO -> x < 0 ? Math.ceil(x) : Math.floor(x);
                case HALF_EVEN -> Math.rint(x);
                case HALF_AWAY_FROM_ZERO -> Math.signum(x) * halfUp(Math.abs(x));
                case FLOOR -> Math.floor(x);
            };
            if (!(Math.abs(r) < 0x1p63)) {
                throw new ArithmeticException("cannot round " + x + " to a 64-bit integer");
            }
            return (long) r;
        }

        /**
         * Nearest of a ≥ 0, ties up. Not floor(a + 0.5): that sum is itself rounded (0.49999999999999994 + 0.5 is 1.0,
         * and 2^52 + 1 + 0.5 becomes 2^52 + 2), while a − ⌊a⌋ is exact.
         */
        private static double halfUp(double a) {
            double f = Math.floor(a);
            return a - f >= 0.5 ? f + 1 : f;
        }

        /**
         * The rounding, clamped to the long range: for a value a conversion then clips or checks against a register
         * far narrower than 64 bits (a file's 1e30 must become a limit's violation or a clip, not an exception).
         *
         * @throws ArithmeticException when x is NaN
         */
        public long clamped(double x) {
            if (Double.isNaN(x)) {
                throw new ArithmeticException("cannot round NaN to an integer");
            }
            return x >= 0x1p63 ? Long.MAX_VALUE : x <= -0x1p63 ? Long.MIN_VALUE : apply(x);
        }
    }

    /** The largest value of a signed register of {@code bits} bits: 2^(bits−1) − 1. */
    public static long maxSigned(int bits) {
        return (1L << (bits - 1)) - 1;
    }

    /** The smallest value of a signed register of {@code bits} bits: −2^(bits−1). */
    public static long minSigned(int bits) {
        return -(1L << (bits - 1));
    }

    /** The value clamped to a signed register of {@code bits} bits. */
    public static long saturate(long v, int bits) {
        return Math.max(minSigned(bits), Math.min(maxSigned(bits), v));
    }

    /** The value as a signed register of {@code bits} bits keeps it: two's complement, the high bits dropped. */
    public static long wrap(long v, int bits) {
        int shift = 64 - bits;
        return (v << shift) >> shift;
    }

    /** An arithmetic right shift (toward −∞), as C's {@code >>} on a signed integer does on every chip here. */
    public static long shiftFloor(long v, int k) {
        return v >> k;
    }

    /** A right shift of |v| with the sign restored (toward zero): Lava's and Loihi's decays. */
    public static long shiftTowardZero(long v, int k) {
        return v >= 0 ? v >> k : -((-v) >> k);
    }
}
