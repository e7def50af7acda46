package io.nirsweep.pipeline;

import io.nirsweep.operators.inputs.InputSpec;
import io.nirsweep.operators.sweep.Cell;
import io.nirsweep.operators.sweep.WorkUnit;
import io.nirsweep.pipeline.config.SweepConfig;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A sweep worked out on the driver: every cell (model × input set × backend × parameter point, in that nesting
 * order) and its work units. Ids are digests of what determines the results, so the same config, code version
 * and inputs give the same ids — and the same rows — on every runner.
 */
public record SweepPlan(String sweepId, List<Cell> cells, List<WorkUnit> units, Path configFile, String configText,
        String configSha256, String engineVersion) {
    public SweepPlan {
        cells = List.copyOf(cells);
        units = List.copyOf(units);
    }

    public long totalSamples() {
        return units.stream().mapToLong(WorkUnit::size).sum();
    }

    /** The files the sweep reads (config, models, inputs), which its output folder must not hold. */
    public List<Path> sweepFiles() {
        Set<Path> models = new LinkedHashSet<>();
        Set<InputSpec> inputs = new LinkedHashSet<>();
        for (Cell c : cells) {
            models.add(Path.of(c.modelPath()));
            inputs.add(c.input());
        }
        return SweepConfig.filesRead(configFile, models, inputs);
    }
}
