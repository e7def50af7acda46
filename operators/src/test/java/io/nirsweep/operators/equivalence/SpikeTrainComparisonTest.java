package io.nirsweep.operators.equivalence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nirsweep.operators.equivalence.SpikeTrainComparison.Divergence;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The equivalence metrics against hand-derived values, and against a dense step-by-step reference. */
class SpikeTrainComparisonTest {
    private static final double EPS = 1e-12;

    /** Events as {neuron, step, count} triples. */
    private static SpikeRaster raster(int neurons, int steps, int[]... events) {
        int[] neuron = new int[events.length];
        int[] step = new int[events.length];
        int[] count = new int[events.length];
        for (int i = 0; i < events.length; i++) {
            neuron[i] = events[i][0];
            step[i] = events[i][1];
            count[i] = events[i][2];
        }
        return SpikeRaster.of(neurons, steps, neuron, step, count);
    }

    @Test
    void identicalRastersAgreeCompletely() {
        SpikeRaster a = raster(3, 10, new int[] {2, 7, 1}, new int[] {0, 1, 1}, new int[] {1, 1, 2});
        SpikeRaster b = raster(3, 10, new int[] {0, 1, 1}, new int[] {1, 1, 2}, new int[] {2, 7, 1});
        assertEquals(1.0, SpikeTrainComparison.identicalBinFraction(a, b));
        assertNull(SpikeTrainComparison.firstDivergence(a, b));
        assertEquals(1.0, SpikeTrainComparison.countAgreement(a, b));
        assertEquals(1.0, SpikeTrainComparison.countCorrelation(a, b), EPS);
        assertEquals(0.0, SpikeTrainComparison.vanRossum(a, b, 5.0));
    }

    @Test
    void twoNeuronsThatSwapTheirSpikes() {
        // A: neuron 0 at step 2; B: neuron 1 at step 1. 2 of 2 × 4 bins differ; B's spike comes first.
        SpikeRaster a = raster(2, 4, new int[] {0, 2, 1});
        SpikeRaster b = raster(2, 4, new int[] {1, 1, 1});
        assertEquals(0.75, SpikeTrainComparison.identicalBinFraction(a, b));
        assertEquals(new Divergence(1, 1), SpikeTrainComparison.firstDivergence(a, b));
        assertEquals(0.0, SpikeTrainComparison.countAgreement(a, b)); // no neuron spikes in both
        assertEquals(-1.0, SpikeTrainComparison.countCorrelation(a, b), EPS); // counts [1, 0] against [0, 1]
        // each neuron: one unmatched spike, 2 and 3 steps before the end; tau = 1, λ = 1/e
        double expected = (1 + Math.exp(-2)) + (1 + Math.exp(-2) + Math.exp(-4));
        assertEquals(Math.sqrt(expected), SpikeTrainComparison.vanRossum(a, b, 1.0), EPS);
    }

    @Test
    void severalSpikesInOneBinCountAsTheirNumber() {
        SpikeRaster a = raster(1, 3, new int[] {0, 0, 2});
        SpikeRaster b = raster(1, 3, new int[] {0, 0, 1});
        assertEquals(2.0 / 3, SpikeTrainComparison.identicalBinFraction(a, b), EPS);
        assertEquals(new Divergence(0, 0), SpikeTrainComparison.firstDivergence(a, b));
        assertEquals(0.5, SpikeTrainComparison.countAgreement(a, b)); // min 1 / max 2
        assertTrue(Double.isNaN(SpikeTrainComparison.countCorrelation(a, b)), "one neuron: no correlation");
        // difference 1 at step 0, three steps to the end, tau = 1: D² = 1 + e^-2 + e^-4
        assertEquals(Math.sqrt(1 + Math.exp(-2) + Math.exp(-4)), SpikeTrainComparison.vanRossum(a, b, 1.0), EPS);
    }

    @Test
    void aSpikeOneStepLateIsCloserThanAMissingOne() {
        // one neuron, A at step 0, B at step 1, tau = 2 steps (λ = e^-1/2):
        // f = [1, λ − 1, (λ − 1)·λ], D² = (1/2)·(1 + (λ − 1)²·(1 + λ²))
        double l = Math.exp(-0.5);
        SpikeRaster a = raster(1, 3, new int[] {0, 0, 1});
        SpikeRaster late = raster(1, 3, new int[] {0, 1, 1});
        SpikeRaster none = raster(1, 3);
        double shifted = SpikeTrainComparison.vanRossum(a, late, 2.0);
        assertEquals(Math.sqrt(0.5 * (1 + (l - 1) * (l - 1) * (1 + l * l))), shifted, EPS);
        assertTrue(shifted < SpikeTrainComparison.vanRossum(a, none, 2.0));
        assertEquals(new Divergence(0, 0), SpikeTrainComparison.firstDivergence(a, late));
    }

    @Test
    void oneSpikeAgainstNoneTendsToVanRossumsOneHalf() {
        SpikeRaster a = raster(1, 1_000_000, new int[] {0, 0, 1});
        SpikeRaster none = raster(1, 1_000_000);
        double d = SpikeTrainComparison.vanRossum(a, none, 1000.0);
        double lambda = Math.exp(-1.0 / 1000);
        assertEquals(1.0 / (1000 * (1 - lambda * lambda)), d * d, 1e-9);
        assertEquals(0.5, d * d, 1e-3);
    }

    @Test
    void everyMetricAgreesWithADenseStepByStepReference() {
        Random random = new Random(12);
        for (int trial = 0; trial < 200; trial++) {
            int neurons = 1 + random.nextInt(6);
            int steps = 1 + random.nextInt(40);
            int[][] denseA = randomDense(random, neurons, steps);
            int[][] denseB = random.nextBoolean() ? copy(denseA, random) : randomDense(random, neurons, steps);
            SpikeRaster a = fromDense(denseA);
            SpikeRaster b = fromDense(denseB);
            double tau = 0.5 + 10 * random.nextDouble();

            long differing = 0;
            Divergence first = null;
            double sum = 0;
            double lambda = Math.exp(-1 / tau);
            double[] f = new double[neurons];
            for (int t = 0; t < steps; t++) {
                for (int n = 0; n < neurons; n++) {
                    int x = denseA[n][t] - denseB[n][t];
                    if (x != 0) {
                        differing++;
                        if (first == null) {
                            first = new Divergence(t, n);
                        }
                    }
                    f[n] = f[n] * lambda + x;
                    sum += f[n] * f[n];
                }
            }
            String at = "trial " + trial;
            assertEquals(1.0 - (double) differing / ((long) neurons * steps),
                    SpikeTrainComparison.identicalBinFraction(a, b), EPS, at);
            assertEquals(first, SpikeTrainComparison.firstDivergence(a, b), at);
            assertEquals(Math.sqrt(sum / tau), SpikeTrainComparison.vanRossum(a, b, tau), 1e-9, at);
        }
    }

    private static int[][] randomDense(Random random, int neurons, int steps) {
        int[][] dense = new int[neurons][steps];
        for (int[] row : dense) {
            for (int t = 0; t < steps; t++) {
                row[t] = random.nextInt(10) < 2 ? 1 + random.nextInt(3) : 0;
            }
        }
        return dense;
    }

    /** A copy with a few bins changed. */
    private static int[][] copy(int[][] dense, Random random) {
        int[][] c = new int[dense.length][];
        for (int n = 0; n < dense.length; n++) {
            c[n] = dense[n].clone();
        }
        for (int k = random.nextInt(3); k > 0; k--) {
            int n = random.nextInt(c.length);
            c[n][random.nextInt(c[n].length)] = random.nextInt(3);
        }
        return c;
    }

    private static SpikeRaster fromDense(int[][] dense) {
        List<int[]> events = new ArrayList<>();
        for (int n = 0; n < dense.length; n++) {
            for (int t = 0; t < dense[n].length; t++) {
                if (dense[n][t] > 0) {
                    events.add(new int[] {n, t, dense[n][t]});
                }
            }
        }
        return raster(dense.length, dense[0].length, events.toArray(new int[0][]));
    }

    @Test
    void badEventsAndMismatchedRastersAreRefused() {
        assertEquals("step 1, neuron 0 appears twice", assertThrows(IllegalArgumentException.class,
                () -> raster(2, 3, new int[] {0, 1, 1}, new int[] {0, 1, 2})).getMessage());
        assertEquals("neuron 2 is outside 0..1", assertThrows(IllegalArgumentException.class,
                () -> raster(2, 3, new int[] {2, 0, 1})).getMessage());
        assertEquals("step 3 is outside 0..2", assertThrows(IllegalArgumentException.class,
                () -> raster(2, 3, new int[] {0, 3, 1})).getMessage());
        assertThrows(IllegalArgumentException.class, () -> raster(2, 3, new int[] {0, 1, 0}));
        IllegalArgumentException shapes = assertThrows(IllegalArgumentException.class,
                () -> SpikeTrainComparison.identicalBinFraction(raster(2, 3), raster(3, 3)));
        assertEquals("the rasters differ in shape: 2 neurons × 3 steps against 3 × 3", shapes.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SpikeTrainComparison.vanRossum(raster(1, 1), raster(1, 1),
                0.0));
    }
}
