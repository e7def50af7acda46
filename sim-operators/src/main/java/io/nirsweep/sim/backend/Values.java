package io.nirsweep.sim.backend;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;

/** Per-neuron parameter arrays as import rules build, test and show them in notes. */
public final class Values {
    private Values() {}

    public static double[] fill(int n, double value) {
        double[] a = new double[n];
        Arrays.fill(a, value);
        return a;
    }

    public static double[] map(double[] a, DoubleUnaryOperator f) {
        double[] out = new double[a.length];
        for (int k = 0; k < a.length; k++) {
            out[k] = f.applyAsDouble(a[k]);
        }
        return out;
    }

    public static boolean uniform(double[] a) {
        for (double x : a) {
            if (x != a[0]) {
                return false;
            }
        }
        return true;
    }

    public static boolean all(double[] a, double value) {
        return a.length > 0 && uniform(a) && a[0] == value;
    }

    /** A time in seconds for a note: "0.0001 s". */
    public static String seconds(double s) {
        return fmt(s) + " s";
    }

    /** "0.1" for one value or a uniform layer, "[a .. b] (n values)" otherwise. */
    public static String show(double[] a) {
        if (a.length == 0) {
            return "[]";
        }
        if (uniform(a)) {
            return fmt(a[0]);
        }
        double lo = Arrays.stream(a).min().getAsDouble();
        double hi = Arrays.stream(a).max().getAsDouble();
        return "[" + fmt(lo) + " .. " + fmt(hi) + "] (" + a.length + " values)";
    }

    private static String fmt(double x) {
        return String.format(java.util.Locale.ROOT, "%.6g", x).replaceAll("\\.?0+(e|$)", "$1");
    }
}
