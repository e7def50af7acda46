package io.nirsweep.operators.sweep;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.nirsweep.operators.parquet.ParquetTables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes one unit's rows into the sweep's work folder ({@value #WORK} in the run's staging folder), each file under a
 * name fixed by the unit ({@code <table partition>/part-<unit id>.parquet}) and moved into place atomically — so a
 * unit that is retried after a failure replaces its files with identical rows: no row is lost or duplicated,
 * whatever the runner does. The unit's marker {@code _units/<unit id>.json} is written last: a unit is done when
 * its marker exists. Once every unit is done, {@link MergePartitionFn} merges each partition's unit files into the
 * one file of that partition in the results, and the sweep deletes the work folder before its results appear.
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

    /** The work folder of a run writing its results into {@code out}. */
    public static Path work(Path out) {
        return out.resolve(WORK);
    }

    /** The file name of a unit's part in each partition folder of the work folder. */
    static String part(String unitId) {
        return "part-" + unitId + ".parquet";
    }

    /** Writes the unit's files and then its marker into the work folder {@code work}; what it wrote. */
    public static Summary write(Path work, WorkUnit unit, UnitRunner.Result result) {
        Cell c = unit.cell();
        String part = part(unit.id());
        List<String> partitions = new ArrayList<>();
        try {
            if (!result.spikes().isEmpty()) {
                String partition = ParquetTables.partition(ParquetTables.SPIKES, c.backend(), c.modelName());
                ParquetTables.writeSpikes(work.resolve(partition).resolve(part), result.spikes());
                partitions.add(partition);
            }
            if (!result.traces().isEmpty()) {
                String partition = ParquetTables.partition(ParquetTables.TRACES, c.backend(), c.modelName());
                ParquetTables.writeTraces(work.resolve(partition).resolve(part), result.traces());
                partitions.add(partition);
            }
            if (!result.mapping().isEmpty()) {
                ParquetTables.writeMapping(work.resolve(ParquetTables.MAPPING).resolve(part), result.mapping());
                partitions.add(ParquetTables.MAPPING);
            }
            ParquetTables.writeCells(work.resolve(ParquetTables.CELLS).resolve(part), result.cells());
            partitions.add(ParquetTables.CELLS);
            int failed = (int) result.cells().stream().filter(r -> !r.status().equals("ok")).count();
            long spikes = result.spikes().stream().mapToLong(r -> r.count()).sum();
            Summary summary = new Summary(unit.id(), unit.size(), failed, spikes, partitions);
            Path marker = work.resolve(UNITS).resolve(unit.id() + ".json");
            Files.createDirectories(marker.getParent());
            Path tmp = Files.createTempFile(marker.getParent(), "." + unit.id(), ".tmp");
            Files.writeString(tmp, JSON.writeValueAsString(summary), StandardCharsets.UTF_8);
            Files.move(tmp, marker, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return summary;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write unit " + unit.id() + " under " + work + ": " + e.getMessage(),
                    e);
        }
    }

    /** The summaries of every finished unit in the work folder {@code out}. */
    public static java.util.List<Summary> finished(Path out) {
        return finished(out, new java.util.HashMap<>());
    }

    /**
     * The summaries of every finished unit in the work folder {@code out}, reading only markers not in {@code known}
     * (a cache by file name that the caller keeps between calls: markers never change once written).
     */
    public static java.util.List<Summary> finished(Path out, java.util.Map<String, Summary> known) {
        Path dir = out.resolve(UNITS);
        if (!Files.isDirectory(dir)) {
            return java.util.List.of();
        }
        try (var files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted()
                    .map(f -> known.computeIfAbsent(f.getFileName().toString(), name -> read(f))).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Summary read(Path marker) {
        try {
            return JSON.readValue(marker.toFile(), Summary.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + marker + ": " + e.getMessage(), e);
        }
    }
}
