package io.nirsweep.operators.equivalence;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Two backends' spikes of one sample compared node by node ({@link SpikeTrainComparison}), with the sample's first
 * divergence over all its recorded nodes: the earliest step at which any node differs, and there the node that
 * comes first by name and its lowest differing neuron.
 *
 * @param nodes the metrics of each recorded node, by node name
 * @param first where the sample first diverges, or null when every node is identical
 */
public record SampleComparison(List<NodeMetrics> nodes, FirstDivergence first) {

    /** One recorded node's metrics ({@link SpikeTrainComparison}; {@code vanRossum} with the given tau). */
    public record NodeMetrics(String node, double identicalBinFraction, double countAgreement,
            double countCorrelation, double vanRossum, SpikeTrainComparison.Divergence first) {}

    /** The earliest divergence of a sample: its step, the node and the neuron. */
    public record FirstDivergence(int step, String node, int neuron) {}

    public SampleComparison {
        nodes = List.copyOf(nodes);
    }

    /**
     * Compares A's and B's rasters of the same sample.
     *
     * @param a   A's raster of each recorded node
     * @param b   B's, for the same nodes
     * @param tau the van Rossum kernel's time constant, in steps
     * @throws IllegalArgumentException when A and B recorded different nodes, or a node's rasters differ in shape
     */
    public static SampleComparison of(Map<String, SpikeRaster> a, Map<String, SpikeRaster> b, double tau) {
        if (!a.keySet().equals(b.keySet())) {
            throw new IllegalArgumentException("the two backends recorded different nodes: " + new TreeSet<>(a.keySet())
                    + " against " + new TreeSet<>(b.keySet()));
        }
        List<NodeMetrics> nodes = new ArrayList<>();
        FirstDivergence first = null;
        for (String node : new TreeSet<>(a.keySet())) {
            SpikeRaster ra = a.get(node);
            SpikeRaster rb = b.get(node);
            SpikeTrainComparison.Divergence d = SpikeTrainComparison.firstDivergence(ra, rb);
            nodes.add(new NodeMetrics(node, SpikeTrainComparison.identicalBinFraction(ra, rb),
                    SpikeTrainComparison.countAgreement(ra, rb), SpikeTrainComparison.countCorrelation(ra, rb),
                    SpikeTrainComparison.vanRossum(ra, rb, tau), d));
            if (d != null && (first == null || d.step() < first.step())) {
                first = new FirstDivergence(d.step(), node, d.neuron());
            }
        }
        return new SampleComparison(nodes, first);
    }
}
