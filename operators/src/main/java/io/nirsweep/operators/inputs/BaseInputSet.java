package io.nirsweep.operators.inputs;

import java.util.Arrays;

/**
 * What every input set shares: its size, the index checks, and the labels (read or inferred once when the set is
 * opened, since they are one integer per sample). Everything is final, so a set is immutable once built.
 */
abstract class BaseInputSet implements InputSet {
    private final String name;
    private final int samples;
    private final int steps;
    private final int[] shape;
    private final int sampleSize;
    private final int[] labels;

    /** @param labels one per sample, or null; owned by the set from now on */
    BaseInputSet(String name, int samples, int steps, int[] shape, int[] labels) {
        this.name = name;
        this.samples = samples;
        this.steps = steps;
        this.shape = shape.clone();
        int size = 1;
        for (int d : shape) {
            size = Math.multiplyExact(size, d);
        }
        this.sampleSize = size;
        if (labels != null && labels.length != samples) {
            throw new IllegalStateException(labels.length + " labels for " + samples + " samples");
        }
        this.labels = labels;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final int samples() {
        return samples;
    }

    @Override
    public final int steps() {
        return steps;
    }

    @Override
    public final int[] sampleShape() {
        return shape.clone();
    }

    @Override
    public final int sampleSize() {
        return sampleSize;
    }

    @Override
    public final float[] sample(int index) {
        checkIndex(index);
        return read(index);
    }

    @Override
    public final Integer label(int index) {
        checkIndex(index);
        return labels == null ? null : labels[index];
    }

    @Override
    public final boolean hasLabels() {
        return labels != null;
    }

    /** Reads or generates sample {@code index} (already checked): {@code steps * sampleSize} values. */
    abstract float[] read(int index);

    private void checkIndex(int index) {
        if (index < 0 || index >= samples) {
            throw new IndexOutOfBoundsException("input set '" + name + "' has samples 0 to " + (samples - 1)
                    + ", not " + index);
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + name + ": " + samples + " samples of " + steps + " steps x "
                + Arrays.toString(shape) + (labels == null ? "" : ", labelled") + "]";
    }
}
