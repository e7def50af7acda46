package io.nirsweep.sim.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/cli.md's time-major convention, and the agreement of its two readers (simulate's and the input sets'). */
class TimeMajorTest {

    private static TimeMajor layout(long steps, long samples, long... stepShape) {
        return new TimeMajor(steps, samples, stepShape);
    }

    @Test
    void simulateReadsBatchesSingleSamplesAndFlatInputs() {
        int[] frames = {2, 34, 34};
        assertEquals(layout(300, 64, 2, 34, 34), TimeMajor.forInput(new long[] {300, 64, 2, 34, 34}, frames));
        assertEquals(layout(300, 1, 2, 34, 34), TimeMajor.forInput(new long[] {300, 2, 34, 34}, frames));
        assertEquals(layout(300, 64, 2312), TimeMajor.forInput(new long[] {300, 64, 2312}, frames));
        assertEquals(layout(300, 1, 2312), TimeMajor.forInput(new long[] {300, 2312}, frames));
        assertNull(TimeMajor.forInput(new long[] {300, 64, 34, 34}, frames));
        assertEquals(layout(256, 8, 12), TimeMajor.forInput(new long[] {256, 8, 12}, new int[] {12}));
        assertEquals(layout(256, 1, 12), TimeMajor.forInput(new long[] {256, 12}, new int[] {12}));
        assertNull(TimeMajor.forInput(new long[] {8, 256}, new int[] {12}));
    }

    @Test
    void withoutAModelRankTwoIsOneSampleAndHigherRanksAreBatches() {
        assertEquals(layout(100, 8, 12), TimeMajor.of(new long[] {100, 8, 12}));
        assertEquals(layout(100, 1, 12), TimeMajor.of(new long[] {100, 12}));
        assertEquals(layout(100, 8, 2, 34, 34), TimeMajor.of(new long[] {100, 8, 2, 34, 34}));
        assertNull(TimeMajor.of(new long[] {100}));
        assertNull(TimeMajor.of(new long[0]));
    }

    /**
     * Every array and model input of small shapes: whenever the input set's reading has the input's size per step
     * (the only case a sweep runs) and simulate accepts the array, both read the same T and B.
     */
    @Test
    void bothReadersAgreeOnEveryArrayASweepWouldRun() {
        long[] sizes = {1, 2, 3, 6};
        List<long[]> arrays = shapes(sizes, 1, 5);
        List<long[]> inputs = shapes(sizes, 0, 3);
        int compared = 0;
        for (long[] array : arrays) {
            TimeMajor set = TimeMajor.of(array);
            for (long[] in : inputs) {
                int[] input = Arrays.stream(in).mapToInt(d -> (int) d).toArray();
                TimeMajor simulate = TimeMajor.forInput(array, input);
                long inputSize = Arrays.stream(in).reduce(1, (x, y) -> x * y);
                if (set == null || simulate == null || set.stepSize() != inputSize) {
                    continue;
                }
                compared++;
                String what = Arrays.toString(array) + " for input " + Arrays.toString(in);
                assertEquals(simulate.steps(), set.steps(), what);
                assertEquals(simulate.samples(), set.samples(), what);
                assertEquals(simulate.stepSize(), set.stepSize(), what);
            }
        }
        assertTrue(compared > 1000, "compared " + compared);
    }

    /** Every shape of rank {@code min..max} with dimensions from {@code sizes}. */
    private static List<long[]> shapes(long[] sizes, int min, int max) {
        List<long[]> out = new ArrayList<>();
        List<long[]> rank = List.of(new long[0]);
        for (int r = 0; r <= max; r++) {
            if (r >= min) {
                out.addAll(rank);
            }
            List<long[]> next = new ArrayList<>();
            for (long[] s : rank) {
                for (long d : sizes) {
                    long[] longer = Arrays.copyOf(s, s.length + 1);
                    longer[s.length] = d;
                    next.add(longer);
                }
            }
            rank = next;
        }
        return out;
    }
}
