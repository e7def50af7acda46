package io.nirsweep.operators.report;

import io.nirsweep.operators.equivalence.ClassAgreement;
import io.nirsweep.operators.equivalence.NodeAgreement;
import io.nirsweep.operators.equivalence.SampleComparison;
import io.nirsweep.operators.equivalence.SpikeRaster;
import io.nirsweep.operators.equivalence.report.EquivalenceReport.AccuracyRow;
import io.nirsweep.operators.equivalence.report.EquivalenceReport.CellKey;
import io.nirsweep.operators.equivalence.report.EquivalenceReport.RasterWindow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;

/**
 * Compares every pair of backends on one sample of a (model, input set, parameter point): everything the backends'
 * results say of the sample arrives together ({@link SampleData}, grouped by {@link ReadPartsFn#sampleKey}). For
 * each pair A, B (A before B in the config's order) that both ran the sample, it emits each recorded node's
 * metrics ({@link SampleComparison}, as a one-sample {@link NodeAgreement}) and, when they diverge, both spike
 * trains around the first divergence; for each pair with a row each, whether they predict the same class; for each
 * backend, its accuracy on a labelled sample and its failures: each a {@link Partial} under a key that starts with
 * its kind. Memory: one sample's spikes of every backend.
 */
public final class CompareSampleFn extends DoFn<KV<String, Iterable<SampleData>>, KV<String, Partial>> {
    private static final long serialVersionUID = 1L;

    /** Steps shown before the first divergence in a raster window, and in all. */
    static final int STEPS_BEFORE = 16;
    static final int WINDOW_STEPS = 64;
    /** Neurons shown in a raster window (all of a smaller node). */
    static final int WINDOW_NEURONS = 32;

    private final Counter samples = Metrics.counter("nirsweep-report", "samples");
    private final Counter comparisons = Metrics.counter("nirsweep-report", "pair_samples");

    private final List<String> backends;
    private final Map<String, LinkedHashMap<String, Integer>> nodes;
    private final double tau;

    /**
     * @param backends the sweep's backends in its config's order (pairs are ordered by it)
     * @param nodes    each model's recorded nodes and their neuron counts, in recording order
     * @param tau      the van Rossum kernel's time constant, in steps
     */
    public CompareSampleFn(List<String> backends, Map<String, LinkedHashMap<String, Integer>> nodes, double tau) {
        this.backends = List.copyOf(backends);
        this.nodes = nodes;
        this.tau = tau;
    }

    @ProcessElement
    public void process(@Element KV<String, Iterable<SampleData>> element, OutputReceiver<KV<String, Partial>> out) {
        List<String> keyParts = ReportKeys.parts(element.getKey());
        CellKey cell = ReportKeys.cell(keyParts);
        int sample = Integer.parseInt(keyParts.get(3));
        Map<String, SampleData.Status> status = new HashMap<>();
        Map<String, SampleData.Spikes> spikes = new HashMap<>();
        for (SampleData d : element.getValue()) {
            if (d instanceof SampleData.Status s) {
                status.put(s.backend(), s);
            } else if (d instanceof SampleData.Spikes s) {
                spikes.put(s.backend(), s);
            }
        }
        samples.inc();
        List<String> present = backends.stream().filter(status::containsKey).toList();
        Map<String, Map<String, SpikeRaster>> rasters = new HashMap<>();
        for (String b : present) {
            SampleData.Status s = status.get(b);
            if (!s.ok()) {
                out.output(KV.of(ReportKeys.of(Partial.FAILED, cell, b, s.error() == null ? "failed" : s.error()),
                        Partial.failed(1)));
            } else if (s.label() != null) {
                out.output(KV.of(ReportKeys.of(Partial.ACCURACY, cell, b), Partial.of(new AccuracyRow(cell, b, 1,
                        s.label().equals(s.predicted()) ? 1 : 0, null, null))));
            }
            Map<String, Integer> recorded = nodes.get(cell.model());
            if (s.ok() && recorded != null) {
                try {
                    rasters.put(b, rasters(recorded, spikes.get(b), s.steps()));
                } catch (IllegalArgumentException e) {
                    throw new BadResults("the spikes of " + b + ", sample " + sample + " of model " + cell.model()
                            + ", input " + cell.input() + ", params " + cell.params() + ": " + e.getMessage(), e);
                }
            }
        }
        for (int i = 0; i < present.size(); i++) {
            for (int j = i + 1; j < present.size(); j++) {
                String a = present.get(i);
                String b = present.get(j);
                SampleData.Status sa = status.get(a);
                SampleData.Status sb = status.get(b);
                Integer[] predictedA = {sa.ok() ? sa.predicted() : null};
                Integer[] predictedB = {sb.ok() ? sb.predicted() : null};
                Integer[] label = {sa.label() != null ? sa.label() : sb.label()};
                out.output(KV.of(ReportKeys.of(Partial.CLASSES, cell, a, b),
                        Partial.of(ClassAgreement.of(predictedA, predictedB, label))));
                if (!rasters.containsKey(a) || !rasters.containsKey(b) || sa.steps() != sb.steps()) {
                    continue;
                }
                comparisons.inc();
                SampleComparison c = SampleComparison.of(rasters.get(a), rasters.get(b), tau);
                for (SampleComparison.NodeMetrics m : c.nodes()) {
                    out.output(KV.of(ReportKeys.of(Partial.NODE, cell, a, b, m.node()),
                            Partial.of(new NodeAgreement().add(sample, m))));
                }
                if (c.first() != null) {
                    out.output(KV.of(ReportKeys.of(Partial.RASTER, cell.model(), a, b), Partial.of(window(cell, a, b,
                            sample, c.first(), spikes.get(a), spikes.get(b),
                            nodes.get(cell.model()).get(c.first().node()), sa.steps()))));
                }
            }
        }
    }

    /** One backend's rasters of the model's recorded nodes (silent nodes included: they have no events). */
    private static Map<String, SpikeRaster> rasters(Map<String, Integer> recorded, SampleData.Spikes spikes,
            int steps) {
        Map<String, SpikeRaster> r = new LinkedHashMap<>();
        recorded.forEach((node, n) -> {
            SampleData.Events e = spikes == null ? null : spikes.nodes().get(node);
            r.put(node, e == null ? SpikeRaster.of(n, steps, new int[0], new int[0], new int[0])
                    : SpikeRaster.of(n, steps, e.neuron(), e.step(), e.count()));
        });
        return r;
    }

    /**
     * Both backends' events of the diverging node in a window of {@link #WINDOW_STEPS} steps from
     * {@link #STEPS_BEFORE} before the first divergence, and {@link #WINDOW_NEURONS} neurons around its neuron.
     */
    static RasterWindow window(CellKey cell, String a, String b, int sample, SampleComparison.FirstDivergence first,
            SampleData.Spikes spikesA, SampleData.Spikes spikesB, int neurons, int steps) {
        int fromStep = Math.max(0, first.step() - STEPS_BEFORE);
        int toStep = Math.min(steps, fromStep + WINDOW_STEPS);
        int fromNeuron = Math.max(0, Math.min(first.neuron() - WINDOW_NEURONS / 2, neurons - WINDOW_NEURONS));
        int toNeuron = Math.min(neurons, fromNeuron + WINDOW_NEURONS);
        return new RasterWindow(cell, a, b, first.node(), sample, first.step(), first.neuron(), fromStep, toStep,
                fromNeuron, toNeuron, inWindow(spikesA, first.node(), fromStep, toStep, fromNeuron, toNeuron),
                inWindow(spikesB, first.node(), fromStep, toStep, fromNeuron, toNeuron));
    }

    private static List<int[]> inWindow(SampleData.Spikes spikes, String node, int fromStep, int toStep,
            int fromNeuron, int toNeuron) {
        List<int[]> events = new ArrayList<>();
        SampleData.Events e = spikes == null ? null : spikes.nodes().get(node);
        if (e == null) {
            return events;
        }
        for (int k = 0; k < e.step().length; k++) {
            if (e.step()[k] >= fromStep && e.step()[k] < toStep && e.neuron()[k] >= fromNeuron
                    && e.neuron()[k] < toNeuron) {
                events.add(new int[] {e.step()[k], e.neuron()[k], e.count()[k]});
            }
        }
        return events;
    }
}
