package io.nirsweep.model;

import java.util.Arrays;

/**
 * An immutable n-dimensional array in row-major (C) order that keeps the dtype it was read with.
 *
 * <p>Floating-point values (float16/32/64) are held as the exact doubles of their stored values; integer
 * and bool values as longs (uint64 values above {@code Long.MAX_VALUE} keep their bits). A rank-0 array is
 * a scalar.
 */
public final class NdArray implements Param {
    private final DType dtype;
    private final int[] shape;
    private final double[] doubles; // non-null iff dtype is floating
    private final long[] longs; // non-null iff dtype is integer or bool

    private NdArray(DType dtype, int[] shape, double[] doubles, long[] longs) {
        this.dtype = dtype;
        this.shape = shape;
        this.doubles = doubles;
        this.longs = longs;
        long n = Shape.of(shape).elementCount();
        int length = doubles != null ? doubles.length : longs.length;
        if (n != length) {
            throw new IllegalArgumentException(
                    "shape " + Arrays.toString(shape) + " needs " + n + " values, got " + length);
        }
    }

    public static NdArray ofDoubles(DType dtype, int[] shape, double[] values) {
        if (!dtype.isFloating()) {
            throw new IllegalArgumentException(dtype.numpyName() + " is not a float type");
        }
        double[] copy = values.clone();
        if (dtype == DType.FLOAT32) {
            for (int i = 0; i < copy.length; i++) {
                copy[i] = (float) copy[i];
            }
        }
        return new NdArray(dtype, shape.clone(), copy, null);
    }

    public static NdArray ofLongs(DType dtype, int[] shape, long[] values) {
        if (dtype.isFloating()) {
            throw new IllegalArgumentException(dtype.numpyName() + " is not an integer type");
        }
        return new NdArray(dtype, shape.clone(), null, values.clone());
    }

    /** A float64 array of the given shape. */
    public static NdArray of(int[] shape, double... values) {
        return ofDoubles(DType.FLOAT64, shape, values);
    }

    /** A 1-d float64 array. */
    public static NdArray vector(double... values) {
        return of(new int[] {values.length}, values);
    }

    /** An int64 scalar, the form the reference writes Python ints in. */
    public static NdArray int64Scalar(long value) {
        return ofLongs(DType.INT64, new int[0], new long[] {value});
    }

    /** An int64 vector (e.g. a Conv2d stride pair). */
    public static NdArray int64Vector(long... values) {
        return ofLongs(DType.INT64, new int[] {values.length}, values);
    }

    /** An array of the given dtype and shape with every element equal to {@code value}. */
    public static NdArray filled(DType dtype, int[] shape, double value) {
        int n = Math.toIntExact(Shape.of(shape).elementCount());
        if (dtype.isFloating()) {
            double[] v = new double[n];
            Arrays.fill(v, value);
            return ofDoubles(dtype, shape, v);
        }
        long[] v = new long[n];
        Arrays.fill(v, (long) value);
        return ofLongs(dtype, shape, v);
    }

    public DType dtype() {
        return dtype;
    }

    public int[] shape() {
        return shape.clone();
    }

    public Shape asShape() {
        return Shape.of(shape);
    }

    public int rank() {
        return shape.length;
    }

    public boolean isScalar() {
        return shape.length == 0;
    }

    public int size() {
        return doubles != null ? doubles.length : longs.length;
    }

    public double getDouble(int flatIndex) {
        return doubles != null ? doubles[flatIndex] : (double) longs[flatIndex];
    }

    public long getLong(int flatIndex) {
        if (longs != null) {
            return longs[flatIndex];
        }
        double d = doubles[flatIndex];
        if (d != Math.rint(d)) {
            throw new ArithmeticException("value " + d + " is not an integer");
        }
        return (long) d;
    }

    /** A copy of the values as doubles, in C order. */
    public double[] toDoubleArray() {
        if (doubles != null) {
            return doubles.clone();
        }
        double[] out = new double[longs.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = longs[i];
        }
        return out;
    }

    /** A copy of the values as longs; fails on a non-integral float value. */
    public long[] toLongArray() {
        if (longs != null) {
            return longs.clone();
        }
        long[] out = new long[doubles.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = getLong(i);
        }
        return out;
    }

    /** A copy of the values as ints; fails when a value is not an integer in int range. */
    public int[] toIntArray() {
        int[] out = new int[size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.toIntExact(getLong(i));
        }
        return out;
    }

    /** The single value of a scalar or one-element array, as an int. */
    public int intValue() {
        if (size() != 1) {
            throw new IllegalStateException("expected one value, have shape " + Arrays.toString(shape));
        }
        return Math.toIntExact(getLong(0));
    }

    /** True when both arrays have the same shape (dtype may differ). */
    public boolean sameShape(NdArray other) {
        return Arrays.equals(shape, other.shape);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NdArray a
                && dtype == a.dtype
                && Arrays.equals(shape, a.shape)
                && Arrays.equals(doubles, a.doubles)
                && Arrays.equals(longs, a.longs);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * dtype.hashCode() + Arrays.hashCode(shape))
                + (doubles != null ? Arrays.hashCode(doubles) : Arrays.hashCode(longs));
    }

    @Override
    public String toString() {
        String values = size() <= 8
                ? (doubles != null ? Arrays.toString(doubles) : Arrays.toString(longs))
                : "(" + size() + " values)";
        return dtype.numpyName() + Arrays.toString(shape) + values;
    }
}
