package io.nirsweep.operators.report;

import io.nirsweep.operators.equivalence.report.EquivalenceReport.CausePath;
import io.nirsweep.operators.equivalence.report.EquivalenceReport.CellKey;
import io.nirsweep.operators.sweep.Cell;
import io.nirsweep.operators.sweep.UnitRunner;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.transforms.DoFn;

/**
 * Walks from one backend to another on a diverging cell ({@link CauseWalk}); each worker keeps one
 * {@link UnitRunner}, so a model and an input set are opened once however many walks use them. A walk that cannot
 * start (A or B no longer runs the cell) becomes a path with no steps saying why, never a failed report.
 */
public final class CauseWalkFn extends DoFn<CauseWalkFn.Target, CausePath> {
    private static final long serialVersionUID = 1L;

    /**
     * A diverging pair on the cell where it diverges most.
     *
     * @param divergence 1 − the mean identical-bin fraction of the recorded nodes over the sweep's samples
     */
    public record Target(CellKey cell, String backendA, String backendB, double divergence) implements Serializable {}

    private final Map<String, Cell> cells;
    private final int samples;
    private transient CauseWalk walk;

    /**
     * @param cells   every cell of the sweep by {@code ReportKeys.of(cellKey, backend)}
     * @param samples the first samples of the cell each walk runs
     */
    public CauseWalkFn(Map<String, Cell> cells, int samples) {
        this.cells = cells;
        this.samples = samples;
    }

    /** The key of a cell in the map this function takes. */
    public static String cellKey(CellKey key, String backend) {
        return ReportKeys.of(key, backend);
    }

    @Setup
    public void setup() {
        walk = new CauseWalk(new UnitRunner());
    }

    @ProcessElement
    public void process(@Element Target t, OutputReceiver<CausePath> out) {
        Cell cell = cells.get(cellKey(t.cell(), t.backendA()));
        try {
            out.output(walk.walk(t.cell(), cell, t.backendA(), t.backendB(), samples));
        } catch (RuntimeException e) {
            out.output(new CausePath(t.cell(), t.backendA(), t.backendB(), 0, t.divergence(), List.of(), null,
                    "not walked: " + UnitRunner.oneLine(e)));
        }
    }
}
