package io.nirsweep.operators.inputs;

/**
 * The samples of one input set, read one at a time: a sweep may run thousands of samples, so a set keeps only
 * what locates them (file names, offsets, labels) and reads or generates a sample when asked. Sets hold no open
 * file between calls and are safe to use from several threads.
 *
 * <p>Every sample of a set has the same number of steps and the same per-step shape; a sample is returned
 * time-major in C order: element {@code (t, j)} is at {@code t * sampleSize() + j}, where {@code j} is the flat
 * C-order index within {@link #sampleShape()}.
 */
public interface InputSet {

    /** The set's name from the config. */
    String name();

    /** The number of samples, at least 1. */
    int samples();

    /** Steps per sample, at least 1. */
    int steps();

    /** The per-step shape (a copy), e.g. {@code [2, 34, 34]} for N-MNIST frames. */
    int[] sampleShape();

    /** Elements per step: the product of {@link #sampleShape()}. */
    default int sampleSize() {
        int size = 1;
        for (int d : sampleShape()) {
            size = Math.multiplyExact(size, d);
        }
        return size;
    }

    /**
     * Sample {@code index}: {@code steps() * sampleSize()} values, time-major, in a new array the caller owns.
     *
     * @throws IndexOutOfBoundsException when the index is not {@code 0 .. samples()-1}
     * @throws InputException            when the sample's file turns out malformed or changed since the set was opened
     */
    float[] sample(int index);

    /**
     * The label of sample {@code index}, or null when the set has no labels.
     *
     * @throws IndexOutOfBoundsException when the index is not {@code 0 .. samples()-1}
     */
    Integer label(int index);

    /** True when every sample has a label. */
    boolean hasLabels();
}
