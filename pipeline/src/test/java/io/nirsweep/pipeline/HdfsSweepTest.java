package io.nirsweep.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nirsweep.operators.storage.MiniHdfs;
import io.nirsweep.pipeline.config.SweepConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.beam.sdk.PipelineResult;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep into {@code hdfs://}: the object-store results protocol ({@link SweepRun#executeInObjectStore}: refusal,
 * staging prefix, {@link SweepRun#publish}) end to end against a real store, Hadoop's MiniDFSCluster in this JVM
 * ({@link MiniHdfs}). Beam's Flink runner registers its workers' file systems from the pipeline's options, so the
 * HDFS is configured as a user configures it: each sweep runs in a JVM of its own ({@link HdfsSweepMain}, this JVM's
 * class path) whose {@code HADOOP_CONF_DIR} names the cluster. What it writes is read back with Hadoop's own client
 * and compared with the same plan run into a local folder: the same files (a model in a folder gives a partition
 * folder {@code model=models%2Flif.nir}, one folder of that name on HDFS too), the same rows; no staging prefix or
 * empty folder left.
 */
class HdfsSweepTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private Path config() throws IOException {
        Path models = Files.createDirectories(tmp.resolve("models"));
        Files.copy(SweepRunTest.CORPUS.resolve("generated/lif.nir"), models.resolve("lif.nir"));
        return Files.writeString(tmp.resolve("small.yaml"), """
                models: [models/lif.nir]
                inputs:
                  - {name: noise, kind: poisson, shape: [3], steps: 2000, samples: 4, rate: 0.9}
                backends: [exact, euler]
                samples_per_unit: 2
                """);
    }

    /** A sweep's JVM: its exit code and its output. */
    private record Child(int exit, String log) {}

    private Child sweep(Path hadoopConf, Path config, String location) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // Flink on Java 17 needs the --add-opens/--add-exports this JVM was started with
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream().filter(a -> a.startsWith("--add-"))
                .forEach(command::add);
        command.add("-XX:TieredStopAtLevel=1"); // a short run: the JIT's first tier only, a faster start
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), HdfsSweepMain.class.getName(),
                config.toString(), location));
        Path log = Files.createTempFile(tmp, "child", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.remove("YARN_CONF_DIR");
        env.put("HADOOP_CONF_DIR", hadoopConf.toString());
        Process child = builder.start();
        boolean exited = child.waitFor(2, TimeUnit.MINUTES);
        if (!exited) {
            child.destroyForcibly().waitFor();
        }
        String text = Files.readString(log);
        assertTrue(exited, () -> "the sweep's JVM did not finish in 2 minutes:\n" + text);
        return new Child(child.exitValue(), text);
    }

    /** Every file under {@code folder} on the HDFS, relative to it, sorted. */
    private static List<String> files(FileSystem fs, String folder) throws IOException {
        org.apache.hadoop.fs.Path base = fs.makeQualified(new org.apache.hadoop.fs.Path(folder));
        String prefix = base.toUri().getPath() + "/";
        List<String> names = new ArrayList<>();
        RemoteIterator<LocatedFileStatus> it = fs.listFiles(base, true);
        while (it.hasNext()) {
            String path = it.next().getPath().toUri().getPath();
            assertTrue(path.startsWith(prefix), path);
            names.add(path.substring(prefix.length()));
        }
        return names.stream().sorted().toList();
    }

    /** The names directly under {@code folder} on the HDFS, sorted. */
    private static List<String> children(FileSystem fs, String folder) throws IOException {
        return Arrays.stream(fs.listStatus(new org.apache.hadoop.fs.Path(folder)))
                .map(FileStatus::getPath).map(org.apache.hadoop.fs.Path::getName).sorted().toList();
    }

    private static List<String> files(Path folder) throws IOException {
        try (var walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).map(p -> folder.relativize(p).toString()).sorted().toList();
        }
    }

    private static String read(FileSystem fs, String file) throws IOException {
        try (var in = fs.open(new org.apache.hadoop.fs.Path(file))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void write(FileSystem fs, String file, String text) throws IOException {
        try (FSDataOutputStream out = fs.create(new org.apache.hadoop.fs.Path(file))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** A local copy of an HDFS folder (no checksum files), to read with DuckDB. */
    private static Path copy(FileSystem fs, String folder, Path to) throws IOException {
        fs.copyToLocalFile(false, new org.apache.hadoop.fs.Path(folder), new org.apache.hadoop.fs.Path(to.toUri()),
                true);
        return to;
    }

    @Test
    void aSweepIntoHdfsPutsItsResultsInPlaceReplacesThemAndRefusesAPrefixNotASweeps() throws Exception {
        Path config = config();
        SweepPlan plan = SweepPlanner.plan(SweepConfig.load(config), "test");
        Path local = tmp.resolve("local");
        // the same plan into a local folder, the rows to compare with; while the HDFS starts and the first sweep runs
        ExecutorService background = Executors.newSingleThreadExecutor();
        Future<SweepRun.Outcome> reference = background.submit(() -> SweepRun.execute(plan, local.toString(),
                SweepPipeline.Runner.embedded(2), "embedded", new PrintWriter(new StringWriter())));
        background.shutdown();

        try (MiniHdfs hdfs = MiniHdfs.start(tmp.resolve("hdfs"))) {
            Path hadoopConf = hdfs.writeConfFolder(tmp.resolve("hadoop-conf"));
            FileSystem fs = FileSystem.get(URI.create(hdfs.root()), hdfs.configuration());
            String demo = hdfs.root() + "results/demo";

            // 1. into an empty prefix
            Child first = sweep(hadoopConf, config, demo);
            assertEquals(0, first.exit(), first.log());
            assertTrue(first.log().contains("sweep: cells 2/2, samples 8/8"), first.log());
            assertTrue(first.log().contains("runJson=" + demo + "/run.json"), first.log());
            assertEquals(PipelineResult.State.DONE, reference.get(2, TimeUnit.MINUTES).state());
            List<String> sweepFiles = files(local);
            assertTrue(sweepFiles.containsAll(List.of(".nirsweep-results", "run.json", "cells/part-00000.parquet")),
                    sweepFiles.toString());
            // a model in a folder: a partition folder named model=models%2Flif.nir, one folder on HDFS too
            assertTrue(sweepFiles.stream().anyMatch(f -> f.startsWith("spikes/backend=euler/model=models%2Flif.nir/")),
                    sweepFiles.toString());
            assertEquals(sweepFiles, files(fs, "/results/demo"), "exactly the files a sweep writes");
            assertEquals(List.of("demo"), children(fs, "/results"), "no staging prefix left beside it");
            assertEquals(List.of(".nirsweep-results", "cells", "run.json", "spikes"), children(fs, "/results/demo"),
                    "no work folder left in it");
            Path copy1 = copy(fs, "/results/demo", tmp.resolve("copy1"));
            DuckDbRows.assertSameRows(local, copy1);
            JsonNode run1 = JSON.readTree(copy1.resolve("run.json").toFile());
            assertEquals(plan.sweepId(), run1.get("sweep_id").asText());
            assertEquals(plan.units().size(), run1.get("units").asInt());

            // 2. again into the same prefix: the earlier results are deleted and the new ones renamed into place
            Child second = sweep(hadoopConf, config, demo);
            assertEquals(0, second.exit(), second.log());
            assertEquals(sweepFiles, files(fs, "/results/demo"));
            assertEquals(List.of("demo"), children(fs, "/results"));
            assertEquals(List.of(".nirsweep-results", "cells", "run.json", "spikes"), children(fs, "/results/demo"));
            Path copy2 = copy(fs, "/results/demo", tmp.resolve("copy2"));
            DuckDbRows.assertSameRows(local, copy2);
            JsonNode run2 = JSON.readTree(copy2.resolve("run.json").toFile());
            assertNotEquals(run1.get("start").asText(), run2.get("start").asText(), "run.json is the second run's");

            // 3. a prefix holding a file not a sweep's is refused before any work, and the file is left alone
            write(fs, "/results/other/thesis.txt", "my thesis");
            Child refused = sweep(hadoopConf, config, hdfs.root() + "results/other");
            assertEquals(2, refused.exit(), refused.log());
            assertTrue(refused.log().contains("nirsweep: " + hdfs.root() + "results/other: is not empty and is not"
                    + " an earlier nirsweep result (it holds thesis.txt)"), refused.log());
            assertEquals("my thesis", read(fs, "/results/other/thesis.txt"));
            assertEquals(List.of("thesis.txt"), files(fs, "/results/other"));
            assertEquals(List.of("demo", "other"), children(fs, "/results"), "no staging prefix");

            // 4. so is a sweep's results prefix that also holds a file not a sweep's; the results stay as they were
            write(fs, "/results/demo/notes/thesis.txt", "my notes");
            Child mixed = sweep(hadoopConf, config, demo);
            assertEquals(2, mixed.exit(), mixed.log());
            assertTrue(mixed.log().contains("nirsweep: " + demo + ": is an earlier nirsweep result but also holds"
                    + " notes/thesis.txt, which a sweep did not write"), mixed.log());
            assertEquals("my notes", read(fs, "/results/demo/notes/thesis.txt"));
            List<String> withNotes = new ArrayList<>(sweepFiles);
            withNotes.add("notes/thesis.txt");
            assertEquals(withNotes.stream().sorted().toList(), files(fs, "/results/demo"));
            assertEquals(run2, JSON.readTree(read(fs, "/results/demo/run.json")));
            assertEquals(List.of("demo", "other"), children(fs, "/results"));
        }
    }
}
