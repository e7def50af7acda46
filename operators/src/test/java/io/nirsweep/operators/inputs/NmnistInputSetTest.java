package io.nirsweep.operators.inputs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NmnistInputSetTest {
    private static final int FRAME = 2 * 34 * 34;

    @TempDir
    Path dir;

    /** Builds a file byte for byte as the dataset stores events: x, y, then polarity and a 23-bit timestamp. */
    static final class Events {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        Events event(int x, int y, int polarity, int timeUs) {
            bytes.write(x);
            bytes.write(y);
            bytes.write(polarity << 7 | (timeUs >>> 16) & 0x7F);
            bytes.write((timeUs >>> 8) & 0xFF);
            bytes.write(timeUs & 0xFF);
            return this;
        }

        Events overflow() {
            return event(0, NmnistInputSet.OVERFLOW_Y, 0, 0);
        }

        Path write(Path file) throws IOException {
            Files.createDirectories(file.getParent());
            return Files.write(file, bytes.toByteArray());
        }
    }

    private static int at(int step, int polarity, int y, int x) {
        return step * FRAME + (polarity * 34 + y) * 34 + x;
    }

    @Test
    void eventsAreCountedPerBinPolarityRowAndColumn() throws IOException {
        new Events().event(1, 2, 1, 0).event(33, 33, 0, 999).event(1, 2, 1, 500).event(0, 0, 0, 1000)
                .write(dir.resolve("Test/3/00001.bin"));
        new Events().event(5, 6, 1, 2500).write(dir.resolve("Test/7/00002.bin"));
        InputSet set = InputSets.open(new InputSpec.Nmnist("nmnist", dir + "/Test/*/*.bin", 1000, null, null));
        assertEquals(2, set.samples());
        assertEquals(3, set.steps()); // the longest file: an event at 2500 µs lies in bin 2
        assertArrayEquals(new int[] {2, 34, 34}, set.sampleShape());
        float[] expected = new float[3 * FRAME];
        expected[at(0, 1, 2, 1)] = 2;
        expected[at(0, 0, 33, 33)] = 1;
        expected[at(1, 0, 0, 0)] = 1;
        assertArrayEquals(expected, set.sample(0));
        float[] second = set.sample(1);
        assertEquals(1, second[at(2, 1, 6, 5)]);
        assertEquals(1, sum(second));
        assertEquals(3, set.label(0)); // from the folder names of N-MNIST's layout
        assertEquals(7, set.label(1));
    }

    @Test
    void theTimestampUsesAll23BitsAndOverflowMarkersAdd8192Microseconds() throws IOException {
        new Events().event(3, 4, 1, 0x7FFFFF).write(dir.resolve("late.bin"));
        InputSet late = InputSets.open(new InputSpec.Nmnist("late", dir + "/late.bin", 1_000_000, null, null));
        assertEquals(9, late.steps()); // 8,388,607 µs is in bin 8
        assertEquals(1, late.sample(0)[at(8, 1, 4, 3)]);

        new Events().event(1, 1, 0, 10).overflow().event(2, 2, 0, 10).overflow().event(3, 3, 1, 10)
                .write(dir.resolve("overflow.bin"));
        InputSet set = InputSets.open(new InputSpec.Nmnist("o", dir + "/overflow.bin", 1000, null, null));
        assertEquals(17, set.steps()); // 10 + 2 x 8192 µs
        float[] s = set.sample(0);
        assertEquals(1, s[at(0, 0, 1, 1)]);
        assertEquals(1, s[at(8, 0, 2, 2)]);
        assertEquals(1, s[at(16, 1, 3, 3)]);
        assertEquals(3, sum(s)); // the markers are not events
        assertFalse(set.hasLabels()); // the folder is not a number
    }

    @Test
    void stepsCutLongRecordingsAndPadShortOnes() throws IOException {
        new Events().event(0, 0, 0, 0).event(0, 0, 0, 1500).write(dir.resolve("a/0/x.bin"));
        InputSet set = InputSets.open(new InputSpec.Nmnist("n", dir + "/a/0/x.bin", 1000, 1, null));
        assertEquals(1, set.steps());
        assertArrayEquals(expectedOne(), set.sample(0));
        assertEquals(4, InputSets.open(new InputSpec.Nmnist("n", dir + "/a/0/x.bin", 1000, 4, null)).sample(0).length
                / FRAME);
    }

    private static float[] expectedOne() {
        float[] v = new float[FRAME];
        v[0] = 1;
        return v;
    }

    @Test
    void malformedFilesAreRefusedNamingFileAndEvent() throws IOException {
        Path truncated = dir.resolve("t.bin");
        Files.write(truncated, new byte[7]);
        InputException e = assertThrows(InputException.class,
                () -> InputSets.open(new InputSpec.Nmnist("n", truncated.toString(), 1000, null, null)));
        assertEquals(truncated + ": is 7 bytes, not a whole number of 5-byte N-MNIST events (truncated, or not an"
                + " N-MNIST file?)", e.getMessage());

        Path outside = new Events().event(0, 0, 0, 0).event(34, 2, 0, 5).write(dir.resolve("o.bin"));
        e = assertThrows(InputException.class,
                () -> InputSets.open(new InputSpec.Nmnist("n", outside.toString(), 1000, null, null)));
        assertEquals(outside + ": event 1 (byte 5) is at x 34, y 2, outside the 34 x 34 sensor", e.getMessage());

        // With steps given nothing is scanned up front: the same problem surfaces when the sample is read.
        InputSet lazy = InputSets.open(new InputSpec.Nmnist("n", outside.toString(), 1000, 10, null));
        e = assertThrows(InputException.class, () -> lazy.sample(0));
        assertEquals(outside + ": event 1 (byte 5) is at x 34, y 2, outside the 34 x 34 sensor", e.getMessage());
    }

    @Test
    void aLargerSensorForTheSameFormat() throws IOException {
        new Events().event(200, 100, 1, 0).write(dir.resolve("caltech.bin"));
        InputSet set = InputSets.open(new InputSpec.Nmnist("c", dir + "/caltech.bin", 1000, null, 240, 180, null));
        assertArrayEquals(new int[] {2, 180, 240}, set.sampleShape());
        assertEquals(1, set.sample(0)[(180 + 100) * 240 + 200]);
    }

    @Test
    void aSampleOverTheLimitIsRefused() throws IOException {
        new Events().event(0, 0, 0, 8_000_000).write(dir.resolve("long.bin"));
        InputException e = assertThrows(InputException.class, () -> InputSets.open(
                new InputSpec.Nmnist("n", dir + "/long.bin", 1, null, null), 1 << 20));
        assertEquals("input set 'n': one sample of 8000001 steps x [2, 34, 34] has more than the limit of 1048576"
                + " elements (the longest recording lasts 8000001 bins of 1 µs; give steps to cut them)",
                e.getMessage());
    }

    private static double sum(float[] values) {
        double s = 0;
        for (float v : values) {
            s += v;
        }
        return s;
    }
}
