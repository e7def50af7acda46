package io.nirsweep.operators.parquet;

import static io.nirsweep.operators.parquet.DuckDb.literal;
import static io.nirsweep.operators.parquet.DuckDb.table;
import static io.nirsweep.operators.parquet.DuckDb.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The test class path has hadoop-client-api (a provided dependency, there for javac) and, for StorageHdfsTest,
 * Beam's Hadoop file system with Hadoop's client; so writing without Hadoop is shown in a second JVM whose class
 * path is this one minus every Hadoop jar and Beam's Hadoop file system, as the default build's job jar is.
 */
final class HadoopFreeTest {

    @TempDir
    Path root;

    @Test
    void writesAndMergesWithNoHadoopClassOnTheClassPath() throws Exception {
        List<String> classPath = Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator));
        List<String> withoutHadoop = classPath.stream()
                .map(entry -> entry.replace(File.separatorChar, '/'))
                .filter(entry -> !entry.contains("/org/apache/hadoop/")
                        && !entry.contains("/beam-sdks-java-io-hadoop-file-system/"))
                .toList();
        assertNotEquals(classPath, withoutHadoop, "the test class path should have held hadoop-client-api");

        Path log = root.resolve("child.log");
        Path out = root.resolve("out");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", String.join(File.pathSeparator, withoutHadoop), HadoopFreeWriter.class.getName(),
                out.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        boolean exited = child.waitFor(2, TimeUnit.MINUTES);
        if (!exited) {
            child.destroyForcibly();
        }
        assertTrue(exited, "the writer JVM did not finish in 2 minutes");
        assertEquals(0, child.exitValue(), () -> "writer JVM failed:\n" + read(log));
        assertTrue(read(log).contains("read back: output counts 12, spikes 9"), read(log));

        // one file per compression in each table

        assertEquals("9", value("SELECT sum(count) FROM " + table(out, ParquetTables.SPIKES)
                + " WHERE backend = 'exact' AND model = 'lif_norse.nir' AND node = 'block/lif'"));
        assertEquals("1.5", value("SELECT sum(value) FROM " + table(out, ParquetTables.TRACES)));
        assertEquals("[4]|[4]|[4]", value("SELECT string_agg(CAST(output_counts AS VARCHAR), '|') FROM read_parquet("
                + literal(out.resolve("cells") + "/*.parquet") + ")"));
        assertEquals("[4]|[4]|[4]", value("SELECT string_agg(CAST(output_counts AS VARCHAR), '|') FROM read_parquet("
                + literal(out.resolve("merged/cells/part-0.parquet")) + ")"));
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (java.io.IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
