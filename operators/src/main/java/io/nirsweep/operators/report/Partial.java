package io.nirsweep.operators.report;

import io.nirsweep.operators.equivalence.ClassAgreement;
import io.nirsweep.operators.equivalence.NodeAgreement;
import io.nirsweep.operators.equivalence.report.EquivalenceReport.AccuracyRow;
import io.nirsweep.operators.equivalence.report.EquivalenceReport.RasterWindow;
import java.io.Serializable;
import java.util.Comparator;

/**
 * A part of one of the report's sums, from some of the samples: exactly one of its values is set, and the key it
 * travels under says which ({@link #NODE}, {@link #CLASSES}, {@link #RASTER}, {@link #ACCURACY}, {@link #FAILED}
 * as the key's first part). All kinds go through one {@code Combine.perKey} ({@link #merge}), so the report's
 * pipeline has one shuffle where five would each hold a cluster's network buffers. Merging is associative and
 * commutative: the sums do not depend on how the samples were split among workers.
 *
 * @param node     a recorded node's metrics of a pair
 * @param classes  a pair's predicted-class agreement
 * @param raster   a pair's window around its earliest divergence
 * @param accuracy a backend's labelled samples and right predictions
 * @param failed   a cell's failed samples (under one reason)
 */
public record Partial(NodeAgreement node, ClassAgreement classes, RasterWindow raster, AccuracyRow accuracy,
        Long failed) implements Serializable {
    public static final String NODE = "node";
    public static final String CLASSES = "classes";
    public static final String RASTER = "raster";
    public static final String ACCURACY = "accuracy";
    public static final String FAILED = "failed";

    /** The earlier divergence first: by step, then sample, then the cell's input and parameter point. */
    static final Comparator<RasterWindow> EARLIEST = Comparator.comparingInt(RasterWindow::firstStep)
            .thenComparingInt(RasterWindow::sample)
            .thenComparing(w -> w.cell().input())
            .thenComparing(w -> w.cell().params());

    static Partial of(NodeAgreement v) {
        return new Partial(v, null, null, null, null);
    }

    static Partial of(ClassAgreement v) {
        return new Partial(null, v, null, null, null);
    }

    static Partial of(RasterWindow v) {
        return new Partial(null, null, v, null, null);
    }

    static Partial of(AccuracyRow v) {
        return new Partial(null, null, null, v, null);
    }

    static Partial failed(long samples) {
        return new Partial(null, null, null, null, samples);
    }

    /** The sum of parts of one key (all of one kind). */
    public static Partial merge(Iterable<Partial> parts) {
        Partial sum = null;
        for (Partial p : parts) {
            sum = sum == null ? p.copy() : sum.plus(p);
        }
        return sum;
    }

    /** A copy whose accumulator may be merged into without changing this one. */
    private Partial copy() {
        return node != null ? of(new NodeAgreement().merge(node)) : this;
    }

    private Partial plus(Partial o) {
        if (node != null) {
            node.merge(o.node);
            return this;
        }
        if (classes != null) {
            return of(classes.plus(o.classes));
        }
        if (raster != null) {
            return EARLIEST.compare(o.raster, raster) < 0 ? o : this;
        }
        if (accuracy != null) {
            return of(new AccuracyRow(accuracy.cell(), accuracy.backend(), accuracy.labelled() + o.accuracy.labelled(),
                    accuracy.correct() + o.accuracy.correct(), null, null));
        }
        return failed(failed + o.failed);
    }
}
