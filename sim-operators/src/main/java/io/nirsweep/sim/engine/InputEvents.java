package io.nirsweep.sim.engine;

import java.util.Arrays;

/**
 * One Input node's values over {@code steps × batch} as its non-zero elements only: per (step, sample), the
 * positions and values of the elements that are not zero, ascending. Spike inputs are mostly zeros: at 3% this
 * holds a sixteenth of the dense array's bytes, and the program hands the positions straight to the weighted
 * nodes that read the input instead of scanning it every step. Built in C order ({@code [t][b][i]}), one chunk at
 * a time as a file is read ({@link Builder}), so the dense array never exists.
 */
public final class InputEvents {
    private final int steps;
    private final int batch;
    private final int size;
    private final int[] start; // [t * batch + b] → first event; one more entry closes the last
    private final int[] position;
    private final float[] value;

    private InputEvents(int steps, int batch, int size, int[] start, int[] position, float[] value) {
        this.steps = steps;
        this.batch = batch;
        this.size = size;
        this.start = start;
        this.position = position;
        this.value = value;
    }

    /** The non-zero elements of a dense time-major array {@code [steps][batch][size]}. */
    public static InputEvents of(float[] dense, int steps, int batch, int size) {
        Builder b = new Builder(steps, batch, size);
        b.append(dense, 0, dense.length);
        return b.build();
    }

    public int steps() {
        return steps;
    }

    public int batch() {
        return batch;
    }

    /** Elements per sample and step. */
    public int size() {
        return size;
    }

    /** Non-zero elements in all. */
    public int count() {
        return start[start.length - 1];
    }

    /** Index of the first event of (step t, sample b) in {@link #position}/{@link #value}. */
    int first(int t, int b) {
        return start[t * batch + b];
    }

    /** One past the last event of (step t, sample b). */
    int end(int t, int b) {
        return start[t * batch + b + 1];
    }

    int[] positions() {
        return position;
    }

    float[] values() {
        return value;
    }

    /** The dense array {@code [steps][batch][size]} these events describe. */
    public float[] toDense() {
        float[] dense = new float[Math.multiplyExact(Math.multiplyExact(steps, batch), size)];
        for (int slot = 0; slot < steps * batch; slot++) {
            for (int e = start[slot]; e < start[slot + 1]; e++) {
                dense[slot * size + position[e]] = value[e];
            }
        }
        return dense;
    }

    /**
     * Collects events from consecutive chunks of a C-order array; steps the chunks do not reach are silent. The
     * event arrays grow by doubling, never beyond the number of elements appended.
     */
    public static final class Builder {
        private final int steps;
        private final int batch;
        private final int size;
        private final long total;
        private final int[] start;
        private int[] position = new int[1024];
        private float[] value = new float[1024];
        private int count;
        private long next; // the element the next append starts at
        private int closed; // slots [0, closed] have their start

        public Builder(int steps, int batch, int size) {
            this.steps = steps;
            this.batch = batch;
            this.size = size;
            this.total = (long) steps * batch * size;
            this.start = new int[Math.addExact(Math.multiplyExact(steps, batch), 1)];
        }

        /** Elements appended so far. */
        public long appended() {
            return next;
        }

        /** Non-zero elements seen so far. */
        public int nonZero() {
            return count;
        }

        /**
         * Appends the next {@code length} elements of the array, from {@code chunk[from ..]}.
         *
         * @throws IllegalArgumentException past the array's {@code steps × batch × size} elements
         */
        public void append(float[] chunk, int from, int length) {
            if (next + length > total) {
                throw new IllegalArgumentException("appending " + length + " elements after " + next + " of " + total);
            }
            for (int k = 0; k < length; k++) {
                float x = chunk[from + k];
                if (x != 0f) {
                    long element = next + k;
                    int slot = (int) (element / size);
                    closeSlotsUpTo(slot);
                    if (count == position.length) {
                        int grown = (int) Math.min(Math.min(total, 2L * count), Integer.MAX_VALUE - 8);
                        position = Arrays.copyOf(position, grown);
                        value = Arrays.copyOf(value, grown);
                    }
                    position[count] = (int) (element % size);
                    value[count] = x;
                    count++;
                }
            }
            next += length;
        }

        /** Every slot after the last one that received an event, up to {@code slot}, starts at the current count. */
        private void closeSlotsUpTo(int slot) {
            while (closed < slot) {
                start[++closed] = count;
            }
        }

        /** The events; slots after the last element appended are silent. */
        public InputEvents build() {
            closeSlotsUpTo(start.length - 1);
            return new InputEvents(steps, batch, size, start, Arrays.copyOf(position, count),
                    Arrays.copyOf(value, count));
        }
    }
}
