package io.nirsweep.model.hdf5;

/**
 * IEEE 754 binary16 conversion, which Java 17 lacks ({@code Float.floatToFloat16} arrived in Java 20).
 * Converts straight from {@code double} so there is a single rounding (double to float to half would
 * round twice).
 */
final class Float16 {

    private static final int SIGN = 0x8000;
    private static final int INFINITY = 0x7C00;
    private static final int QUIET_NAN = 0x7E00;
    /** 2^-14, the smallest normal binary16 magnitude. */
    private static final double MIN_NORMAL = 0x1p-14;
    /** 2^-24, the binary16 subnormal spacing. */
    private static final double SUBNORMAL_STEP = 0x1p-24;

    private Float16() {
    }

    /** The binary16 bit pattern nearest to {@code value} (round half to even; overflow gives infinity). */
    static int bits(double value) {
        int sign = Double.doubleToRawLongBits(value) < 0 ? SIGN : 0;
        double magnitude = Math.abs(value);
        if (Double.isNaN(value)) {
            return sign | QUIET_NAN;
        }
        if (magnitude < MIN_NORMAL) {
            // Subnormal range: count steps of 2^-24 (exact division by a power of two), round half to even.
            // A result of 1024 steps is 2^-14 and its pattern 0x0400 is exactly the smallest normal.
            return sign | (int) Math.rint(magnitude / SUBNORMAL_STEP);
        }
        if (magnitude >= 0x1p16) {
            return sign | INFINITY; // also keeps huge doubles and infinities out of the exponent arithmetic
        }
        int exponent = Math.getExponent(magnitude); // -14 .. 15
        long significand = (long) Math.rint(Math.scalb(magnitude, 10 - exponent)); // 1024 .. 2048
        // Adding the fraction to the biased exponent lets a round-up to 2048 carry into the exponent.
        int pattern = (int) (((exponent + 15L) << 10) + (significand - 1024));
        return sign | Math.min(pattern, INFINITY);
    }
}
