package io.nirsweep.operators.sweep;

import io.nirsweep.operators.inputs.InputSpec;
import io.nirsweep.sim.backend.StepLength;
import java.io.Serializable;
import java.util.List;

/**
 * One cell of a sweep — a model × input set × backend × parameter point — with everything a worker needs to
 * run it, and nothing it has to look up elsewhere. Serializable: cells travel to Flink workers.
 *
 * @param modelPath absolute path of the model file (workers read it; on one machine or a shared file system)
 * @param modelName the model as the config names it (the {@code model} partition and column)
 * @param dt the step length asked for: seconds, or the backend importer's own ({@code native})
 * @param paramsJson the parameter point as canonical JSON (sorted keys), the {@code params} column
 * @param weightBits weight width for hardware targets, or null
 * @param steps steps to simulate, or null for each input set's own length
 * @param record nodes to record, or empty for the graph's outputs
 */
public record Cell(String sweepId, String cellId, String modelPath, String modelName, String modelSha256,
        InputSpec input, String inputName, String backend, StepLength dt, double tauScale, double thresholdScale,
        Integer weightBits, String paramsJson, Integer steps, List<String> record, boolean traces,
        String engineVersion) implements Serializable {
    private static final long serialVersionUID = 1L;

    public Cell {
        record = List.copyOf(record);
    }
}
