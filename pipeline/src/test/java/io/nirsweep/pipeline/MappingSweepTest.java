package io.nirsweep.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nirsweep.operators.chip.BudgetChip;
import io.nirsweep.pipeline.config.SweepConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.beam.sdk.PipelineResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep with a chip target among its backends, on embedded Flink: the {@code mapping} table gets one row per cell
 * of the target (not per unit or sample), the cells whose model does not fit fail naming the limit, and a re-run
 * into the same folder replaces it. The target is the test chip {@link BudgetChip} (at most 4 neurons per core).
 */
class MappingSweepTest {
    static final Path CORPUS = Path.of(System.getProperty("nirsweep.corpus",
            "../nir-model/src/test/resources/nir-corpus")).toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    private Path config() throws Exception {
        Path models = tmp.resolve("models");
        Files.createDirectories(models);
        Files.copy(CORPUS.resolve("generated/lif.nir"), models.resolve("lif.nir"));
        Files.copy(CORPUS.resolve("generated/feedforward_mlp.nir"), models.resolve("mlp.nir"));
        Path config = tmp.resolve("sweep.yaml");
        Files.writeString(config, """
                models: [models/lif.nir, models/mlp.nir]
                inputs:
                  - name: noise
                    kind: poisson
                    shape: [3]
                    steps: 200
                    samples: 6
                    rate: 0.9
                backends: [exact, %s]
                grid:
                  dt: [0.0001, 0.001]
                out: out
                samples_per_unit: 4
                """.formatted(BudgetChip.NAME));
        return config;
    }

    /**
     * 2 models × 2 backends × 2 dt = 8 cells of 6 samples in units of 4 (2 units each). The 4 chip cells get one
     * mapping row each: lif.nir (3 neurons on core 0) fits; mlp.nir puts lif1's 8 neurons on core 1, over 4.
     */
    @Test
    void oneMappingRowPerChipCellAndTheCellsThatDoNotFitFail() throws Exception {
        SweepConfig cfg = SweepConfig.load(config());
        SweepPlan plan = SweepPlanner.plan(cfg, "test");
        assertEquals(8, plan.cells().size());
        assertEquals(PipelineResult.State.DONE, SweepRun.execute(plan, cfg.localOut(), SweepPipeline.Runner.embedded(2),
                "embedded", new PrintWriter(new StringWriter())).state());
        String mapping = "read_parquet('" + cfg.localOut() + "/mapping/*.parquet')";
        String cells = "read_parquet('" + cfg.localOut() + "/cells/*.parquet')";
        List<String> expected = List.of(
                "models/lif.nir|" + BudgetChip.NAME + "|1.0E-4|true|0|lif → core 0 (3 neurons)",
                "models/lif.nir|" + BudgetChip.NAME + "|0.001|true|0|lif → core 0 (3 neurons)",
                "models/mlp.nir|" + BudgetChip.NAME + "|1.0E-4|false|1|null",
                "models/mlp.nir|" + BudgetChip.NAME + "|0.001|false|1|null");
        String rows = "SELECT model, target, dt, fits, len(violations), placement FROM " + mapping + " ORDER BY ALL";
        assertEquals(expected, DuckDbRows.query(rows));
        // every mapping row is a chip cell's, joined to its 6 samples: ok when it fits, failed naming the limit
        assertEquals(List.of(
                "models/lif.nir|true|ok|null|12",
                "models/mlp.nir|false|failed|node 'lif1': the " + BudgetChip.NAME + " backend cannot run it: the model"
                        + " does not fit the chip: node 'lif1': neurons per core 8 > 4 neurons (core 1) [test chip"
                        + " (operators/src/test/.../BudgetChip.java)]|12"),
                DuckDbRows.query("SELECT m.model, m.fits, c.status, c.error, count(*) FROM " + mapping + " m JOIN " + cells
                        + " c USING (cell_id) GROUP BY ALL ORDER BY ALL"));
        assertEquals(List.of("0"), DuckDbRows.query("SELECT count(*) FROM " + mapping + " WHERE cell_id NOT IN (SELECT cell_id"
                + " FROM " + cells + " WHERE backend = '" + BudgetChip.NAME + "')"));

        // a re-run replaces the folder (the mapping table is the sweep's own): the same rows, none twice
        assertEquals(PipelineResult.State.DONE, SweepRun.execute(plan, cfg.localOut(), SweepPipeline.Runner.embedded(1),
                "embedded", new PrintWriter(new StringWriter())).state());
        assertEquals(expected, DuckDbRows.query(rows));
    }
}
