package io.nirsweep.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nirsweep.operators.equivalence.report.EquivalenceReport;
import io.nirsweep.operators.equivalence.report.EquivalenceReport.PairRow;
import io.nirsweep.pipeline.config.ReportConfig;
import io.nirsweep.pipeline.config.SweepConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.beam.sdk.PipelineResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The equivalence report end to end on the embedded runner: a small real sweep (a three-neuron LIF under four
 * backends, one of which refuses it), its report, and every number of the report checked against an independent
 * computation in SQL over the sweep's Parquet tables (DuckDB); then the output folder's safety and the baselines.
 */
class ReportRunTest {
    @TempDir
    static Path tmp;
    static Path results;
    static Path config;
    static final int STEPS = 300;
    static final int SAMPLES = 8;

    @BeforeAll
    static void sweep() throws Exception {
        Path models = Files.createDirectories(tmp.resolve("models"));
        Files.copy(SweepRunTest.CORPUS.resolve("generated/lif.nir"), models.resolve("lif.nir"));
        Files.copy(Path.of("src/test/resources/config/data/poisson_labels.csv"), tmp.resolve("labels.csv"));
        config = Files.writeString(tmp.resolve("small.yaml"), """
                models: [models/lif.nir]
                inputs:
                  - {name: noise, kind: poisson, shape: [3], steps: %d, samples: %d, rate: 0.6, labels: labels.csv}
                backends: [exact, euler, norse, snntorch]
                grid: {dt: 1e-3}
                samples_per_unit: 3
                """.formatted(STEPS, SAMPLES));
        results = tmp.resolve("results");
        SweepRun.Outcome o = SweepRun.execute(SweepPlanner.plan(SweepConfig.load(config), "test"), results.toString(),
                SweepPipeline.Runner.embedded(2), "embedded", new PrintWriter(new StringWriter()));
        assertEquals(PipelineResult.State.DONE, o.state());
    }

    private static ReportRun.Outcome report(Path out, List<Path> baselines) {
        return report(results, out, baselines);
    }

    private static ReportRun.Outcome report(Path sweep, Path out, List<Path> baselines) {
        ReportRun.Prepared p = ReportRun.prepare(new ReportRun.Request(sweep.toString(), out, baselines,
                ReportConfig.DEFAULT, null));
        return ReportRun.execute(p, SweepPipeline.Runner.embedded(2), new PrintWriter(new StringWriter()));
    }

    @Test
    void everyMetricAgreesWithSqlOverTheSweepsTables() throws Exception {
        Path out = tmp.resolve("report-a");
        EquivalenceReport r = report(out, List.of()).report();
        // three backends run the model; snnTorch refuses its per-neuron thresholds: 3 pairs of one node
        assertEquals(List.of("exact|euler|output", "exact|norse|output", "euler|norse|output"),
                r.pairs().stream().map(p -> p.backendA() + "|" + p.backendB() + "|" + p.node()).toList());
        assertEquals(1, r.failures().size());
        assertTrue(r.failures().get(0).reason().contains("snntorch"), r.failures().get(0).reason());
        assertEquals(SAMPLES, r.failures().get(0).samples());
        String spikes = results + "/spikes/**/*.parquet";
        for (PairRow row : r.pairs()) {
            assertEquals(SAMPLES, row.samples());
            String a = row.backendA();
            String b = row.backendB();
            // bins whose counts differ, per sample, by a full outer join of the two backends' events
            String diff = """
                    WITH a AS (SELECT sample, neuron, t, count FROM read_parquet('%1$s', hive_partitioning = true)
                               WHERE backend = '%2$s'),
                         b AS (SELECT sample, neuron, t, count FROM read_parquet('%1$s', hive_partitioning = true)
                               WHERE backend = '%3$s'),
                         d AS (SELECT coalesce(a.sample, b.sample) AS sample, coalesce(a.t, b.t) AS t
                               FROM a FULL OUTER JOIN b ON a.sample = b.sample AND a.neuron = b.neuron AND a.t = b.t
                               WHERE coalesce(a.count, 0) <> coalesce(b.count, 0)),
                         s AS (SELECT range AS sample FROM range(%4$d)),
                         per AS (SELECT s.sample, count(d.t) AS n, min(d.t) AS first FROM s LEFT JOIN d
                                 ON s.sample = d.sample GROUP BY s.sample)
                    SELECT avg(1 - n / (%5$d * 3.0)), min(first), count(first) FROM per
                    """.formatted(spikes, a, b, SAMPLES, STEPS);
            String[] sql = DuckDbRows.query(diff).get(0).split("\\|");
            assertEquals(Double.parseDouble(sql[0]), row.identicalBinFraction(), 1e-12, a + " vs " + b);
            assertEquals(sql[1].equals("null") ? null : Integer.valueOf(sql[1]), row.firstStep(), a + " vs " + b);
            assertEquals(Long.parseLong(sql[2]), row.divergingSamples(), a + " vs " + b);
            String classes = """
                    SELECT avg(CASE WHEN x.predicted = y.predicted THEN 1.0 ELSE 0.0 END)
                    FROM read_parquet('%1$s/cells/*.parquet') x JOIN read_parquet('%1$s/cells/*.parquet') y
                      ON x.sample = y.sample WHERE x.backend = '%2$s' AND y.backend = '%3$s'
                    """.formatted(results, a, b);
            assertEquals(Double.parseDouble(DuckDbRows.query(classes).get(0)), row.classAgreement(), 1e-12);
        }
        // exact and euler differ; the table says where first, and a raster shows it
        assertFalse(r.rasters().isEmpty());
        // accuracy against the labels, per backend that ran
        assertEquals(List.of("exact", "euler", "norse"), r.accuracy().stream().map(a -> a.backend()).toList());
        for (var acc : r.accuracy()) {
            String sql = """
                    SELECT sum(CASE WHEN predicted = label THEN 1 ELSE 0 END), count(*)
                    FROM read_parquet('%s/cells/*.parquet') WHERE backend = '%s' AND label IS NOT NULL
                    """.formatted(results, acc.backend());
            assertEquals(DuckDbRows.query(sql).get(0), acc.correct() + "|" + acc.labelled());
        }
        // the equivalence table holds the same rows
        List<String> table = DuckDbRows.query("SELECT backend_a, backend_b, node, samples, identical_bin_fraction"
                + " FROM read_parquet('" + out + "/equivalence/*.parquet') ORDER BY backend_a, backend_b");
        assertEquals(r.pairs().size(), table.size());
        assertTrue(Files.isRegularFile(out.resolve("summary.json")));
        assertTrue(Files.isRegularFile(out.resolve(ReportFolder.MARKER)));
    }

    @Test
    void anUnchangedRerunAgainstItsBaselineMovesNothing() {
        Path first = tmp.resolve("nightly-1");
        Path second = tmp.resolve("nightly-2");
        report(first, List.of());
        ReportRun.Outcome again = report(second, List.of(first));
        assertEquals(List.of(), again.changes());
        assertEquals(2, again.report().trend().size());
        // and a report replaces an earlier report in its folder
        ReportRun.Outcome replaced = report(second, List.of(first));
        assertEquals(List.of(), replaced.changes());
    }

    @Test
    void perturbingOneBackendsParameterIsFlaggedNamingTheMetricAndTheCell() throws Exception {
        Path baseline = tmp.resolve("before");
        report(baseline, List.of());
        // the same sweep, but euler's thresholds 10 % lower: its rows still pair with the others' (same params)
        Path perturbed = Files.writeString(tmp.resolve("perturbed.yaml"), Files.readString(config)
                .replace("[exact, euler, norse, snntorch]", "[exact, {name: euler, threshold_scale: 0.9}, norse,"
                        + " snntorch]"));
        Path results2 = tmp.resolve("results-perturbed");
        SweepRun.execute(SweepPlanner.plan(SweepConfig.load(perturbed), "test"), results2.toString(),
                SweepPipeline.Runner.embedded(2), "embedded", new PrintWriter(new StringWriter()));
        ReportRun.Outcome o = report(results2, tmp.resolve("after"), List.of(baseline));
        assertFalse(o.changes().isEmpty());
        // every change concerns euler; exact vs norse did not move
        assertTrue(o.changes().stream().allMatch(c -> "euler".equals(c.backendA()) || "euler".equals(c.backendB())),
                o.changes().toString());
        var ibf = o.changes().stream().filter(c -> c.what().equals("identical_bin_fraction")).findFirst()
                .orElseThrow(() -> new AssertionError(o.changes().toString()));
        assertTrue(ibf.text().startsWith("identical_bin_fraction of exact vs euler on node 'output', model"
                + " models/lif.nir, input noise, params {"), ibf.text());
        assertTrue(ibf.text().contains("(tolerance 0.001000)"), ibf.text());
    }

    @Test
    void aFolderOfSomeoneElsesFilesIsRefusedBeforeAnyWork() throws Exception {
        Path mine = Files.createDirectories(tmp.resolve("mine"));
        Files.writeString(mine.resolve("notes.txt"), "keep me");
        SweepRefusal e = assertThrows(SweepRefusal.class, () -> ReportRun.prepare(new ReportRun.Request(
                results.toString(), mine, List.of(), ReportConfig.DEFAULT, null)));
        assertTrue(e.getMessage().contains("notes.txt"), e.getMessage());
        assertEquals("keep me", Files.readString(mine.resolve("notes.txt")));
        SweepRefusal inside = assertThrows(SweepRefusal.class, () -> ReportRun.prepare(new ReportRun.Request(
                results.toString(), results.resolve("report"), List.of(), ReportConfig.DEFAULT, null)));
        assertTrue(inside.getMessage().contains("inside the results"), inside.getMessage());
        SweepRefusal notResults = assertThrows(SweepRefusal.class, () -> ReportRun.prepare(new ReportRun.Request(
                tmp.resolve("models").toString(), tmp.resolve("r"), List.of(), ReportConfig.DEFAULT, null)));
        assertTrue(notResults.getMessage().contains("no run.json"), notResults.getMessage());
        assertNotNull(notResults);
    }
}
