package io.nirsweep.operators.parquet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@link ParquetTables} writes, {@link TableRows} reads back as the same rows; another table's file is refused. */
final class TableRowsTest {
    private static final String SWEEP = "sweep-7f3a";

    @TempDir
    Path root;

    @Test
    void spikesReadBackAsWrittenAcrossParts() throws Exception {
        List<SpikeRow> first = List.of(new SpikeRow(SWEEP, "c1", 0, "block/lif", 3, 7, 1),
                new SpikeRow(SWEEP, "c1", 0, "block/lif", 4, 7, 3));
        List<SpikeRow> second = List.of(new SpikeRow(SWEEP, "c2", 2, "couche/λ-neurone", 12, 999, 2));
        Path a = root.resolve("a.parquet");
        Path b = root.resolve("b.parquet");
        ParquetTables.writeSpikes(LocalParquet.at(a), first);
        ParquetTables.writeSpikes(LocalParquet.at(b), second);
        List<SpikeRow> read = new ArrayList<>();
        TableRows.forEachSpike(LocalParquet.inputs(List.of(a, b)), read::add);
        List<SpikeRow> expected = new ArrayList<>(first);
        expected.addAll(second);
        assertEquals(expected, read);
    }

    @Test
    void cellsReadBackWithTheirNullsListsAndErrors() throws Exception {
        List<CellRow> cells = List.of(
                new CellRow(SWEEP, "c1", 0, "m.nir", "ab12", "exact", "nir-1.0.6", "{\"dt\":0.001}", 1e-3, "braille", 3, 256,
                        new int[] {0, 5, 5, 2}, 1, CellRow.OK, null, 12.5, "0.1.0+abc1234"),
                new CellRow(SWEEP, "c1", 1, "m.nir", "ab12", "exact", "nir-1.0.6",
                        "{\"dt\":0.001}", 1e-3, "braille", null, 256,
                        new int[0], null, CellRow.OK, null, 0.25, "0.1.0+abc1234"),
                new CellRow(SWEEP, "c2", 0, "n.nir", "cd34", "lava-dl", "paper-2023",
                        "{}", null, "pulses", null, 0, new int[0], null,
                        CellRow.FAILED, "lif: tau_mem must be positive, got 0", 0.0, "0.1.0+abc1234"));
        Path file = root.resolve("cells.parquet");
        ParquetTables.writeCells(LocalParquet.at(file), cells);
        List<CellRow> read = new ArrayList<>();
        TableRows.forEachCell(LocalParquet.inputs(List.of(file)), read::add);
        assertEquals(cells.stream().map(TableRowsTest::text).toList(), read.stream().map(TableRowsTest::text).toList());
    }

    /** A cell row as text: records compare arrays by identity. */
    private static String text(CellRow c) {
        return c.toString().replaceAll("outputCounts=\\[I@[0-9a-f]+", "outputCounts=" + Arrays.toString(
                c.outputCounts()));
    }

    @Test
    void aFileOfAnotherTableIsRefusedNamingIt() throws Exception {
        Path cells = root.resolve("cells.parquet");
        ParquetTables.writeCells(LocalParquet.at(cells), List.of(new CellRow(SWEEP, "c", 0, "m", "s", "b", "v",
                "{}", 1e-4, "i",
                null, 1, new int[0], null, CellRow.OK, null, 0.0, "v")));
        IOException e = assertThrows(IOException.class,
                () -> TableRows.forEachSpike(LocalParquet.inputs(List.of(cells)), row -> { }));
        assertTrue(e.getMessage().contains(cells.toString()) && e.getMessage().contains("not a part of the spikes"),
                e.getMessage());
        Path spikes = root.resolve("spikes.parquet");
        ParquetTables.writeSpikes(LocalParquet.at(spikes), List.of(new SpikeRow(SWEEP, "c", 0, "n", 0, 0, 1)));
        IOException mixed = assertThrows(IOException.class,
                () -> TableRows.forEachSpike(LocalParquet.inputs(List.of(spikes, cells)), row -> { }));
        assertTrue(mixed.getMessage().contains(cells.toString()), mixed.getMessage());
    }
}
