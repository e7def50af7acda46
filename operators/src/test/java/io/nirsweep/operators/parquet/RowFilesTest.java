package io.nirsweep.operators.parquet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nirsweep.operators.storage.ParquetFiles;
import io.nirsweep.operators.storage.Storage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link RowFiles} and {@link ParquetTables#merge}: the units' row files of a partition become the Parquet file a
 * writer makes of the same rows, byte for byte; a damaged row file is refused naming it, and nothing is written.
 */
final class RowFilesTest {

    @TempDir
    Path root;

    /** Writes one row file. */
    private interface RowWriter {
        void write(OutputStream out) throws IOException;
    }

    private Path rowFile(String name, RowWriter rows) throws IOException {
        Path file = root.resolve("work").resolve(name);
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file)) {
            rows.write(out);
        }
        return file;
    }

    private static List<RowFiles.Part> parts(List<Path> files) {
        return files.stream().map(f -> ParquetFiles.rowFile(Storage.file(f.toString()))).toList();
    }

    private static ParquetTables.Target at(Path file) {
        return ParquetFiles.target(Storage.file(file.toString()));
    }

    private static CellRow cell(String cellId, int sample, int[] counts, Integer label, String error) {
        return new CellRow("s", cellId, sample, "m.nir", "ab", "exact", "nir-1.0.6",
                "{\"dt\":1e-4}", error == null ? 1e-4 : null, "noise", label, 100, counts,
                label, error == null ? CellRow.OK : "failed", error, 1.5 + sample, "0.1.0");
    }

    /** Cells with lists full and empty, nulls and values in the optional columns, a non-ASCII message. */
    private static List<CellRow> cells() {
        List<CellRow> rows = new ArrayList<>();
        for (int p = 0; p < 6; p++) {
            rows.add(cell("c" + p, 0, new int[] {p, -2 * p, Integer.MAX_VALUE, Integer.MIN_VALUE}, p, null));
            rows.add(cell("c" + p, 1, new int[0], null, "model refused: τ ≤ 0 at node 'lif' " + p));
        }
        return rows;
    }

    private static List<SpikeRow> spikes(int n) {
        List<SpikeRow> rows = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            rows.add(new SpikeRow("s", "c" + k / 500, k % 7, k % 3 == 0 ? "lif" : "block/lif", k % 384, k, 1 + k % 3));
        }
        return rows;
    }

    private static List<TraceRow> traces() {
        List<TraceRow> rows = new ArrayList<>();
        float[] values = {0f, -0f, 1.5f, -3.25e-7f, Float.MAX_VALUE, Float.MIN_VALUE, Float.NaN, Float.NEGATIVE_INFINITY};
        for (int k = 0; k < 40; k++) {
            rows.add(new TraceRow("s", "c" + k / 10, k % 2, "li", k % 5, k, values[k % values.length]));
        }
        return rows;
    }

    private static List<MappingRow> mapping() {
        return List.of(
                new MappingRow("s", "c0", "m.nir", "ab", "chip", "{}", 1e-3, true, List.of(), 0.25, 0.125, null,
                        null, "lif → core 0 (3 neurons)", "[{\"resource\":\"cores\",\"used\":1}]"),
                new MappingRow("s", "c1", "m.nir", "ab", "chip", "{\"w\":8}", 1e-4, false,
                        List.of("node 'lif1': neurons per core 8 > 4", "node 'li': fan-in 900 > 512"), null, null, 1.0,
                        Double.MIN_VALUE, null, "[]"));
    }

    /** Writes {@code rows} split into row files of {@code size} rows each; the files. */
    private <T> List<Path> split(String table, List<T> rows, int size, RowsOf<T> writer) throws IOException {
        List<Path> files = new ArrayList<>();
        for (int from = 0; from < rows.size(); from += size) {
            List<T> slice = rows.subList(from, Math.min(rows.size(), from + size));
            files.add(rowFile(table + "/part-" + from + ".rows", out -> writer.write(out, slice)));
        }
        return files;
    }

    private interface RowsOf<T> {
        void write(OutputStream out, List<T> rows) throws IOException;
    }

    @Test
    void everyTableMergesIntoTheBytesItsWriterMakesOfTheSameRows() throws Exception {
        List<SpikeRow> spikes = spikes(2000);
        ParquetTables.writeSpikes(at(root.resolve("direct/spikes.parquet")), spikes);
        assertEquals(2000, ParquetTables.merge(parts(split("spikes", spikes, 300, RowFiles::writeSpikes)),
                at(root.resolve("merged/spikes.parquet"))));
        ParquetTables.writeTraces(at(root.resolve("direct/traces.parquet")), traces());
        ParquetTables.merge(parts(split("traces", traces(), 7, RowFiles::writeTraces)),
                at(root.resolve("merged/traces.parquet")));
        ParquetTables.writeCells(at(root.resolve("direct/cells.parquet")), cells());
        ParquetTables.merge(parts(split("cells", cells(), 5, RowFiles::writeCells)),
                at(root.resolve("merged/cells.parquet")));
        ParquetTables.writeMapping(at(root.resolve("direct/mapping.parquet")), mapping());
        ParquetTables.merge(parts(split("mapping", mapping(), 1, RowFiles::writeMapping)),
                at(root.resolve("merged/mapping.parquet")));
        for (String table : List.of("spikes", "traces", "cells", "mapping")) {
            assertArrayEquals(Files.readAllBytes(root.resolve("direct/" + table + ".parquet")),
                    Files.readAllBytes(root.resolve("merged/" + table + ".parquet")), table);
        }
        // and what the report reads back is the rows written
        List<CellRow> read = new ArrayList<>();
        TableRows.forEachCell(List.of(new org.apache.parquet.io.LocalInputFile(root.resolve("merged/cells.parquet"))),
                read::add);
        assertEquals(cells(), read);
    }

    @Test
    void mergingAgainGivesTheSameBytesAndTheOrderGivenIsKept() throws Exception {
        List<Path> files = split("cells", cells(), 4, RowFiles::writeCells);
        Path first = root.resolve("out/first.parquet");
        ParquetTables.merge(parts(files), at(first));
        byte[] bytes = Files.readAllBytes(first);
        ParquetTables.merge(parts(files), at(first)); // a retried merge replaces the file with the same bytes
        assertArrayEquals(bytes, Files.readAllBytes(first));

        Path reversed = root.resolve("out/reversed.parquet");
        ParquetTables.merge(parts(List.of(files.get(2), files.get(1), files.get(0))), at(reversed));
        List<CellRow> rows = cells();
        List<CellRow> expected = new ArrayList<>(rows.subList(8, 12));
        expected.addAll(rows.subList(4, 8));
        expected.addAll(rows.subList(0, 4));
        Path direct = root.resolve("out/direct.parquet");
        ParquetTables.writeCells(at(direct), expected);
        assertArrayEquals(Files.readAllBytes(direct), Files.readAllBytes(reversed));
    }

    @Test
    void aFileWithNoRowsAddsNone() throws Exception {
        List<Path> files = new ArrayList<>(split("spikes", spikes(10), 10, RowFiles::writeSpikes));
        files.add(rowFile("spikes/empty.rows", out -> RowFiles.writeSpikes(out, List.of())));
        assertEquals(10, ParquetTables.merge(parts(files), at(root.resolve("out/spikes.parquet"))));
    }

    private void assertRefused(List<Path> files, String message) throws IOException {
        Path merged = root.resolve("refused/part-00000.parquet");
        IOException e = assertThrows(IOException.class, () -> ParquetTables.merge(parts(files), at(merged)));
        assertTrue(e.getMessage().contains(message), e.getMessage());
        assertFalse(Files.exists(merged));
        if (Files.exists(merged.getParent())) {
            try (Stream<Path> left = Files.list(merged.getParent())) {
                assertEquals(List.of(), left.toList(), "no temporary file is left");
            }
        }
    }

    @Test
    void rowsOfAnotherTableOrNoFilesAreRefusedAndNothingIsWritten() throws Exception {
        List<Path> files = new ArrayList<>(split("cells", cells(), 6, RowFiles::writeCells));
        files.add(rowFile("spikes/part-c9.rows", out -> RowFiles.writeSpikes(out, spikes(3))));
        assertRefused(files, "part-c9.rows: not a whole row file: holds rows of table spikes, not of cells");
        assertThrows(IllegalArgumentException.class,
                () -> ParquetTables.merge(List.of(), at(root.resolve("refused/none.parquet"))));
        assertFalse(Files.exists(root.resolve("refused/none.parquet")));
    }

    @Test
    void aTruncatedPaddedOrForeignFileIsRefusedNamingIt() throws Exception {
        Path whole = rowFile("cells/whole.rows", out -> RowFiles.writeCells(out, cells()));
        byte[] bytes = Files.readAllBytes(whole);
        for (int length = 0; length < bytes.length; length++) {
            Path cut = root.resolve("work/cells/cut.rows");
            Files.write(cut, Arrays.copyOf(bytes, length));
            assertRefused(List.of(whole, cut), "cut.rows: not");
        }
        Path padded = root.resolve("work/cells/padded.rows");
        Files.write(padded, Arrays.copyOf(bytes, bytes.length + 1));
        assertRefused(List.of(padded), "padded.rows: not a whole row file: bytes after its end");
        Path parquet = root.resolve("work/cells/part-0.parquet");
        ParquetTables.writeCells(at(parquet), cells());
        assertRefused(List.of(parquet), "part-0.parquet: not a row file");
    }

    /** A header and one spike row whose node string claims {@code length} bytes, of which {@code present} follow. */
    private static byte[] claimingString(long length, int present) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(RowFiles.MAGIC);
        varint(out, 6);
        out.write("spikes".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        out.write(1); // a row
        varint(out, 0); // sweep_id: new string 0
        varint(out, 1);
        out.write('s');
        varint(out, 0); // cell_id: string 0 again
        varint(out, 0); // sample 0
        varint(out, 1); // node: new string 1 of `length` bytes
        varint(out, length);
        out.write(new byte[present]);
        return out.toByteArray();
    }

    private static void varint(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    @Test
    void whatAFileClaimsIsNeverAllocatedAhead() throws Exception {
        Path huge = Files.createDirectories(root.resolve("work/spikes")).resolve("huge.rows");
        Files.write(huge, claimingString(RowFiles.MAX_STRING_BYTES, 3));
        assertRefused(List.of(huge), "huge.rows: not a whole row file: it ends early");
        Files.write(huge, claimingString(RowFiles.MAX_STRING_BYTES + 1L, 3));
        assertRefused(List.of(huge), "a length of 16777217, more than 16777216");
        Files.write(huge, claimingString(Long.MAX_VALUE, 0));
        assertRefused(List.of(huge), "huge.rows: not a whole row file");
        // a list claiming 2^32 - 1 elements, of which none follow
        byte[] cellsFile = Files.readAllBytes(rowFile("cells/one.rows",
                out -> RowFiles.writeCells(out, List.of(cell("c", 0, new int[] {1}, null, null)))));
        ByteArrayOutputStream claim = new ByteArrayOutputStream();
        int list = indexOfListCount(cellsFile);
        claim.write(cellsFile, 0, list);
        varint(claim, 0xFFFFFFFFL);
        Path longList = root.resolve("work/cells/list.rows"); // the folder rowFile made
        Files.write(longList, claim.toByteArray());
        assertRefused(List.of(longList), "list.rows: not a whole row file: it ends early");
    }

    /**
     * Where a one-row cells file written by {@link #cell} with one output count and no label keeps its list's count:
     * the byte 1 (the count) followed by the count 1 zigzagged (2), the predicted column's null (0).
     */
    private static int indexOfListCount(byte[] file) {
        for (int k = file.length - 1; k > 2; k--) {
            if (file[k - 2] == 1 && file[k - 1] == 2 && file[k] == 0) {
                return k - 2;
            }
        }
        throw new AssertionError("no list in " + Arrays.toString(file));
    }

    /**
     * Random damage to valid files — bytes changed, cut or doubled: the merge writes the file or refuses it with an
     * IOException naming it; nothing else escapes, and each try takes milliseconds.
     */
    @Test
    void fuzzedRowFilesAreMergedOrRefusedNamingThem() throws Exception {
        byte[] spikeBytes = Files.readAllBytes(rowFile("spikes/s.rows", out -> RowFiles.writeSpikes(out, spikes(60))));
        byte[] cellBytes = Files.readAllBytes(rowFile("cells/c.rows", out -> RowFiles.writeCells(out, cells())));
        SplittableRandom random = new SplittableRandom(20261207);
        Path fuzzed = root.resolve("work/fuzz/fuzzed.rows");
        Files.createDirectories(fuzzed.getParent());
        int refused = 0;
        int merged = 0;
        for (int k = 0; k < 3000; k++) {
            byte[] bytes = (k % 2 == 0 ? spikeBytes : cellBytes).clone();
            int changes = 1 + random.nextInt(3);
            for (int c = 0; c < changes; c++) {
                int at = random.nextInt(bytes.length);
                switch (random.nextInt(3)) {
                    case 0 -> bytes[at] = (byte) random.nextInt(256);
                    case 1 -> bytes = Arrays.copyOf(bytes, at);
                    default -> {
                        byte[] doubled = Arrays.copyOf(bytes, bytes.length + 1);
                        System.arraycopy(bytes, at, doubled, at + 1, bytes.length - at);
                        bytes = doubled;
                    }
                }
                if (bytes.length == 0) {
                    break;
                }
            }
            Files.write(fuzzed, bytes);
            Path out = root.resolve("fuzz-out/part-" + k + ".parquet");
            long start = System.nanoTime();
            try {
                ParquetTables.merge(parts(List.of(fuzzed)), at(out));
                merged++;
            } catch (IOException e) {
                assertTrue(e.getMessage().startsWith(fuzzed.toString() + ": not"), e.getMessage());
                assertFalse(Files.exists(out));
                refused++;
            }
            assertTrue(System.nanoTime() - start < Duration.ofSeconds(5).toNanos(), "try " + k + " took seconds");
        }
        assertTrue(refused > 1000 && merged > 100, refused + " refused, " + merged + " merged");
    }
}
