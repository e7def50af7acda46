package io.nirsweep.operators.parquet;

import static io.nirsweep.operators.parquet.DuckDb.literal;
import static io.nirsweep.operators.parquet.DuckDb.query;
import static io.nirsweep.operators.parquet.DuckDb.table;
import static io.nirsweep.operators.parquet.DuckDb.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Writes each table into real files and reads them back with DuckDB, as a user of the sweep's output would. */
final class ParquetTablesTest {

    private static final String BRAILLE = "braille_noDelay_bias_zero.nir";
    private static final String SWEEP = "sweep-7f3a";

    @TempDir
    Path root;

    private static List<SpikeRow> spikes(String cell) {
        return List.of(
                new SpikeRow(SWEEP, cell, 0, "block/lif", 3, 7, 1),
                new SpikeRow(SWEEP, cell, 0, "block/lif", 4, 7, 3),
                new SpikeRow(SWEEP, cell, 1, "lif1.lif", 0, 0, 1),
                new SpikeRow(SWEEP, cell, 2, "couche/λ-neurone", 12, 999, 2));
    }

    private static List<TraceRow> traces() {
        return List.of(
                new TraceRow(SWEEP, "c1", 0, "li", 0, 0, 0.0f),
                new TraceRow(SWEEP, "c1", 0, "li", 1, 0, -0.1234567f),
                new TraceRow(SWEEP, "c1", 0, "block/li", 0, 1, 3.4e38f),
                new TraceRow(SWEEP, "c1", 1, "block/li", 0, 1, 1.0e-40f));
    }

    private static List<CellRow> cells() {
        return List.of(
                new CellRow(SWEEP, "c1", 0, BRAILLE, "ab12", "exact", "nir-1.0.6",
                        "{\"dt\":0.001}", 1e-3, "braille-test", 3, 256,
                        new int[] {0, 5, 5, 2}, 1, CellRow.OK, null, 12.5, "0.1.0+abc1234"),
                new CellRow(SWEEP, "c1", 1, BRAILLE, "ab12", "exact", "nir-1.0.6",
                        "{\"dt\":0.001}", 1e-3, "braille-test", null, 256,
                        new int[0], null, CellRow.OK, null, 0.25, "0.1.0+abc1234"),
                new CellRow(SWEEP, "c2", 0, "lif_norse.nir", "cd34", "lava-dl", "paper-2023", "{}", null, "pulses", null, 0,
                        new int[0], null, CellRow.FAILED, "lif: tau_mem must be positive, got 0", 0.0,
                        "0.1.0+abc1234"));
    }

    private static List<List<String>> describe(String relation) throws Exception {
        return query("SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM " + relation + ")");
    }

    @Test
    void spikesReadBackWithPartitionColumnsFromThePath() throws Exception {
        Path exact = root.resolve(HivePartitions.spikesDir("exact", BRAILLE)).resolve("part-00000.parquet");
        Path lava = root.resolve(HivePartitions.spikesDir("lava-dl", "lif_norse.nir")).resolve("part-00000.parquet");
        assertEquals(4, ParquetTables.writeSpikes(LocalParquet.at(exact), spikes("c1")));
        assertEquals(4, ParquetTables.writeSpikes(LocalParquet.at(lava), spikes("c2")));

        String spikes = table(root, ParquetTables.SPIKES);
        assertEquals(List.of(
                List.of("sweep_id", "VARCHAR"), List.of("cell_id", "VARCHAR"), List.of("sample", "INTEGER"),
                List.of("node", "VARCHAR"), List.of("neuron", "INTEGER"), List.of("t", "INTEGER"),
                List.of("count", "INTEGER"), List.of("backend", "VARCHAR"), List.of("model", "VARCHAR")),
                describe(spikes));
        assertEquals(List.of(
                List.of(SWEEP, "c1", "0", "block/lif", "3", "7", "1", "exact", BRAILLE),
                List.of(SWEEP, "c1", "0", "block/lif", "4", "7", "3", "exact", BRAILLE),
                List.of(SWEEP, "c1", "1", "lif1.lif", "0", "0", "1", "exact", BRAILLE),
                List.of(SWEEP, "c1", "2", "couche/λ-neurone", "12", "999", "2", "exact", BRAILLE),
                List.of(SWEEP, "c2", "0", "block/lif", "3", "7", "1", "lava-dl", "lif_norse.nir"),
                List.of(SWEEP, "c2", "0", "block/lif", "4", "7", "3", "lava-dl", "lif_norse.nir"),
                List.of(SWEEP, "c2", "1", "lif1.lif", "0", "0", "1", "lava-dl", "lif_norse.nir"),
                List.of(SWEEP, "c2", "2", "couche/λ-neurone", "12", "999", "2", "lava-dl", "lif_norse.nir")),
                query("SELECT * FROM " + spikes + " ORDER BY cell_id, sample, neuron"));
        assertEquals(List.of(List.of("exact", "7"), List.of("lava-dl", "7")),
                query("SELECT backend, sum(count) FROM " + spikes + " GROUP BY backend ORDER BY backend"));
    }

    @Test
    void tracesKeepFloat32ValuesExactly() throws Exception {
        Path file = root.resolve(HivePartitions.tracesDir("euler", "cnn_sinabs.nir")).resolve("part-1.parquet");
        assertEquals(4, ParquetTables.writeTraces(LocalParquet.at(file), traces()));

        String traces = table(root, ParquetTables.TRACES);
        assertEquals(List.of(
                List.of("sweep_id", "VARCHAR"), List.of("cell_id", "VARCHAR"), List.of("sample", "INTEGER"),
                List.of("node", "VARCHAR"), List.of("neuron", "INTEGER"), List.of("t", "INTEGER"),
                List.of("value", "FLOAT"), List.of("backend", "VARCHAR"), List.of("model", "VARCHAR")),
                describe(traces));
        List<List<String>> rows = query("SELECT sweep_id, cell_id, sample, node, neuron, t, backend, model,"
                + " CAST(value AS DOUBLE) FROM " + traces + " ORDER BY sample, t, node, neuron");
        List<TraceRow> expected = traces();
        assertEquals(expected.size(), rows.size());
        for (int i = 0; i < rows.size(); i++) {
            TraceRow row = expected.get(i);
            assertEquals(List.of(row.sweepId(), row.cellId(), Integer.toString(row.sample()), row.node(),
                    Integer.toString(row.neuron()), Integer.toString(row.t()), "euler", "cnn_sinabs.nir"),
                    rows.get(i).subList(0, 8));
            assertEquals(row.value(), (float) Double.parseDouble(rows.get(i).get(8)), "row " + i);
        }
    }

    @Test
    void cellsHaveNullsEmptyListsAndTheirOwnBackendAndModelColumns() throws Exception {
        Path file = root.resolve(ParquetTables.CELLS).resolve("part-00000.parquet");
        assertEquals(3, ParquetTables.writeCells(LocalParquet.at(file), cells()));

        String cells = "read_parquet(" + literal(root.resolve("cells") + "/*.parquet") + ")";
        assertEquals(List.of(
                List.of("sweep_id", "VARCHAR"), List.of("cell_id", "VARCHAR"), List.of("sample", "INTEGER"),
                List.of("model", "VARCHAR"), List.of("model_sha256", "VARCHAR"), List.of("backend", "VARCHAR"),
                List.of("backend_version", "VARCHAR"),
                List.of("params", "VARCHAR"), List.of("dt", "DOUBLE"), List.of("input", "VARCHAR"),
                List.of("label", "INTEGER"),
                List.of("steps", "INTEGER"), List.of("output_counts", "INTEGER[]"), List.of("predicted", "INTEGER"),
                List.of("status", "VARCHAR"), List.of("error", "VARCHAR"), List.of("wall_ms", "DOUBLE"),
                List.of("engine_version", "VARCHAR")),
                describe(cells));
        assertEquals(List.of(
                List.of(SWEEP, "c1", "0", BRAILLE, "ab12", "exact", "{\"dt\":0.001}", "0.001", "braille-test", "3",
                        "256",
                        "[0, 5, 5, 2]", "1", "ok", "NULL", "12.5", "0.1.0+abc1234", "false", "4"),
                List.of(SWEEP, "c1", "1", BRAILLE, "ab12", "exact", "{\"dt\":0.001}", "0.001", "braille-test", "NULL",
                        "256",
                        "[]", "NULL", "ok", "NULL", "0.25", "0.1.0+abc1234", "false", "0"),
                List.of(SWEEP, "c2", "0", "lif_norse.nir", "cd34", "lava-dl", "{}", "NULL", "pulses", "NULL", "0", "[]",
                        "NULL", "failed", "lif: tau_mem must be positive, got 0", "0.0", "0.1.0+abc1234", "false",
                        "0")),
                query("SELECT sweep_id, cell_id, sample, model, model_sha256, backend, params,"
                        + " coalesce(CAST(dt AS VARCHAR), 'NULL'), input,"
                        + " coalesce(CAST(label AS VARCHAR), 'NULL'), steps, CAST(output_counts AS VARCHAR),"
                        + " coalesce(CAST(predicted AS VARCHAR), 'NULL'), status, coalesce(error, 'NULL'), wall_ms,"
                        + " engine_version, output_counts IS NULL, len(output_counts)"
                        + " FROM " + cells + " ORDER BY cell_id, sample"));
        assertEquals("12", value("SELECT sum(list_sum(output_counts)) FROM " + cells));
    }

    @Test
    void physicalSchemaIsTheDataModels() throws Exception {
        Path file = root.resolve("cells/part-0.parquet");
        ParquetTables.writeCells(LocalParquet.at(file), cells());
        assertEquals(List.of(
                List.of("cells", "NULL", "NULL", "NULL"),
                List.of("sweep_id", "BYTE_ARRAY", "REQUIRED", "UTF8"),
                List.of("cell_id", "BYTE_ARRAY", "REQUIRED", "UTF8"),
                List.of("sample", "INT32", "REQUIRED", "NULL"),
                List.of("model", "BYTE_ARRAY", "REQUIRED", "UTF8"),
                List.of("model_sha256", "BYTE_ARRAY", "REQUIRED", "UTF8"),
                List.of("backend", "BYTE_ARRAY", "REQUIRED", "UTF8"),
                List.of("backend_version", "BYTE_ARRAY", "REQUIRED", "UTF8"),
                List.of("params", "BYTE_ARRAY", "REQUIRED", "UTF8"),
                List.of("dt", "DOUBLE", "OPTIONAL", "NULL"),
                List.of("input", "BYTE_ARRAY", "REQUIRED", "UTF8"),
                List.of("label", "INT32", "OPTIONAL", "NULL"),
                List.of("steps", "INT32", "REQUIRED", "NULL"),
                List.of("output_counts", "NULL", "REQUIRED", "LIST"),
                List.of("list", "NULL", "REPEATED", "NULL"),
                List.of("element", "INT32", "REQUIRED", "NULL"),
                List.of("predicted", "INT32", "OPTIONAL", "NULL"),
                List.of("status", "BYTE_ARRAY", "REQUIRED", "UTF8"),
                List.of("error", "BYTE_ARRAY", "OPTIONAL", "UTF8"),
                List.of("wall_ms", "DOUBLE", "REQUIRED", "NULL"),
                List.of("engine_version", "BYTE_ARRAY", "REQUIRED", "UTF8")),
                query("SELECT name, coalesce(type, 'NULL'), coalesce(repetition_type, 'NULL'),"
                        + " coalesce(converted_type, 'NULL') FROM parquet_schema(" + literal(file) + ")"));
        assertEquals("StringType()", value("SELECT logical_type FROM parquet_schema(" + literal(file)
                + ") WHERE name = 'status'"));
    }

    @Test
    void footerHasNoTimestampsOnlyFixedMetadata() throws Exception {
        Path file = root.resolve(HivePartitions.spikesDir("exact", BRAILLE)).resolve("part-0.parquet");
        ParquetTables.writeSpikes(LocalParquet.at(file), spikes("c1"));
        assertEquals(List.of(List.of("nirsweep.table", "spikes"), List.of("writer.model.name", "nirsweep")),
                query("SELECT decode(key), decode(value) FROM parquet_kv_metadata(" + literal(file)
                        + ") ORDER BY key"));
        assertTrue(value("SELECT created_by FROM parquet_file_metadata(" + literal(file) + ")")
                .startsWith("parquet-mr version 1.18.1 "));
        assertEquals(List.of(List.of("ZSTD")),
                query("SELECT DISTINCT compression FROM parquet_metadata(" + literal(file) + ")"));
    }

    @ParameterizedTest
    @EnumSource(ParquetCompression.class)
    void everyCompressionReadsBack(ParquetCompression compression) throws Exception {
        List<SpikeRow> rows = new ArrayList<>();
        for (int t = 0; t < 20_000; t++) {
            rows.add(new SpikeRow(SWEEP, "c" + t % 7, t % 13, t % 2 == 0 ? "block/lif" : "lif1.lif", t % 384, t,
                    1 + t % 3));
        }
        Path file = root.resolve("part-" + compression + ".parquet");
        assertEquals(rows.size(), ParquetTables.writeSpikes(LocalParquet.at(file), rows, compression));
        assertEquals(List.of(List.of(compression.name())),
                query("SELECT DISTINCT compression FROM parquet_metadata(" + literal(file) + ")"));
        long counts = rows.stream().mapToLong(SpikeRow::count).sum();
        long neurons = rows.stream().mapToLong(SpikeRow::neuron).sum();
        assertEquals(List.of(List.of("20000", Long.toString(counts), Long.toString(neurons), "199990000", "7", "2")),
                query("SELECT count(*), sum(count), sum(neuron), sum(t), count(DISTINCT cell_id),"
                        + " count(DISTINCT node) FROM read_parquet(" + literal(file) + ")"));
    }

    @Test
    void sameRowsGiveByteIdenticalFiles() throws Exception {
        Path a = root.resolve("a/part-0.parquet");
        Path b = root.resolve("b/part-0.parquet");
        for (Path file : List.of(a, b)) {
            ParquetTables.writeCells(LocalParquet.at(file.resolveSibling("cells.parquet")), cells());
            ParquetTables.writeTraces(LocalParquet.at(file.resolveSibling("traces.parquet")), traces());
            ParquetTables.writeSpikes(LocalParquet.at(file), spikes("c1"));
        }
        for (String name : List.of("part-0.parquet", "cells.parquet", "traces.parquet")) {
            assertEquals(-1, Files.mismatch(a.resolveSibling(name), b.resolveSibling(name)), name);
        }
        byte[] before = Files.readAllBytes(a);
        ParquetTables.writeSpikes(LocalParquet.at(a), spikes("c1"));
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(a)), "rewrite in place");
    }

    @Test
    void rewritingReplacesTheFileAtomically() throws Exception {
        Path file = root.resolve("part-0.parquet");
        ParquetTables.writeSpikes(LocalParquet.at(file), spikes("c1"));
        ParquetTables.writeSpikes(LocalParquet.at(file), spikes("c1").subList(0, 1));
        assertEquals("1", value("SELECT count(*) FROM read_parquet(" + literal(file) + ")"));
        assertEquals(List.of(file), listing(root));
    }

    @Test
    void noRowsGiveAValidEmptyFile() throws Exception {
        Path file = root.resolve("cells/part-0.parquet");
        assertEquals(0, ParquetTables.writeCells(LocalParquet.at(file), List.of()));
        assertEquals("0", value("SELECT count(*) FROM read_parquet(" + literal(file) + ")"));
        assertEquals("INTEGER[]", value("SELECT column_type FROM (DESCRIBE SELECT * FROM read_parquet("
                + literal(file) + ")) WHERE column_name = 'output_counts'"));
    }

    @Test
    void aFailingIteratorLeavesNoFileBehind() throws Exception {
        Path folder = root.resolve(HivePartitions.spikesDir("exact", BRAILLE));
        Path file = folder.resolve("part-0.parquet");
        IllegalStateException boom = new IllegalStateException("simulation failed");
        Iterable<SpikeRow> failing = () -> new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public SpikeRow next() {
                if (next == 5_000) {
                    throw boom;
                }
                return new SpikeRow(SWEEP, "c1", 0, "block/lif", next, next++, 1);
            }
        };
        assertSame(boom, assertThrows(IllegalStateException.class,
                () -> ParquetTables.writeSpikes(LocalParquet.at(file), failing)));
        assertEquals(List.of(), listing(folder), "nothing left in " + folder);
    }

    @Test
    void aFailedRewriteKeepsTheOldFile() throws Exception {
        Path file = root.resolve("part-0.parquet");
        ParquetTables.writeSpikes(LocalParquet.at(file), spikes("c1"));
        byte[] before = Files.readAllBytes(file);
        List<SpikeRow> withNull = new ArrayList<>(spikes("c1"));
        withNull.add(1, null);
        NullPointerException e = assertThrows(NullPointerException.class,
                () -> ParquetTables.writeSpikes(LocalParquet.at(file), withNull));
        assertEquals("row 1 for " + file + " is null", e.getMessage());
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(file)));
        assertEquals(List.of(file), listing(root));
    }

    @Test
    void anIoErrorNamesTheFile() throws Exception {
        Path notAFolder = Files.writeString(root.resolve("cells"), "a file where the folder should be");
        Path file = notAFolder.resolve("part-0.parquet");
        IOException e = assertThrows(IOException.class, () -> ParquetTables.writeCells(LocalParquet.at(file), cells()));
        assertTrue(e.getMessage().startsWith("cannot write Parquet file " + file + ": "), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }

    @Test
    void partitionFoldersAreHiveStyle() {
        assertEquals("spikes/backend=lava-dl/model=braille_noDelay_bias_zero.nir/",
                ParquetTables.partition(ParquetTables.SPIKES, "lava-dl", BRAILLE));
        assertEquals(HivePartitions.tracesDir("exact", "a/b"), ParquetTables.partition("traces", "exact", "a/b"));
    }

    /** Every regular file under {@code folder}, hidden temporary files included, in name order. */
    private static List<Path> listing(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
