package io.nirsweep.model;

import java.util.Arrays;

/** An unbatched tensor shape, e.g. {@code [2, 16, 16]} for channels x height x width. Immutable. */
public final class Shape {
    private final int[] dims;

    private Shape(int[] dims) {
        for (int d : dims) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(dims));
            }
        }
        this.dims = dims;
    }

    public static Shape of(int... dims) {
        return new Shape(dims.clone());
    }

    /** The shape named by an integer array parameter (Input {@code shape}, Flatten {@code input_type}, ...). */
    public static Shape of(NdArray dims) {
        return new Shape(dims.toIntArray());
    }

    public int[] dims() {
        return dims.clone();
    }

    public int rank() {
        return dims.length;
    }

    public int dim(int axis) {
        return dims[axis];
    }

    /** Number of elements; exact (no int overflow) because shapes are bounded only by what a file claims. */
    public long elementCount() {
        long n = 1;
        for (int d : dims) {
            n = Math.multiplyExact(n, (long) d);
        }
        return n;
    }

    /** The shape as an int64 array, the form the reference writes shapes in. */
    public NdArray toInt64Array() {
        long[] values = new long[dims.length];
        for (int i = 0; i < dims.length; i++) {
            values[i] = dims[i];
        }
        return NdArray.ofLongs(DType.INT64, new int[] {dims.length}, values);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && Arrays.equals(dims, s.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    @Override
    public String toString() {
        return Arrays.toString(dims);
    }
}
