package io.nirsweep.operators.inputs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nirsweep.sim.io.Npy;
import io.nirsweep.sim.io.NpyArray;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyInputSetTest {
    @TempDir
    Path dir;

    /** Values 0, 1, 2, ... so that every element says where it came from. */
    static float[] counting(int n, float start) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = start + i;
        }
        return v;
    }

    private InputSpec.Npy spec(String path, String labels) {
        return new InputSpec.Npy("set", path, labels);
    }

    private InputSpec.Npy sampleMajor(String path) {
        return new InputSpec.Npy("set", path, InputSpec.Npy.Layout.SAMPLE_MAJOR, null);
    }

    /** Sample b of a time-major array [T, B, *shape] as the whole-array reader sees it: one slice per step. */
    private static float[] timeMajorSample(NpyArray whole, int b) {
        int steps = whole.dim(0);
        int samples = whole.dim(1);
        float[] values = whole.values();
        int size = values.length / steps / samples;
        float[] sample = new float[steps * size];
        for (int t = 0; t < steps; t++) {
            System.arraycopy(values, (t * samples + b) * size, sample, t * size, size);
        }
        return sample;
    }

    @Test
    void samplesAreTimeMajorAsSimulateReadsThem() {
        Path file = dir.resolve("x.npy");
        Npy.write(file, new int[] {4, 3, 2, 5}, counting(4 * 3 * 2 * 5, 0));
        InputSet set = InputSets.open(spec(file.toString(), null));
        assertEquals(3, set.samples());
        assertEquals(4, set.steps());
        assertArrayEquals(new int[] {2, 5}, set.sampleShape());
        assertEquals(10, set.sampleSize());
        float[] one = set.sample(1);
        for (int t = 0; t < 4; t++) {
            // step t of sample 1 is element (t, 1, ...) of the file
            assertArrayEquals(counting(10, (t * 3 + 1) * 10), Arrays.copyOfRange(one, t * 10, t * 10 + 10));
        }
        NpyArray whole = Npy.read(file);
        for (int b = 0; b < 3; b++) {
            assertArrayEquals(timeMajorSample(whole, b), set.sample(b));
        }
        assertNull(set.label(0));
        assertFalse(set.hasLabels());
        assertThrows(IndexOutOfBoundsException.class, () -> set.sample(3));
        assertThrows(IndexOutOfBoundsException.class, () -> set.label(-1));
    }

    @Test
    void aSeriesOfStepsIsOneSample() {
        Path file = dir.resolve("one.npy");
        Npy.write(file, new int[] {4, 2}, counting(8, 0));
        InputSet set = InputSets.open(spec(file.toString(), null));
        assertEquals(1, set.samples());
        assertEquals(4, set.steps());
        assertArrayEquals(new int[] {2}, set.sampleShape());
        assertArrayEquals(counting(8, 0), set.sample(0));
    }

    @Test
    void sampleMajorOnlyWhenTheConfigSaysSo() {
        Path file = dir.resolve("x.npy");
        Npy.write(file, new int[] {3, 4, 2, 5}, counting(3 * 4 * 2 * 5, 0));
        InputSet set = InputSets.open(sampleMajor(file.toString()));
        assertEquals(3, set.samples());
        assertEquals(4, set.steps());
        assertArrayEquals(new int[] {2, 5}, set.sampleShape());
        assertArrayEquals(counting(40, 40), set.sample(1));
        assertArrayEquals(counting(40, 80), set.sample(2));
        // The same file time-major: 4 steps of 3 samples.
        InputSet timeMajor = InputSets.open(spec(file.toString(), null));
        assertEquals(4, timeMajor.samples());
        assertEquals(3, timeMajor.steps());
    }

    /** Strided reads in every regime: runs a small gap apart (several windows), far apart, longer than a window. */
    @Test
    void largeTimeMajorFilesReadSampleBySampleAsTheWholeArrayReads() {
        int[][] shapes = {{100_000, 2, 3}, {5, 2000, 3}, {3, 2, 300_000}, {7, 1, 5}};
        for (int[] shape : shapes) {
            Path file = dir.resolve("big" + shape[0] + "x" + shape[1] + ".npy");
            Npy.write(file, shape, counting(shape[0] * shape[1] * shape[2], 0));
            NpyArray whole = Npy.read(file);
            InputSet set = InputSets.open(spec(file.toString(), null));
            assertEquals(shape[1], set.samples());
            for (int b : new int[] {0, shape[1] / 2, shape[1] - 1}) {
                assertArrayEquals(timeMajorSample(whole, b), set.sample(b), Arrays.toString(shape) + " sample " + b);
            }
        }
    }

    @Test
    void aPatternConcatenatesFilesInSortedOrder() throws IOException {
        Files.createDirectories(dir.resolve("parts"));
        Npy.write(dir.resolve("parts/b.npy"), new int[] {2, 1, 3}, counting(6, 100));
        Npy.write(dir.resolve("parts/a.npy"), new int[] {2, 2, 3}, counting(12, 0));
        Npy.write(dir.resolve("parts/c.npy"), new int[] {2, 0, 3}, new float[0]);
        Npy.write(dir.resolve("parts/d.npy"), new int[] {2, 1, 3}, counting(6, 200));
        InputSet set = InputSets.open(spec(dir.resolve("parts") + "/*.npy", null));
        assertEquals(4, set.samples());
        float[] secondOfA = new float[6];
        System.arraycopy(counting(3, 3), 0, secondOfA, 0, 3);
        System.arraycopy(counting(3, 9), 0, secondOfA, 3, 3);
        assertArrayEquals(secondOfA, set.sample(1));
        assertArrayEquals(counting(6, 100), set.sample(2));
        assertArrayEquals(counting(6, 200), set.sample(3)); // after the empty c.npy
    }

    @Test
    void filesOfAPatternMustAgree() {
        Npy.write(dir.resolve("a.npy"), new int[] {2, 1, 3}, counting(6, 0));
        Npy.write(dir.resolve("b.npy"), new int[] {3, 1, 3}, counting(9, 0));
        InputException e = assertThrows(InputException.class,
                () -> InputSets.open(spec(dir + "/*.npy", null)));
        assertEquals(dir.resolve("b.npy") + ": samples of shape [3, 3] (steps first) differ from the [2, 3] of "
                + dir.resolve("a.npy") + ", the set's first file", e.getMessage());
    }

    @Test
    void shapesWithoutAReadingAreRefusedWithTheFix() {
        Path series = dir.resolve("series.npy");
        Npy.write(series, new int[] {4}, counting(4, 0));
        InputException e = assertThrows(InputException.class, () -> InputSets.open(spec(series.toString(), null)));
        assertEquals(series + ": shape (4,) is not [T, B, *shape] or [T, n]: an npy input set is time-major, like"
                + " simulate's input (a single series of T steps is saved as x[:, numpy.newaxis])", e.getMessage());

        Path one = dir.resolve("one.npy");
        Npy.write(one, new int[] {4, 2}, counting(8, 0));
        e = assertThrows(InputException.class, () -> InputSets.open(sampleMajor(one.toString())));
        assertEquals(one + ": shape (4, 2) is not [N, T, *shape], which layout: sample-major reads (save one sample"
                + " [T, ...] as x[numpy.newaxis])", e.getMessage());

        Path none = dir.resolve("none.npy");
        Npy.write(none, new int[] {4, 0, 2}, new float[0]);
        e = assertThrows(InputException.class, () -> InputSets.open(spec(none.toString(), null)));
        assertEquals(none + ": holds no sample (its second dimension is 0)", e.getMessage());
    }

    /** Every dtype converts exactly as the whole-array reader of the simulator converts it. */
    @Test
    void everyDtypeReadsAsNpyReadsIt() throws IOException {
        ByteBuffer raw = ByteBuffer.allocate(12 * 8);
        new java.util.Random(7).nextBytes(raw.array());
        String[] descrs = {"|b1", "|i1", "<i2", ">i2", "<i4", ">i8", "|u1", "<u2", ">u4", "<u8", "<f2", ">f4",
            "<f8", "=i4"};
        for (String descr : descrs) {
            int size = Integer.parseInt(descr.substring(2));
            byte[] data = Arrays.copyOf(raw.array(), 12 * size);
            if (descr.equals("|b1")) {
                for (int i = 0; i < data.length; i++) {
                    data[i] = (byte) (data[i] & 1);
                }
            }
            if (descr.endsWith("f4") || descr.endsWith("f8") || descr.endsWith("f2")) {
                // keep the values finite: random bit patterns would include NaNs whose payloads differ
                ByteBuffer b = ByteBuffer.wrap(data).order(descr.charAt(0) == '>' ? ByteOrder.BIG_ENDIAN
                        : ByteOrder.LITTLE_ENDIAN);
                for (int i = 0; i < 12; i++) {
                    switch (size) {
                        case 2 -> b.putShort(i * 2, (short) (b.getShort(i * 2) & 0x3BFF));
                        case 4 -> b.putFloat(i * 4, (b.getInt(i * 4) % 1000) / 7f);
                        default -> b.putDouble(i * 8, (b.getLong(i * 8) % 100000) / 3.0);
                    }
                }
            }
            Path file = dir.resolve("d" + Math.abs(descr.hashCode()) + ".npy");
            NpyFiles.write(file, descr, "(2, 3, 2)", false, data);
            NpyArray whole = Npy.read(file);
            InputSet set = InputSets.open(spec(file.toString(), null));
            assertEquals(3, set.samples(), descr);
            for (int b = 0; b < 3; b++) {
                assertArrayEquals(timeMajorSample(whole, b), set.sample(b), descr);
            }
        }
    }

    @Test
    void malformedFilesAreRefusedNamingTheFile() throws IOException {
        Path fortran = dir.resolve("f.npy");
        NpyFiles.write(fortran, "<f4", "(2, 3, 1)", true, new byte[24]);
        assertMessage(fortran + ": is stored in Fortran order; input sets read samples one by one from C-order"
                + " files: save it with numpy.save(f, numpy.ascontiguousarray(x))", fortran);

        Path huge = dir.resolve("huge.npy");
        NpyFiles.write(huge, "<f4", "(1000000, 1000000, 1000)", false, new byte[16]);
        assertMessage(huge + ": data truncated: shape (1000000, 1000000, 1000) of float32 needs 4000000000000000"
                + " bytes but only 16 follow the header", huge);

        Path extra = dir.resolve("extra.npy");
        NpyFiles.write(extra, "<f4", "(1, 1, 1)", false, new byte[8]);
        assertMessage(extra + ": 4 unexpected bytes after the data of shape (1, 1, 1) of float32 (damaged, or"
                + " several arrays in one file?)", extra);

        Path text = dir.resolve("text.npy");
        Files.writeString(text, "hello");
        assertMessage(text + ": not a .npy file: it must start with '\\x93NUMPY', found 'hello'", text);

        Path object = dir.resolve("object.npy");
        NpyFiles.write(object, "|O", "(1, 1, 1)", false, new byte[8]);
        assertMessage(object + ": object dtype '|O' (pickled Python objects) is not supported; only numeric arrays"
                + " can be read", object);

        Path key = dir.resolve("key.npy");
        NpyFiles.writeHeader(key, "{'descr': '<f4', 'fortran_order': False, 'shape': (1, 1, 1), 'x': 1, }",
                new byte[4]);
        assertMessage(key + ": malformed .npy header: keys must be exactly 'descr', 'fortran_order', 'shape', found"
                + " ['descr', 'fortran_order', 'shape', 'x']", key);

        assertMessage(dir.resolve("missing.npy") + ": no such file", dir.resolve("missing.npy"));
    }

    private void assertMessage(String expected, Path file) {
        InputException e = assertThrows(InputException.class, () -> InputSets.open(spec(file.toString(), null)));
        assertTrue(e.getMessage().endsWith(expected), e.getMessage());
    }

    @Test
    void aSampleOverTheLimitIsRefusedBeforeAnythingIsRead() {
        Path file = dir.resolve("x.npy");
        Npy.write(file, new int[] {10, 2, 10}, new float[200]);
        InputException e = assertThrows(InputException.class,
                () -> InputSets.open(spec(file.toString(), null), 99));
        assertEquals(file + ": one sample of shape [10, 10] has 100 elements, more than the limit of 99",
                e.getMessage());
        assertEquals(2, InputSets.open(spec(file.toString(), null), 100).samples());
    }

    @Test
    void labelsFromNpyAndCsvFiles() throws IOException {
        Path file = dir.resolve("x.npy");
        Npy.write(file, new int[] {1, 3, 1}, new float[3]);
        Path npyLabels = dir.resolve("labels.npy");
        NpyFiles.write(npyLabels, "<i8", "(3,)", false, ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(7).putLong(0).putLong(3).array());
        InputSet set = InputSets.open(spec(file.toString(), npyLabels.toString()));
        assertTrue(set.hasLabels());
        assertEquals(7, set.label(0));
        assertEquals(3, set.label(2));

        Path csvLabels = dir.resolve("labels.csv");
        Files.writeString(csvLabels, "label\n1\n2\n5\n");
        assertEquals(5, InputSets.open(spec(file.toString(), csvLabels.toString())).label(2));

        Path short_ = dir.resolve("short.csv");
        Files.writeString(short_, "1\n2\n");
        InputException e = assertThrows(InputException.class,
                () -> InputSets.open(spec(file.toString(), short_.toString())));
        assertEquals(short_ + ": has 2 labels but the input set has 3 samples", e.getMessage());

        Path fraction = dir.resolve("fraction.csv");
        Files.writeString(fraction, "1\n2.5\n3\n");
        e = assertThrows(InputException.class, () -> InputSets.open(spec(file.toString(), fraction.toString())));
        assertEquals(fraction + ": label 2.5 of sample 1 is not an integer from -16777216 to 16777216",
                e.getMessage());

        Path matrix = dir.resolve("matrix.csv");
        Files.writeString(matrix, "1,2\n3,4\n5,6\n");
        e = assertThrows(InputException.class, () -> InputSets.open(spec(file.toString(), matrix.toString())));
        assertTrue(e.getMessage().startsWith(matrix + ": labels must be one integer per sample"), e.getMessage());
    }

    /** Writes {@code .npy} files of any dtype and header, byte by byte, for the tests. */
    static final class NpyFiles {
        private NpyFiles() {
        }

        static void write(Path file, String descr, String shape, boolean fortran, byte[] data) throws IOException {
            writeHeader(file, "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False")
                    + ", 'shape': " + shape + ", }", data);
        }

        static void writeHeader(Path file, String dict, byte[] data) throws IOException {
            int total = 10 + dict.length() + 1;
            int pad = (64 - total % 64) % 64;
            String header = dict + " ".repeat(pad) + "\n";
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
            out.write(header.length() & 0xFF);
            out.write(header.length() >>> 8);
            out.write(header.getBytes(StandardCharsets.ISO_8859_1));
            out.write(data);
            Files.write(file, out.toByteArray());
        }
    }
}
