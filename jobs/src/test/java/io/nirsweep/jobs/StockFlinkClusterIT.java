package io.nirsweep.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nirsweep.jobs.cluster.ClusterOptions;
import io.nirsweep.jobs.cluster.FlinkLauncher;
import io.nirsweep.jobs.cluster.FreePorts;
import io.nirsweep.jobs.cluster.LocalFlinkCluster;
import io.nirsweep.jobs.cluster.RestOverview;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep on a Flink cluster that knows nothing of Beam or nirsweep: a JobManager and a TaskManager run on Flink
 * 1.19.3's own jars only ({@code flink-stock/target/lib}, what a flink-dist's {@code lib/} holds), and {@code
 * ./nirsweep sweep --runner flink --flink-master} brings everything else in the job jar it stages; then Flink's own
 * {@code flink run} submits the job jar. The rows of both must equal those of the same sweep run embedded; then
 * {@code ./nirsweep report --runner flink} runs the equivalence report as a job of the same cluster, which must say
 * what the embedded report says. The cluster's state folder is {@code jobs/target/stock-cluster-it}: its logs stay
 * there after the test for a look.
 */
class StockFlinkClusterIT {
    private static final Path HOME = Path.of(System.getProperty("nirsweep.home")).toAbsolutePath().normalize();
    private static final Path STATE = HOME.resolve("jobs").resolve("target").resolve("stock-cluster-it");
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(4);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void theDemosModelsOnAStockClusterGiveTheEmbeddedRows() throws Exception {
        assertTrue(Files.isRegularFile(JobJarIT.JOB_JAR), JobJarIT.JOB_JAR + " is missing: run `mvn package` first");
        assertEquals(List.of(), foreignJars(JobJarIT.STOCK_FLINK_LIB), "jars with Beam or project classes in "
                + JobJarIT.STOCK_FLINK_LIB);
        Path config = writeConfig(tmp);

        long t0 = System.nanoTime();
        Run embedded = nirsweep("sweep", config.toString(), "--out", tmp.resolve("embedded").toString(),
                "--parallelism", "2");
        long embeddedMs = millisSince(t0);
        assertEquals(0, embedded.exitCode(), embedded.err());

        int[] ports = FreePorts.take(2);
        long clusterStart = System.nanoTime();
        try (LocalFlinkCluster cluster = LocalFlinkCluster.start(ClusterOptions.of(HOME, 1, ports[0])
                .withRpcPort(ports[1]).withStateDir(STATE).withFlinkLib(JobJarIT.STOCK_FLINK_LIB))) {
            long clusterUpMs = millisSince(clusterStart);
            RestOverview overview = cluster.overview().orElseThrow();
            assertEquals("1.19.3", overview.flinkVersion());

            long submitted = System.nanoTime();
            Run onCluster = nirsweep("sweep", config.toString(), "--out", tmp.resolve("cluster").toString(),
                    "--runner", "flink", "--flink-master", "localhost:" + ports[0], "--parallelism", "2");
            long clusterRunMs = millisSince(submitted);
            assertEquals(0, onCluster.exitCode(), onCluster.err() + "\nlogs in " + cluster.paths().logDir());

            // Flink's own command line, as docs/cluster.md gives it: `flink run` with the job jar, on nothing but
            // Flink's jars, and the sweep on the cluster `flink run` names (--flink-master auto)
            Path flinkConf = Files.createDirectories(tmp.resolve("flink-conf"));
            Files.writeString(flinkConf.resolve("config.yaml"), "rest.address: localhost\nrest.port: " + ports[0]
                    + "\n");
            long flinkRunSubmitted = System.nanoTime();
            Run flinkRun = run(Map.of("FLINK_CONF_DIR", flinkConf.toString()), flinkCli("run",
                    "-m", "localhost:" + ports[0], "-c", "io.nirsweep.jobs.Main", JobJarIT.JOB_JAR.toString(),
                    "sweep", config.toString(), "--out", tmp.resolve("flink-run").toString(),
                    "--runner", "flink", "--flink-master", "auto", "--parallelism", "2"));
            long flinkRunMs = millisSince(flinkRunSubmitted);
            assertEquals(0, flinkRun.exitCode(), flinkRun.out() + flinkRun.err());

            // both sweeps ran as jobs of this cluster (not in the submitting JVM), and finished there
            JsonNode jobs = get(ports[0], "/jobs/overview").path("jobs");
            assertEquals(2, jobs.size(), jobs.toString());
            for (JsonNode job : jobs) {
                assertEquals("FINISHED", job.path("state").asText(), jobs.toString());
            }
            // the equivalence report of the embedded results, as a job of the same cluster
            long reportSubmitted = System.nanoTime();
            Run report = nirsweep("report", tmp.resolve("embedded").toString(), "--out",
                    tmp.resolve("report-cluster").toString(), "--runner", "flink", "--flink-master",
                    "localhost:" + ports[0], "--parallelism", "2");
            long reportMs = millisSince(reportSubmitted);
            assertEquals(0, report.exitCode(), report.err() + "\nlogs in " + cluster.paths().logDir());
            JsonNode all = get(ports[0], "/jobs/overview").path("jobs");
            assertEquals(3, all.size(), all.toString());
            assertTrue(all.toString().contains("nirsweep report "), all.toString());
            System.out.printf("StockFlinkClusterIT: the report on the cluster %d ms%n", reportMs);
            System.out.printf("StockFlinkClusterIT: embedded sweep %d ms; stock cluster up in %d ms; sweep on it"
                    + " through the launcher (job jar %d MB staged) %d ms, through `flink run` %d ms%n", embeddedMs,
                    clusterUpMs, Files.size(JobJarIT.JOB_JAR) >> 20, clusterRunMs, flinkRunMs);
        }

        Path embeddedOut = tmp.resolve("embedded");
        JsonNode embeddedRun = JSON.readTree(embeddedOut.resolve("run.json").toFile());
        SweepTables.assertSameRows(embeddedOut, tmp.resolve("cluster"));
        assertSameRunJson(embeddedRun, tmp.resolve("cluster"), List.of("sweep_id", "engine_version"));
        // the job jar knows the commit it was built from (build.properties), as the launcher does: same sweep
        SweepTables.assertSameRows(embeddedOut, tmp.resolve("flink-run"));
        assertSameRunJson(embeddedRun, tmp.resolve("flink-run"), List.of("sweep_id", "engine_version"));
        // the report computed on the cluster says what the embedded report says
        Run embeddedReport = nirsweep("report", embeddedOut.toString(), "--out",
                tmp.resolve("report-embedded").toString(), "--parallelism", "2");
        assertEquals(0, embeddedReport.exitCode(), embeddedReport.err());
        JsonNode a = JSON.readTree(tmp.resolve("report-embedded/summary.json").toFile());
        JsonNode b = JSON.readTree(tmp.resolve("report-cluster/summary.json").toFile());
        for (String field : List.of("pairs", "accuracy", "rasters", "causes", "failures")) {
            assertSameJson(a.path(field), b.path(field), field);
        }
        assertTrue(a.path("pairs").size() > 0, a.path("pairs").toString());
    }

    /**
     * The same JSON, numbers within 1e-12 relative: a mean is summed in the order the workers merged their parts
     * (docs/equivalence.md), so its last bits may differ between runners; counts and everything else are exact.
     */
    static void assertSameJson(JsonNode a, JsonNode b, String where) {
        if (a.isNumber() && b.isNumber()) {
            double x = a.asDouble();
            double y = b.asDouble();
            assertTrue(x == y || Math.abs(x - y) <= 1e-12 * Math.max(Math.abs(x), Math.abs(y)), where + ": " + x
                    + " against " + y);
            return;
        }
        assertEquals(a.getNodeType(), b.getNodeType(), where);
        assertEquals(a.size(), b.size(), where);
        if (a.isObject()) {
            a.fieldNames().forEachRemaining(f -> assertSameJson(a.get(f), b.path(f), where + "." + f));
        } else if (a.isArray()) {
            for (int i = 0; i < a.size(); i++) {
                assertSameJson(a.get(i), b.get(i), where + "[" + i + "]");
            }
        } else {
            assertEquals(a, b, where);
        }
    }

    /** Its {@code run.json} says the run was on Flink, with the counts of the embedded run and these fields. */
    static void assertSameRunJson(JsonNode embedded, Path out, List<String> moreFields) throws IOException {
        JsonNode run = JSON.readTree(out.resolve("run.json").toFile());
        List<String> fields = new ArrayList<>(List.of("config_sha256", "cells", "units", "samples", "failed_samples",
                "spikes"));
        fields.addAll(moreFields);
        for (String field : fields) {
            assertTrue(embedded.hasNonNull(field), "run.json has no " + field + ": " + embedded);
            assertEquals(embedded.get(field), run.get(field), out + "/run.json " + field);
        }
        assertEquals("flink", run.path("runner").asText());
    }

    /** Flink's {@code bin/flink ARGS}: its CliFrontend on Flink's own jars, with the Java 17 flags Flink sets. */
    private static List<String> flinkCli(String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(FlinkLauncher.JAVA17_OPENS);
        command.add("-cp");
        command.add(JobJarIT.STOCK_FLINK_LIB + File.separator + "*");
        command.add("org.apache.flink.client.cli.CliFrontend");
        command.addAll(List.of(args));
        return command;
    }

    /**
     * The demo's three Braille models on its Braille sample and a little Poisson noise, under backends of both plug-in
     * modules (sim-operators, hardware-sinks), so that the workers load each module's service file from the job
     * jar; speck's cells of the CubaLIF models fail, as in the demo. About 28 s embedded on the 2-core machine.
     * Written into {@code dir}; FlinkApplicationModeIT runs it too.
     */
    static Path writeConfig(Path dir) throws IOException {
        Path conf = HOME.resolve("conf");
        Path config = dir.resolve("stock.yaml");
        Files.writeString(config, String.join("\n",
                "models:",
                "  - " + quoted(conf.resolve("models/braille_noDelay_bias_zero.nir")),
                "  - " + quoted(conf.resolve("models/braille_noDelay_noBias_subtract.nir")),
                "  - " + quoted(conf.resolve("models/norse_braille.nir")),
                "inputs:",
                "  - name: braille_sample0",
                "    kind: csv",
                "    path: " + quoted(conf.resolve("data/braille_test_sample0.csv")),
                "  - name: poisson",
                "    kind: poisson",
                "    shape: [12]",
                "    steps: 256",
                "    samples: 8",
                "    rate: 0.05",
                "backends: [euler, norse, loihi2, speck, xylo]",
                "grid:",
                "  dt: 1e-4",
                "  input_seed: [0]",
                "record:",
                "  traces: false",
                "out: results",
                "samples_per_unit: 16",
                ""));
        return config;
    }

    private static String quoted(Path path) {
        return "'" + path.toString().replace("'", "''") + "'";
    }

    /** The jars of {@code lib} that hold a class of Beam or of the project. */
    private static List<String> foreignJars(Path lib) throws IOException {
        List<String> foreign = new ArrayList<>();
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(lib, "*.jar")) {
            for (Path jar : jars) {
                try (JarFile file = new JarFile(jar.toFile())) {
                    if (file.stream().anyMatch(e -> e.getName().startsWith("org/apache/beam/")
                            || e.getName().startsWith("io/nirsweep/"))) {
                        foreign.add(jar.getFileName().toString());
                    }
                }
            }
        }
        return foreign;
    }

    private record Run(int exitCode, String out, String err) {}

    /** {@code ./nirsweep ARGS} to the end. */
    private Run nirsweep(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(HOME.resolve("nirsweep").toString()));
        command.addAll(List.of(args));
        return run(Map.of(), command);
    }

    /** The command to the end, killed (and the test failed) when it takes longer than 4 minutes. */
    private Run run(Map<String, String> env, List<String> command) throws Exception {
        Path out = Files.createTempFile(tmp, "stdout", ".txt");
        Path err = Files.createTempFile(tmp, "stderr", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(tmp.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().putAll(env);
        Process p = builder.start();
        try {
            if (!p.waitFor(RUN_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                throw new AssertionError(String.join(" ", command) + " did not finish in " + RUN_TIMEOUT
                        + "\n" + Files.readString(err, StandardCharsets.UTF_8));
            }
        } finally {
            // the launcher exec's the JVM, so this is the sweep itself
            if (p.isAlive()) {
                p.destroyForcibly();
                p.waitFor(30, TimeUnit.SECONDS);
            }
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private static JsonNode get(int restPort, String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + restPort + path))
                        .timeout(Duration.ofSeconds(5)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        return JSON.readTree(response.body());
    }

    private static long millisSince(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
    }
}
