package io.nirsweep.operators.equivalence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nirsweep.operators.equivalence.SampleComparison.FirstDivergence;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A sample's comparison over its nodes, and class agreement and accuracy over samples, by hand-derived values. */
class SampleComparisonTest {
    private static SpikeRaster one(int neurons, int steps, int neuron, int step) {
        return SpikeRaster.of(neurons, steps, new int[] {neuron}, new int[] {step}, new int[] {1});
    }

    private static SpikeRaster silent(int neurons, int steps) {
        return SpikeRaster.of(neurons, steps, new int[0], new int[0], new int[0]);
    }

    @Test
    void theFirstDivergenceIsTheEarliestStepOverAllNodes() {
        // hidden differs from step 3 (neuron 1), output from step 5: the sample diverges at step 3, in hidden
        Map<String, SpikeRaster> a = Map.of("hidden", one(4, 10, 2, 3), "output", one(2, 10, 0, 5));
        Map<String, SpikeRaster> b = Map.of("hidden", one(4, 10, 1, 3), "output", silent(2, 10));
        SampleComparison c = SampleComparison.of(a, b, 2.0);
        assertEquals(new FirstDivergence(3, "hidden", 1), c.first());
        assertEquals(List.of("hidden", "output"), c.nodes().stream().map(SampleComparison.NodeMetrics::node).toList());
        SampleComparison.NodeMetrics output = c.nodes().get(1);
        assertEquals(1 - 1.0 / 20, output.identicalBinFraction(), 1e-15);
        assertEquals(0.0, output.countAgreement());
        assertEquals(new SpikeTrainComparison.Divergence(5, 0), output.first());
    }

    @Test
    void aTieOnTheStepGoesToTheNodeFirstByName() {
        Map<String, SpikeRaster> a = Map.of("b", one(1, 4, 0, 2), "a", one(3, 4, 2, 2));
        Map<String, SpikeRaster> b = Map.of("b", silent(1, 4), "a", silent(3, 4));
        assertEquals(new FirstDivergence(2, "a", 2), SampleComparison.of(a, b, 1.0).first());
    }

    @Test
    void identicalSamplesHaveNoDivergence() {
        Map<String, SpikeRaster> a = Map.of("out", one(2, 5, 1, 4));
        SampleComparison c = SampleComparison.of(a, Map.of("out", one(2, 5, 1, 4)), 1.0);
        assertNull(c.first());
        assertEquals(0.0, c.nodes().get(0).vanRossum());
    }

    @Test
    void differentRecordedNodesAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SampleComparison.of(
                Map.of("out", silent(1, 1)), Map.of("hidden", silent(1, 1)), 1.0));
        assertEquals("the two backends recorded different nodes: [out] against [hidden]", e.getMessage());
    }

    @Test
    void classAgreementAndAccuracyCountFailedSamplesAsWrong() {
        // samples: both 3 (label 3); 1 vs 2 (label 2); A failed, B 0 (label 0); both 4 (no label)
        ClassAgreement c = ClassAgreement.of(new Integer[] {3, 1, null, 4}, new Integer[] {3, 2, 0, 4},
                new Integer[] {3, 2, 0, null});
        assertEquals(new ClassAgreement(4, 2, 3, 1, 3), c);
        assertEquals(0.5, c.agreement());
        assertEquals(1.0 / 3, c.accuracyA(), 1e-15);
        assertEquals(1.0, c.accuracyB());
        ClassAgreement none = ClassAgreement.of(new Integer[0], new Integer[0], new Integer[0]);
        assertTrue(Double.isNaN(none.agreement()) && Double.isNaN(none.accuracyA()));
        assertThrows(IllegalArgumentException.class,
                () -> ClassAgreement.of(new Integer[1], new Integer[2], new Integer[1]));
    }
}
