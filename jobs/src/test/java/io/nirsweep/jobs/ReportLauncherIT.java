package io.nirsweep.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.nirsweep.operators.equivalence.report.HeadlessChromium;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./nirsweep report} as a nightly job uses it: a small Braille sweep under three simulators, its report (exit
 * 0, the page in real Chromium with no console error and no request), an unchanged re-run against it (exit 0), the
 * same sweep with one backend perturbed (exit 3, naming the metric and the cell), and refusals (exit 2, one line,
 * nothing of the user's touched).
 */
class ReportLauncherIT {
    private static final Duration LIMIT = Duration.ofMinutes(5);
    @TempDir
    static Path tmp;

    @BeforeAll
    static void sweeps() throws Exception {
        Files.createDirectories(tmp.resolve("models"));
        Files.copy(Launcher.HOME.resolve("conf/models/braille_noDelay_bias_zero.nir"), tmp.resolve("models/b.nir"));
        String config = """
                models: [models/b.nir]
                inputs:
                  - {name: noise, kind: poisson, shape: [12], steps: 256, samples: 6, rate: 0.05}
                backends: [snntorch, norse, spyx]
                grid: {dt: 1e-4}
                samples_per_unit: 3
                """;
        Files.writeString(tmp.resolve("nightly.yaml"), config);
        Files.writeString(tmp.resolve("perturbed.yaml"), config.replace("[snntorch, norse, spyx]",
                "[snntorch, {name: norse, threshold_scale: 0.9}, spyx]"));
        for (String name : List.of("nightly", "perturbed")) {
            Launcher.Run r = Launcher.run(tmp, LIMIT, "sweep", name + ".yaml", "--out", name + "-results",
                    "--parallelism", "2");
            assertEquals(0, r.exitCode(), r.err());
        }
        Launcher.Run first = Launcher.run(tmp, LIMIT, "report", "nightly-results", "--out", "report-1");
        assertEquals(0, first.exitCode(), first.err());
        assertTrue(first.out().contains("index.html, summary.json, equivalence/part-00000.parquet"), first.out());
    }

    @Test
    void anUnchangedRerunExitsZero() throws Exception {
        Launcher.Run r = Launcher.run(tmp, LIMIT, "report", "nightly-results", "--baseline", "report-1", "--out",
                "report-2");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("nothing moved beyond its tolerance"), r.out());
    }

    @Test
    void aPerturbedBackendExitsThreeNamingTheMetricAndTheCell() throws Exception {
        Launcher.Run r = Launcher.run(tmp, LIMIT, "report", "perturbed-results", "--baseline", "report-1", "--out",
                "report-perturbed");
        assertEquals(3, r.exitCode(), r.err());
        List<String> moved = r.messages().stream().filter(l -> l.startsWith("nirsweep: moved: ")).toList();
        assertFalse(moved.isEmpty(), r.err());
        assertTrue(moved.stream().allMatch(l -> l.contains("norse")), "only norse was perturbed: " + moved);
        assertTrue(moved.stream().anyMatch(l -> l.startsWith("nirsweep: moved: identical_bin_fraction of snntorch vs"
                + " norse on node '") && l.contains("model models/b.nir, input noise, params {")), moved.toString());
        // the report is written all the same, with the changes in it
        JsonNode summary = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                tmp.resolve("report-perturbed/summary.json").toFile());
        assertTrue(summary.path("baseline").size() >= moved.size(), summary.path("baseline").toString());
    }

    @Test
    void thePageLoadsInChromiumWithNoErrorAndNoRequest() throws Exception {
        try (HeadlessChromium browser = HeadlessChromium.start()) {
            browser.viewport(1280, 900).open(tmp.resolve("report-1/index.html"));
            for (String selector : List.of("table.matrix", "svg.raster")) {
                JsonNode box = browser.evaluate("""
                        (() => { const e = document.querySelector('%s'); e.scrollIntoView({block: 'center'});
                                 const b = e.getBoundingClientRect(); return {w: b.width, h: b.height}; })()"""
                        .formatted(selector));
                assertTrue(box.path("w").asDouble() > 0 && box.path("h").asDouble() > 0, selector + ": " + box);
            }
            Path png = browser.screenshot(Path.of("target/report-launcher.png"), true);
            assertTrue(Files.size(png) > 20_000, png + " is " + Files.size(png) + " bytes");
            assertEquals(List.of(), browser.problems());
            assertEquals(List.of(), browser.requests());
        }
    }

    @Test
    void refusalsAreOneLineAndTouchNothing() throws Exception {
        Path mine = Files.createDirectories(tmp.resolve("mine"));
        Files.writeString(mine.resolve("thesis.tex"), "keep");
        assertRefused(Launcher.run(tmp, LIMIT, "report", "nightly-results", "--out", "mine"), "thesis.tex");
        assertEquals("keep", Files.readString(mine.resolve("thesis.tex")));
        assertRefused(Launcher.run(tmp, LIMIT, "report", "models", "--out", "r-x"), "no run.json");
        Files.writeString(tmp.resolve("bad.yaml"), "tolerances: {identical_bin_fraction: -1}\n");
        assertRefused(Launcher.run(tmp, LIMIT, "report", "nightly-results", "--config", "bad.yaml", "--out", "r-y"),
                "tolerances.identical_bin_fraction");
        assertRefused(Launcher.run(tmp, LIMIT, "report", "nightly-results", "--baseline", "models", "--out", "r-z"),
                "--baseline");
        // results whose spikes part was cut short: refused naming the file, after the pipeline found it
        Path bad = tmp.resolve("bad-results");
        try (var files = Files.walk(tmp.resolve("nightly-results"))) {
            for (Path f : files.toList()) {
                Path to = bad.resolve(tmp.resolve("nightly-results").relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(f, to);
                }
            }
        }
        Path part;
        try (var files = Files.walk(bad.resolve("spikes"))) {
            part = files.filter(f -> f.toString().endsWith(".parquet")).findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(part);
        Files.write(part, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        Launcher.Run cut = Launcher.run(tmp, LIMIT, "report", "bad-results", "--out", "r-w");
        assertRefused(cut, "is not a readable part of the sweep's spikes table");
        assertTrue(cut.messages().get(0).contains(part.getFileName().toString()), cut.err());
        assertFalse(Files.exists(tmp.resolve("r-x")) || Files.exists(tmp.resolve("r-y"))
                || Files.exists(tmp.resolve("r-z")) || Files.exists(tmp.resolve("r-w")));
    }

    private static void assertRefused(Launcher.Run r, String expected) {
        assertEquals(2, r.exitCode(), r.err());
        assertEquals(1, r.messages().size(), r.err());
        assertTrue(r.messages().get(0).startsWith("nirsweep: ") && r.messages().get(0).contains(expected), r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
    }
}
