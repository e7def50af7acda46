package io.nirsweep.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job jar that {@code package} builds ({@code jobs/target/nirsweep-job.jar}): it runs beside nothing but a
 * stock Flink's jars ({@code flink-stock/target/lib}), knows every backend the project registers, and leaves Flink
 * to the cluster.
 */
class JobJarIT {
    private static final Path HOME = Path.of(System.getProperty("nirsweep.home")).toAbsolutePath().normalize();
    static final Path JOB_JAR = HOME.resolve("jobs/target/nirsweep-job.jar");
    static final Path STOCK_FLINK_LIB = HOME.resolve("flink-stock/target/lib");

    @TempDir
    Path tmp;

    @Test
    void listsEveryBackendBesideOnlyFlinksOwnJars() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String fromJobJar = run(java, "-cp", JOB_JAR + File.pathSeparator + STOCK_FLINK_LIB + File.separator + "*",
                "io.nirsweep.jobs.Main", "backends");
        // the same list as the launcher's, on the project's class path where each module's service file is
        // separate: so the merged file lost no backend
        String fromLauncher = run(HOME.resolve("nirsweep").toString(), "backends");
        assertEquals(fromLauncher, fromJobJar);
        for (String backend : List.of("exact", "euler", "norse", "lava", "loihi2", "spinnaker2", "speck", "xylo")) {
            assertTrue(fromJobJar.lines().anyMatch(l -> l.startsWith(backend + " ")), backend + " missing: "
                    + fromJobJar);
        }
    }

    @Test
    void holdsBeamsFlinkRunnerButNoFlinkAndNoSignatures() throws IOException {
        try (JarFile jar = new JarFile(JOB_JAR.toFile())) {
            assertEquals("io.nirsweep.jobs.Main", jar.getManifest().getMainAttributes().getValue("Main-Class"));
            List<String> names = jar.stream().map(e -> e.getName()).toList();
            assertEquals(List.of(), names.stream().filter(n -> n.startsWith("org/apache/flink/")).limit(5).toList(),
                    "Flink classes in the job jar: the cluster provides Flink");
            assertEquals(List.of(), names.stream().filter(n -> n.matches("META-INF/[^/]+\\.(SF|DSA|RSA)")).toList(),
                    "signature files of merged jars");
            // the class a stock cluster could not find before there was a job jar
            assertTrue(names.contains("org/apache/beam/runners/flink/translation/wrappers/SourceInputFormat.class"));
            assertTrue(services(jar, "org.apache.beam.sdk.runners.PipelineRunnerRegistrar")
                    .contains("org.apache.beam.runners.flink.FlinkRunnerRegistrar$Runner"), "Beam's Flink runner registrar");
            assertTrue(services(jar, "org.apache.beam.sdk.options.PipelineOptionsRegistrar")
                    .contains("org.apache.beam.runners.flink.FlinkRunnerRegistrar$Options"), "Beam's Flink options registrar");
        }
    }

    @Test
    void holdsHadoopOnlyWithBeamsHadoopFileSystemAndGcsAlways() throws IOException {
        // The default build promises no Hadoop at run time; the hdfs profile (docs/cluster.md) adds Hadoop's client
        // together with Beam's Hadoop file system, and Beam's Flink runner brings its GCS file system to every build.
        try (JarFile jar = new JarFile(JOB_JAR.toFile())) {
            String fileSystems = services(jar, "org.apache.beam.sdk.io.FileSystemRegistrar");
            boolean hdfs = fileSystems.contains("org.apache.beam.sdk.io.hdfs.HadoopFileSystemRegistrar");
            assertEquals(hdfs, jar.stream().anyMatch(e -> e.getName().startsWith("org/apache/hadoop/")),
                    "Hadoop's classes in the job jar without Beam's Hadoop file system, or the other way round");
            assertTrue(fileSystems.contains("org.apache.beam.sdk.extensions.gcp.storage.GcsFileSystemRegistrar"),
                    fileSystems);
            String launcherClassPath = Files.readString(HOME.resolve("jobs/target/runtime-classpath.txt"));
            assertEquals(hdfs, launcherClassPath.contains("hadoop-client-runtime"), launcherClassPath);
        }
    }

    /** What the command printed on stdout; it must exit 0 within a minute. */
    private String run(String... command) throws Exception {
        Path out = Files.createTempFile(tmp, "stdout", ".txt");
        Path err = Files.createTempFile(tmp, "stderr", ".txt");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            if (!p.waitFor(1, TimeUnit.MINUTES)) {
                throw new AssertionError(String.join(" ", command) + " did not finish in a minute");
            }
        } finally {
            if (p.isAlive()) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
        }
        assertEquals(0, p.exitValue(), Files.readString(err, StandardCharsets.UTF_8));
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    private static String services(JarFile jar, String service) throws IOException {
        var entry = jar.getJarEntry("META-INF/services/" + service);
        assertTrue(entry != null, "no META-INF/services/" + service);
        try (InputStream in = jar.getInputStream(entry)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
