package io.nirsweep.operators.sweep;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.nirsweep.operators.parquet.ParquetTables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes one unit's rows under the sweep's output folder, each file under a name fixed by the unit
 * ({@code part-<unit id>.parquet}) and moved into place atomically — so a unit that is retried after a failure
 * replaces its files with identical ones: no row is lost or duplicated, whatever the runner does. The unit's
 * marker {@code _units/<unit id>.json} is written last: a unit is done when its marker exists.
 */
public final class UnitWriter {
    /** Folder of the per-unit completion markers. */
    public static final String UNITS = "_units";

    private UnitWriter() {}

    /** What one unit wrote: for progress lines and {@code run.json}. */
    public record Summary(String unit, int samples, int failed, long spikes) implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    public static Summary write(Path out, WorkUnit unit, UnitRunner.Result result) {
        Cell c = unit.cell();
        String part = "part-" + unit.id() + ".parquet";
        try {
            if (!result.spikes().isEmpty()) {
                Path dir = out.resolve(ParquetTables.partition("spikes", c.backend(), c.modelName()));
                Files.createDirectories(dir);
                ParquetTables.writeSpikes(dir.resolve(part), result.spikes());
            }
            if (!result.traces().isEmpty()) {
                Path dir = out.resolve(ParquetTables.partition("traces", c.backend(), c.modelName()));
                Files.createDirectories(dir);
                ParquetTables.writeTraces(dir.resolve(part), result.traces());
            }
            if (!result.mapping().isEmpty()) {
                ParquetTables.writeMapping(out.resolve(ParquetTables.MAPPING).resolve(part), result.mapping());
            }
            Path cells = out.resolve("cells");
            Files.createDirectories(cells);
            ParquetTables.writeCells(cells.resolve(part), result.cells());
            int failed = (int) result.cells().stream().filter(r -> !r.status().equals("ok")).count();
            long spikes = result.spikes().stream().mapToLong(r -> r.count()).sum();
            Summary summary = new Summary(unit.id(), unit.size(), failed, spikes);
            Path marker = out.resolve(UNITS).resolve(unit.id() + ".json");
            Files.createDirectories(marker.getParent());
            Path tmp = Files.createTempFile(marker.getParent(), "." + unit.id(), ".tmp");
            Files.writeString(tmp, JSON.writeValueAsString(summary), StandardCharsets.UTF_8);
            Files.move(tmp, marker, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return summary;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write unit " + unit.id() + " under " + out + ": " + e.getMessage(), e);
        }
    }

    /** The summaries of every finished unit under {@code out}. */
    public static java.util.List<Summary> finished(Path out) {
        return finished(out, new java.util.HashMap<>());
    }

    /**
     * The summaries of every finished unit under {@code out}, reading only markers not in {@code known} (a cache
     * by file name that the caller keeps between calls: markers never change once written).
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
