package io.nirsweep.model;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Constructor-time validation shared by the node records; each failure names the parameter. */
final class Checks {
    private Checks() {}

    static <T> T required(T value, String parameter) {
        if (value == null) {
            throw NirException.value(parameter, "is required");
        }
        return value;
    }

    /** All neuron parameters share one shape (reference: "All parameters must have the same shape"). */
    static void sameShape(String[] names, NdArray... params) {
        for (int i = 0; i < params.length; i++) {
            required(params[i], names[i]);
        }
        for (int i = 1; i < params.length; i++) {
            if (!params[i].sameShape(params[0])) {
                throw NirException.value(names[i], "shape " + Arrays.toString(params[i].shape())
                        + " differs from " + names[0] + " shape " + Arrays.toString(params[0].shape())
                        + " (all parameters must have the same shape)");
            }
        }
    }

    static void rankAtLeast(NdArray a, int rank, String parameter) {
        if (a.rank() < rank) {
            throw NirException.value(parameter, "must be at least " + rank + "-d, has shape "
                    + Arrays.toString(a.shape()));
        }
    }

    static void rank(NdArray a, int rank, String parameter) {
        if (a.rank() != rank) {
            throw NirException.value(parameter, "must be " + rank + "-d, has shape " + Arrays.toString(a.shape()));
        }
    }

    /** The values as ints (integral floats are accepted, as Python's int() would). */
    static int[] ints(NdArray a, String parameter) {
        long[] values = tryLongs(a, parameter);
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            if (values[i] < Integer.MIN_VALUE || values[i] > Integer.MAX_VALUE) {
                throw NirException.value(parameter, "value " + values[i] + " is out of range");
            }
            out[i] = (int) values[i];
        }
        return out;
    }

    /** A shape stored as an int array parameter: its dimensions must be ints, none negative. */
    static Shape shape(NdArray a, String parameter) {
        int[] dims = ints(a, parameter);
        for (int d : dims) {
            if (d < 0) {
                throw NirException.value(parameter, "has a negative dimension: " + java.util.Arrays.toString(dims));
            }
        }
        return Shape.of(dims);
    }

    private static long[] tryLongs(NdArray a, String parameter) {
        try {
            return a.toLongArray();
        } catch (ArithmeticException e) {
            throw NirException.value(parameter, "must hold integers, has " + a);
        }
    }

    /**
     * An int parameter given as a scalar or as {@code n} values (PyTorch's int-or-tuple), expanded to
     * {@code n} values, each at least {@code min}.
     */
    static int[] intOrTuple(NdArray a, int n, int min, String parameter) {
        if (a.rank() > 1 || (a.size() != 1 && a.size() != n)) {
            throw NirException.value(parameter, "must be an int or " + n + " ints, has " + a);
        }
        long[] values = tryLongs(a, parameter);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            long v = values[a.size() == 1 ? 0 : i];
            if (v < min || v > Integer.MAX_VALUE) {
                throw NirException.value(parameter, "must be >= " + min + ", has " + v);
            }
            out[i] = (int) v;
        }
        return out;
    }

    /** An ordered parameter map that omits null (unknown optional) values. */
    static Map<String, Param> params(Object... keyValues) {
        Map<String, Param> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            if (keyValues[i + 1] != null) {
                m.put((String) keyValues[i], (Param) keyValues[i + 1]);
            }
        }
        return m;
    }
}
