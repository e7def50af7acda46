package io.nirsweep.operators.sweep;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.nirsweep.operators.parquet.ParquetTables;
import io.nirsweep.operators.parquet.RowFiles;
import io.nirsweep.operators.storage.ParquetFiles;
import io.nirsweep.operators.storage.Storage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * Writes one unit's rows into the sweep's work folder ({@value #WORK} in the run's staging folder) as row files
 * ({@link RowFiles}: cheap to write, encoded to Parquet once, by the merge), each under a name fixed by the unit
 * ({@code <table partition>/part-<unit id>.rows}) and moved into place atomically — so a
 * unit that is retried after a failure replaces its files with identical rows: no row is lost or duplicated,
 * whatever the runner does. The unit's marker {@code _units/<unit id>.json} is written last: a unit is done when
 * its marker exists. Once every unit is done, {@link MergePartitionFn} merges each partition's unit files into the
 * one file of that partition in the results, and the sweep deletes the work folder before its results appear.
 * Every file goes through {@link Storage}, so the work folder may be a local folder or a prefix in a bucket.
 */
public final class UnitWriter {
    /** The run's work folder inside its staging folder: unit files and markers, never part of the results. */
    public static final String WORK = "_work";
    /** Folder of the per-unit completion markers, in the work folder. */
    public static final String UNITS = "_units";

    private UnitWriter() {}

    /**
     * What one unit wrote: for progress lines, {@code run.json} and the merge.
     *
     * @param partitions the folders, relative to the work folder, in which the unit wrote a file
     *     ({@code cells}, {@code mapping}, {@code spikes/backend=…/model=…}, …), in a fixed order
     */
    public record Summary(String unit, int samples, int failed, long spikes, List<String> partitions)
            implements java.io.Serializable {
        private static final long serialVersionUID = 2L;

        public Summary {
            partitions = List.copyOf(partitions);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The work folder of a run writing its results into {@code out} (a {@link Storage} location). */
    public static String work(String out) {
        return Storage.childFolder(Storage.folder(out), WORK).toString();
    }

    /** The file name of a unit's part in each partition folder of the work folder: a row file ({@link RowFiles}). */
    public static String part(String unitId) {
        return "part-" + unitId + ".rows";
    }

    /**
     * Writes the unit's files and then its marker into the work folder {@code work} (a {@link Storage} location),
     * each file atomically; what it wrote.
     */
    public static Summary write(String work, WorkUnit unit, UnitRunner.Result result) {
        ResourceId folder = Storage.folder(work);
        Cell c = unit.cell();
        String part = part(unit.id());
        List<String> partitions = new ArrayList<>();
        try {
            if (!result.spikes().isEmpty()) {
                String partition = ParquetTables.partition(ParquetTables.SPIKES, c.backend(), c.modelName());
                write(folder, partition, part, out -> RowFiles.writeSpikes(out, result.spikes()));
                partitions.add(partition);
            }
            if (!result.traces().isEmpty()) {
                String partition = ParquetTables.partition(ParquetTables.TRACES, c.backend(), c.modelName());
                write(folder, partition, part, out -> RowFiles.writeTraces(out, result.traces()));
                partitions.add(partition);
            }
            if (!result.mapping().isEmpty()) {
                write(folder, ParquetTables.MAPPING, part, out -> RowFiles.writeMapping(out, result.mapping()));
                partitions.add(ParquetTables.MAPPING);
            }
            write(folder, ParquetTables.CELLS, part, out -> RowFiles.writeCells(out, result.cells()));
            partitions.add(ParquetTables.CELLS);
            int failed = (int) result.cells().stream().filter(r -> !r.status().equals("ok")).count();
            long spikes = result.spikes().stream().mapToLong(r -> r.count()).sum();
            Summary summary = new Summary(unit.id(), unit.size(), failed, spikes, partitions);
            byte[] marker = JSON.writeValueAsBytes(summary);
            Storage.write(Storage.child(folder, UNITS + "/" + unit.id() + ".json"), out -> out.write(marker));
            return summary;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write unit " + unit.id() + " under " + Storage.name(folder) + ": "
                    + e.getMessage(), e);
        }
    }

    /** Writes the file {@code name} in the partition folder {@code partition} of {@code folder}, atomically. */
    private static void write(ResourceId folder, String partition, String name, Storage.Body body) throws IOException {
        Storage.write(Storage.child(folder, partition + "/" + name), body);
    }

    /** The Parquet file {@code name} in the partition folder {@code partition} of {@code folder}, to write atomically. */
    static ParquetTables.Target target(ResourceId folder, String partition, String name) {
        return ParquetFiles.target(Storage.child(folder, partition + "/" + name));
    }

    /** The summaries of every finished unit in the work folder {@code work} (a {@link Storage} location). */
    public static List<Summary> finished(String work) {
        return finished(work, new HashMap<>());
    }

    /**
     * The summaries of every finished unit in the work folder {@code work}, in the order of their markers' names,
     * reading only markers not in {@code known} (a cache by file name that the caller keeps between calls: markers
     * never change once written). The markers are listed through {@link Storage#list}, so progress works wherever
     * the work folder is.
     */
    public static List<Summary> finished(String work, Map<String, Summary> known) {
        List<Summary> done = new ArrayList<>();
        try {
            for (MatchResult.Metadata m : Storage.list(Storage.childFolder(Storage.folder(work), UNITS))) {
                ResourceId marker = m.resourceId();
                String name = marker.getFilename();
                if (name != null && name.endsWith(".json") && !name.startsWith(".")) {
                    done.add(known.computeIfAbsent(name, n -> read(marker)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the finished units in " + work + ": " + e.getMessage(), e);
        }
        return done;
    }

    /** Most bytes of a marker read: a summary is a few hundred. */
    private static final int MAX_MARKER_BYTES = 1 << 20;

    private static Summary read(ResourceId marker) {
        try {
            return JSON.readValue(Storage.readAll(marker, MAX_MARKER_BYTES), Summary.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + Storage.name(marker) + ": " + e.getMessage(), e);
        }
    }
}
