package io.nirsweep.sim.io;

import static io.nirsweep.sim.io.Fixtures.refused;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link Csv}: the paper's reference CSV, headers, round trips, value formatting and refusals. */
class CsvTest {

    @TempDir
    Path dir;

    private Path csv(String text) {
        return Fixtures.write(dir, "in.csv", text);
    }

    private static void assertSays(ArrayFileException e, Path file, long line, int column, String says) {
        assertEquals(file.toString(), e.file());
        assertEquals(line, e.line(), e.getMessage());
        assertEquals(column, e.column(), e.getMessage());
        String place = line == 0 ? "" : ", line " + line + (column == 0 ? "" : ", column " + column);
        assertTrue(e.getMessage().startsWith(file + place + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(says), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line");
    }

    // Reading ------------------------------------------------------------------------------------------------

    @Test
    void readsThePapersExactLifReference() {
        NpyArray lif = Csv.read(java.nio.file.Path.of("src/test/resources/paper-artifacts/01_lif/lif_exact.csv"));
        assertArrayEquals(new int[] {1000, 3}, lif.shape());
        assertEquals("float32", lif.dtype());
        List<Integer> spikes = new ArrayList<>();
        for (int t = 0; t < 1000; t++) {
            float spike = lif.get(3 * t + 2);
            assertTrue(spike == 0 || spike == 1, "step " + t + " spike column holds " + spike);
            if (spike == 1) {
                spikes.add(t);
            }
        }
        assertEquals(List.of(460, 510, 710, 760), spikes);
        assertEquals(6.226159232172348394e-03f, lif.get(3 * 460 + 1)); // the row's membrane voltage
        assertEquals(1f, lif.get(3 * 460));
        assertEquals(0f, lif.get(0));
    }

    @Test
    void aFirstColumnNamedTIsIgnored() {
        NpyArray a = Csv.read(csv("t,in[0],in[1]\n0,1.5,2\n1,3,-4e-1\n"));
        assertArrayEquals(new int[] {2, 2}, a.shape());
        assertArrayEquals(new float[] {1.5f, 2, 3, -0.4f}, a.values());
        NpyArray trimmed = Csv.read(csv(" t ,x\n7,1\n8,2\n"));
        assertArrayEquals(new float[] {1, 2}, trimmed.values(), "the name is trimmed");
        NpyArray quoted = Csv.read(csv("\"t\",\"a,b\"\n0,5\n"));
        assertArrayEquals(new float[] {5}, quoted.values());
        NpyArray ignoredColumn = Csv.read(csv("t,x\nstep zero,1\n,2\n"));
        assertArrayEquals(new float[] {1, 2}, ignoredColumn.values(), "the t column is not even read");
    }

    @Test
    void otherHeadersKeepEveryColumn() {
        NpyArray upper = Csv.read(csv("T,x\n0,1\n1,2\n"));
        assertArrayEquals(new int[] {2, 2}, upper.shape(), "'T' is not 't' (case-sensitive)");
        NpyArray named = Csv.read(csv("time,x\n0,1\n"));
        assertArrayEquals(new float[] {0, 1}, named.values());
        NpyArray noHeader = Csv.read(csv("0,1\n2,3\n"));
        assertArrayEquals(new int[] {2, 2}, noHeader.shape());
        NpyArray mixed = Csv.read(csv("t,0\n5,6\n"));
        assertArrayEquals(new int[] {1, 1}, mixed.shape(), "one text field makes a header");
    }

    @Test
    void toleratesCommonVariations() {
        String text = "\uFEFFt, a ,b\r\n\r\n0,  1.000000000000000000e+00 ,\t2\r\n1,+3.,.5\r\n\r\n   \n2,1E2,-0\r\n";
        NpyArray a = Csv.read(csv(text));
        assertArrayEquals(new int[] {3, 2}, a.shape());
        assertArrayEquals(new float[] {1, 2, 3, 0.5f, 100, -0f}, a.values());
        NpyArray oldMac = Csv.read(csv("1,2\r3,4"));
        assertArrayEquals(new float[] {1, 2, 3, 4}, oldMac.values(), "lone CR, no final newline");
        NpyArray oneColumn = Csv.read(csv("5\n6\n"));
        assertArrayEquals(new int[] {2, 1}, oneColumn.shape());
    }

    @Test
    void roundsEachDecimalOnceToFloat32() {
        NpyArray a = Csv.read(csv("0.1,16777217,3.4028235e38,1e-46\n"));
        assertArrayEquals(new float[] {0.1f, 16777216f, Float.MAX_VALUE, 0f}, a.values());
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("t,a,b\n0,1,2\n1,3\n", 3, 0, "row has 2 columns but line 1 has 3"),
                Arguments.of("1,2,3\n\n4,5,6,7\n", 3, 0, "row has 4 columns but line 1 has 3"),
                Arguments.of("1,2\n3,abc\n", 2, 2, "'abc' is not a number"),
                Arguments.of("a,b\n1,0x10\n", 2, 2, "'0x10' is not a number"),
                Arguments.of("a,b\n1,1f\n", 2, 2, "'1f' is not a number"),
                Arguments.of("a,b\n1,\n", 2, 2, "empty field where a number is expected"),
                Arguments.of("1,,2\n", 1, 2, "empty field"),
                Arguments.of("1,nan\n", 1, 2, "non-finite value 'nan': inputs must be finite"),
                Arguments.of("x,y\n1,2\n-Infinity,0\n", 3, 1, "non-finite value '-Infinity'"),
                Arguments.of("x\ninf\n", 2, 1, "non-finite value 'inf'"),
                Arguments.of("1,1e39\n", 1, 2, "'1e39' is beyond the float32 range"),
                Arguments.of("t\n0\n", 1, 0, "header has only the 't' column"),
                Arguments.of("a,\"b\n", 1, 2, "unterminated quoted field"),
                Arguments.of("a,\"b\"c\n1,2\n", 1, 2, "unexpected 'c' after a closing quote"),
                Arguments.of("x,y\n1,2\n\"multi\nline\",3\n4,5\n", 3, 1, "'multi\\nline' is not a number"));
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void refusesMalformedRowsNamingLineAndColumn(String text, long line, int column, String says) {
        Path file = csv(text);
        assertSays(refused(() -> Csv.read(file)), file, line, column, says);
    }

    @Test
    void linesAreCountedAcrossQuotedLineBreaks() {
        Path file = csv("\"a\nb\",c\n1,2\n3\n");
        assertSays(refused(() -> Csv.read(file)), file, 4, 0, "row has 1 columns but line 1 has 2");
    }

    @Test
    void refusesFilesWithoutData() {
        Path empty = csv("");
        assertSays(refused(() -> Csv.read(empty)), empty, 0, 0, "file is empty");
        Path blank = csv("\n  \n\r\n");
        assertSays(refused(() -> Csv.read(blank)), blank, 0, 0, "has no rows");
        Path header = csv("t,a,b\n");
        assertSays(refused(() -> Csv.read(header)), header, 0, 0, "has a header but no data rows");
        Path bom = csv("\uFEFF");
        assertSays(refused(() -> Csv.read(bom)), bom, 0, 0, "file is empty");
        Path missing = dir.resolve("missing.csv");
        assertEquals(missing + ": cannot read: no such file or folder", refused(() -> Csv.read(missing))
                .getMessage());
    }

    @Test
    void refusesTextThatIsNotUtf8() {
        byte[] bytes = "1,2\n3,4\n".getBytes(StandardCharsets.US_ASCII);
        bytes[6] = (byte) 0xC3; // a lead byte followed by ',' is malformed
        Path file = Fixtures.write(dir, "latin.csv", bytes);
        assertSays(refused(() -> Csv.read(file)), file, 2, 0, "not UTF-8 text");
    }

    @Test
    @Timeout(20)
    void refusesABigFileOnceTheLimitIsPassedWithoutHoldingIt() throws IOException {
        Path file = dir.resolve("big.csv");
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            out.write("t,a,b,c,d\n");
            for (int t = 0; t < 400_000; t++) { // about 9 MB
                out.write(t + ",0.5,1,0,0.25\n");
            }
        }
        long allocated = Fixtures.allocatedBy(() -> Csv.read(file, 1000));
        assertSays(refused(() -> Csv.read(file, 1000)), file, 252, 2, "more than 1000 values");
        assertTrue(allocated < 2L << 20, "refusing it allocated " + allocated + " bytes");
        assertArrayEquals(new int[] {400_000, 4}, Csv.read(file).shape());
        assertThrows(IllegalArgumentException.class, () -> Csv.read(file, -1));
    }

    @Test
    @Timeout(20)
    void refusesAnEndlessLineWithoutHoldingIt() throws IOException {
        Path file = dir.resolve("endless.csv");
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            for (int i = 0; i < 1 << 20; i++) {
                out.write("1234567890"); // 10 MB without a comma or a line break
            }
        }
        long allocated = Fixtures.allocatedBy(() -> Csv.read(file));
        assertSays(refused(() -> Csv.read(file)), file, 1, 1, "field longer than 65536 characters");
        assertTrue(allocated < 4L << 20, "refusing it allocated " + allocated + " bytes");
        Path wide = Fixtures.write(dir, "wide.csv", "a," + "1,".repeat(20) + "1\n");
        assertSays(refused(() -> Csv.read(wide, 10)), wide, 1, 0, "more than 10 columns");
    }

    // Writing -----------------------------------------------------------------------------------------------

    @Test
    void writesTheHeaderStepsAndSpikesAsIntegers() throws IOException {
        Path file = dir.resolve("out.csv");
        Csv.write(file, "lif1.lif", new int[] {3, 2}, new float[] {0, 1, 1, 0, 0.5f, 2});
        assertEquals("t,lif1.lif[0],lif1.lif[1]\n0,0,1\n1,1,0\n2,0.5,2\n", Files.readString(file));
        Csv.write(file, "block/lif", NpyArray.ofFloat32(new int[] {2, 1, 2, 1}, new float[] {1, 2, 3, 4}));
        assertEquals("t,block/lif[0],block/lif[1]\n0,1,2\n1,3,4\n", Files.readString(file));
        Csv.write(file, "x", new int[] {2}, new float[] {7, 8});
        assertEquals("t,x[0]\n0,7\n1,8\n", Files.readString(file));
        Csv.write(file, "a,\"b\"", new int[] {1, 1}, new float[] {1});
        assertEquals("t,\"a,\"\"b\"\"[0]\"\n0,1\n", Files.readString(file));
        assertArrayEquals(new int[] {1, 1}, Csv.read(file).shape(), "a quoted name reads back as one column");
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary file left");
        }
    }

    @Test
    void writeRefusesBadArguments() {
        Path file = dir.resolve("out.csv");
        assertThrows(IllegalArgumentException.class, () -> Csv.write(file, "x", new int[0], new float[] {1}));
        assertThrows(IllegalArgumentException.class, () -> Csv.write(file, "x", new int[] {2, 2}, new float[3]));
        assertThrows(IllegalArgumentException.class, () -> Csv.write(file, null, new int[] {1}, new float[1]));
        assertThrows(ArrayFileException.class, () -> Csv.write(dir.resolve("no/out.csv"), "x", new int[] {1},
                new float[1]));
        assertFalse(Files.exists(file));
    }

    static Stream<Arguments> formats() {
        return Stream.of(
                Arguments.of(0f, "0"), Arguments.of(-0f, "-0"), Arguments.of(1f, "1"), Arguments.of(-3f, "-3"),
                Arguments.of(0.5f, "0.5"), Arguments.of(0.1f, "0.1"), Arguments.of(1234567.5f, "1234567.5"),
                Arguments.of(16777216f, "16777216"), Arguments.of(1e10f, "10000000000"),
                Arguments.of(1e20f, "100000000000000000000"), Arguments.of(1e21f, "1e+21"),
                Arguments.of(Float.MAX_VALUE, "3.4028235e+38"), Arguments.of(0.001f, "0.001"),
                Arguments.of(1e-5f, "0.00001"), Arguments.of(1.5e-6f, "0.0000015"), Arguments.of(1e-7f, "1e-7"),
                Arguments.of(-1.5e-8f, "-1.5e-8"), Arguments.of(Float.MIN_VALUE, "1.4e-45"),
                Arguments.of(6.2261592e-3f, "0.006226159"), Arguments.of(Float.NaN, "nan"),
                Arguments.of(Float.POSITIVE_INFINITY, "inf"), Arguments.of(Float.NEGATIVE_INFINITY, "-inf"));
    }

    @ParameterizedTest
    @MethodSource("formats")
    void formatsValues(float value, String text) {
        assertEquals(text, Csv.format(value));
        if (Float.isFinite(value)) {
            assertEquals(Float.floatToRawIntBits(value), Float.floatToRawIntBits(Float.parseFloat(text)));
        }
    }

    @Test
    void everyFiniteFloatReadsBackBitForBit() throws IOException {
        Random random = new Random(42);
        int steps = 2000;
        int features = 7;
        float[] values = new float[steps * features];
        for (int i = 0; i < values.length; i++) {
            float v;
            do {
                v = Float.intBitsToFloat(random.nextInt());
            } while (!Float.isFinite(v));
            values[i] = i % 3 == 0 ? random.nextInt(3) : v; // spike counts among arbitrary floats
        }
        Path file = dir.resolve("round.csv");
        Csv.write(file, "n", new int[] {steps, features}, values);
        NpyArray back = Csv.read(file);
        assertEquals(NpyArray.ofFloat32(new int[] {steps, features}, values), back);
        for (int b = 0; b < 1 << 16; b++) {
            float v = Float.intBitsToFloat((b << 16) | random.nextInt(1 << 16));
            if (Float.isFinite(v)) {
                assertEquals(Float.floatToRawIntBits(v), Float.floatToRawIntBits(Float.parseFloat(Csv.format(v))),
                        "bits " + Integer.toHexString(Float.floatToRawIntBits(v)));
                assertTrue(CsvReader.isDecimal(Csv.format(v)), Csv.format(v));
            }
        }
    }

    @Test
    void arrayFilesChoosesByExtension() throws IOException {
        NpyArray a = NpyArray.ofFloat32(new int[] {2, 3}, new float[] {0, 1, 0, 1, 1, 0});
        Path npy = dir.resolve("A.NPY");
        Path csv = dir.resolve("a.csv");
        ArrayFiles.write(npy, "ignored", a);
        ArrayFiles.write(csv, "node", a);
        assertEquals(a, ArrayFiles.read(npy));
        assertEquals(a, ArrayFiles.read(csv));
        assertTrue(Files.readString(csv).startsWith("t,node[0],node[1],node[2]\n"));
        Path other = dir.resolve("a.txt");
        assertTrue(refused(() -> ArrayFiles.read(other)).getMessage().contains("must end in .npy or .csv"));
        assertThrows(ArrayFileException.class, () -> ArrayFiles.write(other, "x", a));
    }
}
