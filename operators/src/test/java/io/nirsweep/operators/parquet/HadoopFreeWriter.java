package io.nirsweep.operators.parquet;

import java.nio.file.Path;
import java.util.List;

/**
 * Writes one file of each table with each compression, merges cells row files into one and reads rows back;
 * {@link HadoopFreeTest} runs it in a JVM whose class path holds no Hadoop jar, to show that none of it needs one.
 */
public final class HadoopFreeWriter {

    private HadoopFreeWriter() {
    }

    /** {@code args[0]}: the output folder. */
    public static void main(String[] args) throws Exception {
        try {
            Class.forName("org.apache.hadoop.conf.Configuration");
            throw new AssertionError("Hadoop is on the class path: " + System.getProperty("java.class.path"));
        } catch (ClassNotFoundException expected) {
            // the point of the exercise
        }
        Path root = Path.of(args[0]);
        List<RowFiles.Part> cellParts = new java.util.ArrayList<>();
        for (ParquetCompression compression : ParquetCompression.values()) {
            String part = "part-" + compression + ".parquet";
            Path spikes = root.resolve(HivePartitions.spikesDir("exact", "lif_norse.nir")).resolve(part);
            ParquetTables.writeSpikes(LocalParquet.at(spikes),
                    List.of(new SpikeRow("s", "c", 0, "block/lif", 1, 2, 3)), compression);
            Path traces = root.resolve(HivePartitions.tracesDir("exact", "lif_norse.nir")).resolve(part);
            ParquetTables.writeTraces(LocalParquet.at(traces),
                    List.of(new TraceRow("s", "c", 0, "li", 1, 2, 0.5f)), compression);
            CellRow cell = new CellRow("s", "c", 0, "lif_norse.nir", "ab", "exact", "nir-1.0.6",
                    "{}", 1e-4, "pulses", 1, 1000,
                    new int[] {4}, 0, CellRow.OK, null, 2.5, "0.1.0");
            ParquetTables.writeCells(LocalParquet.at(root.resolve(ParquetTables.CELLS).resolve(part)), List.of(cell),
                    compression);
            // and as the sweep's units leave them, a row file each
            Path rows = root.resolve("work").resolve(ParquetTables.CELLS).resolve("part-" + compression + ".rows");
            java.nio.file.Files.createDirectories(rows.getParent());
            try (java.io.OutputStream out = java.nio.file.Files.newOutputStream(rows)) {
                RowFiles.writeCells(out, List.of(cell));
            }
            cellParts.add(io.nirsweep.operators.storage.ParquetFiles.rowFile(
                    io.nirsweep.operators.storage.Storage.file(rows.toString())));
        }
        // the units' row files merged into one Parquet file, as the sweep merges them
        ParquetTables.merge(cellParts,
                LocalParquet.at(root.resolve("merged").resolve(ParquetTables.CELLS).resolve("part-0.parquet")));
        // and typed rows read back (TableRows): the merged cells, the spikes of every compression
        long[] counts = new long[2];
        TableRows.forEachCell(LocalParquet.inputs(List.of(root.resolve("merged").resolve(ParquetTables.CELLS)
                .resolve("part-0.parquet"))), row -> counts[0] += row.outputCounts()[0]);
        List<Path> spikeParts = new java.util.ArrayList<>();
        for (ParquetCompression compression : ParquetCompression.values()) {
            spikeParts.add(root.resolve(HivePartitions.spikesDir("exact", "lif_norse.nir"))
                    .resolve("part-" + compression + ".parquet"));
        }
        TableRows.forEachSpike(LocalParquet.inputs(spikeParts), row -> counts[1] += row.count());
        System.out.println("read back: output counts " + counts[0] + ", spikes " + counts[1]);
        System.out.println("wrote " + root);
    }
}
