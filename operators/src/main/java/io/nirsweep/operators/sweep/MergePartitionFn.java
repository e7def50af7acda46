package io.nirsweep.operators.sweep;

import io.nirsweep.operators.parquet.ParquetTables;
import io.nirsweep.operators.parquet.RowFiles;
import io.nirsweep.operators.storage.ParquetFiles;
import io.nirsweep.operators.storage.Storage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.TreeSet;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;

/**
 * Merges the unit files of one partition of the results ({@code cells}, {@code mapping}, or one
 * {@code spikes}/{@code traces} partition) from the work folder — row files ({@link RowFiles}) — into the partition's
 * one Parquet file in the results, {@value #MERGED}: the units in the order of their ids (so neither the runner's order nor a unit reported twice
 * changes the file), written atomically by {@link ParquetTables#merge}. The unit files are only read — the sweep
 * deletes the whole work folder once every partition is merged — so a retried merge reads the same files and
 * writes the same bytes. Emits the partition merged.
 */
public final class MergePartitionFn extends DoFn<KV<String, Iterable<String>>, String> {
    private static final long serialVersionUID = 1L;
    /** The name of a partition's one file in the results. */
    public static final String MERGED = "part-00000.parquet";

    private final String out;

    /** @param out the folder the results are written into (the run's staging folder), a {@link Storage} location */
    public MergePartitionFn(String out) {
        this.out = out;
    }

    @ProcessElement
    public void process(@Element KV<String, Iterable<String>> partition, OutputReceiver<String> receiver) {
        receiver.output(merge(out, partition.getKey(), partition.getValue()));
    }

    /**
     * Merges the files of {@code units} in {@code partition} of {@code out}'s work folder ({@code out} a
     * {@link Storage} location); the partition.
     */
    public static String merge(String out, String partition, Iterable<String> units) {
        ResourceId work = Storage.folder(UnitWriter.work(out));
        TreeSet<String> sorted = new TreeSet<>();
        units.forEach(sorted::add);
        List<RowFiles.Part> parts = sorted.stream()
                .map(unit -> ParquetFiles.rowFile(Storage.child(work, partition + "/" + UnitWriter.part(unit))))
                .toList();
        try {
            ParquetTables.merge(parts, UnitWriter.target(Storage.folder(out), partition, MERGED));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot merge partition " + partition + ": " + e.getMessage(), e);
        }
        return partition;
    }
}
