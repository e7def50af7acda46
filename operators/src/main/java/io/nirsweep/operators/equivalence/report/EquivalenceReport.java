package io.nirsweep.operators.equivalence.report;

import java.io.Serializable;
import java.util.List;

/**
 * Everything an equivalence report says, as data: what {@code summary.json} holds and {@code index.html} draws
 * (docs/equivalence.md). Built by the report pipeline from a sweep's tables; rendered without further computation.
 * Numbers that are undefined (a mean over no samples, a correlation of constant counts) are NaN here and null in
 * JSON.
 *
 * @param sweepId      the sweep the report is about
 * @param results      where its results were read from, as the user gave it
 * @param engineVersion the nirsweep version that ran the sweep
 * @param created      when the report was made (ISO-8601, UTC)
 * @param backends     the sweep's backends in its config's order (the matrices' axes)
 * @param models       the sweep's models (their names as in the config), in its order
 * @param pairs        one row per (model, input, parameter point, backend pair, recorded node)
 * @param accuracy     one row per (model, input, parameter point, backend) whose samples have labels
 * @param rasters      for each diverging pair, both backends' spikes around its first divergence
 * @param causes       for each diverging pair whose cause was looked for, the walk from A to B
 * @param failures     failed cells grouped by reason
 * @param baseline     what moved since each baseline; empty without {@code --baseline}
 * @param trend        one point per run (the baselines, oldest first, then this one); one point without baselines
 */
public record EquivalenceReport(String sweepId, String results, String engineVersion, String created,
        List<String> backends, List<String> models, List<PairRow> pairs, List<AccuracyRow> accuracy,
        List<RasterWindow> rasters, List<CausePath> causes, List<FailureGroup> failures, List<BaselineChange> baseline,
        List<TrendPoint> trend) {
    public EquivalenceReport {
        backends = List.copyOf(backends);
        models = List.copyOf(models);
        pairs = List.copyOf(pairs);
        accuracy = List.copyOf(accuracy);
        rasters = List.copyOf(rasters);
        causes = List.copyOf(causes);
        failures = List.copyOf(failures);
        baseline = List.copyOf(baseline);
        trend = List.copyOf(trend);
    }

    /**
     * Which cell of the sweep, minus the backend: a (model, input set, parameter point).
     *
     * @param params the parameter point as the sweep's canonical JSON
     */
    public record CellKey(String model, String input, String params) implements Serializable {}

    /**
     * One row of the {@code equivalence} table: a recorded node of a backend pair (A before B in the config's
     * order) over the samples both ran. Means over samples (docs/equivalence.md), the earliest divergence over
     * them, and the pair's predicted-class agreement (the same on every node row of the pair).
     *
     * @param samples           samples both backends ran without failing
     * @param divergingSamples  samples in which the node's spikes differ
     * @param firstStep         the earliest step at which the node differs in any sample; null when identical
     * @param classAgreement    fraction of samples with the same predicted class (NaN without predictions)
     */
    public record PairRow(CellKey cell, String backendA, String backendB, String node, long samples,
            double identicalBinFraction, double countAgreement, double countCorrelation, double vanRossum,
            double vanRossumMax, long divergingSamples, Integer firstStep, Integer firstSample, Integer firstNeuron,
            double classAgreement) implements Serializable {}

    /**
     * A backend's accuracy on the labelled samples of a cell, with the paper's published figure beside it where
     * there is one (for the model and platform; its test set may be larger than the sweep's input).
     *
     * @param published the NIR paper's accuracy as a fraction, or null when it published none
     * @param publishedSource where that figure is from (a docs section), or null
     */
    public record AccuracyRow(CellKey cell, String backend, int labelled, int correct, Double published,
            String publishedSource) implements Serializable {}

    /**
     * Both backends' spikes of one node and sample around the pair's first divergence, for a raster plot (A above
     * B, bins that differ marked). Steps {@code [fromStep, toStep)}, neurons {@code [fromNeuron, toNeuron)}.
     *
     * @param a A's spikes in the window, as {@code {step, neuron, count}} triples
     * @param b B's, likewise
     */
    public record RasterWindow(CellKey cell, String backendA, String backendB, String node, int sample,
            int firstStep, int firstNeuron, int fromStep, int toStep, int fromNeuron, int toNeuron,
            List<int[]> a, List<int[]> b) implements Serializable {}

    /**
     * The cause of a pair's divergence, found by experiment: the walk from A to B one choice at a time, each
     * intermediate backend run on the cell's first samples and compared with B.
     *
     * @param divergence what is left between A and B at the start (1 − identical-bin fraction over the nodes)
     * @param steps      the walk, in order
     * @param cause      the choice whose change removed most of the divergence, or null when none did
     * @param causeText  one line saying so, for people
     */
    public record CausePath(CellKey cell, String backendA, String backendB, int samples, double divergence,
            List<CauseStep> steps, String cause, String causeText) implements Serializable {}

    /**
     * One step of a walk: a choice changed from A's option to B's, and the divergence from B left after it, or the
     * reason this combination of choices was refused (the walk then goes around it).
     *
     * @param divergenceLeft NaN when refused
     * @param refusal        null when the combination ran
     */
    public record CauseStep(String choice, String from, String to, double divergenceLeft, String refusal)
            implements Serializable {}

    /** Failed cells that share a reason: how many samples, and the cells (up to a shown few). */
    public record FailureGroup(String reason, long samples, long cells, List<FailedCell> examples)
            implements Serializable {}

    /** One failed cell of a group. */
    public record FailedCell(CellKey cell, String backend, long samples) implements Serializable {}

    /**
     * A metric or a status that moved beyond its tolerance since a baseline run.
     *
     * @param baselineRun the baseline report's sweep id and date
     * @param what       the metric (e.g. {@code identical_bin_fraction}) or {@code status}
     * @param node       the recorded node, or null for a pair-level value
     * @param before     the baseline's value (NaN for a status change)
     * @param after      this run's
     * @param tolerance  the tolerance it broke (NaN for a status change)
     * @param text       one line naming the metric and the cell
     */
    public record BaselineChange(String baselineRun, String what, CellKey cell, String backendA, String backendB,
            String node, double before, double after, double tolerance, String text) implements Serializable {}

    /**
     * One run's mean identical-bin fraction per backend pair, for the trend chart.
     *
     * @param label the run's sweep id and date
     * @param pairs {@code "A|B"} → mean identical-bin fraction over the pair's rows
     */
    public record TrendPoint(String label, String created, java.util.Map<String, Double> pairs)
            implements Serializable {}
}
