package io.nirsweep.sim.kernel;

/**
 * Per sample of a batch, the positions of the non-zero elements of one node's output, ascending. A node whose
 * output feeds several weighted kernels (a spiking layer feeding its readout and its recurrent weights) is scanned
 * once per step, here, instead of once by each consumer; each consumer then visits the few active positions only.
 * Samples are independent, so threads that own disjoint sample ranges may {@link #find} into one instance.
 */
public final class ActiveInputs {
    private final int size;
    private final int[][] positions; // [b][0 .. count(b)), one spare slot for the branch-free scan
    private final int[] counts;

    public ActiveInputs(int batch, int size) {
        this.size = size;
        this.positions = new int[batch][size + 1];
        this.counts = new int[batch];
    }

    /** Records the non-zero positions of samples {@code [b0, b1)} of {@code values} ({@code [b * size + i]}). */
    public void find(float[] values, int b0, int b1) {
        for (int b = b0; b < b1; b++) {
            counts[b] = find(values, b * size, size, positions[b]);
        }
    }

    /**
     * Writes the positions {@code i} with {@code values[offset + i] != 0} to {@code into}, ascending, and returns
     * how many there are. {@code into} needs {@code size + 1} slots: the scan writes every position and advances
     * only past the non-zero ones, so no branch depends on the values (spikes are rare and random).
     */
    public static int find(float[] values, int offset, int size, int[] into) {
        int count = 0;
        for (int i = 0; i < size; i++) {
            into[count] = i;
            count += values[offset + i] != 0f ? 1 : 0;
        }
        return count;
    }

    /** Sets sample {@code b}'s non-zero positions to {@code from[offset .. offset + count)} (ascending). */
    public void set(int b, int[] from, int offset, int count) {
        System.arraycopy(from, offset, positions[b], 0, count);
        counts[b] = count;
    }

    /** How many elements of sample {@code b} are non-zero. */
    public int count(int b) {
        return counts[b];
    }

    /** The non-zero positions of sample {@code b}: the first {@link #count} entries. */
    public int[] positions(int b) {
        return positions[b];
    }
}
