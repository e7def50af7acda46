package io.nirsweep.sim.io;

import static io.nirsweep.sim.io.Fixtures.dict;
import static io.nirsweep.sim.io.Fixtures.floats;
import static io.nirsweep.sim.io.Fixtures.npy;
import static io.nirsweep.sim.io.Fixtures.refused;
import static io.nirsweep.sim.io.Fixtures.resource;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Npy} against files NumPy wrote ({@code src/test/resources/io/npy}, made by its make_fixtures.py), its
 * own round trips, and hostile files that must be refused before anything they claim is allocated.
 */
class NpyTest {

    /** Far below what any hostile file below claims (2^40 elements, 64 KiB+ headers). */
    private static final long ALLOCATION_BUDGET = 8L << 20;

    @TempDir
    Path dir;

    @Test
    void uint8ValuesWriteAndReadBack() throws Exception {
        Path file = dir.resolve("spikes.npy");
        Npy.writeUint8(file, new int[] {2, 3}, new byte[] {0, 1, 0, (byte) 255, 2, 0});
        NpyArray back = Npy.read(file);
        assertEquals("uint8", back.dtype());
        assertArrayEquals(new int[] {2, 3}, back.shape());
        assertArrayEquals(new float[] {0, 1, 0, 255, 2, 0}, back.values());
        String header = new String(java.nio.file.Files.readAllBytes(file), 0, 128,
                java.nio.charset.StandardCharsets.ISO_8859_1);
        assertTrue(header.contains("{'descr': '|u1', 'fortran_order': False, 'shape': (2, 3), }"), header);
        assertEquals(128 + 6, java.nio.file.Files.size(file)); // the header pads prefix and text to 64 bytes
    }

    // Files written by NumPy ------------------------------------------------------------------------------

    /** One row of expected.tsv: what NumPy's astype(np.float32) made of a fixture. */
    record Expected(String file, String dtype, int[] shape, int[] bits) {
        @Override
        public String toString() {
            return file;
        }
    }

    static Stream<Expected> numpyFixtures() throws IOException {
        return Files.readAllLines(resource("npy/expected.tsv")).stream()
                .filter(line -> !line.startsWith("#") && !line.isBlank())
                .map(line -> {
                    String[] cols = line.split("\t", -1);
                    int[] shape = cols[2].isEmpty() ? new int[0]
                            : Arrays.stream(cols[2].split(",")).mapToInt(Integer::parseInt).toArray();
                    int[] bits = cols[3].isEmpty() ? new int[0]
                            : Arrays.stream(cols[3].split(" ")).mapToInt(h -> Integer.parseUnsignedInt(h, 16))
                                    .toArray();
                    return new Expected(cols[0], cols[1], shape, bits);
                });
    }

    @ParameterizedTest
    @MethodSource("numpyFixtures")
    void readsWhatNumpyWrote(Expected expected) {
        NpyArray array = Npy.read(resource("npy/" + expected.file()));
        assertArrayEquals(expected.shape(), array.shape(), "shape");
        assertEquals(expected.dtype(), array.dtype(), "dtype");
        int[] bits = new int[array.size()];
        for (int i = 0; i < bits.length; i++) {
            bits[i] = Float.floatToRawIntBits(array.get(i));
        }
        assertArrayEquals(expected.bits(), bits, "float32 values, as NumPy's astype(np.float32)");
    }

    @Test
    void fixturesCoverEveryDtypeByteOrderAndVersion() throws IOException {
        List<String> names = numpyFixtures().map(Expected::file).toList();
        for (String code : List.of("i2", "i4", "i8", "u2", "u4", "u8", "f2", "f4", "f8")) {
            for (String version : List.of("v1", "v2")) {
                assertTrue(names.contains(version + "_" + code + "_le.npy"), version + " " + code + " le");
                assertTrue(names.contains(version + "_" + code + "_be.npy"), version + " " + code + " be");
            }
        }
        for (String code : List.of("b1", "i1", "u1")) {
            assertTrue(names.contains("v1_" + code + "_na.npy") && names.contains("v2_" + code + "_na.npy"), code);
        }
        assertTrue(names.stream().anyMatch(n -> n.startsWith("v3_")), "a version 3.0 file");
        assertEquals(12, numpyFixtures().map(Expected::dtype).distinct().count(), "every dtype");
    }

    @Test
    void fortranOrderIsTransposedToCOrder() {
        NpyArray array = Npy.read(resource("npy/fortran_f8_2x3x4.npy"));
        assertArrayEquals(new int[] {2, 3, 4}, array.shape());
        for (int i = 0; i < 24; i++) { // the file holds np.arange(24).reshape(2, 3, 4) * 0.5 - 3 in F order
            assertEquals(i * 0.5f - 3, array.get(i), "C-order element " + i);
        }
        NpyArray big = Npy.read(resource("npy/fortran_i2_be_3x5.npy"));
        assertArrayEquals(new int[] {3, 5}, big.shape());
        for (int i = 0; i < 15; i++) {
            assertEquals(i - 7, big.get(i), "C-order element " + i);
        }
    }

    @Test
    void conversionsRoundOnceToNearest() {
        // int64 2^62 + 2^38 + 1 lies just above a tie; through double it would round down to 2^62.
        NpyArray i8 = Npy.read(resource("npy/v1_i8_le.npy"));
        assertEquals(Float.intBitsToFloat(0x5e800001), i8.get(3));
        assertEquals(0x1p62f, i8.get(2), "an exact tie rounds to even");
        NpyArray u8 = Npy.read(resource("npy/v2_u8_be.npy"));
        assertEquals(0x1p64f, u8.get(5), "2^64 - 1 rounds up to 2^64");
        assertEquals(Float.intBitsToFloat(0x5f000001), u8.get(3), "the halved value keeps its sticky bit");
        assertEquals("uint64", u8.dtype());
        NpyArray f2 = Npy.read(resource("npy/v1_f2_be.npy"));
        assertEquals(65504f, f2.get(2));
        assertEquals(0x1p-24f, f2.get(3), "6e-8 in float16 is its smallest subnormal");
        assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(f2.get(1)));
    }

    @Test
    void zeroDimensionalAndEmptyArraysFromNumpy() {
        NpyArray scalar = Npy.read(resource("npy/scalar_f8.npy"));
        assertEquals(0, scalar.rank());
        assertEquals(1, scalar.size());
        assertEquals(2.5f, scalar.get(0));
        NpyArray empty = Npy.read(resource("npy/empty_0x3_f4.npy"));
        assertArrayEquals(new int[] {0, 3}, empty.shape());
        assertEquals(0, empty.size());
    }

    static Stream<String> numpySavedFloat32() throws IOException {
        try (Stream<Path> files = Files.list(resource("npy"))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("written_")).sorted()
                    .toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("numpySavedFloat32")
    void writesTheBytesNumpySaves(String name) throws IOException {
        Path numpyFile = resource("npy/" + name);
        NpyArray fromNumpy = Npy.read(numpyFile);
        float[] values = new float[fromNumpy.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = i * 0.25f - 1; // what make_fixtures.py stored
        }
        assertArrayEquals(values, fromNumpy.values());
        Path ours = dir.resolve(name);
        Npy.write(ours, fromNumpy.shape(), values);
        assertArrayEquals(Files.readAllBytes(numpyFile), Files.readAllBytes(ours));
    }

    // Round trips ------------------------------------------------------------------------------------------

    static Stream<int[]> shapes() {
        return Stream.of(new int[0], new int[] {0}, new int[] {0, 3}, new int[] {3, 0}, new int[] {1},
                new int[] {7}, new int[] {2, 3}, new int[] {300, 2, 4}, new int[] {2, 1, 3, 1, 2},
                new int[] {70_000, 5});
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void roundTrip(int[] shape) throws IOException {
        Random random = new Random(Arrays.hashCode(shape));
        float[] values = new float[(int) NpyArray.checkedSize(shape)];
        for (int i = 0; i < values.length; i++) {
            values[i] = Float.intBitsToFloat(random.nextInt()); // every bit pattern, NaNs included
        }
        Path file = dir.resolve("a.npy");
        Npy.write(file, shape, values);
        assertEquals(0, (Files.size(file) - 4L * values.length) % 64, "data starts on a 64-byte boundary");
        NpyArray back = Npy.read(file);
        assertArrayEquals(shape, back.shape());
        assertEquals("float32", back.dtype());
        assertEquals(NpyArray.ofFloat32(shape, values), back, "bit for bit");
    }

    @Test
    void writeReplacesAnExistingFileAndLeavesNoTemporaryFile() throws IOException {
        Path file = dir.resolve("out.npy");
        Files.writeString(file, "old contents");
        Npy.write(file, NpyArray.ofFloat32(new int[] {2}, new float[] {1, 2}));
        assertArrayEquals(new float[] {1, 2}, Npy.read(file).values());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void writeRefusesWhatCannotBeWritten() throws IOException {
        ArrayFileException noFolder = assertThrows(ArrayFileException.class,
                () -> Npy.write(dir.resolve("missing/out.npy"), new int[] {1}, new float[] {1}));
        assertTrue(noFolder.getMessage().startsWith(dir.resolve("missing/out.npy").toString()),
                noFolder.getMessage());
        assertTrue(noFolder.getMessage().contains("does not exist"), noFolder.getMessage());
        Path folder = Files.createDirectory(dir.resolve("taken.npy"));
        assertThrows(ArrayFileException.class, () -> Npy.write(folder, new int[] {1}, new float[] {1}));
        assertThrows(IllegalArgumentException.class, () -> Npy.write(dir.resolve("x.npy"), new int[] {2, 2},
                new float[3]));
        assertThrows(IllegalArgumentException.class, () -> Npy.write(dir.resolve("x.npy"), new int[] {-1},
                new float[0]));
        Path kept = dir.resolve("kept.npy");
        Npy.write(kept, new int[] {1}, new float[] {5});
        byte[] before = Files.readAllBytes(kept);
        assertThrows(IllegalArgumentException.class, () -> Npy.write(kept, new int[] {2}, new float[] {1}));
        assertArrayEquals(before, Files.readAllBytes(kept), "a refused write leaves the old file alone");
    }

    // Headers NumPy does not write but accepts ------------------------------------------------------------

    @Test
    void acceptsNativeOrderPythonTwoLongsAndUnicodePrefix() {
        float[] values = {1.5f, -2f, 3f};
        Path native1 = Fixtures.write(dir, "native.npy", npy(1, dict("=f4", "(3,)"), floats(values)));
        assertArrayEquals(values, Npy.read(native1).values());
        Path pipe = Fixtures.write(dir, "pipe.npy", npy(1, dict("|f4", "(3,)"), floats(values)));
        assertArrayEquals(values, Npy.read(pipe).values());
        Path py2 = Fixtures.write(dir, "py2.npy", npy(1,
                "{'descr': u'<f4', 'fortran_order': False, 'shape': (1L, 3L), }\n", floats(values)));
        NpyArray fromPython2 = Npy.read(py2);
        assertArrayEquals(new int[] {1, 3}, fromPython2.shape());
        assertArrayEquals(values, fromPython2.values());
        Path spaced = Fixtures.write(dir, "spaced.npy", npy(2,
                "{ \"shape\" : ( 3 , ) , \"descr\":\"<f4\",\n 'fortran_order':False}", floats(values)));
        assertArrayEquals(values, Npy.read(spaced).values());
        Path py2InV3 = Fixtures.write(dir, "py2v3.npy", npy(3,
                "{'descr': '<f4', 'fortran_order': False, 'shape': (3L,), }\n", floats(values)));
        assertTrue(refused(() -> Npy.read(py2InV3)).getMessage().contains("malformed .npy header"));
    }

    // Refusals ---------------------------------------------------------------------------------------------

    static Stream<Arguments> refusedFixtures() {
        return Stream.of(
                Arguments.of("refused_object.npy", "object dtype '|O'"),
                Arguments.of("refused_structured.npy", "structured dtype"),
                Arguments.of("refused_complex.npy", "unsupported dtype '<c8' (complex)"),
                Arguments.of("refused_unicode.npy", "unsupported dtype '<U3' (unicode strings)"));
    }

    @ParameterizedTest
    @MethodSource("refusedFixtures")
    void refusesNonNumericDtypes(String name, String says) {
        Path file = resource("npy/" + name);
        ArrayFileException e = refused(() -> Npy.read(file));
        assertEquals(file.toString() + ": ", e.getMessage().substring(0, file.toString().length() + 2));
        assertTrue(e.getMessage().contains(says), e.getMessage());
    }

    static Stream<Arguments> malformedHeaders() {
        return Stream.of(
                Arguments.of("[1, 2]", "not a dictionary"),
                Arguments.of("{'descr': '<f4', 'shape': (3,), }", "keys must be exactly"),
                Arguments.of("{'descr': '<f4', 'fortran_order': False, 'shape': (3,), 'x': 1}", "keys must be"),
                Arguments.of("{'descr': '<f4', 'fortran_order': 'no', 'shape': (3,)}", "fortran_order must be"),
                Arguments.of("{'descr': '<f4', 'fortran_order': False, 'shape': (3)}", "shape must be a tuple"),
                Arguments.of("{'descr': '<f4', 'fortran_order': False, 'shape': [3]}", "shape must be a tuple"),
                Arguments.of("{'descr': '<f4', 'fortran_order': False, 'shape': (3.0,)}", "shape must be a tuple"),
                Arguments.of("{'descr': '<f4', 'fortran_order': False, 'shape': (-3,)}", "negative dimension"),
                Arguments.of("{'descr': '<f4', 'fortran_order': False, 'shape': (2, - 1)}", "negative dimension"),
                Arguments.of("{'descr': '<f4', 'fortran_order': False, 'shape': (99999999999999999999,)}",
                        "beyond 2^63"),
                Arguments.of("{'descr': 5, 'fortran_order': False, 'shape': (3,)}", "descr must be a dtype"),
                Arguments.of("{'descr': '<f4', 'descr': '<f4', 'fortran_order': False, 'shape': (3,)}",
                        "appears twice"),
                Arguments.of("{'descr': '<f4, 'fortran_order': False, 'shape': (3,)}", "malformed"),
                Arguments.of("{'descr': '<f4', 'fortran_order': False, 'shape': (3,)", "ends before '}'"),
                Arguments.of("{'descr': '<f4', 'fortran_order': False, 'shape': (3,)} x", "after the dictionary"),
                Arguments.of("{'descr': '<f4', 'fortran_order': False, 'shape': (3,)}\0", "after the dictionary"),
                Arguments.of("{'descr': '<f4', 'fortran_order': False, 'shape': " + "(".repeat(5000) + "}",
                        "nested deeper"),
                Arguments.of("", "ends where a value was expected"),
                Arguments.of("{'descr': '<q9', 'fortran_order': False, 'shape': (3,)}", "unsupported dtype"),
                Arguments.of("{'descr': '<M8[ns]', 'fortran_order': False, 'shape': (3,)}", "(datetime)"));
    }

    @ParameterizedTest
    @MethodSource("malformedHeaders")
    void refusesMalformedHeaders(String header, String says) {
        Path file = Fixtures.write(dir, "bad.npy", npy(1, header, floats(1, 2, 3)));
        ArrayFileException e = refused(() -> Npy.read(file));
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(says), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line");
    }

    @Test
    void refusesBadMagicAndVersions() {
        Path csv = Fixtures.write(dir, "data.npy", "0,1,2\n3,4,5\n");
        assertTrue(refused(() -> Npy.read(csv)).getMessage().contains("not a .npy file: it must start with"));
        Path empty = Fixtures.write(dir, "empty.npy", new byte[0]);
        assertTrue(refused(() -> Npy.read(empty)).getMessage().contains("found an empty file"));
        Path almost = Fixtures.write(dir, "almost.npy", "\u0093NUMPX".getBytes(StandardCharsets.ISO_8859_1));
        assertTrue(refused(() -> Npy.read(almost)).getMessage().contains("found '\\u0093NUMPX'"));
        Path shortFile = Fixtures.write(dir, "short.npy", new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1});
        assertTrue(refused(() -> Npy.read(shortFile)).getMessage().contains("ends inside the .npy header"));
        byte[] header = dict("<f4", "(1,)").getBytes(StandardCharsets.ISO_8859_1);
        Path v4 = Fixtures.write(dir, "v4.npy", npy(4, 0, header, header.length, floats(1)));
        assertTrue(refused(() -> Npy.read(v4)).getMessage().contains("unsupported .npy format version 4.0"));
        Path v11 = Fixtures.write(dir, "v11.npy", npy(1, 1, header, header.length, floats(1)));
        assertTrue(refused(() -> Npy.read(v11)).getMessage().contains("version 1.1"));
        Path missing = dir.resolve("missing.npy");
        ArrayFileException e = refused(() -> Npy.read(missing));
        assertEquals(missing + ": cannot read: no such file or folder", e.getMessage());
        assertTrue(refused(() -> Npy.read(dir)).getMessage().contains("is a folder"));
    }

    @Test
    void refusesAVersionThreeHeaderThatIsNotUtf8() {
        byte[] header = dict("<f4", "(1,)").getBytes(StandardCharsets.ISO_8859_1);
        header[header.length - 2] = (byte) 0xFF; // a lone byte where UTF-8 needs a sequence
        Path file = Fixtures.write(dir, "latin.npy", npy(3, 0, header, header.length, floats(1)));
        assertTrue(refused(() -> Npy.read(file)).getMessage().contains("must be UTF-8"));
    }

    @Test
    @Timeout(10)
    void refusesAHugeClaimedShapeWithoutAllocatingIt() {
        Path file = Fixtures.write(dir, "huge.npy", npy(1, dict("<f4", "(1099511627776,)"), floats(1, 2, 3)));
        long allocated = Fixtures.allocatedBy(() -> Npy.read(file));
        ArrayFileException e = refused(() -> Npy.read(file));
        assertTrue(e.getMessage().contains("data truncated: shape (1099511627776,) of float32 needs 4398046511104"
                + " bytes but only 12 follow the header"), e.getMessage());
        assertTrue(allocated < ALLOCATION_BUDGET, "refusing it allocated " + allocated + " bytes");
        Path overflow = Fixtures.write(dir, "overflow.npy", npy(1,
                dict("<f8", "(4294967296, 4294967296, 4294967296)"), floats(1)));
        assertTrue(refused(() -> Npy.read(overflow)).getMessage().contains("needs more than 2^63 bytes"));
    }

    @Test
    @Timeout(10)
    void refusesAShapeOverTheElementLimitBeforeAllocating() {
        Path file = Fixtures.write(dir, "many.npy", npy(1, dict("<f4", "(4, 3)"), new byte[48]));
        ArrayFileException e = refused(() -> Npy.read(file, 11));
        assertTrue(e.getMessage().contains("shape (4, 3) of float32 has 12 elements, more than the limit of 11"),
                e.getMessage());
        assertEquals(12, Npy.read(file, 12).size());
        assertThrows(IllegalArgumentException.class, () -> Npy.read(file, -1));
        assertThrows(IllegalArgumentException.class, () -> Npy.read(file, 1L << 31));
        // Beside a zero dimension another may exceed int range: the array is empty but cannot be described.
        Path wide = Fixtures.write(dir, "wide.npy", npy(1, dict("<f4", "(0, 4294967296)"), new byte[0]));
        assertTrue(refused(() -> Npy.read(wide)).getMessage().contains("dimension 4294967296 is too large"));
    }

    @Test
    @Timeout(10)
    void refusesAHeaderLongerThan64KiBBeforeReadingIt() {
        byte[] text = dict("<f4", "(1,)").getBytes(StandardCharsets.ISO_8859_1);
        Path file = Fixtures.write(dir, "long.npy", npy(2, 0, text, 0xFFFF_FFF0L, floats(1)));
        long allocated = Fixtures.allocatedBy(() -> Npy.read(file));
        ArrayFileException e = refused(() -> Npy.read(file));
        assertTrue(e.getMessage().contains("header claims 4294967280 bytes, more than the 65536 allowed"),
                e.getMessage());
        assertTrue(allocated < ALLOCATION_BUDGET, "refusing it allocated " + allocated + " bytes");
        String padded = dict("<f4", "(1,)") + " ".repeat(70_000);
        Path real = Fixtures.write(dir, "real.npy", npy(2, padded, floats(1)));
        assertTrue(refused(() -> Npy.read(real)).getMessage().contains("more than the 65536 allowed"));
        Path beyondFile = Fixtures.write(dir, "beyond.npy", npy(1, 0, text, 60_000, new byte[0]));
        assertTrue(refused(() -> Npy.read(beyondFile)).getMessage().contains("file ends inside the .npy header"));
    }

    @Test
    void refusesTruncatedAndOverlongData() throws IOException {
        Path good = dir.resolve("good.npy");
        Npy.write(good, new int[] {10}, new float[10]);
        byte[] bytes = Files.readAllBytes(good);
        Path cut = Fixtures.write(dir, "cut.npy", Arrays.copyOf(bytes, bytes.length - 1));
        ArrayFileException e = refused(() -> Npy.read(cut));
        assertEquals(cut + ": data truncated: shape (10,) of float32 needs 40 bytes but only 39 follow the header",
                e.getMessage());
        Path longer = Fixtures.write(dir, "longer.npy", Arrays.copyOf(bytes, bytes.length + 5));
        assertTrue(refused(() -> Npy.read(longer)).getMessage().contains("5 unexpected bytes after the data"));
    }
}
