package io.nirsweep.pipeline;

import io.nirsweep.sim.backend.StepLength;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nirsweep.operators.inputs.InputSpec;
import io.nirsweep.operators.sweep.Cell;
import io.nirsweep.operators.sweep.WorkUnit;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import io.nirsweep.operators.sweep.SimulateUnitsFn;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sweep pipeline on Beam's Flink runner with an in-process Flink: same rows whatever the parallelism. */
class SweepPipelineTest {
    static final Path CORPUS = Path.of(System.getProperty("nirsweep.corpus", "../nir-model/src/test/resources/nir-corpus"));

    @TempDir
    Path tmp;

    static List<WorkUnit> units(int perUnit) {
        InputSpec input = new InputSpec.Poisson("noise", List.of(3), 3000, 5, 0.9, 3, null);
        List<WorkUnit> units = new ArrayList<>();
        for (String backend : List.of("exact", "euler")) {
            Cell cell = new Cell("sweep", "c-" + backend, CORPUS.resolve("generated/lif.nir").toAbsolutePath().toString(),
                    "lif.nir", "sha", input, "noise", backend, StepLength.seconds(1e-4), 1.0, 1.0, null, "{}", null, List.of(), false, "test");
            for (int s = 0; s < 5; s += perUnit) {
                units.add(new WorkUnit(cell, s, Math.min(5, s + perUnit)));
            }
        }
        return units;
    }

    static List<String> rows(Path out) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
                ResultSet rs = db.createStatement().executeQuery("SELECT backend, cell_id, sample, node, neuron, t, count"
                        + " FROM read_parquet('" + out + "/spikes/**/*.parquet', hive_partitioning = true)"
                        + " ORDER BY ALL")) {
            while (rs.next()) {
                rows.add(rs.getString(1) + "," + rs.getString(2) + "," + rs.getInt(3) + "," + rs.getString(4) + ","
                        + rs.getInt(5) + "," + rs.getInt(6) + "," + rs.getInt(7));
            }
        }
        return rows;
    }

    @Test
    void parallelismAndUnitSizeDoNotChangeTheRows() throws Exception {
        Path a = tmp.resolve("p1");
        Path b = tmp.resolve("p2");
        assertEquals(PipelineResult.State.DONE, SweepPipeline.run(units(5), a.toString(), SweepPipeline.Runner.embedded(1), "nirsweep test p1"));
        assertEquals(PipelineResult.State.DONE, SweepPipeline.run(units(2), b.toString(), SweepPipeline.Runner.embedded(2), "nirsweep test p2"));
        List<String> rowsA = rows(a);
        assertTrue(rowsA.size() >= 40, "too few spikes: " + rowsA.size());
        assertEquals(rowsA, rows(b));
    }

    /**
     * The sweep's Beam counters, as the runner reports them at the end (on a cluster, the job's accumulators):
     * two cells of 3 units each and one cell whose model does not exist, which fails all its 5 samples.
     */
    @Test
    void theCountersSayWhatTheUnitsDid() throws Exception {
        Path out = tmp.resolve("metrics");
        List<WorkUnit> units = new ArrayList<>(units(2));
        InputSpec input = new InputSpec.Poisson("noise", List.of(3), 3000, 5, 0.9, 3, null);
        Cell missing = new Cell("sweep", "c-missing", tmp.resolve("no-such-model.nir").toString(), "missing.nir", "sha",
                input, "noise", "exact", StepLength.seconds(1e-4), 1.0, 1.0, null, "{}", null, List.of(), false, "test");
        units.add(new WorkUnit(missing, 0, 5));

        Pipeline p = Pipeline.create(SweepPipeline.Runner.embedded(1).toOptions(out.toString(), "nirsweep test metrics"));
        SweepPipeline.apply(p, units, out.toString());
        PipelineResult result = p.run();
        assertEquals(PipelineResult.State.DONE, result.waitUntilFinish());

        MetricQueryResults metrics = result.metrics().queryMetrics(MetricsFilter.builder()
                .addNameFilter(MetricNameFilter.inNamespace(SimulateUnitsFn.METRICS_NAMESPACE)).build());
        Map<String, Long> counters = new TreeMap<>();
        for (MetricResult<Long> counter : metrics.getCounters()) {
            counters.merge(counter.getName().getName(), counter.getAttempted(), Long::sum);
        }
        long spikesWritten;
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
                ResultSet rs = db.createStatement().executeQuery("SELECT sum(count) FROM read_parquet('" + out
                        + "/spikes/**/*.parquet', hive_partitioning = true)")) {
            assertTrue(rs.next());
            spikesWritten = rs.getLong(1);
        }
        assertTrue(spikesWritten > 0, "no spikes written");
        assertEquals(Map.of(SimulateUnitsFn.UNITS, 7L, SimulateUnitsFn.CELLS, 3L, SimulateUnitsFn.SAMPLES, 15L,
                SimulateUnitsFn.FAILED_SAMPLES, 5L, SimulateUnitsFn.SPIKES, spikesWritten), counters);
    }
}
