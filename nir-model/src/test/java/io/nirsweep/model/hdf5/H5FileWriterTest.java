package io.nirsweep.model.hdf5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.object.message.DataLayout;
import io.nirsweep.model.DType;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes trees with {@link H5FileWriter} and checks the files three ways: read back with jhdf, dumped with
 * the HDF5 library's own {@code h5dump} (which must be installed: Debian package hdf5-tools), and compared
 * byte for byte across two writes.
 */
class H5FileWriterTest {

    private static final String VERSION = "1.0.8.dev9+g7232ada";

    @TempDir
    Path dir;

    // ---------------------------------------------------------------------------------------------
    // A file like the corpus' generated/lif.nir (Input[3] -> LIF -> Output[3])
    // ---------------------------------------------------------------------------------------------

    /** The tree nir.write produces for generated/lif.nir; members are added out of name order on purpose. */
    private static H5Group lifTree() {
        H5Group root = H5Group.root();
        H5Group node = root.group("node");
        root.string("version", VERSION);
        node.string("type", "NIRGraph");
        node.strings("edges", new String[] {"input", "lif", "lif", "output"}, 2, 2);
        H5Group nodes = node.group("nodes");
        H5Group output = nodes.group("output");
        output.string("type", "Output");
        output.numeric("shape", DType.INT64, new int[] {1}, new long[] {3}, Storage.DEFLATE4);
        H5Group lif = nodes.group("lif");
        lif.string("type", "LIF");
        lif.numeric("v_threshold", DType.FLOAT64, new int[] {3}, new double[] {1, 1.5, 0.8}, Storage.DEFLATE4);
        lif.numeric("v_reset", DType.FLOAT64, new int[] {3}, new double[] {0, -0.5, 0.1}, Storage.DEFLATE4);
        lif.numeric("v_leak", DType.FLOAT64, new int[] {3}, new double[] {0, 0, 0.1}, Storage.DEFLATE4);
        lif.numeric("tau", DType.FLOAT64, new int[] {3}, new double[] {0.01, 0.02, 0.005}, Storage.DEFLATE4);
        lif.numeric("r", DType.FLOAT64, new int[] {3}, new double[] {1, 2, 0.5}, Storage.DEFLATE4);
        H5Group input = nodes.group("input");
        input.string("type", "Input");
        input.numeric("shape", DType.INT64, new int[] {1}, new long[] {3}, Storage.DEFLATE4);
        return root;
    }

    @Test
    void lifFileReadsBackWithJhdf() throws IOException {
        Path file = write(lifTree(), "lif.nir");
        try (HdfFile hdf = new HdfFile(file)) {
            assertEquals(List.of("node", "version"), names(hdf));
            assertEquals(VERSION, hdf.getDatasetByPath("version").getData());
            assertEquals(List.of("edges", "nodes", "type"), names((Group) hdf.getByPath("node")));
            assertEquals(List.of("input", "lif", "output"), names((Group) hdf.getByPath("node/nodes")));
            assertEquals(List.of("r", "tau", "type", "v_leak", "v_reset", "v_threshold"),
                    names((Group) hdf.getByPath("node/nodes/lif")));

            Dataset edges = hdf.getDatasetByPath("node/edges");
            assertArrayEquals(new int[] {2, 2}, edges.getDimensions());
            assertArrayEquals(new String[][] {{"input", "lif"}, {"lif", "output"}}, (String[][]) edges.getData());
            assertEquals(DataLayout.CONTIGUOUS, edges.getDataLayout());

            Dataset tau = hdf.getDatasetByPath("node/nodes/lif/tau");
            assertArrayEquals(new double[] {0.01, 0.02, 0.005}, (double[]) tau.getData());
            assertEquals(DataLayout.CHUNKED, tau.getDataLayout());
            assertEquals("deflate", tau.getFilters().get(0).getName());
            assertArrayEquals(new int[] {4}, tau.getFilters().get(0).getFilterData());
            assertArrayEquals(new long[] {3}, (long[]) hdf.getDatasetByPath("node/nodes/input/shape").getData());
            assertEquals("Output", hdf.getDatasetByPath("node/nodes/output/type").getData());
            assertNoAttributes(hdf);
        }
    }

    /**
     * Everything h5dump reports (types, shapes, values, layouts, filters, compressed sizes, fill and
     * allocation settings) equals its report on the file nir.write produced; only addresses differ.
     */
    @Test
    void lifFileDumpsLikeTheReferenceFile() throws IOException {
        Path reference = corpusFile("generated/lif.nir");
        Path file = write(lifTree(), "lif.nir");
        assertEquals(H5Dump.withoutFileName(H5Dump.run(dir, reference)), H5Dump.withoutFileName(H5Dump.run(dir, file)));
        assertEquals(H5Dump.withoutAddresses(H5Dump.withoutFileName(H5Dump.run(dir, "-p", "-H", reference))),
                H5Dump.withoutAddresses(H5Dump.withoutFileName(H5Dump.run(dir, "-p", "-H", file))));
    }

    // ---------------------------------------------------------------------------------------------
    // Every datatype, rank and storage, plus the edge cases
    // ---------------------------------------------------------------------------------------------

    private static final DType[] NUMERIC = {
        DType.INT8, DType.INT16, DType.INT32, DType.INT64, DType.UINT8, DType.UINT16, DType.UINT32, DType.UINT64,
        DType.FLOAT16, DType.FLOAT32, DType.FLOAT64
    };

    /** Per kind: a deflated (2,3) array and a scalar; values include each kind's extremes. */
    private static H5Group everythingTree() {
        H5Group root = H5Group.root();
        root.string("version", VERSION);
        H5Group kinds = root.group("kinds");
        for (DType type : NUMERIC) {
            if (type.isFloating()) {
                kinds.numeric(type.numpyName(), type, new int[] {2, 3}, floats(type), Storage.DEFLATE4);
                kinds.numeric(type.numpyName() + "_scalar", type, new int[0], new double[] {-2.5}, Storage.DEFLATE4);
            } else {
                kinds.numeric(type.numpyName(), type, new int[] {2, 3}, integers(type), Storage.DEFLATE4);
                kinds.numeric(type.numpyName() + "_scalar", type, new int[0], new long[] {7}, Storage.CONTIGUOUS);
            }
        }
        H5Group cases = root.group("cases");
        cases.numeric("f32_contiguous", DType.FLOAT32, new int[] {2, 2}, new double[] {1, -1, 0.5, 1e30},
                Storage.CONTIGUOUS);
        cases.numeric("i64_rank3", DType.INT64, new int[] {2, 1, 3}, new long[] {0, 1, 2, 3, 4, 5}, Storage.DEFLATE4);
        cases.numeric("empty_f32", DType.FLOAT32, new int[] {0}, new double[0], Storage.DEFLATE4);
        cases.numeric("empty_i64_0x2", DType.INT64, new int[] {0, 2}, new long[0], Storage.DEFLATE4);
        cases.numeric("empty_i64_contiguous", DType.INT64, new int[] {0, 2}, new long[0], Storage.CONTIGUOUS);
        cases.strings("no_edges", new String[0], 0, 2);
        cases.string("empty_string", "");
        cases.string("unicode_string", "τ = 5 ms ✓ 😀");
        cases.strings("row", new String[] {"a", "bb", "ccc"}, 3);
        cases.bools("flag", new boolean[] {true}, new int[0], Storage.CONTIGUOUS);
        cases.bools("flags", new boolean[] {true, false, false, true}, new int[] {2, 2}, Storage.DEFLATE4);
        H5Group deep = root.group("a").group("b").group("c").group("d");
        deep.group("e").string("leaf", "deep");
        deep.group("empty");
        H5Group names = root.group("names");
        for (String name : UNICODE_NAMES) {
            names.string(name, name);
        }
        return root;
    }

    /** Inserted in this order; HDF5 lists them by UTF-8 bytes (see {@link #unicodeNamesInByteOrder}). */
    private static final List<String> UNICODE_NAMES =
            List.of("😀", "Ａ", "日本語", "with space", "dot.name", "0starts_with_digit", "Zeta", "alpha", "Ünïcödé");

    private static double[] floats(DType type) {
        return switch (type) {
            case FLOAT16 -> new double[] {0, -1.5, 65504, 0x1p-24, Double.POSITIVE_INFINITY, 0.099975586};
            case FLOAT32 -> new double[] {0, -1.5, Float.MAX_VALUE, Float.MIN_VALUE, Double.NEGATIVE_INFINITY, 0.1f};
            default -> new double[] {0, -1.5, Double.MAX_VALUE, Double.MIN_VALUE, Double.NaN, 0.1};
        };
    }

    private static long[] integers(DType type) {
        return switch (type) {
            case INT8 -> new long[] {Byte.MIN_VALUE, -1, 0, 1, 2, Byte.MAX_VALUE};
            case INT16 -> new long[] {Short.MIN_VALUE, -1, 0, 1, 2, Short.MAX_VALUE};
            case INT32 -> new long[] {Integer.MIN_VALUE, -1, 0, 1, 2, Integer.MAX_VALUE};
            case INT64 -> new long[] {Long.MIN_VALUE, -1, 0, 1, 2, Long.MAX_VALUE};
            case UINT8 -> new long[] {0, 1, 2, 3, 128, 255};
            case UINT16 -> new long[] {0, 1, 2, 3, 32768, 65535};
            case UINT32 -> new long[] {0, 1, 2, 3, 1L << 31, 0xFFFF_FFFFL};
            default -> new long[] {0, 1, 2, 3, Long.MIN_VALUE, -1}; // uint64 2^63 and 2^64-1
        };
    }

    @Test
    void everyKindReadsBackWithJhdf() throws IOException {
        Path file = write(everythingTree(), "everything.h5");
        try (HdfFile hdf = new HdfFile(file)) {
            assertEquals(List.of("a", "cases", "kinds", "names", "version"), names(hdf));
            for (DType type : NUMERIC) {
                Dataset array = hdf.getDatasetByPath("kinds/" + type.numpyName());
                Dataset scalar = hdf.getDatasetByPath("kinds/" + type.numpyName() + "_scalar");
                assertArrayEquals(new int[] {2, 3}, array.getDimensions(), type.numpyName());
                assertEquals(DataLayout.CHUNKED, array.getDataLayout(), type.numpyName());
                assertTrue(scalar.isScalar(), type.numpyName());
                assertEquals(DataLayout.CONTIGUOUS, scalar.getDataLayout(), type.numpyName());
                if (type.isFloating()) {
                    double[] expected = floats(type);
                    if (type == DType.FLOAT16) {
                        expected[5] = 0.0999755859375; // 0.099975586 rounded to binary16
                    }
                    assertArrayEquals(expected, doubles(array.getDataFlat()), type.numpyName());
                    assertEquals(-2.5, ((Number) scalar.getData()).doubleValue(), type.numpyName());
                } else {
                    assertArrayEquals(integers(type), longs(array.getDataFlat()), type.numpyName());
                    assertEquals(7, ((Number) scalar.getData()).longValue(), type.numpyName());
                }
            }

            assertArrayEquals(new double[] {1, -1, 0.5, 1e30f}, doubles(hdf.getDatasetByPath("cases/f32_contiguous")
                    .getDataFlat()));
            Dataset rank3 = hdf.getDatasetByPath("cases/i64_rank3");
            assertArrayEquals(new int[] {2, 1, 3}, rank3.getDimensions());
            assertArrayEquals(new long[] {0, 1, 2, 3, 4, 5}, longs(rank3.getDataFlat()));
            for (String empty : List.of("empty_f32", "empty_i64_0x2", "empty_i64_contiguous", "no_edges")) {
                Dataset dataset = hdf.getDatasetByPath("cases/" + empty);
                assertTrue(dataset.isEmpty(), empty);
                assertNull(dataset.getData(), empty); // jhdf 0.13 reads h5py's empty datasets the same way
            }
            assertArrayEquals(new int[] {0, 2}, hdf.getDatasetByPath("cases/empty_i64_0x2").getDimensions());
            assertArrayEquals(new int[] {0, 2}, hdf.getDatasetByPath("cases/no_edges").getDimensions());
            assertEquals("", hdf.getDatasetByPath("cases/empty_string").getData());
            assertEquals("τ = 5 ms ✓ 😀", hdf.getDatasetByPath("cases/unicode_string").getData());
            assertArrayEquals(new String[] {"a", "bb", "ccc"}, (String[]) hdf.getDatasetByPath("cases/row").getData());
            assertEquals("TRUE", hdf.getDatasetByPath("cases/flag").getData()); // jhdf reads enums as names
            assertArrayEquals(new String[][] {{"TRUE", "FALSE"}, {"FALSE", "TRUE"}},
                    (String[][]) hdf.getDatasetByPath("cases/flags").getData());

            assertEquals("deep", hdf.getDatasetByPath("a/b/c/d/e/leaf").getData());
            assertEquals(List.of(), names((Group) hdf.getByPath("a/b/c/d/empty")));
            assertEquals(unicodeNamesInByteOrder(), names((Group) hdf.getByPath("names")));
            for (String name : UNICODE_NAMES) {
                assertEquals(name, hdf.getDatasetByPath("names/" + name).getData());
            }
            assertNoAttributes(hdf);
        }
    }

    @Test
    void everyKindDumpsWithTheExpectedTypesAndStorage() throws IOException {
        Path file = write(everythingTree(), "everything.h5");
        String dump = H5Dump.run(dir, file);
        String expectedTypes = """
                kinds/float16 16-bit little-endian floating-point 16-bit precision
                kinds/float32 H5T_IEEE_F32LE
                kinds/float64 H5T_IEEE_F64LE
                kinds/int16 H5T_STD_I16LE
                kinds/int32 H5T_STD_I32LE
                kinds/int64 H5T_STD_I64LE
                kinds/int8 H5T_STD_I8LE
                kinds/uint16 H5T_STD_U16LE
                kinds/uint32 H5T_STD_U32LE
                kinds/uint64 H5T_STD_U64LE
                kinds/uint8 H5T_STD_U8LE
                """;
        for (String line : expectedTypes.strip().split("\n")) {
            String[] parts = line.split(" ", 2);
            assertEquals(parts[1], datatypeOf(dataset(dump, parts[0])), parts[0]);
        }
        assertTrue(dataset(dump, "kinds/uint64").contains("(0,0): 0, 1, 2,\n         (1,0): 3, 9223372036854775808, 18446744073709551615"),
                dataset(dump, "kinds/uint64"));
        assertTrue(dataset(dump, "kinds/int8").contains("(0,0): -128, -1, 0,"), dataset(dump, "kinds/int8"));
        assertTrue(dataset(dump, "kinds/float16_scalar").contains("DATASPACE  SCALAR"));

        String vlenUtf8 = """
                H5T_STRING {
                            STRSIZE H5T_VARIABLE;
                            STRPAD H5T_STR_NULLTERM;
                            CSET H5T_CSET_UTF8;
                            CTYPE H5T_C_S1;
                         }""";
        String row = dataset(dump, "cases/row");
        assertEquals(vlenUtf8, datatypeOf(row));
        assertTrue(row.contains("(0): \"a\", \"bb\", \"ccc\""), row);
        String noEdges = dataset(dump, "cases/no_edges");
        assertEquals(vlenUtf8, datatypeOf(noEdges));
        assertTrue(noEdges.contains("DATASPACE  SIMPLE { ( 0, 2 ) / ( 0, 2 ) }"), noEdges);
        String unicode = dataset(dump, "cases/unicode_string");
        assertTrue(unicode.contains("(0): \"" + asH5dumpPrintsIt("τ = 5 ms ✓ 😀") + "\""), unicode);
        assertTrue(dataset(dump, "cases/empty_string").contains("(0): \"\""));
        assertTrue(dump.contains("DATASET \"version\" {\n      DATATYPE  H5T_STRING {\n         STRSIZE H5T_VARIABLE;"));

        String boolEnum = "H5T_ENUM {\n            H5T_STD_I8LE;\n            \"FALSE\"            0;\n"
                + "            \"TRUE\"             1;\n         }";
        assertEquals(boolEnum, datatypeOf(dataset(dump, "cases/flag")));
        assertTrue(dataset(dump, "cases/flag").contains("DATASPACE  SCALAR"));
        assertTrue(dataset(dump, "cases/flags").contains("(0,0): TRUE, FALSE,"), dataset(dump, "cases/flags"));
        assertFalse(dump.contains("ATTRIBUTE"), "no attributes anywhere");

        String storage = H5Dump.run(dir, "-p", "-H", file);
        for (String compressed : List.of("kinds/float32", "kinds/int64", "kinds/uint8", "cases/flags",
                "cases/i64_rank3", "cases/empty_f32")) {
            String block = dataset(storage, compressed);
            assertTrue(block.contains("CHUNKED ("), compressed + ":\n" + block);
            assertTrue(block.contains("COMPRESSION DEFLATE { LEVEL 4 }"), compressed + ":\n" + block);
        }
        assertTrue(dataset(storage, "cases/empty_f32").contains("CHUNKED ( 1024 )"));
        assertTrue(dataset(storage, "cases/empty_i64_0x2").contains("CHUNKED ( 1024, 2 )"));
        for (String contiguous : List.of("version", "kinds/float32_scalar", "kinds/int64_scalar",
                "cases/f32_contiguous", "cases/empty_i64_contiguous", "cases/no_edges", "cases/flag")) {
            String block = dataset(storage, contiguous);
            assertTrue(block.contains("CONTIGUOUS"), contiguous + ":\n" + block);
            assertTrue(Pattern.compile("FILTERS \\{\\s+NONE").matcher(block).find(), contiguous + ":\n" + block);
        }
    }

    @Test
    void membersAreListedInUtf8ByteOrderByTheHdf5Library() throws IOException {
        Path file = write(everythingTree(), "everything.h5");
        String dump = H5Dump.run(dir, "-g", "/names", "-H", file);
        List<String> listed = new ArrayList<>();
        Matcher matcher = Pattern.compile("DATASET \"(.*)\" \\{").matcher(dump);
        while (matcher.find()) {
            listed.add(matcher.group(1));
        }
        assertEquals(unicodeNamesInByteOrder(), listed);
    }

    /** Byte order differs from {@link String#compareTo} here: U+FF21 'Ａ' (EF BC A1) sorts before U+1F600 (F0 ..). */
    private static List<String> unicodeNamesInByteOrder() {
        List<String> expected = List.of("0starts_with_digit", "Zeta", "alpha", "dot.name", "with space", "Ünïcödé",
                "日本語", "Ａ", "😀");
        List<String> byUtf16 = new ArrayList<>(UNICODE_NAMES);
        byUtf16.sort(null);
        assertFalse(byUtf16.equals(expected), "the names must tell byte order from UTF-16 order");
        return expected;
    }

    @Test
    void theSameTreeGivesIdenticalBytes() throws IOException {
        assertArrayEquals(Files.readAllBytes(write(everythingTree(), "first.h5")),
                Files.readAllBytes(write(everythingTree(), "second.h5")));
        assertArrayEquals(Files.readAllBytes(write(lifTree(), "first.nir")),
                Files.readAllBytes(write(lifTree(), "second.nir")));
    }

    @Test
    void writingReplacesAnExistingFile() throws IOException {
        Path file = dir.resolve("replaced.h5");
        Files.write(file, new byte[1 << 20]);
        H5FileWriter.write(lifTree(), file);
        assertArrayEquals(Files.readAllBytes(write(lifTree(), "fresh.h5")), Files.readAllBytes(file));
    }

    // ---------------------------------------------------------------------------------------------
    // Structures that grow past one node: symbol table nodes, B-tree levels, heap collections, chunks
    // ---------------------------------------------------------------------------------------------

    /** 300 links need 38 symbol table nodes, so the group B-tree has two leaves under a root. */
    @Test
    void largeGroupsSpanSeveralSymbolTableNodesAndBTreeLevels() throws IOException {
        H5Group root = H5Group.root();
        H5Group many = root.group("many");
        List<String> expected = new ArrayList<>();
        for (int i = 299; i >= 0; i--) {
            many.numeric("n" + i, DType.INT32, new int[0], new long[] {i}, Storage.CONTIGUOUS);
            expected.add("n" + i);
        }
        expected.sort(null); // ASCII: byte order equals String order
        Path file = write(root, "many.h5");
        try (HdfFile hdf = new HdfFile(file)) {
            Group group = (Group) hdf.getByPath("many");
            assertEquals(expected, names(group));
            for (int i = 0; i < 300; i++) {
                assertEquals(i, ((Number) hdf.getDatasetByPath("many/n" + i).getData()).intValue());
            }
        }
        String dump = H5Dump.run(dir, "-d", "/many/n299", file);
        assertTrue(dump.contains("(0): 299"), dump);
    }

    /** 5000 strings plus one longer than a minimum-size collection need several global heap collections. */
    @Test
    void manyAndLongStringsSpanSeveralGlobalHeapCollections() throws IOException {
        String[] values = new String[5001];
        for (int i = 0; i < 5000; i++) {
            values[i] = "node_" + i;
        }
        values[5000] = "x".repeat(10_000);
        H5Group root = H5Group.root();
        root.strings("edges", values, 5001);
        root.string("after", "still readable");
        Path file = write(root, "strings.h5");
        try (HdfFile hdf = new HdfFile(file)) {
            assertArrayEquals(values, (String[]) hdf.getDatasetByPath("edges").getData());
            assertEquals("still readable", hdf.getDatasetByPath("after").getData());
        }
        String dump = H5Dump.run(dir, "-d", "/edges", "-s", "4999", "-c", "2", file);
        assertTrue(dump.contains("(4999): \"node_4999\","), dump);
        assertTrue(dump.contains("(5000): \"" + "x".repeat(10_000) + "\""), dump);
    }

    /** A 9.6 MB array splits into (1, 131072) chunks of 1 MiB, with a zero-padded partial chunk per row. */
    @Test
    void largeArraysAreSplitIntoChunksOfAtMostOneMebibyte() throws IOException {
        int columns = 400_000;
        double[] values = new double[3 * columns];
        for (int i = 0; i < values.length; i++) {
            values[i] = i % 1000 + 0.5;
        }
        H5Group root = H5Group.root();
        root.numeric("w", DType.FLOAT64, new int[] {3, columns}, values, Storage.DEFLATE4);
        Path file = write(root, "large.h5");
        try (HdfFile hdf = new HdfFile(file)) {
            assertArrayEquals(values, (double[]) hdf.getDatasetByPath("w").getDataFlat());
        }
        assertTrue(H5Dump.run(dir, "-p", "-H", file).contains("CHUNKED ( 1, 131072 )"));
        String dump = H5Dump.run(dir, "-d", "/w", "-s", "2,399998", "-c", "1,2", file);
        assertTrue(dump.contains("(2,399998): 998.5, 999.5"), dump); // elements 1199998 and 1199999
    }

    /** 65 chunks overflow one chunk B-tree node (64 children), so the index gets a second level. */
    @Test
    void chunkIndexesDeeperThanOneNodeAreReadable() throws IOException {
        int chunkLength = (int) (Chunking.TARGET_BYTES / 8);
        double[] values = new double[64 * chunkLength + 3];
        for (int i = 0; i < values.length; i++) {
            values[i] = i % 1000;
        }
        H5Group root = H5Group.root();
        root.numeric("x", DType.FLOAT64, new int[] {values.length}, values, Storage.DEFLATE4);
        Path file = write(root, "deep-index.h5");
        try (HdfFile hdf = new HdfFile(file)) {
            assertArrayEquals(values, (double[]) hdf.getDatasetByPath("x").getData());
        }
        int last = values.length - 1;
        String dump = H5Dump.run(dir, "-d", "/x", "-s", String.valueOf(last - 1), "-c", "2", file);
        assertTrue(dump.contains("(" + (last - 1) + "): " + (last - 1) % 1000 + ", " + last % 1000), dump);
    }

    @Test
    void chunkShapeFollowsTheOneMebibyteRule() {
        assertArrayEquals(new int[] {3}, Chunking.shape(new int[] {3}, 8));
        assertArrayEquals(new int[] {512, 256}, Chunking.shape(new int[] {512, 256}, 8)); // exactly 1 MiB
        assertArrayEquals(new int[] {512, 256}, Chunking.shape(new int[] {1000, 256}, 8));
        assertArrayEquals(new int[] {1, 131072}, Chunking.shape(new int[] {3, 400_000}, 8));
        assertArrayEquals(new int[] {1, 1, 65536, 4}, Chunking.shape(new int[] {5, 2, 100_000, 4}, 4));
        assertArrayEquals(new int[] {1024}, Chunking.shape(new int[] {0}, 4));
        assertArrayEquals(new int[] {1024, 2}, Chunking.shape(new int[] {0, 2}, 8));
        assertArrayEquals(new int[] {1, 1, 1 << 20}, Chunking.shape(new int[] {2, 2, 3 << 20}, 1));
    }

    // ---------------------------------------------------------------------------------------------
    // Conversions and validation
    // ---------------------------------------------------------------------------------------------

    /** Expected patterns are NumPy's ({@code np.float16(x).view(np.uint16)}). */
    @Test
    void float16ConversionRoundsToNearestEven() {
        double[] values = {1.5, 65504, 65519.99, 65520, 1e-8, 0x1p-25, 3 * 0x1p-26, 0x1p-24, 6.1e-5, -0.0,
            Double.POSITIVE_INFINITY, -1e10, 0.1, 1.0 / 3, 2049, 2051, -0x1p-14, 0x1p-14 - 0x1p-25};
        int[] expected = {0x3e00, 0x7bff, 0x7bff, 0x7c00, 0x0000, 0x0000, 0x0001, 0x0001, 0x03ff, 0x8000,
            0x7c00, 0xfc00, 0x2e66, 0x3555, 0x6800, 0x6802, 0x8400, 0x0400};
        for (int i = 0; i < values.length; i++) {
            assertEquals(expected[i], Float16.bits(values[i]), "float16 of " + values[i]);
        }
        int nan = Float16.bits(Double.NaN);
        assertTrue((nan & 0x7c00) == 0x7c00 && (nan & 0x03ff) != 0, "NaN stays NaN");
    }

    @Test
    void invalidInputIsRejectedWithAPreciseMessage() {
        H5Group root = H5Group.root();
        H5Group node = root.group("node");
        node.string("type", "LIF");
        assertRejected("/node: duplicate member name 'type'", () -> node.group("type"));
        assertRejected("/node: member name 'a/b' must not contain '/' or NUL", () -> node.string("a/b", "x"));
        assertRejected("/node: member name 'a\\0' must not contain '/' or NUL", () -> node.string("a\0", "x"));
        assertRejected("/node: member name must not be null or empty", () -> node.group(""));
        assertRejected("/node: member name '.' is reserved by HDF5 paths", () -> node.group("."));
        assertRejected("/node/w: dims [2, 3] hold 6 elements but 5 values were given",
                () -> node.numeric("w", DType.FLOAT32, new int[] {2, 3}, new double[5], Storage.DEFLATE4));
        assertRejected("/node/w: negative dimension in [2, -1]",
                () -> node.numeric("w", DType.FLOAT32, new int[] {2, -1}, new double[0], Storage.DEFLATE4));
        assertRejected("/node/s: dims [] hold 1 elements but 0 values were given",
                () -> node.strings("s", new String[0]));
        assertRejected("/node/e: dims [2, 2] hold 4 elements but 2 values were given",
                () -> node.strings("e", new String[] {"a", "b"}, 2, 2));
        assertRejected("/node/s: string at index 1 is null", () -> node.strings("s", new String[] {"a", null}, 2));
        assertRejected("/node/s: string at index 0 contains NUL", () -> node.string("s", "a\0b"));
        assertRejected("/node/s: string at index 0 has an unpaired surrogate", () -> node.string("s", "\uD83D"));
        assertRejected("/node/i: value 128 at index 1 is out of range for int8",
                () -> node.numeric("i", DType.INT8, new int[] {2}, new long[] {1, 128}, Storage.DEFLATE4));
        assertRejected("/node/u: value -1 at index 0 is out of range for uint32",
                () -> node.numeric("u", DType.UINT32, new int[0], new long[] {-1}, Storage.CONTIGUOUS));
        assertRejected("/node/f: double values need a float dtype, got int64 (pass long values for integer dtypes)",
                () -> node.numeric("f", DType.INT64, new int[0], new double[] {1}, Storage.CONTIGUOUS));
        assertRejected("/node/b: long values need an integer dtype, got bool (use bools)",
                () -> node.numeric("b", DType.BOOL, new int[0], new long[] {1}, Storage.CONTIGUOUS));
        assertRejected("/node/x: rank 33 exceeds HDF5's maximum 32",
                () -> node.numeric("x", DType.INT8, new int[33], new long[0], Storage.CONTIGUOUS));
        assertEquals(List.of("type"), List.copyOf(node.members().keySet()), "rejected members are not added");
    }

    private static void assertRejected(String message, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertEquals(message, e.getMessage());
    }

    // ---------------------------------------------------------------------------------------------
    // Helpers
    // ---------------------------------------------------------------------------------------------

    private Path write(H5Group root, String name) throws IOException {
        Path file = dir.resolve(name);
        H5FileWriter.write(root, file);
        return file;
    }

    private static Path corpusFile(String relative) {
        String corpus = System.getProperty("nirsweep.corpus");
        assertTrue(corpus != null, "system property nirsweep.corpus is not set (the module's surefire config sets it)");
        Path file = Path.of(corpus, relative);
        assertTrue(Files.isRegularFile(file), "missing corpus file " + file);
        return file;
    }

    private static List<String> names(Group group) {
        return List.copyOf(group.getChildren().keySet());
    }

    private static void assertNoAttributes(Node node) {
        assertEquals(0, node.getAttributes().size(), "attributes on " + node.getPath());
        if (node instanceof Group group) {
            group.getChildren().values().forEach(H5FileWriterTest::assertNoAttributes);
        }
    }

    private static double[] doubles(Object flatArray) {
        double[] values = new double[Array.getLength(flatArray)];
        for (int i = 0; i < values.length; i++) {
            values[i] = ((Number) Array.get(flatArray, i)).doubleValue();
        }
        return values;
    }

    /** Unsigned 64-bit values arrive as BigInteger; their low 64 bits are the writer's long. */
    private static long[] longs(Object flatArray) {
        long[] values = new long[Array.getLength(flatArray)];
        for (int i = 0; i < values.length; i++) {
            values[i] = ((Number) Array.get(flatArray, i)).longValue();
        }
        return values;
    }

    /** The block h5dump prints for the dataset at {@code path} (relative to the root). */
    private static String dataset(String dump, String path) {
        String[] parts = path.split("/");
        int from = 0;
        for (int i = 0; i < parts.length; i++) {
            String keyword = i == parts.length - 1 ? "DATASET" : "GROUP";
            from = dump.indexOf(keyword + " \"" + parts[i] + "\" {", from);
            assertTrue(from >= 0, "no " + path + " in h5dump output");
        }
        int lineStart = dump.lastIndexOf('\n', from) + 1;
        String closing = "\n" + " ".repeat(from - lineStart) + "}";
        int end = dump.indexOf(closing, from);
        return dump.substring(from, end + closing.length());
    }

    /** The datatype h5dump prints in a dataset block: one token, or a {...} block. */
    private static String datatypeOf(String datasetBlock) {
        int start = datasetBlock.indexOf("DATATYPE  ") + "DATATYPE  ".length();
        int end = datasetBlock.indexOf("\n", start);
        if (datasetBlock.charAt(end - 1) == '{') {
            end = datasetBlock.indexOf("}", end) + 1;
        }
        return datasetBlock.substring(start, end);
    }

    /** h5dump prints string data byte by byte, each non-ASCII byte as an octal escape of its sign-extended value. */
    private static String asH5dumpPrintsIt(String value) {
        StringBuilder printed = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            printed.append(b >= 0 ? String.valueOf((char) b) : "\\" + Integer.toOctalString(b));
        }
        return printed.toString();
    }

}
