package io.nirsweep.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code map} and the sweep's mapping table end to end through the real {@code ./nirsweep}, on the chip targets and
 * the models of conf/models: the paper's CNN fits Speck (one core per conv → IAF pair) but not Xylo (2312 input
 * channels against 16); the Braille RNN fits Xylo but not Speck (CubaLIF neurons, a loop).
 */
class MapLauncherIT {
    private static final Path HOME = Path.of(System.getProperty("nirsweep.home")).toAbsolutePath().normalize();
    private static final String CNN = "conf/models/cnn_sinabs.nir";
    private static final String BRAILLE = "conf/models/braille_noDelay_bias_zero.nir";

    @TempDir
    Path tmp;

    record Run(int exitCode, String out, String err) {
        /** Stderr lines that are neither the reader's warnings nor the launcher's or a sweep's progress. */
        List<String> errors() {
            return err.lines().filter(l -> !l.startsWith("warning: ") && !l.startsWith("nirsweep: build")
                    && !l.startsWith("sweep")).toList();
        }
    }

    private Run nirsweep(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(HOME.resolve("nirsweep").toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(tmp, "stdout", "");
        Path err = Files.createTempFile(tmp, "stderr", "");
        Process p = new ProcessBuilder(command).directory(HOME.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("./nirsweep " + String.join(" ", args) + " did not finish in 5 minutes");
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void theCnnFitsSpeckWithItsPlacement() throws Exception {
        Run r = nirsweep("map", "--target", "speck", CNN);
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(List.of(), r.errors());
        List<String> lines = r.out().lines().toList();
        assertEquals("speck: fits", lines.get(0));
        int placement = lines.indexOf("placement:");
        assertTrue(placement > 0, r.out());
        assertTrue(lines.get(placement + 1).startsWith("    0 + 1 → core 0 ("), r.out());
        assertTrue(lines.contains("quantisation:"), r.out());
    }

    @Test
    void theCnnDoesNotFitXyloOneLinePerViolation() throws Exception {
        Run text = nirsweep("map", "--target", "xylo", CNN);
        assertEquals(2, text.exitCode(), text.err());
        Run json = nirsweep("map", "--target", "xylo", "--json", CNN);
        assertEquals(2, json.exitCode(), json.err());
        assertEquals(List.of(), json.errors());
        JsonNode o = new ObjectMapper().readTree(json.out());
        assertFalse(o.get("fits").asBoolean());
        JsonNode violations = o.get("violations");
        assertTrue(violations.size() > 1, json.out());
        assertEquals(violations.size(), text.errors().size(), text.err());
        for (int k = 0; k < violations.size(); k++) {
            JsonNode v = violations.get(k);
            String where = v.get("node").isNull() ? "" : "node '" + v.get("node").asText() + "': ";
            assertEquals("nirsweep: " + CNN + ": " + where + v.get("rule").asText() + " [" + v.get("source").asText()
                    + "]", text.errors().get(k));
        }
        assertTrue(text.errors().stream().anyMatch(l -> l.contains("node 'input': input channels 2312 > 16")),
                text.err());
        assertTrue(text.out().startsWith("xylo: does not fit (" + violations.size() + " violations)"), text.out());
    }

    @Test
    void jsonOfAFittingModelParses() throws Exception {
        Run r = nirsweep("map", "--target", "speck", "--json", CNN);
        assertEquals(0, r.exitCode(), r.err());
        JsonNode o = new ObjectMapper().readTree(r.out());
        assertEquals("speck", o.get("target").asText());
        assertEquals(CNN, o.get("model").asText());
        assertEquals(1e-4, o.get("dt").asDouble());
        assertTrue(o.get("fits").asBoolean());
        assertEquals(5, o.get("placement").size(), r.out());
        assertEquals(0, o.get("violations").size());
        for (JsonNode u : o.get("resources")) {
            assertTrue(u.has("resource") && u.has("scope") && u.has("used") && u.has("limit") && u.has("unit")
                    && u.has("source") && u.has("exceeds"), u.toString());
            assertFalse(u.get("exceeds").asBoolean(), u.toString());
        }
        assertTrue(o.get("quantisation").size() > 0, r.out());
    }

    @Test
    void aSimulatorIsNotATarget() throws Exception {
        Run r = nirsweep("map", "--target", "euler", CNN);
        assertEquals(2, r.exitCode());
        assertEquals(1, r.errors().size(), r.err());
        assertTrue(r.errors().get(0).contains("no chip target 'euler'") && r.errors().get(0).contains("speck"),
                r.err());
    }

    /**
     * Braille sample 0 under xylo (fits: its cells run), speck (does not fit: its cells fail naming the violations)
     * and euler (a simulator: no mapping row).
     */
    @Test
    void aSweepWithChipTargetsWritesTheirMappingRows() throws Exception {
        Path study = Files.createDirectories(tmp.resolve("study/models"));
        Files.copy(HOME.resolve(BRAILLE), study.resolve("braille.nir"));
        Files.copy(HOME.resolve("conf/data/braille_test_sample0.csv"), tmp.resolve("study/sample0.csv"));
        Path config = Files.writeString(tmp.resolve("study/chips.yaml"), """
                models: [models/braille.nir]
                inputs:
                  - {name: sample0, kind: csv, path: sample0.csv}
                backends: [xylo, speck, euler]
                out: results
                """);
        Run r = nirsweep("sweep", config.toString());
        assertEquals(0, r.exitCode(), r.err());
        Path results = tmp.resolve("study/results");
        assertTrue(r.out().contains("  mapping: " + results.resolve("mapping")), r.out());
        List<String> rows = new ArrayList<>();
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
                ResultSet rs = db.createStatement().executeQuery("SELECT m.target, m.fits, len(m.violations) > 0,"
                        + " m.placement IS NOT NULL, c.status, c.error LIKE '%does not fit the chip%'"
                        + " FROM read_parquet('" + results + "/mapping/*.parquet') m JOIN read_parquet('" + results
                        + "/cells/*.parquet') c USING (cell_id) ORDER BY ALL")) {
            while (rs.next()) {
                rows.add(rs.getString(1) + "|" + rs.getBoolean(2) + "|" + rs.getBoolean(3) + "|" + rs.getBoolean(4)
                        + "|" + rs.getString(5) + "|" + rs.getBoolean(6));
            }
        }
        assertEquals(List.of("speck|false|true|false|failed|true", "xylo|true|false|true|ok|false"), rows);
    }
}
