package io.nirsweep.operators.equivalence.report;

import static io.nirsweep.operators.equivalence.report.Html.esc;

import io.nirsweep.operators.equivalence.report.EquivalenceReport.PairRow;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The agreement matrices of the report page: one per model, backends × backends in the config's order, each cell
 * the mean identical-bin fraction over the model's rows of that pair (every input, parameter point and node). The
 * matrix is symmetric: a pair's rows hold A before B, and the cell of (B, A) shows the same pair.
 *
 * <p>Colour classes go by how far the fraction is from 1 on a log scale, since the interesting differences are in
 * the last decimals (a fraction of 0.999 and one of 0.99999 are far apart), in viridis colours, which stay ordered
 * for colour-blind readers and in greyscale.
 */
final class AgreementMatrix {
    /** Upper bounds of 1 − fraction per class (the last class holds the rest), and the classes' colours. */
    private static final double[] BOUNDS = {0, 1e-4, 1e-3, 1e-2, 1e-1};
    static final String[] COLOURS = {"#fde725", "#7ad151", "#22a884", "#2a788e", "#414487", "#440154"};
    static final String[] LABELS = {"identical (1)", "≥ 0.9999", "≥ 0.999", "≥ 0.99", "≥ 0.9", "< 0.9"};
    /** Classes from here on are dark: their text is white. */
    private static final int FIRST_DARK = 3;

    private AgreementMatrix() {}

    /** What the rows of one model and backend pair say, summed up for its cell. */
    static final class Cell {
        long rows;
        long divergingRows;
        private double identicalSum;
        private long identicalN;
        private double classSum;
        private long classN;

        void add(PairRow row) {
            rows++;
            if (row.divergingSamples() > 0) {
                divergingRows++;
            }
            if (!Double.isNaN(row.identicalBinFraction())) {
                identicalSum += row.identicalBinFraction();
                identicalN++;
            }
            if (!Double.isNaN(row.classAgreement())) {
                classSum += row.classAgreement();
                classN++;
            }
        }

        double identical() {
            return identicalN == 0 ? Double.NaN : identicalSum / identicalN;
        }

        double classAgreement() {
            return classN == 0 ? Double.NaN : classSum / classN;
        }
    }

    /** The cells of every model, keyed by {@link #key}. */
    static Map<String, Cell> cells(List<PairRow> pairs) {
        Map<String, Cell> cells = new HashMap<>();
        for (PairRow row : pairs) {
            cells.computeIfAbsent(key(row.cell().model(), row.backendA(), row.backendB()), k -> new Cell()).add(row);
        }
        return cells;
    }

    /** One key for both orders of a pair. */
    static String key(String model, String a, String b) {
        return a.compareTo(b) <= 0 ? model + '\0' + a + '\0' + b : model + '\0' + b + '\0' + a;
    }

    /** The colour class of a mean identical-bin fraction; -1 when undefined. */
    static int colourClass(double fraction) {
        if (Double.isNaN(fraction)) {
            return -1;
        }
        double apart = 1 - fraction;
        for (int c = 0; c < BOUNDS.length; c++) {
            if (c == 0 ? apart <= 0 : apart <= BOUNDS[c]) {
                return c;
            }
        }
        return BOUNDS.length;
    }

    /** One model's matrix; {@code anchors} maps a pair's key to its first drawn raster's id. */
    static void append(StringBuilder out, String model, List<String> backends, Map<String, Cell> cells,
            Map<String, String> anchors) {
        out.append("<table class=\"matrix\"><caption>").append(esc(model)).append("</caption><thead><tr><th></th>");
        for (String b : backends) {
            out.append("<th scope=\"col\">").append(esc(b)).append("</th>");
        }
        out.append("</tr></thead><tbody>");
        for (String a : backends) {
            out.append("<tr><th scope=\"row\">").append(esc(a)).append("</th>");
            for (String b : backends) {
                appendCell(out, model, a, b, cells.get(key(model, a, b)), anchors.get(key(model, a, b)));
            }
            out.append("</tr>");
        }
        out.append("</tbody></table>");
    }

    private static void appendCell(StringBuilder out, String model, String a, String b, Cell cell, String anchor) {
        if (a.equals(b)) {
            out.append("<td class=\"diag\" title=\"same backend\">·</td>");
            return;
        }
        if (cell == null) {
            out.append("<td class=\"cnan\" title=\"no rows for this pair\">").append(Html.DASH).append("</td>");
            return;
        }
        int c = colourClass(cell.identical());
        String title = a + " vs " + b + " on " + model + ": mean identical-bin fraction " + Html.fraction(
                cell.identical()) + " over " + cell.rows + " rows (" + cell.divergingRows + " diverging); class "
                + "agreement " + Html.fraction(cell.classAgreement());
        out.append("<td class=\"").append(c < 0 ? "cnan" : "c" + c).append(c >= FIRST_DARK ? " dark" : "")
                .append("\" title=\"").append(esc(title)).append("\">");
        String text = Html.fraction(cell.identical()) + "<small>class " + Html.fraction(cell.classAgreement())
                + "</small>";
        if (anchor != null) {
            out.append("<a href=\"#").append(anchor).append("\">").append(text).append("</a>");
        } else {
            out.append(text);
        }
        out.append("</td>");
    }

    /** The colour legend under the matrices. */
    static void appendLegend(StringBuilder out) {
        out.append("<ul class=\"legend\">");
        for (int c = 0; c < COLOURS.length; c++) {
            out.append("<li><span class=\"swatch c").append(c).append("\"></span>").append(esc(LABELS[c])).append("</li>");
        }
        out.append("<li><span class=\"swatch cnan\"></span>no rows</li></ul>");
    }

    /** The CSS of the colour classes, from {@link #COLOURS}. */
    static String css() {
        StringBuilder css = new StringBuilder();
        for (int c = 0; c < COLOURS.length; c++) {
            css.append(".c").append(c).append("{background:").append(COLOURS[c]).append("}");
        }
        return css.toString();
    }
}
