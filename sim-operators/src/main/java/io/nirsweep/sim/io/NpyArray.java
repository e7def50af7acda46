package io.nirsweep.sim.io;

import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * An immutable n-dimensional array read from or written to an array file: its shape, the NumPy name of the
 * dtype it was stored as, and its values as float32 in C (row-major) order.
 *
 * <p>Values are float32 whatever the stored dtype because the simulator computes in float32; {@link Npy}
 * documents how other dtypes are converted. A CSV file reads as dtype {@code "float32"}.
 *
 * <p>The accessors that return arrays return copies; {@link #buffer()} is the copy-free read-only view for
 * large arrays.
 */
public final class NpyArray {

    private final int[] shape;
    private final String dtype;
    private final float[] values;

    private NpyArray(int[] shape, String dtype, float[] values) {
        this.shape = shape;
        this.dtype = dtype;
        this.values = values;
    }

    /**
     * A float32 array (copies both arguments).
     *
     * @throws IllegalArgumentException when a dimension is negative or the shape's size differs from
     *                                  {@code values.length}
     */
    public static NpyArray ofFloat32(int[] shape, float[] values) {
        return of(shape, "float32", values);
    }

    /**
     * An array whose values came from a file of the given dtype (copies both arrays).
     *
     * @throws IllegalArgumentException when a dimension is negative or the shape's size differs from
     *                                  {@code values.length}
     */
    public static NpyArray of(int[] shape, String dtype, float[] values) {
        return adopt(shape.clone(), dtype, values.clone());
    }

    /** Takes ownership of both arrays without copying: for the readers, which never let them escape. */
    static NpyArray adopt(int[] shape, String dtype, float[] values) {
        if (dtype == null || dtype.isEmpty()) {
            throw new IllegalArgumentException("dtype must be named");
        }
        long size = checkedSize(shape);
        if (size != values.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + size
                    + " values but " + values.length + " were given");
        }
        return new NpyArray(shape, dtype, values);
    }

    /**
     * The number of elements of {@code shape}.
     *
     * @throws IllegalArgumentException when a dimension is negative
     */
    static long checkedSize(int[] shape) {
        long[] dims = new long[shape.length];
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            dims[i] = shape[i];
        }
        return saturatedSize(dims);
    }

    /**
     * The number of elements of non-negative dimensions, or {@link Long#MAX_VALUE} when that overflows: a file
     * may declare any shape, and the size must be compared with limits before anything trusts it.
     */
    static long saturatedSize(long[] dims) {
        for (long dim : dims) {
            if (dim == 0) {
                return 0;
            }
        }
        long size = 1;
        for (long dim : dims) {
            if (size > Long.MAX_VALUE / dim) {
                return Long.MAX_VALUE;
            }
            size *= dim;
        }
        return size;
    }

    /** The dimensions (a copy); empty for a 0-d (scalar) array. */
    public int[] shape() {
        return shape.clone();
    }

    /** The number of dimensions. */
    public int rank() {
        return shape.length;
    }

    /** The size of one dimension. */
    public int dim(int axis) {
        return shape[axis];
    }

    /** The number of elements (1 for a 0-d array, 0 when a dimension is 0). */
    public int size() {
        return values.length;
    }

    /** The NumPy name of the stored dtype, e.g. {@code "float32"}, {@code "int64"}, {@code "bool"}. */
    public String dtype() {
        return dtype;
    }

    /** The values in C order (a copy). */
    public float[] values() {
        return values.clone();
    }

    /** The value at a flat C-order index. */
    public float get(int flatIndex) {
        return values[flatIndex];
    }

    /** The values in C order, as a read-only view that copies nothing. */
    public FloatBuffer buffer() {
        return FloatBuffer.wrap(values).asReadOnlyBuffer();
    }

    /** The values widened to double (exactly; the float64 digits of a float64 file are not kept). */
    public double[] toDoubles() {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    /** Equal shape, dtype and values (values compared bit for bit, so NaN equals NaN and 0 differs from -0). */
    @Override
    public boolean equals(Object other) {
        return other instanceof NpyArray that
                && Arrays.equals(shape, that.shape)
                && dtype.equals(that.dtype)
                && Arrays.equals(values, that.values);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(shape) + dtype.hashCode()) + Arrays.hashCode(values);
    }

    /** Shape and dtype in NumPy's notation, e.g. {@code NpyArray(shape=(1000, 3), dtype=float32)}. */
    @Override
    public String toString() {
        return "NpyArray(shape=" + shapeText(shape) + ", dtype=" + dtype + ")";
    }

    /** A shape as Python prints a tuple: {@code ()}, {@code (3,)}, {@code (2, 3)}. */
    static String shapeText(int[] shape) {
        long[] dims = new long[shape.length];
        for (int i = 0; i < shape.length; i++) {
            dims[i] = shape[i];
        }
        return shapeText(dims);
    }

    /** A shape as Python prints a tuple: {@code ()}, {@code (3,)}, {@code (2, 3)}. */
    static String shapeText(long[] shape) {
        StringBuilder out = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            out.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return out.append(shape.length == 1 ? ",)" : ")").toString();
    }
}
