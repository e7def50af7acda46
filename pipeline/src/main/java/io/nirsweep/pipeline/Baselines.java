package io.nirsweep.pipeline;

import io.nirsweep.operators.equivalence.report.EquivalenceReport;
import io.nirsweep.operators.equivalence.report.EquivalenceReport.AccuracyRow;
import io.nirsweep.operators.equivalence.report.EquivalenceReport.BaselineChange;
import io.nirsweep.operators.equivalence.report.EquivalenceReport.CellKey;
import io.nirsweep.operators.equivalence.report.EquivalenceReport.FailedCell;
import io.nirsweep.operators.equivalence.report.EquivalenceReport.FailureGroup;
import io.nirsweep.operators.equivalence.report.EquivalenceReport.PairRow;
import io.nirsweep.operators.equivalence.report.EquivalenceReport.TrendPoint;
import io.nirsweep.operators.report.ReportKeys;
import io.nirsweep.pipeline.config.ReportConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * A report against earlier ones (docs/equivalence.md, "Nightly use"): what moved beyond its tolerance since the
 * latest baseline — a metric of a node row, a pair's class agreement, a backend's accuracy, a cell's status — and
 * the trend of every backend pair's agreement over the baselines and this run.
 */
final class Baselines {
    /** The node-row metrics compared, by their names in the table and the report config. */
    private static final Map<String, ToDoubleFunction<PairRow>> METRICS = metrics();

    private Baselines() {}

    private static Map<String, ToDoubleFunction<PairRow>> metrics() {
        Map<String, ToDoubleFunction<PairRow>> m = new LinkedHashMap<>();
        m.put("identical_bin_fraction", PairRow::identicalBinFraction);
        m.put("count_agreement", PairRow::countAgreement);
        m.put("count_correlation", PairRow::countCorrelation);
        m.put("van_rossum", PairRow::vanRossum);
        m.put("class_agreement", PairRow::classAgreement);
        return m;
    }

    /**
     * Everything that moved beyond its tolerance from {@code before} to {@code after}, each with one line naming
     * the metric and the cell; a row or a failed cell that only one of the two has is a status change.
     */
    static List<BaselineChange> changes(EquivalenceReport before, EquivalenceReport after, ReportConfig config) {
        String run = label(before);
        List<BaselineChange> changes = new ArrayList<>();
        Map<String, PairRow> old = new HashMap<>();
        for (PairRow r : before.pairs()) {
            old.put(key(r), r);
        }
        for (PairRow r : after.pairs()) {
            PairRow b = old.remove(key(r));
            if (b == null) {
                changes.add(new BaselineChange(run, "status", r.cell(), r.backendA(), r.backendB(), r.node(),
                        Double.NaN, Double.NaN, Double.NaN, "status: " + r.backendA() + " vs " + r.backendB()
                        + " on node '" + r.node() + "', " + cell(r.cell()) + ": compared now, not in the baseline"
                        + " (a backend's samples failed there)"));
                continue;
            }
            METRICS.forEach((metric, value) -> {
                double x = value.applyAsDouble(b);
                double y = value.applyAsDouble(r);
                double tol = config.tolerance(metric);
                if (moved(x, y, tol)) {
                    changes.add(new BaselineChange(run, metric, r.cell(), r.backendA(), r.backendB(), r.node(), x, y,
                            tol, metric + " of " + r.backendA() + " vs " + r.backendB() + " on node '" + r.node()
                            + "', " + cell(r.cell()) + ": " + show(x) + " → " + show(y) + " (tolerance "
                            + show(tol) + ")"));
                }
            });
        }
        for (PairRow b : old.values()) {
            changes.add(new BaselineChange(run, "status", b.cell(), b.backendA(), b.backendB(), b.node(), Double.NaN,
                    Double.NaN, Double.NaN, "status: " + b.backendA() + " vs " + b.backendB() + " on node '"
                    + b.node() + "', " + cell(b.cell()) + ": compared in the baseline, not now (a backend's samples"
                    + " failed)"));
        }
        Map<String, AccuracyRow> oldAccuracy = new HashMap<>();
        before.accuracy().forEach(a -> oldAccuracy.put(ReportKeys.of(a.cell(), a.backend()), a));
        double accTol = config.tolerance("accuracy");
        for (AccuracyRow a : after.accuracy()) {
            AccuracyRow b = oldAccuracy.get(ReportKeys.of(a.cell(), a.backend()));
            if (b != null && moved(accuracy(b), accuracy(a), accTol)) {
                changes.add(new BaselineChange(run, "accuracy", a.cell(), a.backend(), null, null, accuracy(b),
                        accuracy(a), accTol, "accuracy of " + a.backend() + ", " + cell(a.cell()) + ": "
                        + show(accuracy(b)) + " → " + show(accuracy(a)) + " (tolerance " + show(accTol) + ")"));
            }
        }
        Map<String, Long> failedBefore = failed(before);
        Map<String, Long> failedAfter = failed(after);
        Map<String, FailedCell> cells = new TreeMap<>();
        before.failures().forEach(g -> g.examples().forEach(c -> cells.put(ReportKeys.of(c.cell(), c.backend()), c)));
        after.failures().forEach(g -> g.examples().forEach(c -> cells.put(ReportKeys.of(c.cell(), c.backend()), c)));
        cells.forEach((k, c) -> {
            long x = failedBefore.getOrDefault(k, 0L);
            long y = failedAfter.getOrDefault(k, 0L);
            if (x != y) {
                changes.add(new BaselineChange(run, "status", c.cell(), c.backend(), null, null, x, y, Double.NaN,
                        "status of " + c.backend() + ", " + cell(c.cell()) + ": " + x + " → " + y
                        + " failed samples"));
            }
        });
        return changes;
    }

    /** The trend: one point per baseline (oldest first), then this run. */
    static List<TrendPoint> trend(List<EquivalenceReport> baselines, EquivalenceReport now) {
        List<TrendPoint> points = new ArrayList<>();
        for (EquivalenceReport b : baselines) {
            points.add(point(b));
        }
        points.add(point(now));
        return points;
    }

    private static TrendPoint point(EquivalenceReport r) {
        Map<String, double[]> sums = new TreeMap<>();
        for (PairRow row : r.pairs()) {
            if (!Double.isNaN(row.identicalBinFraction())) {
                double[] s = sums.computeIfAbsent(row.backendA() + "|" + row.backendB(), k -> new double[2]);
                s[0] += row.identicalBinFraction();
                s[1]++;
            }
        }
        Map<String, Double> means = new TreeMap<>();
        sums.forEach((pair, s) -> means.put(pair, s[0] / s[1]));
        return new TrendPoint(label(r), r.created(), means);
    }

    private static Map<String, Long> failed(EquivalenceReport r) {
        Map<String, Long> m = new HashMap<>();
        for (FailureGroup g : r.failures()) {
            for (FailedCell c : g.examples()) {
                m.merge(ReportKeys.of(c.cell(), c.backend()), c.samples(), Long::sum);
            }
        }
        return m;
    }

    /** Moved beyond the tolerance, or defined on one side only. */
    private static boolean moved(double before, double after, double tolerance) {
        if (Double.isNaN(before) || Double.isNaN(after)) {
            return Double.isNaN(before) != Double.isNaN(after);
        }
        return Math.abs(after - before) > tolerance;
    }

    private static double accuracy(AccuracyRow a) {
        return a.labelled() == 0 ? Double.NaN : (double) a.correct() / a.labelled();
    }

    private static String key(PairRow r) {
        return ReportKeys.of(r.cell(), r.backendA(), r.backendB(), r.node());
    }

    private static String label(EquivalenceReport r) {
        return r.sweepId() + " (" + r.created() + ")";
    }

    private static String cell(CellKey c) {
        return "model " + c.model() + ", input " + c.input() + ", params " + c.params();
    }

    private static String show(double v) {
        return Double.isNaN(v) ? "undefined" : String.format(Locale.ROOT, "%.4g", v);
    }
}
