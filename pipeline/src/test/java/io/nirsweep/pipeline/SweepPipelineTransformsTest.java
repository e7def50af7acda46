package io.nirsweep.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nirsweep.operators.parquet.ParquetTables;
import io.nirsweep.operators.sweep.MergePartitionFn;
import io.nirsweep.operators.sweep.UnitRunner;
import io.nirsweep.operators.sweep.UnitWriter;
import io.nirsweep.operators.sweep.WorkUnit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import org.apache.beam.runners.flink.FlinkRunner;
import org.apache.beam.runners.flink.TestFlinkRunner;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sweep's transforms on a {@link TestPipeline} with Beam's {@link TestFlinkRunner} (an in-process Flink, as
 * the embedded runner), checked with {@link PAssert}; {@code TestPipeline.run} fails unless every PAssert passed.
 */
class SweepPipelineTransformsTest {
    @TempDir
    Path tmp;

    /** The embedded runner's options, with Beam's test runner for Flink in place of the FlinkRunner. */
    private static TestPipeline pipeline(Path out) {
        SweepOptions options = SweepPipeline.Runner.embedded(2).toOptions(out.toString(), "nirsweep test transforms");
        options.setRunner(TestFlinkRunner.class);
        // Without JUnit 4 to apply it as a @Rule, TestPipeline runs only once told which enforcement to use.
        return TestPipeline.fromOptions(options).enableAbandonedNodeEnforcement(false);
    }

    /**
     * What each unit gives when simulated and written directly into the work folder of results in {@code out}, each
     * partition then merged by a direct call, sorted by unit.
     */
    private static List<UnitWriter.Summary> direct(List<WorkUnit> units, Path out) {
        UnitRunner runner = new UnitRunner();
        List<UnitWriter.Summary> written = units.stream()
                .map(u -> UnitWriter.write(UnitWriter.work(out.toString()), u, runner.run(u)))
                .sorted(Comparator.comparing(UnitWriter.Summary::unit)).toList();
        java.util.Map<String, List<String>> byPartition = new java.util.TreeMap<>();
        for (UnitWriter.Summary s : written) {
            s.partitions().forEach(p -> byPartition.computeIfAbsent(p, k -> new java.util.ArrayList<>()).add(s.unit()));
        }
        byPartition.forEach((partition, writers) -> MergePartitionFn.merge(out.toString(), partition, writers));
        return written;
    }

    @Test
    void theRunnerBecomesSweepOptionsOnBeamsFlinkRunner() {
        SweepOptions options = SweepPipeline.Runner.cluster("host:8081", 3, List.of("/jobs.jar")).toOptions("/out", "nirsweep demo 3f2a9c1e");
        assertEquals(FlinkRunner.class, options.getRunner());
        assertEquals("nirsweep demo 3f2a9c1e", options.getJobName());
        assertEquals("host:8081", options.getFlinkMaster());
        assertEquals(3, options.getParallelism());
        assertEquals(List.of("/jobs.jar"), options.getFilesToStage());
        assertEquals("/out", options.getOut());
        SweepOptions parsed = PipelineOptionsFactory.fromArgs("--runner=FlinkRunner", "--flinkMaster=host:8081",
                "--out=/out").withValidation().as(SweepOptions.class);
        assertEquals(FlinkRunner.class, parsed.getRunner());
        assertEquals("/out", parsed.getOut());
        assertThrows(IllegalArgumentException.class,
                () -> PipelineOptionsFactory.fromArgs("--runner=FlinkRunner").withValidation().as(SweepOptions.class));
    }

    @Test
    void distributeUnitsYieldsExactlyTheUnits() {
        List<WorkUnit> units = SweepPipelineTest.units(2);
        TestPipeline p = pipeline(tmp);
        PAssert.that(p.apply("DistributeUnits", new SweepPipeline.DistributeUnits(units))).containsInAnyOrder(units);
        assertEquals(PipelineResult.State.DONE, p.run().waitUntilFinish());
    }

    @Test
    void simulateAndWriteSummarisesAndWritesEachUnitAsADirectCallDoes() {
        List<WorkUnit> units = SweepPipelineTest.units(2);
        List<UnitWriter.Summary> expected = direct(units, tmp.resolve("direct"));
        assertEquals(10, expected.stream().mapToInt(UnitWriter.Summary::samples).sum());
        assertTrue(expected.stream().mapToLong(UnitWriter.Summary::spikes).sum() > 0, "no spikes: " + expected);

        Path out = tmp.resolve("pipeline");
        TestPipeline p = pipeline(out);
        String folder = p.getOptions().as(SweepOptions.class).getOut();
        PCollection<UnitWriter.Summary> written = p
                .apply("Units", Create.of(units).withCoder(SerializableCoder.of(WorkUnit.class)))
                .apply("SimulateAndWrite", new SweepPipeline.SimulateAndWrite(folder));
        PAssert.that(written).containsInAnyOrder(expected);
        assertEquals(PipelineResult.State.DONE, p.run().waitUntilFinish());

        assertEquals(expected, UnitWriter.finished(out.toString()));
        for (WorkUnit u : units) {
            String part = UnitWriter.part(u.id());
            assertTrue(Files.isRegularFile(out.resolve("cells").resolve(part)), part);
            long spikes = expected.stream().filter(s -> s.unit().equals(u.id())).findFirst().orElseThrow().spikes();
            Path spikesFile = out.resolve(ParquetTables.partition("spikes", u.cell().backend(), u.cell().modelName()))
                    .resolve(part);
            assertEquals(spikes > 0, Files.isRegularFile(spikesFile), spikesFile.toString());
        }
    }

    @Test
    void theSweepOnATestPipelineWritesTheRowsOfDirectCalls() throws Exception {
        List<WorkUnit> units = SweepPipelineTest.units(5);
        Path direct = tmp.resolve("direct");
        List<UnitWriter.Summary> expected = direct(units, direct);

        Path out = tmp.resolve("pipeline");
        TestPipeline p = pipeline(out);
        PAssert.that(SweepPipeline.apply(p, units, out.toString())).containsInAnyOrder(expected);
        assertEquals(PipelineResult.State.DONE, p.run().waitUntilFinish());
        List<String> rows = SweepPipelineTest.rows(out);
        assertTrue(rows.size() >= 40, "too few spikes: " + rows.size());
        assertEquals(SweepPipelineTest.rows(direct), rows);
    }

    /** Every merged file under {@code out} (not the work folder), by path relative to {@code out}, with its bytes. */
    private static java.util.Map<String, byte[]> merged(Path out) throws Exception {
        java.util.Map<String, byte[]> files = new java.util.TreeMap<>();
        try (var walk = Files.walk(out)) {
            for (Path f : walk.filter(f -> f.getFileName().toString().equals(MergePartitionFn.MERGED)
                    && !out.relativize(f).startsWith(UnitWriter.WORK)).toList()) {
                files.put(out.relativize(f).toString(), Files.readAllBytes(f));
            }
        }
        return files;
    }

    /**
     * A merge that runs again (as after a failure) reads the same unit files and writes the same bytes; a whole
     * re-run writes the same spikes files byte for byte (the cells table differs only in its measured wall_ms).
     */
    @Test
    void mergesRunAgainWriteTheSameBytes() throws Exception {
        List<WorkUnit> units = SweepPipelineTest.units(2);
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        assertEquals(PipelineResult.State.DONE, SweepPipeline.run(units, a.toString(), SweepPipeline.Runner.embedded(2), "merge a"));
        assertEquals(PipelineResult.State.DONE, SweepPipeline.run(units, b.toString(), SweepPipeline.Runner.embedded(1), "merge b"));
        java.util.Map<String, byte[]> first = merged(a);
        assertEquals(java.util.Set.of("cells/part-00000.parquet",
                "spikes/backend=euler/model=lif.nir/part-00000.parquet",
                "spikes/backend=exact/model=lif.nir/part-00000.parquet"), first.keySet());

        // the retry: each partition merged again from the units' markers, in another order
        List<UnitWriter.Summary> done = UnitWriter.finished(UnitWriter.work(a.toString()));
        assertEquals(units.size(), done.size());
        for (String partition : List.of(ParquetTables.CELLS, ParquetTables.partition("spikes", "euler", "lif.nir"),
                ParquetTables.partition("spikes", "exact", "lif.nir"))) {
            List<String> writers = new java.util.ArrayList<>(done.stream()
                    .filter(s -> s.partitions().contains(partition)).map(UnitWriter.Summary::unit).toList());
            java.util.Collections.reverse(writers);
            MergePartitionFn.merge(a.toString(), partition, writers);
        }
        java.util.Map<String, byte[]> again = merged(a);
        for (String file : first.keySet()) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(first.get(file), again.get(file), file);
        }
        java.util.Map<String, byte[]> rerun = merged(b);
        for (String file : first.keySet()) {
            if (file.startsWith("spikes/")) {
                org.junit.jupiter.api.Assertions.assertArrayEquals(first.get(file), rerun.get(file), file);
            }
        }
        assertEquals(SweepPipelineTest.rows(a), SweepPipelineTest.rows(b));
    }
}
