package io.nirsweep.operators.equivalence.report;

import static io.nirsweep.operators.equivalence.report.Html.cell;
import static io.nirsweep.operators.equivalence.report.Html.count;
import static io.nirsweep.operators.equivalence.report.Html.esc;
import static io.nirsweep.operators.equivalence.report.Html.fraction;

import io.nirsweep.operators.equivalence.report.EquivalenceReport.AccuracyRow;
import io.nirsweep.operators.equivalence.report.EquivalenceReport.BaselineChange;
import io.nirsweep.operators.equivalence.report.EquivalenceReport.CausePath;
import io.nirsweep.operators.equivalence.report.EquivalenceReport.CauseStep;
import io.nirsweep.operators.equivalence.report.EquivalenceReport.CellKey;
import io.nirsweep.operators.equivalence.report.EquivalenceReport.FailedCell;
import io.nirsweep.operators.equivalence.report.EquivalenceReport.FailureGroup;
import io.nirsweep.operators.equivalence.report.EquivalenceReport.PairRow;
import io.nirsweep.operators.equivalence.report.EquivalenceReport.RasterWindow;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The equivalence report as one self-contained HTML page ({@code index.html}, docs/equivalence.md): header,
 * agreement matrices, rasters around the first divergences, accuracy, causes, the table of all pair rows, failures,
 * baseline changes and the trend. Styles, drawings (SVG) and the table's script are inline and a
 * Content-Security-Policy forbids any other source, so the page opens offline and sends no request.
 *
 * <p>The page only draws what the report holds (no computation beyond means for the matrix), HTML-escapes every
 * string from it, shows NaN as "—", and stays bounded however large the sweep: at most {@link #MAX_RASTERS}
 * rasters and {@link #MAX_TABLE_ROWS} table rows, the most diverging first, saying what it left out.
 */
public final class ReportPage {
    /** The page's file name in a report folder. */
    public static final String FILE = "index.html";
    /** Raster windows drawn at most: each is a few hundred SVG elements. */
    public static final int MAX_RASTERS = 24;
    /** Pair rows put in the table at most: about 0.6 KB each. */
    public static final int MAX_TABLE_ROWS = 5_000;

    static final String CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
            + "img-src data:";

    private final EquivalenceReport r;
    private final StringBuilder out = new StringBuilder(1 << 16);

    private ReportPage(EquivalenceReport r) {
        this.r = r;
    }

    /** The page for {@code report}. */
    public static String render(EquivalenceReport report) {
        return new ReportPage(report).page();
    }

    /** Writes the page as {@code dir/index.html} (UTF-8) and returns its path. */
    public static Path write(EquivalenceReport report, Path dir) throws IOException {
        Files.createDirectories(dir);
        return Files.writeString(dir.resolve(FILE), render(report), StandardCharsets.UTF_8);
    }

    private String page() {
        out.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"").append(CSP).append("\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>").append(esc("Equivalence report · " + r.sweepId())).append("</title><style>")
                .append(ReportAssets.CSS).append(AgreementMatrix.css()).append("</style></head><body>");
        header();
        matrices();
        rasters();
        accuracy();
        causes();
        pairTable();
        failures();
        baseline();
        trend();
        out.append("<script>").append(ReportAssets.SCRIPT).append("</script></body></html>\n");
        return out.toString();
    }

    private void section(String id, String title) {
        out.append("<section id=\"").append(id).append("\"><h2>").append(title).append("</h2>");
    }

    /**
     * Opens a section; when it has nothing to show, says so and closes it again, and returns false.
     */
    private boolean section(String id, String title, List<?> items, String whenEmpty) {
        section(id, title);
        if (items.isEmpty()) {
            note(whenEmpty);
            endSection();
            return false;
        }
        return true;
    }

    /** The three columns that name a cell: model, input set, parameter point. */
    private void cellColumns(CellKey cell) {
        out.append("<td>").append(esc(cell.model())).append("</td><td>").append(esc(cell.input()))
                .append("</td><td class=\"params\">").append(esc(cell.params())).append("</td>");
    }

    private void endSection() {
        out.append("</section>");
    }

    /** A paragraph of explanation: {@code html} is the page's own wording, never the report's data (unescaped). */
    private void note(String html) {
        out.append("<p class=\"note\">").append(html).append("</p>");
    }

    private void header() {
        out.append("<header id=\"header\"><h1>Equivalence report</h1><dl class=\"meta\">");
        meta("sweep", r.sweepId());
        meta("results", r.results());
        meta("engine version", r.engineVersion());
        meta("created", r.created());
        meta("backends", String.join(", ", r.backends()));
        meta("models", String.join(", ", r.models()));
        out.append("</dl><nav><a href=\"#matrix\">agreement</a><a href=\"#rasters\">rasters</a>")
                .append("<a href=\"#accuracy\">accuracy</a><a href=\"#causes\">causes</a>")
                .append("<a href=\"#pairs\">all pairs</a><a href=\"#failures\">failures</a>")
                .append("<a href=\"#baseline\">baseline</a><a href=\"#trend\">trend</a></nav>");
        note("This page is self-contained: it loads nothing from the network or other files. It draws at most "
                + MAX_RASTERS + " rasters and lists at most " + count(MAX_TABLE_ROWS)
                + " pair rows (the most diverging first); the report's summary.json holds everything. "
                + "Undefined numbers show as " + Html.DASH + ".");
        out.append("</header>");
    }

    private void meta(String term, String value) {
        out.append("<dt>").append(term).append("</dt><dd>").append(esc(value)).append("</dd>");
    }

    /** Models in the config's order, then any the rows name that the config did not. */
    private List<String> models() {
        Set<String> models = new LinkedHashSet<>(r.models());
        r.pairs().forEach(p -> models.add(p.cell().model()));
        return List.copyOf(models);
    }

    private void matrices() {
        section("matrix", "Agreement per model");
        note("Each cell: the mean identical-bin fraction of a backend pair over the model's rows (every input, "
                + "parameter point and recorded node), with the mean predicted-class agreement below it; hover for the "
                + "counts. A cell whose pair diverges links to its first raster, when that is drawn.");
        Map<String, AgreementMatrix.Cell> cells = AgreementMatrix.cells(r.pairs());
        Map<String, String> anchors = rasterAnchors();
        out.append("<div class=\"matrices\">");
        for (String model : models()) {
            AgreementMatrix.append(out, model, r.backends(), cells, anchors);
        }
        out.append("</div>");
        AgreementMatrix.appendLegend(out);
        endSection();
    }

    /** The id of the first drawn raster of each (model, pair), for the matrix's links. */
    private Map<String, String> rasterAnchors() {
        Map<String, String> anchors = new HashMap<>();
        List<RasterWindow> drawn = drawnRasters();
        for (int i = 0; i < drawn.size(); i++) {
            RasterWindow w = drawn.get(i);
            anchors.putIfAbsent(AgreementMatrix.key(w.cell().model(), w.backendA(), w.backendB()), rasterId(i));
        }
        return anchors;
    }

    private List<RasterWindow> drawnRasters() {
        return r.rasters().subList(0, Math.min(MAX_RASTERS, r.rasters().size()));
    }

    private static String rasterId(int i) {
        return "raster-" + i;
    }

    private void rasters() {
        section("rasters", "Spikes around the first divergence");
        List<RasterWindow> drawn = drawnRasters();
        if (drawn.isEmpty()) {
            note("No pair diverges: there is nothing to draw.");
        } else {
            note("A's spikes above B's, step across and neuron down. A bigger dot is a bin with more than one spike "
                    + "(its count inside, or on hover); <span class=\"key-diff\">outlined</span> bins differ; the "
                    + "<span class=\"key-first\">dashed line</span> is the first divergence. Showing "
                    + drawn.size() + " of " + r.rasters().size() + " windows (at most " + MAX_RASTERS + ").");
        }
        for (int i = 0; i < drawn.size(); i++) {
            RasterWindow w = drawn.get(i);
            out.append("<figure class=\"raster-window\" id=\"").append(rasterId(i)).append("\"><figcaption><b>")
                    .append(esc(w.backendA())).append(" vs ").append(esc(w.backendB())).append("</b> · ")
                    .append(cell(w.cell())).append(" · node <code>").append(esc(w.node()))
                    .append("</code> · sample ").append(w.sample()).append(" · first divergence at step ")
                    .append(w.firstStep()).append(", neuron ").append(w.firstNeuron()).append("</figcaption>");
            RasterSvg.append(out, w);
            out.append("</figure>");
        }
        endSection();
    }

    private void accuracy() {
        if (!section("accuracy", "Accuracy per backend", r.accuracy(), "No sample has a label.")) {
            return;
        }
        note("Ours: labelled samples predicted right (a failed sample counts as wrong). Published: the NIR paper's "
                + "figure for the model and platform, whose test set may be larger than the sweep's input. Bar: "
                + "ours; black tick: published.");
        out.append("<table class=\"data\"><thead><tr><th>model</th><th>input</th><th>parameters</th>"
                + "<th>backend</th><th>correct / labelled</th><th>ours</th><th>published</th><th></th>"
                + "<th>source</th></tr></thead><tbody>");
        for (AccuracyRow a : r.accuracy()) {
            double ours = a.labelled() == 0 ? Double.NaN : (double) a.correct() / a.labelled();
            double published = a.published() == null ? Double.NaN : a.published();
            out.append("<tr>");
            cellColumns(a.cell());
            out.append("<td>").append(esc(a.backend())).append("</td><td class=\"num\">").append(count(a.correct()))
                    .append(" / ").append(count(a.labelled())).append("</td><td class=\"num\">")
                    .append(Html.percent(ours)).append("</td><td class=\"num\">").append(Html.percent(published))
                    .append("</td><td>");
            accuracyBar(ours, published);
            out.append("</td><td>").append(a.publishedSource() == null ? Html.DASH : esc(a.publishedSource()))
                    .append("</td></tr>");
        }
        out.append("</tbody></table>");
        endSection();
    }

    private void accuracyBar(double ours, double published) {
        out.append("<svg class=\"bar\" width=\"120\" height=\"14\" aria-hidden=\"true\"><rect class=\"track\" "
                + "width=\"120\" height=\"14\"/>");
        if (!Double.isNaN(ours)) {
            out.append("<rect class=\"ours\" width=\"").append(Html.px(120 * ours)).append("\" height=\"14\"/>");
        }
        if (!Double.isNaN(published)) {
            String x = Html.px(Math.max(1, Math.min(119, 120 * published)));
            out.append("<line class=\"published\" x1=\"").append(x).append("\" x2=\"").append(x)
                    .append("\" y1=\"0\" y2=\"14\"/>");
        }
        out.append("</svg>");
    }

    private void causes() {
        if (!section("causes", "Cause by experiment", r.causes(), "No cause was looked for.")) {
            return;
        }
        note("The walk from A to B one choice at a time: each step changes one choice from A's option to B's and "
                + "runs the cell's first samples, and says how much divergence from B is left. The cause is "
                + "<span class=\"key-cause\">highlighted</span>; a <span class=\"key-refused\">refused</span> "
                + "combination is gone around, with its reason.");
        for (CausePath c : r.causes()) {
            out.append("<article class=\"cause\"><h3>").append(esc(c.backendA())).append(" → ")
                    .append(esc(c.backendB())).append(" <small>").append(cell(c.cell())).append("</small></h3>")
                    .append("<ol class=\"path\"><li class=\"end\">").append(esc(c.backendA()))
                    .append("<span class=\"left\">divergence ").append(fraction(c.divergence())).append(" over ")
                    .append(Html.counted(c.samples(), "sample")).append("</span></li>");
            c.steps().forEach(s -> causeStep(s, c.cause()));
            out.append("<li class=\"end\">").append(esc(c.backendB())).append("</li></ol><p class=\"cause-text\">")
                    .append(c.causeText() == null || c.causeText().isBlank() ? (c.cause() == null
                            ? "No single choice removed most of the divergence." : "") : esc(c.causeText()))
                    .append("</p></article>");
        }
        endSection();
    }

    private void causeStep(CauseStep s, String cause) {
        boolean refused = s.refusal() != null;
        boolean isCause = !refused && s.choice().equals(cause);
        out.append("<li class=\"step").append(refused ? " refused" : "").append(isCause ? " is-cause" : "")
                .append("\"><span class=\"choice\">").append(esc(s.choice())).append("</span><span class=\"change\">")
                .append(esc(s.from())).append(" → ").append(esc(s.to())).append("</span>");
        if (refused) {
            out.append("<span class=\"refusal\">refused: ").append(esc(s.refusal())).append("</span>");
        } else {
            out.append("<span class=\"left\">left ").append(fraction(s.divergenceLeft())).append("</span>");
        }
        if (isCause) {
            out.append("<span class=\"badge\">cause</span>");
        }
        out.append("</li>");
    }

    /** Column headers of the pair table, with whether they sort as numbers. */
    private static final String[][] PAIR_COLUMNS = {{"model", "text"}, {"input", "text"}, {"parameters", "text"},
            {"A", "text"}, {"B", "text"}, {"node", "text"}, {"samples", "num"}, {"identical bins", "num"},
            {"count agreement", "num"}, {"count correlation", "num"}, {"van Rossum", "num"},
            {"van Rossum max", "num"}, {"diverging samples", "num"}, {"first step", "num"},
            {"first sample", "num"}, {"first neuron", "num"}, {"class agreement", "num"}};

    /** Least identical first, so that the cap keeps the rows worth reading; ties in the report's order. */
    private static final Comparator<PairRow> MOST_DIVERGING_FIRST = Comparator.comparingDouble(
            (PairRow p) -> Double.isNaN(p.identicalBinFraction()) ? 2 : p.identicalBinFraction());

    private void pairTable() {
        section("pairs", "All pair rows");
        List<PairRow> rows = r.pairs().stream().sorted(MOST_DIVERGING_FIRST).limit(MAX_TABLE_ROWS).toList();
        int left = r.pairs().size() - rows.size();
        note("One row per model, input set, parameter point, backend pair and recorded node; means over the samples "
                + "both backends ran. Click a header to sort; type to filter (every word must match). "
                + (left > 0 ? "Showing the " + count(rows.size()) + " least identical rows of " + count(r.pairs()
                        .size()) + ": " + count(left) + " rows left out (at most " + count(MAX_TABLE_ROWS) + ")."
                        : "All " + count(rows.size()) + " rows."));
        out.append("<p class=\"filter\"><label>Filter by model, backend, node… <input id=\"pair-filter\" "
                + "type=\"search\" autocomplete=\"off\"></label> <span id=\"pair-shown\">")
                .append(rows.size()).append("</span> of ").append(rows.size()).append(" rows shown</p>")
                .append("<div class=\"scroll\"><table class=\"data sortable\" id=\"pair-table\"><thead><tr>");
        for (String[] column : PAIR_COLUMNS) {
            out.append("<th scope=\"col\" tabindex=\"0\" data-type=\"").append(column[1]).append("\">")
                    .append(column[0]).append("</th>");
        }
        out.append("</tr></thead><tbody>");
        rows.forEach(this::pairRow);
        out.append("</tbody></table></div>");
        endSection();
    }

    private void pairRow(PairRow p) {
        out.append("<tr").append(p.divergingSamples() > 0 ? " class=\"diverging\"" : "").append(">");
        cellColumns(p.cell());
        out.append("<td>").append(esc(p.backendA())).append("</td><td>").append(esc(p.backendB())).append("</td><td>")
                .append(esc(p.node())).append("</td>");
        numCell(p.samples(), count(p.samples()));
        numCell(p.identicalBinFraction(), fraction(p.identicalBinFraction()));
        numCell(p.countAgreement(), fraction(p.countAgreement()));
        numCell(p.countCorrelation(), Html.number(p.countCorrelation()));
        numCell(p.vanRossum(), Html.number(p.vanRossum()));
        numCell(p.vanRossumMax(), Html.number(p.vanRossumMax()));
        numCell(p.divergingSamples(), count(p.divergingSamples()));
        optionalCell(p.firstStep());
        optionalCell(p.firstSample());
        optionalCell(p.firstNeuron());
        numCell(p.classAgreement(), fraction(p.classAgreement()));
        out.append("</tr>");
    }

    private void numCell(double value, String text) {
        out.append("<td class=\"num\" data-v=\"").append(Html.sortKey(value)).append("\">").append(text)
                .append("</td>");
    }

    private void optionalCell(Integer value) {
        numCell(value == null ? Double.NaN : value, Html.optional(value));
    }

    private void failures() {
        if (!section("failures", "Failures by reason", r.failures(), "No cell failed.")) {
            return;
        }
        for (FailureGroup g : r.failures()) {
            out.append("<article class=\"failure\"><pre class=\"reason\">").append(esc(g.reason()))
                    .append("</pre><p>").append(Html.counted(g.samples(), "sample")).append(" in ")
                    .append(Html.counted(g.cells(), "cell")).append(g.examples().size() < g.cells() ? "; " + g.examples().size()
                            + " of them shown" : "").append("</p>");
            if (!g.examples().isEmpty()) {
                out.append("<table class=\"data\"><thead><tr><th>model</th><th>input</th><th>parameters</th>"
                        + "<th>backend</th><th>samples</th></tr></thead><tbody>");
                for (FailedCell f : g.examples()) {
                    out.append("<tr>");
                    cellColumns(f.cell());
                    out.append("<td>").append(esc(f.backend()))
                            .append("</td><td class=\"num\">").append(count(f.samples())).append("</td></tr>");
                }
                out.append("</tbody></table>");
            }
            out.append("</article>");
        }
        endSection();
    }

    private void baseline() {
        if (!section("baseline", "Changes since the baseline", r.baseline(),
                "No baseline was given, or nothing moved beyond its tolerance.")) {
            return;
        }
        Map<String, List<BaselineChange>> byRun = new LinkedHashMap<>();
        r.baseline().forEach(c -> byRun.computeIfAbsent(c.baselineRun(), k -> new ArrayList<>()).add(c));
        byRun.forEach((run, changes) -> {
            out.append("<h3>since ").append(esc(run)).append("</h3><table class=\"data\"><thead><tr>"
                    + "<th>change</th><th>metric</th><th>model</th><th>input</th><th>parameters</th><th>pair</th>"
                    + "<th>node</th><th>before</th><th>after</th><th>tolerance</th></tr></thead><tbody>");
            for (BaselineChange c : changes) {
                out.append("<tr><td>").append(esc(c.text())).append("</td><td>").append(esc(c.what()))
                        .append("</td>");
                cellColumns(c.cell());
                out.append("<td>").append(esc(c.backendA()))
                        .append(" vs ").append(esc(c.backendB())).append("</td><td>")
                        .append(c.node() == null ? Html.DASH : esc(c.node())).append("</td><td class=\"num\">")
                        .append(Html.number(c.before())).append("</td><td class=\"num\">")
                        .append(Html.number(c.after())).append("</td><td class=\"num\">")
                        .append(Html.number(c.tolerance())).append("</td></tr>");
            }
            out.append("</tbody></table>");
        });
        endSection();
    }

    private void trend() {
        section("trend", "Trend over runs");
        if (r.trend().size() < 2) {
            note("One run only: a trend needs baselines (--baseline).");
        } else {
            note("Mean identical-bin fraction per backend pair, baselines oldest first, then this run.");
            TrendChart.append(out, r.trend());
        }
        endSection();
    }
}
