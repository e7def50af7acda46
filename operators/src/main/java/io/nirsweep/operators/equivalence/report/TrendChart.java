package io.nirsweep.operators.equivalence.report;

import static io.nirsweep.operators.equivalence.report.Html.esc;
import static io.nirsweep.operators.equivalence.report.Html.px;

import io.nirsweep.operators.equivalence.report.EquivalenceReport.TrendPoint;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The trend chart: one line per backend pair over the runs (baselines oldest first, then this run), the mean
 * identical-bin fraction up. Colours are Okabe and Ito's, which colour-blind readers tell apart; past its seven
 * the lines also differ by dash pattern. A run without a pair leaves a gap in its line.
 */
final class TrendChart {
    static final String[] COLOURS = {"#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#000000"};
    private static final String[] DASHES = {"", "6 3", "2 3"};
    private static final int WIDTH = 760;
    private static final int HEIGHT = 300;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 14;
    private static final int BOTTOM = 64;
    private static final int Y_TICKS = 5;
    private static final int LABEL_INSET = 56;

    private final List<TrendPoint> points;
    private final List<String> pairs;
    private final double low;

    private TrendChart(List<TrendPoint> points) {
        this.points = points;
        Set<String> pairs = new LinkedHashSet<>();
        points.forEach(p -> pairs.addAll(p.pairs().keySet()));
        this.pairs = new ArrayList<>(pairs);
        this.low = lowerBound(points);
    }

    /** Draws the chart and its legend; needs at least two points. */
    static void append(StringBuilder out, List<TrendPoint> points) {
        new TrendChart(points).append(out);
    }

    /** The y axis starts a little below the lowest value, so that small moves near 1 show. */
    private static double lowerBound(List<TrendPoint> points) {
        double min = points.stream().flatMap(p -> p.pairs().values().stream())
                .filter(v -> v != null && !v.isNaN()).mapToDouble(Double::doubleValue).min().orElse(1);
        double low = min - Math.max(1 - min, 1e-3) * 0.1;
        return Math.max(0, Math.min(low, 1 - 1e-3));
    }

    private void append(StringBuilder out) {
        out.append("<svg class=\"trend\" role=\"img\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
                .append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" aria-label=\"mean identical-bin fraction per backend pair over the runs\">");
        appendAxes(out);
        for (int p = 0; p < pairs.size(); p++) {
            appendLine(out, p);
        }
        out.append("</svg><ul class=\"legend\">");
        for (int p = 0; p < pairs.size(); p++) {
            out.append("<li><svg width=\"28\" height=\"10\" aria-hidden=\"true\"><line x1=\"0\" y1=\"5\" x2=\"28\" "
                    + "y2=\"5\" stroke-width=\"3\"").append(stroke(p)).append("/></svg>")
                    .append(esc(pairs.get(p).replace("|", " vs "))).append("</li>");
        }
        out.append("</ul>");
    }

    private void appendAxes(StringBuilder out) {
        int bottom = HEIGHT - BOTTOM;
        for (int t = 0; t <= Y_TICKS; t++) {
            double v = low + (1 - low) * t / Y_TICKS;
            double y = y(v);
            out.append("<line class=\"grid\" x1=\"").append(LEFT).append("\" y1=\"").append(px(y)).append("\" x2=\"")
                    .append(WIDTH - RIGHT).append("\" y2=\"").append(px(y)).append("\"/><text class=\"tick\" x=\"")
                    .append(LEFT - 6).append("\" y=\"").append(px(y + 4)).append("\" text-anchor=\"end\">")
                    .append(Html.fixed(v, decimals())).append("</text>");
        }
        for (int i = 0; i < points.size(); i++) {
            String label = points.get(i).label();
            String shown = label.length() > 22 ? label.substring(0, 21) + "…" : label;
            out.append("<text class=\"tick\" x=\"").append(px(x(i))).append("\" y=\"").append(bottom + 16)
                    .append("\" text-anchor=\"middle\"><title>").append(esc(label + " (" + points.get(i).created()
                            + ")")).append("</title>").append(esc(shown)).append("</text>");
        }
        out.append("<text class=\"axis\" x=\"").append(LEFT + (WIDTH - LEFT - RIGHT) / 2).append("\" y=\"")
                .append(HEIGHT - 12).append("\" text-anchor=\"middle\">run</text><text class=\"axis\" "
                        + "transform=\"translate(14 ").append(TOP + (bottom - TOP) / 2)
                .append(") rotate(-90)\" text-anchor=\"middle\">identical-bin fraction</text>");
    }

    /** Enough decimals that the y ticks differ. */
    private int decimals() {
        double step = (1 - low) / Y_TICKS;
        return Math.max(2, Math.min(8, (int) Math.ceil(-Math.log10(step)) + 1));
    }

    private void appendLine(StringBuilder out, int p) {
        String pair = pairs.get(p);
        StringBuilder path = new StringBuilder();
        boolean pen = false;
        for (int i = 0; i < points.size(); i++) {
            Double v = points.get(i).pairs().get(pair);
            if (v == null || v.isNaN()) {
                pen = false;
                continue;
            }
            path.append(pen ? " L" : " M").append(px(x(i))).append(' ').append(px(y(v)));
            pen = true;
        }
        out.append("<g class=\"series\"><path fill=\"none\" stroke-width=\"2\"").append(stroke(p)).append(" d=\"")
                .append(path.toString().trim()).append("\"/>");
        for (int i = 0; i < points.size(); i++) {
            Double v = points.get(i).pairs().get(pair);
            if (v != null && !v.isNaN()) {
                out.append("<circle r=\"3.5\" cx=\"").append(px(x(i))).append("\" cy=\"").append(px(y(v)))
                        .append("\" fill=\"").append(COLOURS[p % COLOURS.length]).append("\"><title>")
                        .append(esc(pair.replace("|", " vs ") + ", " + points.get(i).label() + ": "))
                        .append(Html.fraction(v)).append("</title></circle>");
            }
        }
        out.append("</g>");
    }

    private static String stroke(int p) {
        String dash = DASHES[(p / COLOURS.length) % DASHES.length];
        return " stroke=\"" + COLOURS[p % COLOURS.length] + "\"" + (dash.isEmpty() ? ""
                : " stroke-dasharray=\"" + dash + "\"");
    }

    /** Runs evenly spaced, inset so that the first and last run's labels (up to 22 characters) fit. */
    private double x(int i) {
        int span = WIDTH - LEFT - RIGHT - 2 * LABEL_INSET;
        return LEFT + LABEL_INSET + (points.size() == 1 ? span / 2.0 : span * (double) i / (points.size() - 1));
    }

    private double y(double v) {
        int bottom = HEIGHT - BOTTOM;
        return bottom - (bottom - TOP) * (v - low) / (1 - low);
    }
}
