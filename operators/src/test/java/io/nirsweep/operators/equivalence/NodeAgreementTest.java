package io.nirsweep.operators.equivalence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nirsweep.operators.equivalence.SampleComparison.NodeMetrics;
import io.nirsweep.operators.equivalence.SpikeTrainComparison.Divergence;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A node's metrics summed up over samples: by hand, and the same however the samples are split and merged. */
class NodeAgreementTest {
    /** Binary fractions, so every sum is exact in any order and the summaries compare equal bit for bit. */
    private static final List<NodeMetrics> SAMPLES = List.of(
            new NodeMetrics("out", 1.0, 1.0, 1.0, 0.0, null),
            new NodeMetrics("out", 0.5, 0.25, Double.NaN, 2.0, new Divergence(7, 3)),
            new NodeMetrics("out", 0.75, 0.5, -1.0, 1.0, new Divergence(4, 1)),
            new NodeMetrics("out", 0.25, 0.0, 0.5, 3.0, new Divergence(4, 0)));

    @Test
    void meansMaximumAndTheEarliestDivergence() {
        NodeAgreement all = new NodeAgreement();
        for (int s = 0; s < SAMPLES.size(); s++) {
            all.add(s, SAMPLES.get(s));
        }
        // correlation: mean of 1, −1 and 0.5 (sample 1 has none); divergence: step 4 in samples 2 and 3 → sample 2
        assertEquals(new NodeAgreement.Summary(4, 0.625, 0.4375, 0.5 / 3, 1.5, 3.0, 3, 4, 2, 1), all.summary());
    }

    @Test
    void anySplitMergedInAnyOrderGivesTheSameSummary() {
        NodeAgreement whole = new NodeAgreement();
        for (int s = 0; s < SAMPLES.size(); s++) {
            whole.add(s, SAMPLES.get(s));
        }
        NodeAgreement late = new NodeAgreement().add(3, SAMPLES.get(3)).add(1, SAMPLES.get(1));
        NodeAgreement early = new NodeAgreement().add(2, SAMPLES.get(2)).add(0, SAMPLES.get(0));
        assertEquals(whole.summary(), late.merge(early).summary());
        NodeAgreement late2 = new NodeAgreement().add(3, SAMPLES.get(3)).add(1, SAMPLES.get(1));
        NodeAgreement early2 = new NodeAgreement().add(2, SAMPLES.get(2)).add(0, SAMPLES.get(0));
        assertEquals(whole.summary(), early2.merge(late2).summary());
        assertEquals(whole.summary(), new NodeAgreement().merge(whole).summary());
    }

    @Test
    void noSamplesGiveUndefinedMeansAndNoDivergence() {
        NodeAgreement.Summary none = new NodeAgreement().summary();
        assertEquals(0, none.samples());
        assertTrue(Double.isNaN(none.identicalBinFraction()) && Double.isNaN(none.countCorrelation()));
        assertEquals(null, none.firstStep());
    }
}
