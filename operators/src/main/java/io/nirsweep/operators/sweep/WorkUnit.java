package io.nirsweep.operators.sweep;

import java.io.Serializable;

/**
 * Samples {@code [from, to)} of one cell: the unit a worker simulates as one batch and writes as one set of
 * files named after {@link #id()}, so that a retried unit rewrites the same files with the same rows.
 */
public record WorkUnit(Cell cell, int from, int to) implements Serializable {
    private static final long serialVersionUID = 1L;

    public WorkUnit {
        if (from < 0 || to <= from) {
            throw new IllegalArgumentException("empty or negative sample range [" + from + ", " + to + ")");
        }
    }

    /** The file-name stem of this unit's outputs: cell id and first sample, fixed-width so names sort. */
    public String id() {
        return cell.cellId() + "-" + String.format("%09d", from);
    }

    public int size() {
        return to - from;
    }
}
