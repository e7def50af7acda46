package io.nirsweep.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
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

/**
 * The results location as the user names it ({@link SweepRun#execute(SweepPlan, String, SweepPipeline.Runner,
 * String, PrintWriter)}): a plain path and a {@code file:} URI give the same rows and the same files, every file
 * written and read through Storage; a scheme that no file system registers is refused before any work.
 */
class SweepLocationsTest {
    @TempDir
    Path tmp;

    private SweepPlan plan() throws Exception {
        Path models = Files.createDirectories(tmp.resolve("models"));
        Files.copy(SweepRunTest.CORPUS.resolve("generated/lif.nir"), models.resolve("lif.nir"));
        Path config = Files.writeString(tmp.resolve("small.yaml"), """
                models: [models/lif.nir]
                inputs:
                  - {name: noise, kind: poisson, shape: [3], steps: 2000, samples: 4, rate: 0.9}
                backends: [exact, euler]
                samples_per_unit: 2
                """);
        return SweepPlanner.plan(SweepConfig.load(config), "test");
    }

    private static List<String> files(Path folder) throws Exception {
        try (var walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).map(p -> folder.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void aPlainPathAndAFileUriGiveTheSameRowsAndFiles() throws Exception {
        SweepPlan plan = plan();
        Path plain = tmp.resolve("plain");
        Path viaUri = tmp.resolve("via uri"); // a space: the URI escapes it, the folder has it
        String uri = viaUri.toUri().toString();
        assertTrue(uri.startsWith("file:/") && uri.contains("%20"), uri);

        StringWriter progress = new StringWriter();
        SweepRun.Outcome a = SweepRun.execute(plan, plain.toString(), SweepPipeline.Runner.embedded(2), "embedded",
                new PrintWriter(progress));
        SweepRun.Outcome b = SweepRun.execute(plan, uri, SweepPipeline.Runner.embedded(1), "embedded",
                new PrintWriter(new StringWriter()));
        assertEquals(PipelineResult.State.DONE, a.state());
        assertEquals(PipelineResult.State.DONE, b.state());
        assertEquals(plan.units().size(), b.units());
        assertEquals(a.spikes(), b.spikes());
        assertEquals(plain.resolve("run.json").toString(), a.runJson());
        assertEquals(viaUri.resolve("run.json").toString(), b.runJson());
        // progress is read from the unit markers through Storage
        assertTrue(progress.toString().contains("sweep: cells 2/2, samples 8/8"), progress.toString());

        assertEquals(files(plain), files(viaUri));
        assertTrue(files(plain).containsAll(List.of(".nirsweep-results", "run.json", "cells/part-00000.parquet")),
                files(plain).toString());
        assertFalse(files(plain).stream().anyMatch(f -> f.contains("_work") || f.contains("_units")),
                files(plain).toString());
        DuckDbRows.assertSameRows(plain, viaUri);
        try (var siblings = Files.list(tmp)) {
            assertEquals(List.of("models", "plain", "small.yaml", "via uri"),
                    siblings.map(p -> p.getFileName().toString()).sorted().toList(), "no staging, no lock file");
        }
    }

    @Test
    void aSchemeNoFileSystemRegistersIsRefusedBeforeAnyWork() throws Exception {
        SweepPlan plan = plan();
        SweepRefusal e = assertThrows(SweepRefusal.class, () -> SweepRun.execute(plan, "nosuchscheme://bucket/out",
                SweepPipeline.Runner.embedded(1), "embedded", new PrintWriter(new StringWriter())));
        assertTrue(e.getMessage().startsWith("nosuchscheme://bucket/out: "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        try (var siblings = Files.list(tmp)) {
            assertEquals(List.of("models", "small.yaml"), siblings.map(p -> p.getFileName().toString()).sorted()
                    .toList());
        }
    }
}
