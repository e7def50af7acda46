package io.nirsweep.operators.sweep;

import io.nirsweep.operators.parquet.CellRow;
import io.nirsweep.sim.backend.StepLength;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nirsweep.operators.inputs.InputSpec;
import io.nirsweep.operators.parquet.SpikeRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One work unit simulated and written, read back with DuckDB. */
class UnitRunnerTest {
    static final Path CORPUS = Path.of(System.getProperty("nirsweep.corpus", "../nir-model/src/test/resources/nir-corpus"));

    @TempDir
    Path out;

    static Cell cell(String model, String backend, Integer weightBits, InputSpec input) {
        return new Cell("sweep", "cell-" + backend, CORPUS.resolve(model).toAbsolutePath().toString(), "lif.nir",
                "sha", input, input.name(), backend, StepLength.seconds(1e-4), 1.0, 1.0, weightBits, "{\"dt\":0.0001}", null, List.of(), false,
                "test");
    }

    static InputSpec poisson(int size, int steps, int samples) {
        return new InputSpec.Poisson("noise", List.of(size), steps, samples, 0.9, 7, null);
    }

    /**
     * Writes the unit's files into the work folder of results in {@code out} and merges each of its partitions, as
     * a sweep of this one unit does: the Parquet tables in {@code out}; what the unit wrote.
     */
    static UnitWriter.Summary writeAndMerge(Path out, WorkUnit unit, UnitRunner.Result rows) {
        UnitWriter.Summary s = UnitWriter.write(UnitWriter.work(out.toString()), unit, rows);
        for (String partition : s.partitions()) {
            MergePartitionFn.merge(out.toString(), partition, List.of(unit.id()));
        }
        return s;
    }

    @Test
    void unitWritesSpikesAndCellsThatDuckDbReads() throws Exception {
        // LIF of generated/lif.nir driven at 90%: its second neuron (R = 2, θ = 1.5) settles towards 1.8 and fires.
        WorkUnit unit = new WorkUnit(cell("generated/lif.nir", "euler", null, poisson(3, 2000, 4)), 1, 3);
        UnitRunner.Result r = new UnitRunner().run(unit);
        assertEquals(2, r.cells().size());
        assertTrue(r.cells().stream().allMatch(c -> c.status().equals("ok")), r.cells().toString());
        // the release the backend reproduces: euler stands for NIR's equations
        assertTrue(r.cells().stream().allMatch(c -> c.backendVersion().equals("nir-1.0.6")), r.cells().toString());
        UnitWriter.Summary s = writeAndMerge(out, unit, r);
        assertEquals(2, s.samples());
        assertEquals(0, s.failed());
        assertTrue(s.spikes() > 0, "no spikes");
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
                ResultSet rs = db.createStatement().executeQuery("SELECT count(*), sum(count), min(sample), max(sample),"
                        + " any_value(backend), any_value(model) FROM read_parquet('" + out
                        + "/spikes/**/*.parquet', hive_partitioning = true)")) {
            rs.next();
            assertEquals(s.spikes(), rs.getLong(2));
            assertEquals(1, rs.getInt(3));
            assertEquals(2, rs.getInt(4));
            assertEquals("euler", rs.getString(5));
            assertEquals("lif.nir", rs.getString(6));
        }
        assertEquals(List.of(s), UnitWriter.finished(UnitWriter.work(out.toString())));
    }

    @Test
    void aRunnerThatCachedTheCellGivesTheSameRowsAsAFreshOne() {
        Cell cell = cell("generated/lif.nir", "euler", null, poisson(3, 2000, 4));
        UnitRunner worker = new UnitRunner();
        worker.run(new WorkUnit(cell, 0, 2)); // opens and caches the graph and the input set
        WorkUnit next = new WorkUnit(cell, 2, 4);
        List<SpikeRow> fresh = new UnitRunner().run(next).spikes();
        assertFalse(fresh.isEmpty(), "no spikes");
        assertEquals(fresh, worker.run(next).spikes());
    }

    /**
     * dt native: each cell runs at its backend importer's own dt, which the cells table records — Norse's default
     * 1e-3 s; Rockpool's guess min(τ/(1 + r)) over lif.nir's τ = [0.01, 0.02, 0.005], r = [1, 2, 0.5]: 0.005/1.5 in
     * float32; the reference backend has none, and its cell fails with that line, dt null.
     */
    @Test
    void nativeCellsRecordTheDtTheyRanAt() {
        Map<String, Double> ranAt = new java.util.LinkedHashMap<>();
        for (String backend : List.of("norse", "rockpool", "exact")) {
            Cell given = cell("generated/lif.nir", backend, null, poisson(3, 20, 1));
            Cell own = new Cell(given.sweepId(), given.cellId(), given.modelPath(), given.modelName(),
                    given.modelSha256(), given.input(), given.inputName(), backend, StepLength.NATIVE, 1.0, 1.0, null,
                    "{\"dt\":\"native\"}", null, List.of(), false, "test");
            CellRow row = new UnitRunner().run(new WorkUnit(own, 0, 1)).cells().get(0);
            ranAt.put(backend, row.dt());
            if (backend.equals("exact")) {
                assertEquals("failed", row.status());
                assertTrue(row.error().endsWith("the exact backend has no dt of its own: give dt in seconds"),
                        row.error());
            }
        }
        assertEquals(1e-3, ranAt.get("norse"));
        assertEquals(0.005 / 1.5, ranAt.get("rockpool"), 1e-6 * 0.005 / 1.5);
        assertEquals(ranAt.get("rockpool"), (double) (float) (double) ranAt.get("rockpool"));
        assertNull(ranAt.get("exact"));
        assertEquals(3, ranAt.size());
        assertEquals(1e-4, new UnitRunner().run(new WorkUnit(cell("generated/lif.nir", "euler", null,
                poisson(3, 20, 1)), 0, 1)).cells().get(0).dt());
    }

    @Test
    void aRefusedCellBecomesFailedRowsWithTheReason() throws Exception {
        WorkUnit unit = new WorkUnit(cell("generated/lif.nir", "exact", 8, poisson(3, 10, 2)), 0, 2);
        UnitRunner.Result r = new UnitRunner().run(unit);
        assertEquals(2, r.cells().size());
        assertEquals("failed", r.cells().get(0).status());
        assertEquals("nir-1.0.6", r.cells().get(0).backendVersion());
        assertTrue(r.cells().get(0).error().contains("weight_bits"), r.cells().get(0).error());
        assertTrue(r.spikes().isEmpty());
        UnitWriter.Summary s = writeAndMerge(out, unit, r);
        assertEquals(2, s.failed());
        assertEquals(List.of("cells"), s.partitions());
        assertTrue(Files.exists(out.resolve(UnitWriter.WORK).resolve("cells").resolve("part-" + unit.id() + ".rows")));
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
                ResultSet rs = db.createStatement().executeQuery("SELECT count(*), min(status), max(error LIKE"
                        + " '%weight_bits%') FROM read_parquet('" + out + "/cells/part-00000.parquet')")) {
            rs.next();
            assertEquals(2, rs.getLong(1));
            assertEquals("failed", rs.getString(2));
            assertTrue(rs.getBoolean(3));
        }
    }

    @Test
    void aBrokenModelBecomesFailedRows() {
        WorkUnit unit = new WorkUnit(cell("bad/truncated.nir", "euler", null, poisson(3, 10, 1)), 0, 1);
        UnitRunner.Result r = new UnitRunner().run(unit);
        assertEquals("failed", r.cells().get(0).status());
        assertTrue(r.cells().get(0).error().contains("truncated"), r.cells().get(0).error());
        assertNull(r.cells().get(0).predicted());
    }
}
