package io.nirsweep.operators.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nirsweep.operators.chip.BudgetChip;
import io.nirsweep.operators.parquet.MappingRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mapping table as a sweep writes it: one row per cell of a chip target, from the cell's first unit, whether the
 * model fits (its samples run) or not (its samples fail naming the limit). The chip is the test chip
 * {@link BudgetChip}: one core per neuron node, at most 4 neurons per core, 2 cores, thresholds in steps of 1/8.
 */
class MappingTableTest {
    private static final String LIF = "generated/lif.nir";
    private static final String MLP = "generated/feedforward_mlp.nir";

    @TempDir
    Path out;

    private static Cell cell(String model, String backend, int size) {
        return UnitRunnerTest.cell(model, backend, null, UnitRunnerTest.poisson(size, 50, 4));
    }

    /**
     * generated/lif.nir: one LIF node of 3 neurons → core 0, 1 core used. Thresholds [1.0, 1.5, 0.8] in steps of
     * 1/8: 8 and 12 eighths are exact, 0.8 × 8 = 6.4 rounds to 6, 6/8 = 0.75, relative error 0.05 / 0.8 = 0.0625.
     * No Linear or Affine node: no weight error.
     */
    @Test
    void aFittingCellGetsOneMappingRowAndRuns() throws Exception {
        WorkUnit first = new WorkUnit(cell(LIF, BudgetChip.NAME, 3), 0, 2);
        UnitRunner runner = new UnitRunner();
        UnitRunner.Result r = runner.run(first);
        assertTrue(r.cells().stream().allMatch(c -> c.status().equals("ok")), r.cells().toString());
        assertEquals(1, r.mapping().size());
        MappingRow row = r.mapping().get(0);
        assertTrue(row.fits());
        assertEquals(BudgetChip.NAME, row.target());
        assertEquals("cell-" + BudgetChip.NAME, row.cellId());
        assertEquals(0.0625, row.thresholdMaxRelativeError(), 1e-12);
        assertNull(row.weightMaxRelativeError());
        assertNull(row.decayMaxRelativeError());
        assertEquals("lif → core 0 (3 neurons)", row.placement());
        // the next unit of the same cell writes no second row
        assertEquals(List.of(), runner.run(new WorkUnit(first.cell(), 2, 4)).mapping());

        UnitRunnerTest.writeAndMerge(out, first, r);
        assertTrue(Files.exists(out.resolve("mapping").resolve(MergePartitionFn.MERGED)));
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
                ResultSet rs = db.createStatement().executeQuery("SELECT count(*), any_value(fits),"
                        + " any_value(len(violations)), any_value(threshold_max_relative_error),"
                        + " any_value(weight_max_relative_error IS NULL), any_value(target), any_value(dt),"
                        + " any_value(resources::JSON->0->>'resource'), any_value(resources::JSON->0->>'used'),"
                        + " any_value(resources::JSON->1->>'resource'), any_value(placement)"
                        + " FROM read_parquet('" + out + "/mapping/*.parquet')")) {
            rs.next();
            assertEquals(1, rs.getLong(1));
            assertTrue(rs.getBoolean(2));
            assertEquals(0, rs.getInt(3));
            assertEquals(0.0625, rs.getDouble(4), 1e-12);
            assertTrue(rs.getBoolean(5));
            assertEquals(BudgetChip.NAME, rs.getString(6));
            assertEquals(1e-4, rs.getDouble(7));
            assertEquals("neurons per core", rs.getString(8));
            assertEquals("3", rs.getString(9));
            assertEquals("fan-in per neuron", rs.getString(10));
            assertEquals("lif → core 0 (3 neurons)", rs.getString(11));
        }
    }

    /**
     * generated/feedforward_mlp.nir, neuron nodes in the file's order: LI li of 3 neurons on core 0, LIF lif1 of 8
     * on core 1 (over 4); 2 cores (not over 2): one violation, at lif1. The cell's samples fail with it; its mapping
     * row says fits = false.
     */
    @Test
    void aCellWhoseModelDoesNotFitFailsAndStillGetsItsRow() throws Exception {
        WorkUnit unit = new WorkUnit(cell(MLP, BudgetChip.NAME, 4), 0, 2);
        UnitRunner.Result r = new UnitRunner().run(unit);
        assertEquals(2, r.cells().size());
        for (var c : r.cells()) {
            assertEquals("failed", c.status());
            assertTrue(c.error().contains("node 'lif1': neurons per core 8 > 4 neurons (core 1)"), c.error());
        }
        MappingRow row = r.mapping().get(0);
        assertFalse(row.fits());
        assertEquals(List.of("node 'lif1': neurons per core 8 > 4 neurons (core 1) [test chip"
                + " (operators/src/test/.../BudgetChip.java)]"), row.violations());
        assertNull(row.placement());
        // fc1 and fc2 are quantised even though the model does not fit; a weight w at scale s is off by at most
        // half a step, 0.5/s, which is at most |w| once |w·s| ≥ 0.5, and one that rounds to 0 is off by |w|: ≤ 1
        assertTrue(row.weightMaxRelativeError() > 0 && row.weightMaxRelativeError() <= 1,
                "weights: " + row.weightMaxRelativeError());

        UnitRunnerTest.writeAndMerge(out, unit, r);
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
                ResultSet rs = db.createStatement().executeQuery("SELECT m.fits, m.violations[1], c.status,"
                        + " count(*) FROM read_parquet('" + out + "/mapping/*.parquet') m JOIN read_parquet('" + out
                        + "/cells/*.parquet') c USING (cell_id) GROUP BY ALL")) {
            rs.next();
            assertFalse(rs.getBoolean(1));
            assertTrue(rs.getString(2).startsWith("node 'lif1': neurons per core 8 > 4"), rs.getString(2));
            assertEquals("failed", rs.getString(3));
            assertEquals(2, rs.getLong(4));
            assertFalse(rs.next());
        }
    }

    @Test
    void aSimulatorCellHasNoMappingRow() throws Exception {
        WorkUnit unit = new WorkUnit(cell(LIF, "exact", 3), 0, 1);
        UnitRunner.Result r = new UnitRunner().run(unit);
        assertEquals(List.of(), r.mapping());
        UnitRunnerTest.writeAndMerge(out, unit, r);
        assertFalse(Files.exists(out.resolve("mapping")));
        assertFalse(Files.exists(out.resolve(UnitWriter.WORK).resolve("mapping")));
    }

    /**
     * A cell whose model cannot be mapped at all — here {@link BudgetChip} refuses a weight_bits of 8 — has no
     * mapping row (docs/data-model.md), and its samples fail with the reason.
     */
    @Test
    void aCellWhoseModelCannotBeMappedHasNoRowAndFails() throws Exception {
        WorkUnit unit = new WorkUnit(UnitRunnerTest.cell(LIF, BudgetChip.NAME, 8, UnitRunnerTest.poisson(3, 50, 2)),
                0, 2);
        UnitRunner.Result r = new UnitRunner().run(unit);
        assertEquals(List.of(), r.mapping());
        assertEquals(2, r.cells().size());
        assertTrue(r.cells().stream().allMatch(c -> c.status().equals("failed")
                && c.error().contains("weight_bits 8")), r.cells().toString());
        UnitRunnerTest.writeAndMerge(out, unit, r);
        assertFalse(Files.exists(out.resolve("mapping")));
        assertFalse(Files.exists(out.resolve(UnitWriter.WORK).resolve("mapping")));
    }

    /** A retried unit rewrites its mapping file under the same name with the same bytes (no duplicate row). */
    @Test
    void aRetriedUnitRewritesTheSameFile() throws Exception {
        WorkUnit unit = new WorkUnit(cell(MLP, BudgetChip.NAME, 4), 0, 1);
        UnitWriter.write(out.toString(), unit, new UnitRunner().run(unit));
        Path file = out.resolve("mapping").resolve("part-" + unit.id() + ".rows");
        byte[] once = Files.readAllBytes(file);
        UnitWriter.write(out.toString(), unit, new UnitRunner().run(unit));
        assertArrayEquals(once, Files.readAllBytes(file));
        try (var files = Files.list(out.resolve("mapping"))) {
            assertEquals(1, files.count());
        }
    }
}
