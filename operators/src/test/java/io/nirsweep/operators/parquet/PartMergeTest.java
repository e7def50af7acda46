package io.nirsweep.operators.parquet;

import static io.nirsweep.operators.parquet.DuckDb.literal;
import static io.nirsweep.operators.parquet.DuckDb.query;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ParquetTables#merge}: the parts' rows in order, one row group, the same bytes every time. */
final class PartMergeTest {

    @TempDir
    Path root;

    private static CellRow cell(String cellId, int sample, int[] counts, Integer label, String error) {
        return new CellRow("s", cellId, sample, "m.nir", "ab", "exact", "{\"dt\":1e-4}", "noise", label, 100, counts,
                label, error == null ? CellRow.OK : "failed", error, 1.5 + sample, "0.1.0");
    }

    /** Three parts of the cells table: lists full and empty, nulls and values in the optional columns. */
    private List<Path> cellParts() throws Exception {
        List<Path> parts = new ArrayList<>();
        for (int p = 0; p < 3; p++) {
            Path part = root.resolve("work/cells/part-c" + p + ".parquet");
            ParquetTables.writeCells(LocalParquet.at(part), List.of(cell("c" + p, 0, new int[] {p, 2 * p}, p, null),
                    cell("c" + p, 1, new int[0], null, "model refused: reason " + p)));
            parts.add(part);
        }
        return parts;
    }

    private static int rowGroups(Path file) throws Exception {
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file),
                org.apache.parquet.LocalReadOptions.of(new LocalCodecFactory()))) {
            return reader.getRowGroups().size();
        }
    }

    @Test
    void mergedFileHoldsThePartsRowsInOrderInOneRowGroup() throws Exception {
        List<Path> parts = cellParts();
        Path merged = root.resolve("out/cells/part-00000.parquet");
        assertEquals(6, ParquetTables.merge(LocalParquet.inputs(parts), LocalParquet.at(merged)));

        List<List<String>> expected = new ArrayList<>();
        for (Path part : parts) {
            expected.addAll(query("SELECT * FROM read_parquet(" + literal(part) + ")"));
        }
        assertEquals(expected, query("SELECT * FROM read_parquet(" + literal(merged) + ")"));
        assertEquals(1, rowGroups(merged));
        assertEquals(1, rowGroups(parts.get(0)));
        assertTrue(Files.size(merged) < parts.stream().mapToLong(PartMergeTest::size).sum(),
                "one file is smaller than its parts");
    }

    @Test
    void mergingAgainGivesTheSameBytesAndTheOrderGivenIsKept() throws Exception {
        List<Path> parts = cellParts();
        Path first = root.resolve("out/cells/part-00000.parquet");
        Path retry = root.resolve("retry/cells/part-00000.parquet");
        ParquetTables.merge(LocalParquet.inputs(parts), LocalParquet.at(first));
        byte[] bytes = Files.readAllBytes(first);
        // a retried merge replaces the file with the same bytes
        ParquetTables.merge(LocalParquet.inputs(parts), LocalParquet.at(first));
        ParquetTables.merge(LocalParquet.inputs(parts), LocalParquet.at(retry));
        assertArrayEquals(bytes, Files.readAllBytes(first));
        assertArrayEquals(bytes, Files.readAllBytes(retry));

        Path reversed = root.resolve("reversed/cells/part-00000.parquet");
        ParquetTables.merge(LocalParquet.inputs(List.of(parts.get(2), parts.get(1), parts.get(0))),
                LocalParquet.at(reversed));
        assertEquals(query("SELECT * FROM read_parquet(" + literal(first) + ") ORDER BY cell_id DESC, sample"),
                query("SELECT * FROM read_parquet(" + literal(reversed) + ")"));
    }

    @Test
    void partsOfAnotherTableAreRefusedAndNothingIsWritten() throws Exception {
        List<Path> parts = new ArrayList<>(cellParts());
        Path spikes = root.resolve("work/spikes/part-c9.parquet");
        ParquetTables.writeSpikes(LocalParquet.at(spikes), List.of(new SpikeRow("s", "c9", 0, "lif", 1, 2, 1)));
        parts.add(spikes);
        Path merged = root.resolve("out/cells/part-00000.parquet");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ParquetTables.merge(LocalParquet.inputs(parts), LocalParquet.at(merged)));
        assertTrue(e.getMessage().contains("part-c9.parquet is not a part of the same table"), e.getMessage());
        try (Stream<Path> left = Files.list(merged.getParent())) {
            assertEquals(List.of(), left.toList(), "neither the file nor its temporary file is left");
        }
        assertThrows(IllegalArgumentException.class,
                () -> ParquetTables.merge(LocalParquet.inputs(List.of()), LocalParquet.at(merged)));
        assertFalse(Files.exists(merged));
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
