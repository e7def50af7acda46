package io.nirsweep.operators.equivalence.report;

import io.nirsweep.operators.equivalence.report.EquivalenceReport.CellKey;
import java.util.Locale;

/**
 * Text into the report page: escaping and the few number formats it shows. Everything the report holds that came
 * from a user or a file (model names, reasons, node names, parameter points) goes through {@link #esc} before it
 * reaches the page, in element text and in (always double-quoted) attribute values alike.
 */
final class Html {
    /** What an undefined number (NaN) shows as. */
    static final String DASH = "—";

    private Html() {}

    /** {@code s} as HTML text or a quoted attribute value; null as nothing. */
    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * A fraction (0–1) to four decimals, but never rounded onto 1 or 0 when it is not: a node that differs in one
     * bin of 10^6 reads 0.999999, not 1.0000, which would say "identical".
     */
    static String fraction(double v) {
        if (Double.isNaN(v)) {
            return DASH;
        }
        for (int decimals = 4; decimals < 9; decimals++) {
            String s = fixed(v, decimals);
            if (!(v < 1 && s.equals(fixed(1, decimals))) && !(v > 0 && s.equals(fixed(0, decimals)))) {
                return s;
            }
        }
        return fixed(v, 9);
    }

    /** A fraction as a percentage with one decimal. */
    static String percent(double v) {
        return Double.isNaN(v) ? DASH : fixed(100 * v, 1) + " %";
    }

    /** Any other measurement, to four significant digits. */
    static String number(double v) {
        if (Double.isNaN(v)) {
            return DASH;
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "∞" : "−∞";
        }
        String s = String.format(Locale.ROOT, "%.4g", v);
        return s.contains(".") && !s.contains("e") ? s.replaceAll("\\.?0+$", "") : s;
    }

    /** A count with thousands separators. */
    static String count(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }

    /** A count and its noun, in the plural unless it is one: "1 sample", "5 samples". */
    static String counted(long n, String noun) {
        return count(n) + " " + noun + (n == 1 ? "" : "s");
    }

    /** A value that may be missing (a step of a pair that never diverged). */
    static String optional(Integer v) {
        return v == null ? DASH : Integer.toString(v);
    }

    /** A number for the table's sorting script: exact, and empty when undefined (sorted last). */
    static String sortKey(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }

    /** An SVG coordinate or length: one decimal, never in exponent form. */
    static String px(double v) {
        return fixed(v, 1);
    }

    static String fixed(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    /** A cell's (model, input, parameter point) in one line, escaped. */
    static String cell(CellKey cell) {
        return esc(cell.model()) + " · " + esc(cell.input()) + " · " + esc(cell.params());
    }
}
