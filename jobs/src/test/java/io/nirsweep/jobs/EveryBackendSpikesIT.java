package io.nirsweep.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nirsweep.pipeline.config.ModelRef;
import io.nirsweep.pipeline.config.SweepConfig;
import io.nirsweep.sim.backend.Backend;
import io.nirsweep.sim.backend.Backends;
import io.nirsweep.sim.io.Csv;
import io.nirsweep.sim.io.Npy;
import io.nirsweep.sim.io.NpyArray;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every registered backend on every model of the demo sweep, fed one time-major {@code .npy} file
 * {@code [T, B, n]}: through {@code simulate --out x.parquet} (one run per backend and model) and through one sweep
 * (embedded Flink) reading the same file as an npy input set. For every pair the backend runs, both give the same
 * spike rows sample by sample; per (cell, sample) the spikes table's {@code sum(count)}, {@code simulate}'s spikes
 * and the cells table's {@code output_counts} agree, and {@code run.json} counts them all. A pair the backend
 * refuses is a clean refusal: one line and exit 2 from {@code simulate}, {@code failed} cells with the reason in the
 * sweep with the same reason, and no spikes. Each cell runs as one unit, the batch {@code simulate} runs: a sample
 * that makes a backend fail fails its whole batch in both.
 */
class EveryBackendSpikesIT {
    private static final Path HOME = Path.of(System.getProperty("nirsweep.home", "..")).toAbsolutePath().normalize();
    private static final Pattern OUTPUT_SPIKES = Pattern.compile(", (\\d+) output spikes");
    private static final int STEPS = 256;
    /** Sample 0 is the demo's Braille sample; the others are noise of rising rate, so every backend spikes. */
    private static final double[] NOISE_RATES = {0.1, 0.3};

    @TempDir
    Path tmp;

    @Test
    void everyBackendsSpikesReachTheTablesAsSimulateCountsThem() throws Exception {
        List<Path> demoModels = SweepConfig.load(HOME.resolve("conf/demo.yaml")).models().stream()
                .map(m -> Path.of(m.location())).toList();
        List<String> backends = Backends.all().stream().map(Backends::shortName).toList();
        Path input = timeMajorInput();
        int samples = 1 + NOISE_RATES.length;

        Path config = writeConfig(demoModels, backends, input);
        List<ModelRef> models = SweepConfig.load(config).models(); // named as the tables name them
        Path out = tmp.resolve("sweep");
        Cli sweep = Cli.run("sweep", config.toString(), "--out", out.toString(), "--parallelism", "2");
        assertEquals(0, sweep.exitCode(), sweep.err());
        Map<String, List<String>> sweepRows = sweepSpikeRows(out);
        Map<String, List<String>> cells = cellRows(out);

        List<String> totals = new ArrayList<>();
        long ranPairs = 0;
        long allSpikes = 0;
        Map<String, Integer> ran = new TreeMap<>(); // by backend: models it ran, with spikes
        Map<String, Integer> refused = new TreeMap<>(); // by backend: models it refused in one line
        for (ModelRef model : models) {
            for (String backend : backends) {
                String pair = model.name() + " " + backend;
                Path parquet = tmp.resolve("simulate-" + backend + "-" + Path.of(model.location()).getFileName() + ".parquet");
                Cli simulate = Cli.run("simulate", "--model", model.location(), "--input", input.toString(),
                        "--backend", backend, "--out", parquet.toString(), "--threads", "1");
                List<String> pairCells = cells.getOrDefault(pair, List.of());
                assertEquals(samples, pairCells.size(), pair + ": cells " + pairCells);
                if (simulate.exitCode() == 2) {
                    assertEquals(1, simulate.errorLines().size(), pair + ": " + simulate.err());
                    for (String cell : pairCells) {
                        String reason = cell.replaceFirst("^\\d+ failed ", "");
                        assertTrue(!reason.equals(cell) && simulate.errorLines().get(0).endsWith(": " + reason),
                                pair + ": simulate refused with " + simulate.errorLines() + ", the sweep's cell is "
                                + cell);
                    }
                    assertFalse(sweepRows.containsKey(pair), pair + " is refused yet has spikes in the sweep");
                    totals.add(pair + ": refused (" + simulate.errorLines().get(0) + ")");
                    refused.merge(backend, 1, Integer::sum);
                    continue;
                }
                assertEquals(0, simulate.exitCode(), pair + ": " + simulate.err());
                ranPairs++;
                List<String> simulated = spikeRows(parquet);
                List<String> swept = sweepRows.getOrDefault(pair, List.of());
                assertEquals(simulated, swept, pair + ": simulate's and the sweep's spikes differ");

                long[] perSample = new long[samples];
                for (String row : swept) {
                    String[] f = row.split(",");
                    perSample[Integer.parseInt(f[0])] += Integer.parseInt(f[4]);
                }
                long total = 0;
                for (int s = 0; s < samples; s++) {
                    assertEquals(s + " ok " + perSample[s], pairCells.get(s), pair + ": sample " + s
                            + "'s output_counts against sum(count) of the spikes table");
                    total += perSample[s];
                }
                Matcher printed = OUTPUT_SPIKES.matcher(simulate.err());
                assertTrue(printed.find(), simulate.err());
                assertEquals(total, Long.parseLong(printed.group(1)), pair + ": simulate's summary line");
                assertTrue(total > 0, pair + ": no spike at all; the comparison would prove nothing");
                allSpikes += total;
                ran.merge(backend, 1, Integer::sum);
                totals.add(pair + ": " + total + " spikes " + java.util.Arrays.toString(perSample));
            }
        }
        assertTrue(ranPairs >= (long) backends.size() * models.size() / 2, "too many refusals: " + totals);
        // spyx, the hardware-style backend, runs at least one model with spikes; every backend runs a model or
        // refuses every one of them (each refusal one line, checked above).
        assertTrue(backends.contains("spyx"), "backends: " + backends);
        assertTrue(ran.getOrDefault("spyx", 0) > 0, "spyx ran no model with spikes: " + totals);
        for (String backend : backends) {
            assertTrue(ran.getOrDefault(backend, 0) > 0 || refused.getOrDefault(backend, 0) == models.size(),
                    backend + " neither ran a model nor refused them all: " + totals);
        }
        long runJsonSpikes = new ObjectMapper().readTree(out.resolve("run.json").toFile()).get("spikes").asLong();
        assertEquals(allSpikes, runJsonSpikes, "run.json's spike total");
        System.out.println("spikes per backend and model (samples: Braille, noise " + List.of(0.1, 0.3) + "):\n  "
                + String.join("\n  ", totals));
    }

    /** {@code [T, B, 12]} float32: the demo's Braille sample, then Poisson noise at each of the rates. */
    private Path timeMajorInput() {
        NpyArray braille = Csv.read(HOME.resolve("conf/data/braille_test_sample0.csv"));
        float[] sample0 = braille.values();
        int n = braille.dim(1);
        int batch = 1 + NOISE_RATES.length;
        float[] x = new float[STEPS * batch * n];
        Random random = new Random(9);
        for (int t = 0; t < STEPS; t++) {
            System.arraycopy(sample0, t * n, x, (t * batch) * n, n);
            for (int b = 1; b < batch; b++) {
                for (int k = 0; k < n; k++) {
                    x[(t * batch + b) * n + k] = random.nextDouble() < NOISE_RATES[b - 1] ? 1f : 0f;
                }
            }
        }
        Path file = tmp.resolve("x.npy");
        Npy.write(file, new int[] {STEPS, batch, n}, x);
        return file;
    }

    private Path writeConfig(List<Path> models, List<String> backends, Path input) throws Exception {
        Path config = tmp.resolve("sweep.yaml");
        Files.writeString(config, "models:\n"
                + models.stream().map(m -> "  - " + m + "\n").collect(Collectors.joining())
                + "inputs:\n  - {name: x, kind: npy, path: " + input + "}\n"
                + "backends: [" + String.join(", ", backends) + "]\n"
                + "grid: {dt: 1e-4}\n"
                + "samples_per_unit: " + (1 + NOISE_RATES.length) + "\n"); // one batch, as simulate runs it
        return config;
    }

    /** "sample,node,neuron,t,count" rows of the sweep's spikes table, by "model backend", sorted. */
    private static Map<String, List<String>> sweepSpikeRows(Path out) throws SQLException {
        Map<String, List<String>> rows = new TreeMap<>();
        query("SELECT c.model || ' ' || c.backend, s.sample || ',' || s.node || ',' || s.neuron || ',' || s.t || ','"
                + " || s.count FROM read_parquet('" + out + "/spikes/**/*.parquet', hive_partitioning = true) s"
                + " JOIN (SELECT DISTINCT cell_id, model, backend FROM read_parquet('" + out + "/cells/*.parquet')) c"
                + " USING (cell_id) ORDER BY s.sample, s.node, s.neuron, s.t",
                rs -> rows.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2)));
        return rows;
    }

    /** "sample status sum(output_counts)" of the cells table, by "model backend", in sample order. */
    private static Map<String, List<String>> cellRows(Path out) throws SQLException {
        Map<String, List<String>> rows = new TreeMap<>();
        query("SELECT model || ' ' || backend, sample || ' ' || status || ' ' || CASE WHEN status = 'ok'"
                + " THEN CAST(coalesce(list_sum(output_counts), 0) AS VARCHAR) ELSE error END"
                + " FROM read_parquet('" + out + "/cells/*.parquet') ORDER BY sample",
                rs -> rows.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2)));
        return rows;
    }

    /** "sample,node,neuron,t,count" rows of a spikes table, sorted. */
    private static List<String> spikeRows(Path parquet) throws SQLException {
        List<String> rows = new ArrayList<>();
        query("SELECT sample || ',' || node || ',' || neuron || ',' || t || ',' || count FROM read_parquet('"
                + parquet + "') ORDER BY sample, node, neuron, t", rs -> rows.add(rs.getString(1)));
        return rows;
    }

    private interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    private static void query(String sql, RowReader reader) throws SQLException {
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
                ResultSet rs = db.createStatement().executeQuery(sql)) {
            while (rs.next()) {
                reader.read(rs);
            }
        }
    }
}
