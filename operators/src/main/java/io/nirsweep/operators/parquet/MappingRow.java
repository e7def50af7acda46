package io.nirsweep.operators.parquet;

import java.util.List;
import java.util.Objects;

/**
 * One (cell) of the {@code mapping/} table: whether the cell's model, at the cell's parameter point, fits the cell's
 * chip target, as {@code nirsweep map} reports it. Like {@code cells/}, the table is small and not partitioned.
 *
 * @param sweepId                   id of the sweep run
 * @param cellId                    id of the cell (joins with {@code cells.cell_id})
 * @param model                     model file name as given in the config
 * @param modelSha256               hex digest of the model file's bytes
 * @param target                    the chip target (the cell's backend)
 * @param params                    the parameter point as canonical JSON (sorted keys)
 * @param dt                        the step length the model was mapped for, in seconds
 * @param fits                      true when no limit or graph rule is broken
 * @param violations                every broken limit or rule, one line each (node, rule, source); empty when it fits
 * @param weightMaxRelativeError    largest relative error of any weight, or null when the report has none
 * @param weightMeanRelativeError   mean relative error over every non-zero weight, or null when none
 * @param thresholdMaxRelativeError largest relative error of any threshold, or null when none
 * @param decayMaxRelativeError     largest relative error of any decay, or null when none
 * @param placement                 where each node goes ("node → unit (detail)", joined by "; "), or null when the
 *                                  model does not fit
 * @param resources                 every resource counted, as the JSON array {@code map --json} prints under
 *                                  {@code resources}
 */
public record MappingRow(
        String sweepId,
        String cellId,
        String model,
        String modelSha256,
        String target,
        String params,
        double dt,
        boolean fits,
        List<String> violations,
        Double weightMaxRelativeError,
        Double weightMeanRelativeError,
        Double thresholdMaxRelativeError,
        Double decayMaxRelativeError,
        String placement,
        String resources) {

    public MappingRow {
        Objects.requireNonNull(sweepId, "MappingRow.sweepId is null");
        Objects.requireNonNull(cellId, "MappingRow.cellId is null");
        Objects.requireNonNull(model, "MappingRow.model is null");
        Objects.requireNonNull(modelSha256, "MappingRow.modelSha256 is null");
        Objects.requireNonNull(target, "MappingRow.target is null");
        Objects.requireNonNull(params, "MappingRow.params is null");
        Objects.requireNonNull(resources, "MappingRow.resources is null");
        violations = List.copyOf(violations);
        if (fits != violations.isEmpty()) {
            throw new IllegalArgumentException("MappingRow.fits is " + fits + " with " + violations.size()
                    + " violations");
        }
    }
}
