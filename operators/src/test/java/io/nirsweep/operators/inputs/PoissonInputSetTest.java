package io.nirsweep.operators.inputs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PoissonInputSetTest {
    private static final InputSpec.Poisson SPEC = new InputSpec.Poisson("noise", List.of(3, 4), 50, 100, 0.1, 42,
            null);

    @Test
    void aSampleDependsOnSeedAndIndexOnly() {
        InputSet forward = InputSets.open(SPEC);
        float[][] inOrder = new float[100][];
        for (int i = 0; i < 100; i++) {
            inOrder[i] = forward.sample(i);
        }
        // Another set, asked in reverse and from many threads at once, gives the same samples.
        InputSet other = InputSets.open(SPEC);
        ConcurrentHashMap<Integer, float[]> parallel = new ConcurrentHashMap<>();
        IntStream.range(0, 100).map(i -> 99 - i).parallel().forEach(i -> parallel.put(i, other.sample(i)));
        for (int i = 0; i < 100; i++) {
            assertArrayEquals(inOrder[i], parallel.get(i), "sample " + i);
        }
        assertFalse(Arrays.equals(inOrder[0], inOrder[1]));
        assertFalse(Arrays.equals(inOrder[0], InputSets.open(SPEC.withSeed(43)).sample(0)));
    }

    /** The generator is fixed by this code: these positions must never change, or old sweeps stop reproducing. */
    @Test
    void theStreamIsPinned() {
        float[] s = InputSets.open(new InputSpec.Poisson("p", List.of(10), 2, 3, 0.25, 7, null)).sample(2);
        int[] ones = IntStream.range(0, s.length).filter(k -> s[k] == 1f).toArray();
        assertArrayEquals(PINNED_ONES, ones, Arrays.toString(ones));
    }

    private static final int[] PINNED_ONES = {7, 11};

    /**
     * The documented stream is SplitMix64 as {@link SplittableRandom} implements it: sample i's draws are
     * {@code new SplittableRandom(mix64(mix64(seed) + i)).nextDouble()}, one per element.
     */
    @Test
    void theStreamIsSplitMix64() {
        InputSet set = InputSets.open(SPEC);
        for (int i : new int[] {0, 1, 57, 99}) {
            SplittableRandom r = new SplittableRandom(PoissonInputSet.mix64(PoissonInputSet.mix64(42) + i));
            float[] expected = new float[600];
            for (int k = 0; k < expected.length; k++) {
                expected[k] = r.nextDouble() < 0.1 ? 1f : 0f;
            }
            assertArrayEquals(expected, set.sample(i));
        }
        // mix64 is SplitMix64's published output function: the first output of seed 0 (reference C code).
        assertEquals(0xE220A8397B1DCDAFL, PoissonInputSet.mix64(0x9E3779B97F4A7C15L));
    }

    @Test
    void theRateIsTheProbabilityOfAOne() {
        InputSet set = InputSets.open(SPEC);
        double ones = 0;
        long n = 0;
        for (int i = 0; i < 100; i++) {
            for (float v : set.sample(i)) {
                assertTrue(v == 0f || v == 1f);
                ones += v;
                n++;
            }
        }
        assertEquals(0.1, ones / n, 0.005); // 60,000 draws: the standard error is 0.0012
        assertEquals(0, sum(InputSets.open(new InputSpec.Poisson("z", List.of(5), 10, 2, 0, 1, null)).sample(1)));
        assertEquals(50, sum(InputSets.open(new InputSpec.Poisson("o", List.of(5), 10, 2, 1, 1, null)).sample(1)));
    }

    @Test
    void shapeStepsAndSeed() {
        InputSet set = InputSets.open(SPEC);
        assertEquals(100, set.samples());
        assertEquals(50, set.steps());
        assertArrayEquals(new int[] {3, 4}, set.sampleShape());
        assertEquals(600, set.sample(0).length);
        assertTrue(SPEC.seeded());
        assertEquals(43, SPEC.withSeed(43).seed());
        assertThrows(IllegalArgumentException.class, () -> new InputSpec.Poisson("p", List.of(3), 1, 1, 1.5, 0, null));
        InputException e = assertThrows(InputException.class, () -> InputSets.open(SPEC, 599));
        assertEquals("input set 'noise': one sample of 50 steps x [3, 4] has 600 elements, more than the limit of 599",
                e.getMessage());
    }

    /** Specs travel to workers: they survive Java serialization equal, and name a cache entry by toString. */
    @Test
    void specsSerialize() throws IOException, ClassNotFoundException {
        List<InputSpec> specs = List.of(SPEC, new InputSpec.Npy("a", "/x/*.npy", null),
                new InputSpec.Csv("b", "/x.csv", "/l.csv"),
                new InputSpec.NirData("c", "/d.h5", "lif", "spikes", null, 10, null),
                new InputSpec.Nmnist("d", "/Test/*/*.bin", 1000, null, null));
        for (InputSpec spec : specs) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(spec);
            }
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                Object back = in.readObject();
                assertEquals(spec, back);
                assertEquals(spec.toString(), back.toString());
            }
            assertEquals(spec.kind() == InputSpec.Kind.POISSON, spec.seeded());
            assertEquals(spec.kind(), InputSpec.Kind.of(spec.kind().key()));
        }
    }

    private static double sum(float[] values) {
        double s = 0;
        for (float v : values) {
            s += v;
        }
        return s;
    }
}
