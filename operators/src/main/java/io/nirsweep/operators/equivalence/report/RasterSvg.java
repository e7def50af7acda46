package io.nirsweep.operators.equivalence.report;

import static io.nirsweep.operators.equivalence.report.Html.esc;
import static io.nirsweep.operators.equivalence.report.Html.px;

import io.nirsweep.operators.equivalence.report.EquivalenceReport.RasterWindow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * One raster window as inline SVG: A's spikes above B's on the same axes (step across, neuron down), a bin with
 * more than one spike drawn as a bigger dot labelled with its count, every bin whose counts differ outlined in
 * vermillion in both panels, and the first divergence marked by a dashed line and a ring. Bins outside the window
 * are not drawn, nor are those beyond {@link #MAX_STEPS} × {@link #MAX_NEURONS} around the first divergence.
 */
final class RasterSvg {
    /**
     * The most steps and neurons drawn of a window: what the first divergence needs, and a bound on the page's
     * size (a window larger than this is shown around its first divergence, a quarter of the steps before it).
     */
    static final int MAX_STEPS = 240;
    static final int MAX_NEURONS = 64;
    private static final int PLOT_WIDTH = 720;
    private static final int PANEL_HEIGHT = 200;
    private static final int MIN_BIN = 3;
    private static final int MAX_BIN = 14;
    /** A bin at least this big carries its count as text. */
    private static final int LABELLED_BIN = 10;
    private static final int LEFT = 64;
    private static final int TOP = 18;
    private static final int GAP = 30;
    private static final int BOTTOM = 40;
    private static final int RIGHT = 12;

    private final RasterWindow w;
    private final int fromStep;
    private final int toStep;
    private final int fromNeuron;
    private final int toNeuron;
    private final int steps;
    private final int neurons;
    private final int binW;
    private final int binH;
    private final int panelH;

    private RasterSvg(RasterWindow w) {
        this.w = w;
        this.fromStep = clipFrom(w.fromStep(), w.toStep(), w.firstStep() - MAX_STEPS / 4, MAX_STEPS);
        this.toStep = Math.min(w.toStep(), fromStep + MAX_STEPS);
        this.fromNeuron = clipFrom(w.fromNeuron(), w.toNeuron(), w.firstNeuron() - MAX_NEURONS / 2, MAX_NEURONS);
        this.toNeuron = Math.min(w.toNeuron(), fromNeuron + MAX_NEURONS);
        this.steps = Math.max(1, toStep - fromStep);
        this.neurons = Math.max(1, toNeuron - fromNeuron);
        this.binW = clamp(PLOT_WIDTH / steps);
        this.binH = clamp(PANEL_HEIGHT / neurons);
        this.panelH = neurons * binH;
    }

    /** Draws {@code w}, after a line saying which part of it when it is larger than is drawn. */
    static void append(StringBuilder out, RasterWindow w) {
        RasterSvg svg = new RasterSvg(w);
        if (svg.clipped()) {
            out.append("<p class=\"note\">Showing steps ").append(svg.fromStep).append("–").append(svg.toStep - 1)
                    .append(" and neurons ").append(svg.fromNeuron).append("–").append(svg.toNeuron - 1)
                    .append(" of the window's steps ").append(w.fromStep()).append("–").append(w.toStep() - 1)
                    .append(" and neurons ").append(w.fromNeuron()).append("–").append(w.toNeuron() - 1)
                    .append(" (at most ").append(MAX_STEPS).append(" × ").append(MAX_NEURONS).append(").</p>");
        }
        svg.append(out);
    }

    private boolean clipped() {
        return fromStep != w.fromStep() || toStep != w.toStep() || fromNeuron != w.fromNeuron()
                || toNeuron != w.toNeuron();
    }

    /**
     * Where a drawn range of at most {@code most} starts inside {@code [from, to)}: at {@code wanted} (around the
     * first divergence), moved inside the range.
     */
    static int clipFrom(int from, int to, int wanted, int most) {
        return to - from <= most ? from : Math.max(from, Math.min(wanted, to - most));
    }

    private void append(StringBuilder out) {
        int width = LEFT + steps * binW + RIGHT;
        int height = TOP + 2 * panelH + GAP + BOTTOM;
        out.append("<svg class=\"raster\" role=\"img\" width=\"").append(width).append("\" height=\"").append(height)
                .append("\" viewBox=\"0 0 ").append(width).append(' ').append(height).append("\" aria-label=\"")
                .append(esc("spikes of " + w.node() + ": " + w.backendA() + " above " + w.backendB())).append("\">");
        Map<Long, Integer> a = counts(w.a());
        Map<Long, Integer> b = counts(w.b());
        TreeSet<Long> differing = differing(a, b);
        appendPanel(out, top(0), "A: " + w.backendA(), a, differing);
        appendPanel(out, top(1), "B: " + w.backendB(), b, differing);
        appendFirstDivergence(out);
        appendStepAxis(out, top(1) + panelH);
        out.append("</svg>");
    }

    private int top(int panel) {
        return TOP + panel * (panelH + GAP);
    }

    /** Counts per bin inside the window, keyed by {@link #bin}. */
    private Map<Long, Integer> counts(List<int[]> events) {
        Map<Long, Integer> counts = new HashMap<>();
        for (int[] e : events) {
            if (e[0] >= fromStep && e[0] < toStep && e[1] >= fromNeuron && e[1] < toNeuron
                    && e[2] > 0) {
                counts.merge(bin(e[0], e[1]), e[2], Integer::sum);
            }
        }
        return counts;
    }

    private static long bin(int step, int neuron) {
        return ((long) step << 32) | (neuron & 0xffffffffL);
    }

    private static int stepOf(long bin) {
        return (int) (bin >> 32);
    }

    private static int neuronOf(long bin) {
        return (int) bin;
    }

    /** The bins whose counts differ between A and B, in step-then-neuron order. */
    private static TreeSet<Long> differing(Map<Long, Integer> a, Map<Long, Integer> b) {
        TreeSet<Long> bins = new TreeSet<>();
        a.forEach((bin, count) -> {
            if (!count.equals(b.get(bin))) {
                bins.add(bin);
            }
        });
        b.keySet().stream().filter(bin -> !a.containsKey(bin)).forEach(bins::add);
        return bins;
    }

    private void appendPanel(StringBuilder out, int y0, String title, Map<Long, Integer> counts,
            TreeSet<Long> differing) {
        out.append("<text class=\"panel\" x=\"").append(LEFT).append("\" y=\"").append(y0 - 5).append("\">")
                .append(esc(title)).append("</text>");
        out.append("<rect class=\"plot\" x=\"").append(LEFT).append("\" y=\"").append(y0).append("\" width=\"")
                .append(steps * binW).append("\" height=\"").append(panelH).append("\"/>");
        appendNeuronAxis(out, y0);
        for (long bin : differing) {
            out.append("<rect class=\"diff\" x=\"").append(x(stepOf(bin))).append("\" y=\"")
                    .append(y(y0, neuronOf(bin))).append("\" width=\"").append(binW).append("\" height=\"")
                    .append(binH).append("\"/>");
        }
        counts.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> appendDot(out, y0, stepOf(e.getKey()), neuronOf(e.getKey()), e.getValue()));
    }

    private void appendDot(StringBuilder out, int y0, int step, int neuron, int count) {
        double cx = x(step) + binW / 2.0;
        double cy = y(y0, neuron) + binH / 2.0;
        double r = Math.min(binW, binH) / 2.0 * (count > 1 ? 0.95 : 0.55);
        out.append("<g class=\"").append(count > 1 ? "spike multi" : "spike").append("\"><title>step ").append(step)
                .append(", neuron ").append(neuron).append(": ").append(count).append(count > 1 ? " spikes" : " spike")
                .append("</title><circle cx=\"").append(px(cx)).append("\" cy=\"").append(px(cy)).append("\" r=\"").append(px(r))
                .append("\"/>");
        if (count > 1 && Math.min(binW, binH) >= LABELLED_BIN) {
            out.append("<text x=\"").append(px(cx)).append("\" y=\"").append(px(cy + 3)).append("\">").append(count)
                    .append("</text>");
        }
        out.append("</g>");
    }

    private void appendFirstDivergence(StringBuilder out) {
        if (w.firstStep() < fromStep || w.firstStep() >= toStep) {
            return;
        }
        int x = x(w.firstStep());
        out.append("<g class=\"first\"><title>first divergence: step ").append(w.firstStep()).append(", neuron ")
                .append(w.firstNeuron()).append("</title><line x1=\"").append(x).append("\" y1=\"").append(TOP - 2)
                .append("\" x2=\"").append(x).append("\" y2=\"").append(top(1) + panelH + 2).append("\"/>");
        if (w.firstNeuron() >= fromNeuron && w.firstNeuron() < toNeuron) {
            for (int panel = 0; panel < 2; panel++) {
                out.append("<circle cx=\"").append(px(x + binW / 2.0)).append("\" cy=\"")
                        .append(px(y(top(panel), w.firstNeuron()) + binH / 2.0)).append("\" r=\"")
                        .append(px(Math.max(binW, binH) * 0.9)).append("\"/>");
            }
        }
        out.append("</g>");
    }

    private void appendNeuronAxis(StringBuilder out, int y0) {
        for (int neuron : ticks(fromNeuron, toNeuron, Math.max(2, panelH / 28))) {
            double y = y(y0, neuron) + binH / 2.0;
            out.append("<text class=\"tick\" x=\"").append(LEFT - 4).append("\" y=\"").append(px(y + 3))
                    .append("\" text-anchor=\"end\">").append(neuron).append("</text>");
        }
        double mid = y0 + panelH / 2.0;
        out.append("<text class=\"axis\" transform=\"translate(14 ").append(px(mid)).append(") rotate(-90)\" "
                + "text-anchor=\"middle\">neuron</text>");
    }

    private void appendStepAxis(StringBuilder out, int y) {
        for (int step : ticks(fromStep, toStep, Math.max(2, steps * binW / 70))) {
            double x = x(step) + binW / 2.0;
            out.append("<line class=\"tick\" x1=\"").append(px(x)).append("\" y1=\"").append(y).append("\" x2=\"")
                    .append(px(x)).append("\" y2=\"").append(y + 4).append("\"/><text class=\"tick\" x=\"").append(px(x))
                    .append("\" y=\"").append(y + 15).append("\" text-anchor=\"middle\">").append(step)
                    .append("</text>");
        }
        out.append("<text class=\"axis\" x=\"").append(px(LEFT + steps * binW / 2.0)).append("\" y=\"").append(y + 32)
                .append("\" text-anchor=\"middle\">step</text>");
    }

    private int x(int step) {
        return LEFT + (step - fromStep) * binW;
    }

    private int y(int y0, int neuron) {
        return y0 + (neuron - fromNeuron) * binH;
    }

    /** At most {@code most} round values in {@code [from, to)}, evenly spaced by 1, 2 or 5 times a power of 10. */
    static List<Integer> ticks(int from, int to, int most) {
        long span = Math.max(1, (long) to - from);
        long step = 1;
        for (long unit = 1; span / step >= most; unit *= 10) {
            for (long m : new long[] {1, 2, 5}) {
                step = unit * m;
                if (span / step < most) {
                    break;
                }
            }
        }
        long first = Math.floorDiv(from + step - 1, step) * step;
        List<Integer> ticks = new ArrayList<>();
        for (long t = first; t < to; t += step) {
            ticks.add((int) t);
        }
        return ticks;
    }

    private static int clamp(int bin) {
        return Math.max(MIN_BIN, Math.min(MAX_BIN, bin));
    }
}
