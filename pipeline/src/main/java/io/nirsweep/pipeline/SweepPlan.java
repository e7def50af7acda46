package io.nirsweep.pipeline;

import io.nirsweep.operators.sweep.Cell;
import io.nirsweep.operators.sweep.WorkUnit;
import io.nirsweep.pipeline.config.SweepConfig;
import java.nio.file.Path;
import java.util.List;

/**
 * A sweep worked out on the driver: every cell (model × input set × backend × parameter point, in that nesting
 * order) and its work units. Ids are digests of what determines the results, so the same config, code version
 * and inputs give the same ids — and the same rows — on every runner.
 */
public record SweepPlan(String sweepId, List<Cell> cells, List<WorkUnit> units, Path configFile, String configText,
        String configSha256, String engineVersion, List<Path> sweepFiles) {
    /**
     * @param sweepFiles the files the sweep reads ({@link SweepConfig#files()}: config, models, inputs), which its
     *                   output folder must not hold
     */
    public SweepPlan {
        cells = List.copyOf(cells);
        units = List.copyOf(units);
        sweepFiles = List.copyOf(sweepFiles);
    }

    public long totalSamples() {
        return units.stream().mapToLong(WorkUnit::size).sum();
    }
}
