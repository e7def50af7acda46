package io.nirsweep.operators.parquet;

import java.util.Arrays;
import java.util.Objects;

/**
 * One (cell, sample) of the {@code cells/} table. Unlike the spikes and traces tables, {@code model} and
 * {@code backend} are ordinary columns here: the table is small and not partitioned.
 *
 * <p>{@code outputCounts} is copied on the way in and out, so a row is immutable like every other record, and
 * {@link #equals}/{@link #hashCode} compare its contents (a record would compare the array's identity).
 *
 * @param sweepId       id of the sweep run
 * @param cellId        id of the cell
 * @param sample        index of the input sample within the cell's input set
 * @param model         model file name as given in the config
 * @param modelSha256   hex digest of the model file's bytes
 * @param backend       backend name, as the config gives it ({@code snntorch} or {@code snntorch@0.9.4})
 * @param backendVersion the version of the simulator or chip toolchain it reproduces ({@code 40ad136}: the id after
 *                      {@code @} of the backend the name stands for)
 * @param params        the parameter point as canonical JSON (sorted keys)
 * @param dt            the step length the cell ran at, in seconds: the one asked for, the importer's own under
 *                      {@code dt: native}, or the one an importer fixes whatever is asked (snnTorch's 1e-4); null
 *                      when the cell failed before it was compiled
 * @param input         input set name from the config
 * @param label         the sample's label, or null when the input set has no labels
 * @param steps         simulated steps
 * @param outputCounts  spikes per output neuron summed over time; empty (never null) for non-spiking outputs and
 *                      failed cells
 * @param predicted     argmax of the output (lowest index on ties), or null when there is none (failed cell)
 * @param status        {@value #OK} or {@value #FAILED}
 * @param error         one-line reason when failed, otherwise null
 * @param wallMs        time spent simulating this sample, in milliseconds
 * @param engineVersion project version + git commit when known
 */
public record CellRow(
        String sweepId,
        String cellId,
        int sample,
        String model,
        String modelSha256,
        String backend,
        String backendVersion,
        String params,
        Double dt,
        String input,
        Integer label,
        int steps,
        int[] outputCounts,
        Integer predicted,
        String status,
        String error,
        double wallMs,
        String engineVersion) {

    /** The {@code status} of a cell whose sample simulated. */
    public static final String OK = "ok";
    /** The {@code status} of a cell whose sample failed; {@code error} says why. */
    public static final String FAILED = "failed";

    /** Checks the row here, where a bad value is found next to its cause, rather than in a half-written file. */
    public CellRow {
        Objects.requireNonNull(sweepId, "CellRow.sweepId is null");
        Objects.requireNonNull(cellId, "CellRow.cellId is null");
        Objects.requireNonNull(model, "CellRow.model is null");
        Objects.requireNonNull(modelSha256, "CellRow.modelSha256 is null");
        Objects.requireNonNull(backend, "CellRow.backend is null");
        Objects.requireNonNull(backendVersion, "CellRow.backendVersion is null");
        Objects.requireNonNull(params, "CellRow.params is null");
        Objects.requireNonNull(input, "CellRow.input is null");
        Objects.requireNonNull(outputCounts, "CellRow.outputCounts is null (use an empty array)");
        Objects.requireNonNull(status, "CellRow.status is null");
        Objects.requireNonNull(engineVersion, "CellRow.engineVersion is null");
        if (dt != null && !(dt > 0 && dt < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("CellRow.dt must be null or positive and finite, got " + dt);
        }
        RowChecks.nonNegative("CellRow.sample", sample);
        RowChecks.nonNegative("CellRow.steps", steps);
        if (!status.equals(OK) && !status.equals(FAILED)) {
            throw new IllegalArgumentException(
                    "CellRow.status must be \"" + OK + "\" or \"" + FAILED + "\", got \"" + status + "\"");
        }
        outputCounts = outputCounts.clone();
    }

    /** A copy of the output counts: the row stays immutable whatever the caller does with it. */
    @Override
    public int[] outputCounts() {
        return outputCounts.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CellRow that
                && sample == that.sample
                && steps == that.steps
                && Double.compare(wallMs, that.wallMs) == 0
                && sweepId.equals(that.sweepId)
                && cellId.equals(that.cellId)
                && model.equals(that.model)
                && modelSha256.equals(that.modelSha256)
                && backend.equals(that.backend)
                && backendVersion.equals(that.backendVersion)
                && params.equals(that.params)
                && Objects.equals(dt, that.dt)
                && input.equals(that.input)
                && Objects.equals(label, that.label)
                && Arrays.equals(outputCounts, that.outputCounts)
                && Objects.equals(predicted, that.predicted)
                && status.equals(that.status)
                && Objects.equals(error, that.error)
                && engineVersion.equals(that.engineVersion);
    }

    @Override
    public int hashCode() {
        int h = Objects.hash(sweepId, cellId, sample, model, modelSha256, backend, backendVersion, params, dt,
                input, label, steps, predicted, status, error, wallMs, engineVersion);
        return 31 * h + Arrays.hashCode(outputCounts);
    }

    @Override
    public String toString() {
        return "CellRow[sweepId=" + sweepId + ", cellId=" + cellId + ", sample=" + sample + ", model=" + model
                + ", modelSha256=" + modelSha256 + ", backend=" + backend + ", backendVersion=" + backendVersion
                + ", params=" + params + ", dt=" + dt + ", input=" + input
                + ", label=" + label + ", steps=" + steps + ", outputCounts=" + Arrays.toString(outputCounts)
                + ", predicted=" + predicted + ", status=" + status + ", error=" + error + ", wallMs=" + wallMs
                + ", engineVersion=" + engineVersion + "]";
    }
}
