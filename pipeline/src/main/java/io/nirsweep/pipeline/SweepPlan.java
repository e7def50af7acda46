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
    /** How much of the sweep id a job name carries: enough to tell a cluster's sweeps apart at a glance. */
    static final int JOB_NAME_ID_LENGTH = 8;

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

    /**
     * The Flink job's name, as the web UI and the REST API list it: {@code nirsweep <config> <id>}, the config's
     * file name without its extension and the first 8 characters of the sweep id (e.g. {@code nirsweep demo
     * 3f2a9c1e}), so that a shared cluster's jobs say which sweep they are.
     */
    public String jobName() {
        String config = "sweep";
        if (configFile != null && configFile.getFileName() != null) {
            String file = configFile.getFileName().toString();
            int dot = file.lastIndexOf('.');
            config = dot > 0 ? file.substring(0, dot) : file;
        }
        return "nirsweep " + config + " " + sweepId.substring(0, Math.min(JOB_NAME_ID_LENGTH, sweepId.length()));
    }
}
