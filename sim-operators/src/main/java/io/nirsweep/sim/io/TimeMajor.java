package io.nirsweep.sim.io;

import java.util.Arrays;

/**
 * The one convention of input arrays (docs/cli.md, "Array files"; snnTorch's and Norse's too): time-major,
 * {@code [T, B, *shape]} for B samples or {@code [T, *shape]} for one. Element {@code (t, b, j)} is at
 * {@code (t * samples + b) * stepSize + j}, so one sample is spread over the file, one slice per step.
 *
 * <p>Two readers decide the layout here: {@code simulate}, which knows the model's input shape
 * ({@link #forInput}), and the sweep's input sets, which are opened before any model ({@link #of}). They agree on
 * every array whose per-step size is the model input's size, the only arrays a sweep runs.
 *
 * @param steps     T
 * @param samples   B (1 for an array without a sample axis)
 * @param stepShape the shape of one step of one sample
 */
public record TimeMajor(long steps, long samples, long[] stepShape) {

    public TimeMajor {
        stepShape = stepShape.clone();
    }

    @Override
    public long[] stepShape() {
        return stepShape.clone();
    }

    /** Elements per step of one sample (saturating at {@code Long.MAX_VALUE}). */
    public long stepSize() {
        return NpyArray.saturatedSize(stepShape);
    }

    /**
     * The layout of an array fed to a model input of shape {@code input}: {@code [T, B, *input]} or
     * {@code [T, *input]} (one sample), or the same with the input flattened, {@code [T, B, N]} or {@code [T, N]};
     * null when the array is none of these. Where two readings fit, the first in that order wins.
     */
    public static TimeMajor forInput(long[] array, int[] input) {
        long[] dims = Arrays.stream(input).asLongStream().toArray();
        long size = NpyArray.saturatedSize(dims);
        int rank = array.length;
        if (rank == dims.length + 2 && Arrays.equals(tail(array, 2), dims)) {
            return new TimeMajor(array[0], array[1], dims);
        }
        if (rank == dims.length + 1 && Arrays.equals(tail(array, 1), dims)) {
            return new TimeMajor(array[0], 1, dims);
        }
        if (rank == 2 && array[1] == size) {
            return new TimeMajor(array[0], 1, tail(array, 1));
        }
        if (rank == 3 && array[2] == size) {
            return new TimeMajor(array[0], array[1], tail(array, 2));
        }
        return null;
    }

    /**
     * The layout of an array read without a model: {@code [T, n]} is one sample, {@code [T, B, *shape]} (rank 3 or
     * more) is B samples; null below rank 2. For any model input whose size is this reading's {@link #stepSize()},
     * {@link #forInput} reads the array with the same T and B (a one-sample {@code [T, *shape]} of a
     * multi-dimensional shape only differs when it does not fit, and is then refused by size): save one such sample
     * as {@code x[:, numpy.newaxis]}.
     */
    public static TimeMajor of(long[] array) {
        if (array.length < 2) {
            return null;
        }
        return array.length == 2 ? new TimeMajor(array[0], 1, tail(array, 1))
                : new TimeMajor(array[0], array[1], tail(array, 2));
    }

    private static long[] tail(long[] dims, int from) {
        return Arrays.copyOfRange(dims, from, dims.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TimeMajor t && t.steps == steps && t.samples == samples
                && Arrays.equals(t.stepShape, stepShape);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(steps) * 31 * 31 + Long.hashCode(samples) * 31 + Arrays.hashCode(stepShape);
    }

    @Override
    public String toString() {
        return "[T=" + steps + ", B=" + samples + ", " + Arrays.toString(stepShape) + "]";
    }
}
