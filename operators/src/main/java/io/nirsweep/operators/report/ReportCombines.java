package io.nirsweep.operators.report;

import io.nirsweep.operators.equivalence.ClassAgreement;
import io.nirsweep.operators.equivalence.NodeAgreement;
import io.nirsweep.operators.equivalence.report.EquivalenceReport.AccuracyRow;
import io.nirsweep.operators.equivalence.report.EquivalenceReport.RasterWindow;
import java.util.Comparator;

/**
 * How the report's per-sample values sum up over a cell's samples, as the functions of Beam's
 * {@code Combine.perKey}: each is associative and commutative, so the result does not depend on how the samples
 * were split among workers.
 */
public final class ReportCombines {
    /** The earlier divergence first: by step, then sample, then the cell's input and parameter point. */
    static final Comparator<RasterWindow> EARLIEST = Comparator.comparingInt(RasterWindow::firstStep)
            .thenComparingInt(RasterWindow::sample)
            .thenComparing(w -> w.cell().input())
            .thenComparing(w -> w.cell().params());

    private ReportCombines() {}

    public static NodeAgreement nodes(Iterable<NodeAgreement> parts) {
        NodeAgreement sum = new NodeAgreement();
        parts.forEach(sum::merge);
        return sum;
    }

    public static ClassAgreement classes(Iterable<ClassAgreement> parts) {
        ClassAgreement sum = new ClassAgreement(0, 0, 0, 0, 0);
        for (ClassAgreement c : parts) {
            sum = sum.plus(c);
        }
        return sum;
    }

    public static AccuracyRow accuracy(Iterable<AccuracyRow> parts) {
        AccuracyRow sum = null;
        for (AccuracyRow r : parts) {
            sum = sum == null ? r : new AccuracyRow(r.cell(), r.backend(), sum.labelled() + r.labelled(),
                    sum.correct() + r.correct(), null, null);
        }
        return sum;
    }

    /** The window of the earliest divergence ({@link #EARLIEST}). */
    public static RasterWindow earliest(Iterable<RasterWindow> windows) {
        RasterWindow first = null;
        for (RasterWindow w : windows) {
            if (first == null || EARLIEST.compare(w, first) < 0) {
                first = w;
            }
        }
        return first;
    }
}
