package io.nirsweep.operators.equivalence.report;

import io.nirsweep.operators.equivalence.report.EquivalenceReport.AccuracyRow;
import io.nirsweep.operators.equivalence.report.EquivalenceReport.BaselineChange;
import io.nirsweep.operators.equivalence.report.EquivalenceReport.CausePath;
import io.nirsweep.operators.equivalence.report.EquivalenceReport.CauseStep;
import io.nirsweep.operators.equivalence.report.EquivalenceReport.CellKey;
import io.nirsweep.operators.equivalence.report.EquivalenceReport.FailedCell;
import io.nirsweep.operators.equivalence.report.EquivalenceReport.FailureGroup;
import io.nirsweep.operators.equivalence.report.EquivalenceReport.PairRow;
import io.nirsweep.operators.equivalence.report.EquivalenceReport.RasterWindow;
import io.nirsweep.operators.equivalence.report.EquivalenceReport.TrendPoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hand-built equivalence reports for the page's tests: three backends, two models (one of them named like an
 * attack), rasters with multi-spike bins, a cause path with a refused step, failures, baseline changes and three
 * trend points. Values are chosen so that each test can say what the page must show.
 */
final class ReportFixtures {
    static final String HOSTILE_MODEL = "<script>alert(1)</script>.nir";
    static final String HOSTILE_NODE = "\"><img src=x onerror=alert(2)>";
    static final String HOSTILE_REASON = "shape [3] & [4] differ: <b>bold</b> 'quoted'";
    static final List<String> BACKENDS = List.of("euler", "sinabs", "xylo");
    static final CellKey BRAILLE = new CellKey("braille.nir", "poisson", "{\"dt\":0.001}");
    static final CellKey HOSTILE = new CellKey(HOSTILE_MODEL, "poisson", "{}");

    private ReportFixtures() {}

    /** The full report: every section has something to show. */
    static EquivalenceReport full() {
        return report(pairs(), rasters(2), List.of(new TrendPoint("base-1 2026-10-01", "2026-10-01T00:00:00Z",
                trendValues(0.999, 0.98, 0.97)), new TrendPoint("base-2 2026-11-01", "2026-11-01T00:00:00Z",
                trendValues(0.9995, 0.985, Double.NaN)), new TrendPoint("this 2026-12-07", "2026-12-07T00:00:00Z",
                trendValues(0.9991, 0.99, 0.975))));
    }

    /** Like {@link #full()}, with {@code pairs} and {@code rasters} instead. */
    static EquivalenceReport report(List<PairRow> pairs, List<RasterWindow> rasters, List<TrendPoint> trend) {
        return new EquivalenceReport("0123456789abcdef", "/results/run 1", "0.1.0-SNAPSHOT (abc1234)",
                "2026-12-07T13:30:00Z", BACKENDS, List.of(BRAILLE.model(), HOSTILE_MODEL), pairs, accuracy(),
                rasters, List.of(cause()), failures(), baseline(), trend);
    }

    static List<PairRow> pairs() {
        return List.of(
                pair(BRAILLE, "euler", "sinabs", "lif1", 1.0, 0, null, 1.0),
                pair(BRAILLE, "euler", "sinabs", "out", 1.0, 0, null, 1.0),
                pair(BRAILLE, "euler", "xylo", "lif1", 0.9985, 3, 17, 0.9),
                pair(BRAILLE, "euler", "xylo", "out", 0.97, 5, 12, 0.9),
                pair(BRAILLE, "sinabs", "xylo", "lif1", 0.99995, 1, 40, Double.NaN),
                pair(HOSTILE, "euler", "sinabs", HOSTILE_NODE, 0.5, 8, 2, 0.25),
                pair(HOSTILE, "sinabs", "xylo", "out", Double.NaN, 0, null, Double.NaN));
    }

    /** A pair row whose count correlation is NaN on identical rows (a silent node), as the metrics define it. */
    static PairRow pair(CellKey cell, String a, String b, String node, double identical, long diverging,
            Integer firstStep, double classAgreement) {
        return new PairRow(cell, a, b, node, 10, identical, identical, diverging == 0 ? Double.NaN : 0.8,
                diverging * 0.25, diverging * 0.5, diverging, firstStep, firstStep == null ? null : 3,
                firstStep == null ? null : 7, classAgreement);
    }

    /** {@code n} windows of braille's euler-xylo pair; each has bins of 2 and 3 spikes and bins that differ. */
    static List<RasterWindow> rasters(int n) {
        List<RasterWindow> windows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            CellKey cell = i % 2 == 0 ? BRAILLE : HOSTILE;
            String b = i % 2 == 0 ? "xylo" : "sinabs";
            String node = i % 2 == 0 ? "lif1" : HOSTILE_NODE;
            windows.add(new RasterWindow(cell, "euler", b, node, i, 17, 5, 10, 40, 0, 12,
                    List.of(new int[] {10, 1, 1}, new int[] {12, 3, 2}, new int[] {17, 5, 1}, new int[] {20, 8, 3},
                            new int[] {25, 2, 1}),
                    List.of(new int[] {10, 1, 1}, new int[] {12, 3, 2}, new int[] {18, 5, 1}, new int[] {20, 8, 1},
                            new int[] {25, 2, 1}, new int[] {33, 11, 2})));
        }
        return windows;
    }

    static List<AccuracyRow> accuracy() {
        return List.of(new AccuracyRow(BRAILLE, "euler", 100, 93, 0.938, PublishedAccuracy.SOURCE),
                new AccuracyRow(BRAILLE, "sinabs", 100, 93, 0.938, PublishedAccuracy.SOURCE),
                new AccuracyRow(BRAILLE, "xylo", 100, 88, null, null),
                new AccuracyRow(HOSTILE, "euler", 0, 0, null, null));
    }

    /** braille's euler → xylo walk: quantisation is the cause; a refused step on the way. */
    static CausePath cause() {
        return new CausePath(BRAILLE, "euler", "xylo", 4, 0.0215, List.of(
                new CauseStep("integration", "euler", "exact", 0.021, null),
                new CauseStep("reset", "subtract", "zero", Double.NaN, "xylo's reset needs <integer> weights"),
                new CauseStep("weights", "float32", "int8", 0.001, null),
                new CauseStep("reset", "subtract", "zero", 0.0, null)),
                "weights", "changing weights from float32 to int8 removes 95 % of the divergence");
    }

    static List<FailureGroup> failures() {
        return List.of(new FailureGroup(HOSTILE_REASON, 20, 3, List.of(new FailedCell(HOSTILE, "xylo", 10),
                new FailedCell(BRAILLE, "xylo", 10))),
                new FailureGroup("out of memory", 5, 1, List.of(new FailedCell(BRAILLE, "sinabs", 5))));
    }

    static List<BaselineChange> baseline() {
        return List.of(new BaselineChange("base-2 2026-11-01", "identical_bin_fraction", BRAILLE, "euler", "xylo",
                        "out", 0.99, 0.97, 0.005, "identical_bin_fraction of braille.nir euler vs xylo out fell"),
                new BaselineChange("base-2 2026-11-01", "status", HOSTILE, "sinabs", "xylo", null, Double.NaN,
                        Double.NaN, Double.NaN, "sinabs vs xylo on " + HOSTILE_MODEL + " failed"));
    }

    /** The trend's pairs, {@code "A|B"}; NaN leaves a gap. */
    static Map<String, Double> trendValues(double eulerSinabs, double eulerXylo, double sinabsXylo) {
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("euler|sinabs", eulerSinabs);
        values.put("euler|xylo", eulerXylo);
        values.put("sinabs|xylo", sinabsXylo);
        return values;
    }
}
