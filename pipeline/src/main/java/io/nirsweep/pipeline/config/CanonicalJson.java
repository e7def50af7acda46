package io.nirsweep.pipeline.config;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Numbers as canonical JSON writes them (RFC 8785, the JSON Canonicalization Scheme, which prints numbers as
 * ECMAScript's {@code Number.prototype.toString} does): the shortest decimal that reads back to the same double,
 * plain from 1e-6 to 1e21 ({@code 0.0001}, {@code 1}, {@code 2.5}), in exponent form beyond ({@code 1e-7},
 * {@code 1.5e+22}). One value has one spelling whatever was written in the config ({@code 1e-4}, {@code 0.00010})
 * and whatever JVM prints it: the digits are found with exact decimal arithmetic, not with
 * {@link Double#toString}, whose digits changed in Java 19.
 */
final class CanonicalJson {

    private CanonicalJson() {
    }

    /**
     * The canonical text of a finite double.
     *
     * @throws IllegalArgumentException for NaN and infinities, which JSON cannot hold
     */
    static String number(double x) {
        if (!Double.isFinite(x)) {
            throw new IllegalArgumentException("JSON has no " + x);
        }
        if (x == 0) {
            return "0"; // -0 too, as ECMAScript prints it
        }
        String sign = x < 0 ? "-" : "";
        BigDecimal shortest = shortest(Math.abs(x)).stripTrailingZeros();
        String digits = shortest.unscaledValue().toString();
        int k = digits.length();
        int n = k - shortest.scale(); // the value is 0.<digits> x 10^n
        if (k <= n && n <= 21) {
            return sign + digits + "0".repeat(n - k);
        }
        if (0 < n && n <= 21) {
            return sign + digits.substring(0, n) + "." + digits.substring(n);
        }
        if (-6 < n && n <= 0) {
            return sign + "0." + "0".repeat(-n) + digits;
        }
        int e = n - 1;
        String exponent = "e" + (e >= 0 ? "+" : "-") + Math.abs(e);
        return sign + digits.charAt(0) + (k == 1 ? "" : "." + digits.substring(1)) + exponent;
    }

    /**
     * The decimal with the fewest significant digits that reads back as {@code a} (positive); of two such
     * decimals with as many digits, the nearer to {@code a}.
     */
    private static BigDecimal shortest(double a) {
        BigDecimal exact = new BigDecimal(a);
        for (int p = 1; p <= 17; p++) {
            BigDecimal down = exact.round(new MathContext(p, RoundingMode.FLOOR));
            BigDecimal up = exact.round(new MathContext(p, RoundingMode.CEILING));
            boolean downOk = down.doubleValue() == a;
            boolean upOk = up.doubleValue() == a;
            if (downOk && upOk) {
                return exact.subtract(down).compareTo(up.subtract(exact)) <= 0 ? down : up;
            }
            if (downOk) {
                return down;
            }
            if (upOk) {
                return up;
            }
        }
        return exact.round(new MathContext(17, RoundingMode.HALF_EVEN)); // 17 digits always read back
    }
}
