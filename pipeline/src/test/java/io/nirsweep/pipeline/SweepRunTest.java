package io.nirsweep.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nirsweep.pipeline.config.SweepConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.beam.sdk.PipelineResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A whole sweep from a config on embedded Flink: failed cells are rows, re-runs replace, run.json is written. */
class SweepRunTest {
    static final Path CORPUS = Path.of(System.getProperty("nirsweep.corpus", "../nir-model/src/test/resources/nir-corpus"))
            .toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    private Path config() throws Exception {
        Path models = tmp.resolve("models");
        Files.createDirectories(models);
        Files.copy(CORPUS.resolve("generated/lif.nir"), models.resolve("lif.nir"));
        Files.copy(CORPUS.resolve("bad/truncated.nir"), models.resolve("truncated.nir"));
        Path config = tmp.resolve("sweep.yaml");
        Files.writeString(config, """
                models: [models/lif.nir, models/truncated.nir]
                inputs:
                  - name: noise
                    kind: poisson
                    shape: [3]
                    steps: 2000
                    samples: 6
                    rate: 0.9
                backends: [exact, euler]
                grid:
                  weight_bits: [null, 8]     # 8 bits: refused by both simulators (hardware targets only)
                out: out
                samples_per_unit: 4
                """);
        return config;
    }

    @Test
    void brokenModelAndRefusedCellsBecomeFailedRowsAndTheSweepCompletes() throws Exception {
        SweepConfig cfg = SweepConfig.load(config());
        SweepPlan plan = SweepPlanner.plan(cfg, "test");
        assertEquals(2 * 2 * 2, plan.cells().size());
        StringWriter progress = new StringWriter();
        SweepRun.Outcome outcome = SweepRun.execute(plan, cfg.localOut(), SweepPipeline.Runner.embedded(2), "embedded",
                new PrintWriter(progress));
        assertEquals(PipelineResult.State.DONE, outcome.state());
        assertTrue(Files.exists(cfg.localOut().resolve("run.json")));
        // run.json says which release each backend of the config reproduces
        com.fasterxml.jackson.databind.JsonNode run = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(cfg.localOut().resolve("run.json").toFile());
        List<String> named = new java.util.ArrayList<>();
        run.get("backends").fieldNames().forEachRemaining(named::add);
        assertEquals(List.of("exact", "euler"), named);
        assertEquals("euler@nir-1.0.6", run.get("backends").get("euler").get("version").asText());
        assertEquals("NIR ≥ 1.0.6, its equations", run.get("backends").get("exact").get("reproduces").asText());
        assertTrue(run.get("backends").get("exact").get("evidence").asText().contains("Runge–Kutta"), run.toString());
        assertTrue(progress.toString().contains("sweep: cells 8/8, samples"), progress.toString());
        String cells = "read_parquet('" + cfg.localOut() + "/cells/*.parquet')";
        // lif.nir without weight_bits runs; everything else fails with its reason, one row per sample.
        assertEquals(List.of(
                "models/lif.nir|euler|false|ok|6",
                "models/lif.nir|euler|true|failed|6",
                "models/lif.nir|exact|false|ok|6",
                "models/lif.nir|exact|true|failed|6",
                "models/truncated.nir|euler|false|failed|6",
                "models/truncated.nir|euler|true|failed|6",
                "models/truncated.nir|exact|false|failed|6",
                "models/truncated.nir|exact|true|failed|6"), DuckDbRows.query("SELECT model, backend,"
                + " params LIKE '%\"weight_bits\":8%', status, count(*) FROM " + cells + " GROUP BY ALL ORDER BY ALL"));
        List<String> reasons = DuckDbRows.query("SELECT DISTINCT model, error FROM " + cells + " WHERE status = 'failed' ORDER BY ALL");
        assertTrue(reasons.stream().anyMatch(r -> r.contains("truncated") && r.contains("truncated HDF5 file")), reasons.toString());
        assertTrue(reasons.stream().anyMatch(r -> r.startsWith("models/lif.nir|") && r.contains("weight_bits")),
                reasons.toString());
        assertEquals(List.of("12"), DuckDbRows.query("SELECT count(*) FROM " + cells + " WHERE status = 'ok'"));
        // Output counts and predictions of the ok samples, with the documented columns.
        assertEquals(List.of("0"), DuckDbRows.query("SELECT count(*) FROM " + cells + " WHERE status = 'ok' AND (len(output_counts) <> 3"
                + " OR predicted IS NULL OR steps <> 2000)"));

        // A re-run into the same folder replaces it: same rows, no duplicates.
        long spikes = Long.parseLong(DuckDbRows.query("SELECT count(*) FROM read_parquet('" + cfg.localOut() + "/spikes/**/*.parquet')").get(0));
        SweepRun.Outcome again = SweepRun.execute(plan, cfg.localOut(), SweepPipeline.Runner.embedded(1), "embedded",
                new PrintWriter(new StringWriter()));
        assertEquals(PipelineResult.State.DONE, again.state());
        assertEquals(List.of(Long.toString(spikes)),
                DuckDbRows.query("SELECT count(*) FROM read_parquet('" + cfg.localOut() + "/spikes/**/*.parquet')"));
        assertEquals(List.of("48"), DuckDbRows.query("SELECT count(*) FROM " + cells));
        // Only the results are left beside the config, with the marker in them: no staging, no lock file.
        assertTrue(Files.isRegularFile(cfg.localOut().resolve(ResultsFolder.MARKER)));
        try (var siblings = Files.list(tmp)) {
            assertEquals(List.of("models", "out", "sweep.yaml"),
                    siblings.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    /**
     * dt: native beside a given dt: each backend's cells record the dt they ran at — Norse's default 1e-3 s,
     * Rockpool's guess min(τ/(1 + r)) over lif.nir's τ = [0.01, 0.02, 0.005], r = [1, 2, 0.5], 0.005/1.5 in
     * float32 — and the reference backend, which has none, fails its native cells saying so, its dt null.
     */
    @Test
    void nativeDtCellsRecordEachImportersOwnDt() throws Exception {
        Path models = tmp.resolve("models");
        Files.createDirectories(models);
        Files.copy(CORPUS.resolve("generated/lif.nir"), models.resolve("lif.nir"));
        Path config = tmp.resolve("sweep.yaml");
        Files.writeString(config, """
                models: [models/lif.nir]
                inputs:
                  - name: noise
                    kind: poisson
                    shape: [3]
                    steps: 50
                    samples: 2
                    rate: 0.9
                backends: [norse, rockpool, exact]
                grid:
                  dt: [1e-4, native]
                out: out
                """);
        SweepConfig cfg = SweepConfig.load(config);
        SweepRun.Outcome outcome = SweepRun.execute(SweepPlanner.plan(cfg, "test"), cfg.localOut(),
                SweepPipeline.Runner.embedded(2), "embedded", new PrintWriter(new StringWriter()));
        assertEquals(PipelineResult.State.DONE, outcome.state());
        String cells = "read_parquet('" + cfg.localOut() + "/cells/*.parquet')";
        assertEquals(List.of(
                "exact|0.0001|ok|0.0001|2",
                "exact|native|failed|NULL|2",
                "norse|0.0001|ok|0.0001|2",
                "norse|native|ok|0.001|2",
                "rockpool|0.0001|ok|0.0001|2",
                "rockpool|native|ok|" + (double) (float) (0.005 / 1.5) + "|2"),
                DuckDbRows.query("SELECT backend, json_extract_string(params, '$.dt'), status,"
                        + " coalesce(CAST(dt AS VARCHAR), 'NULL'), count(*) FROM " + cells
                        + " GROUP BY ALL ORDER BY ALL"));
        assertEquals(List.of("the exact backend has no dt of its own: give dt in seconds"),
                DuckDbRows.query("SELECT DISTINCT error FROM " + cells + " WHERE status = 'failed'"));
    }

    @Test
    void identicalModelFilesUnderTwoNamesGetTheirOwnCells() throws Exception {
        Path models = tmp.resolve("twins");
        Files.createDirectories(models);
        Files.copy(CORPUS.resolve("generated/lif.nir"), models.resolve("a.nir"));
        Files.copy(CORPUS.resolve("generated/lif.nir"), models.resolve("b.nir"));
        Path config = tmp.resolve("twins.yaml");
        Files.writeString(config, """
                models: [twins/a.nir, twins/b.nir]
                inputs:
                  - {name: noise, kind: poisson, shape: [3], steps: 10, samples: 2, rate: 0.5}
                backends: [euler]
                """);
        SweepPlan plan = SweepPlanner.plan(SweepConfig.load(config), "test");
        assertEquals(2, plan.cells().stream().map(c -> c.cellId()).distinct().count());
        assertEquals(2, plan.units().stream().map(u -> u.id()).distinct().count());
    }

    @Test
    void aCompletedRunWhoseFolderTheUserFilledMeanwhileKeepsItsResultsBesideIt() throws Exception {
        Path models = Files.createDirectories(tmp.resolve("models"));
        Files.copy(CORPUS.resolve("generated/lif.nir"), models.resolve("lif.nir"));
        Path config = Files.writeString(tmp.resolve("small.yaml"), """
                models: [models/lif.nir]
                inputs:
                  - {name: noise, kind: poisson, shape: [3], steps: 20, samples: 2, rate: 0.5}
                backends: [euler]
                out: out
                """);
        SweepConfig cfg = SweepConfig.load(config);
        SweepPlan plan = SweepPlanner.plan(cfg, "test");
        try (SweepOutput output = SweepOutput.claim(cfg.localOut(), plan.sweepFiles())) {
            // Missing when claimed; the user makes and fills it while the sweep runs.
            Files.createDirectories(cfg.localOut());
            Files.writeString(cfg.localOut().resolve("thesis.txt"), "precious");
            ResultsKeptAside kept = org.junit.jupiter.api.Assertions.assertThrows(ResultsKeptAside.class,
                    () -> SweepRun.execute(plan, output, SweepPipeline.Runner.embedded(1), "embedded",
                            new PrintWriter(new StringWriter())));
            assertTrue(kept.outputChanged());
            assertEquals(tmp.toRealPath().resolve("out.nirsweep-" + plan.sweepId()), kept.kept());
            assertEquals(List.of("2"), DuckDbRows.query("SELECT count(*) FROM read_parquet('" + kept.kept()
                    + "/cells/*.parquet')"));
            assertTrue(Files.readString(kept.kept().resolve("run.json")).contains("\"samples\" : 2"));
        }
        assertEquals("precious", Files.readString(cfg.localOut().resolve("thesis.txt")));
        try (var entries = Files.list(cfg.localOut())) {
            assertEquals(1, entries.count(), "the user's folder as they left it");
        }
        try (var siblings = Files.list(tmp)) {
            assertEquals(List.of("models", "out", "out.nirsweep-" + plan.sweepId(), "small.yaml"),
                    siblings.map(p -> p.getFileName().toString()).sorted().toList(), "no staging, no lock file");
        }
    }

    /**
     * A demo-like sweep (two inputs, a simulator and a chip target, several units per cell) leaves one file per
     * table partition beside run.json and the marker — no unit files, no progress markers — with every row: 8 cells
     * in 24 units that wrote 24 cells files, 4 mapping files, up to 24 spikes files and 24 markers before the merge.
     */
    @Test
    void theResultsAreOneFilePerPartitionWithNoUnitFilesNorMarkers() throws Exception {
        Path models = Files.createDirectories(tmp.resolve("models"));
        Files.copy(CORPUS.resolve("generated/lif.nir"), models.resolve("lif.nir"));
        Files.copy(CORPUS.resolve("generated/feedforward_mlp.nir"), models.resolve("mlp.nir"));
        Path config = Files.writeString(tmp.resolve("demo-like.yaml"), """
                models: [models/lif.nir, models/mlp.nir]
                inputs:
                  - {name: noise, kind: poisson, shape: [3], steps: 2000, samples: 6, rate: 0.9}
                  - {name: dense, kind: poisson, shape: [3], steps: 2000, samples: 6, rate: 0.95}
                backends: [exact, %s]
                out: out
                samples_per_unit: 2
                """.formatted(io.nirsweep.operators.chip.BudgetChip.NAME));
        SweepConfig cfg = SweepConfig.load(config);
        SweepPlan plan = SweepPlanner.plan(cfg, "test");
        assertEquals(24, plan.units().size());
        SweepRun.Outcome outcome = SweepRun.execute(plan, cfg.localOut(), SweepPipeline.Runner.embedded(2), "embedded",
                new PrintWriter(new StringWriter()));
        assertEquals(PipelineResult.State.DONE, outcome.state());
        List<String> files;
        try (var walk = Files.walk(cfg.localOut())) {
            files = walk.filter(Files::isRegularFile).map(p -> cfg.localOut().relativize(p).toString()).sorted().toList();
        }
        java.util.regex.Pattern layout = java.util.regex.Pattern.compile("\\.nirsweep-results|run\\.json"
                + "|(cells|mapping|spikes/backend=[^/]+/model=[^/]+)/part-00000\\.parquet");
        assertTrue(files.stream().allMatch(f -> layout.matcher(f).matches()), files.toString());
        assertTrue(files.containsAll(List.of(".nirsweep-results", "run.json", "cells/part-00000.parquet",
                "mapping/part-00000.parquet")), files.toString());
        String spikes = "read_parquet('" + cfg.localOut() + "/spikes/**/*.parquet', hive_partitioning = true)";
        int partitions = Integer.parseInt(DuckDbRows.query("SELECT count(*) FROM (SELECT DISTINCT backend, model FROM "
                + spikes + ")").get(0));
        assertTrue(partitions >= 2, "spikes partitions: " + files);
        assertEquals(4 + partitions, files.size(), files.toString());
        assertEquals(List.of("48|8"), DuckDbRows.query("SELECT count(*), count(DISTINCT cell_id) FROM read_parquet('"
                + cfg.localOut() + "/cells/*.parquet')"));
        assertEquals(List.of("4|4"), DuckDbRows.query("SELECT count(*), count(DISTINCT cell_id) FROM read_parquet('"
                + cfg.localOut() + "/mapping/*.parquet')"));
        assertEquals(List.of(Long.toString(outcome.spikes())), DuckDbRows.query("SELECT sum(count) FROM " + spikes));
    }
}
