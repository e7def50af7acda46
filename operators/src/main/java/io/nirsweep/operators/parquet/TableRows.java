package io.nirsweep.operators.parquet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Consumer;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.schema.MessageType;

/**
 * The rows of a table's part files as the typed rows {@link ParquetTables} writes, read back one row group at a
 * time with no Hadoop at run time ({@link PartRows}): what the equivalence report reads a sweep's results with. A
 * file of another table, or of another schema, is refused naming it.
 */
public final class TableRows {
    private TableRows() {}

    /**
     * Hands every row of the {@code spikes} parts to {@code action}, file after file in the order given.
     *
     * @throws IOException when a part cannot be read or is not a part of the spikes table; the message names it
     */
    public static void forEachSpike(List<? extends InputFile> parts, Consumer<? super SpikeRow> action)
            throws IOException {
        forEach(parts, ParquetTables.SPIKES_SCHEMA, g -> action.accept(new SpikeRow(g.getString("sweep_id", 0),
                g.getString("cell_id", 0), g.getInteger("sample", 0), g.getString("node", 0),
                g.getInteger("neuron", 0), g.getInteger("t", 0), g.getInteger("count", 0))));
    }

    /**
     * Hands every row of the {@code cells} parts to {@code action}, file after file in the order given.
     *
     * @throws IOException when a part cannot be read or is not a part of the cells table; the message names it
     */
    public static void forEachCell(List<? extends InputFile> parts, Consumer<? super CellRow> action)
            throws IOException {
        forEach(parts, ParquetTables.CELLS_SCHEMA, g -> action.accept(new CellRow(g.getString("sweep_id", 0),
                g.getString("cell_id", 0), g.getInteger("sample", 0), g.getString("model", 0),
                g.getString("model_sha256", 0), g.getString("backend", 0), g.getString("backend_version", 0),
                g.getString("params", 0), g.getFieldRepetitionCount("dt") == 0 ? null : g.getDouble("dt", 0),
                g.getString("input", 0), optionalInt(g, "label"), g.getInteger("steps", 0),
                int32List(g, "output_counts"), optionalInt(g, "predicted"), g.getString("status", 0),
                g.getFieldRepetitionCount("error") == 0 ? null : g.getString("error", 0), g.getDouble("wall_ms", 0),
                g.getString("engine_version", 0))));
    }

    private static void forEach(List<? extends InputFile> parts, MessageType schema, Consumer<Group> decode)
            throws IOException {
        if (parts.isEmpty()) {
            return;
        }
        try (PartRows rows = new PartRows(parts)) {
            if (!rows.schema().equals(schema)) {
                throw new IOException(parts.get(0) + " is not a part of the " + schema.getName() + " table: its schema"
                        + " is " + rows.schema().getName());
            }
            for (Group row : rows) {
                decode.accept(row);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (IllegalArgumentException e) {
            // a later part of another schema (PartRows), or a row the typed rows refuse
            throw new IOException(e.getMessage(), e);
        }
    }

    private static Integer optionalInt(Group g, String field) {
        return g.getFieldRepetitionCount(field) == 0 ? null : g.getInteger(field, 0);
    }

    /** A three-level {@code LIST<INT32>} ({@link FieldWriter#int32List}). */
    private static int[] int32List(Group g, String field) {
        Group list = g.getGroup(field, 0);
        int n = list.getFieldRepetitionCount("list");
        int[] values = new int[n];
        for (int k = 0; k < n; k++) {
            values[k] = list.getGroup("list", k).getInteger("element", 0);
        }
        return values;
    }
}
