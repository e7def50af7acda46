package io.nirsweep.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nirsweep.operators.equivalence.report.HeadlessChromium;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report of the demo sweep (README's first command, into a temporary folder) names the known causes of
 * divergence (docs/platforms.md §4.13) by experiment: snnTorch vs Spyx — the spike decided from the previous step;
 * snnTorch vs Norse on bias_zero — which edge of the loop carries the delay; Norse vs Nengo — the synapse's latency
 * and the exact membrane; Sinabs vs the single-spike simulators — several spikes per step; Norse vs lava-dl — the
 * recurrent bias lava-dl drops. Its page loads in real Chromium with no error and no request, matrix and raster
 * visible (screenshots in {@code target/report-demo-*.png}).
 */
class ReportDemoIT {
    private static final Duration LIMIT = Duration.ofMinutes(8);
    private static final String BIAS_ZERO = "models/braille_noDelay_bias_zero.nir";
    private static final String MULTI_SPIKE = "models/lif_multispike.nir";
    @TempDir
    static Path tmp;
    static JsonNode report;

    @BeforeAll
    static void demoAndReport() throws Exception {
        Launcher.Run sweep = Launcher.run(tmp, LIMIT, "sweep", Launcher.HOME.resolve("conf/demo.yaml").toString(),
                "--out", "demo");
        assertEquals(0, sweep.exitCode(), sweep.err());
        Launcher.Run r = Launcher.run(tmp, LIMIT, "report", "demo", "--out", "report");
        assertEquals(0, r.exitCode(), r.err());
        report = new ObjectMapper().readTree(tmp.resolve("report/summary.json").toFile());
    }

    /** The cause texts of a pair's walks, on one model or (null) on any. */
    private static List<String> causes(String a, String b, String model) {
        List<String> texts = new ArrayList<>();
        for (JsonNode c : report.path("causes")) {
            if (c.path("backendA").asText().equals(a) && c.path("backendB").asText().equals(b)
                    && (model == null || c.path("cell").path("model").asText().equals(model))) {
                texts.add(c.path("causeText").asText());
            }
        }
        assertFalse(texts.isEmpty(), "no walk from " + a + " to " + b + (model == null ? "" : " on " + model));
        return texts;
    }

    @Test
    void snntorchAndNorseOnBiasZeroDifferInWhichLoopEdgeCarriesTheDelay() {
        for (JsonNode c : report.path("causes")) {
            if (c.path("backendA").asText().equals("snntorch") && c.path("backendB").asText().equals("norse")
                    && c.path("cell").path("model").asText().equals(BIAS_ZERO)) {
                assertEquals("cycle delay", c.path("cause").asText(), c.toString());
                assertEquals(0.0, c.path("steps").get(0).path("divergenceLeft").asDouble(), c.toString());
            }
        }
        assertEquals(List.of("snntorch → norse: cycle delay (100 %) of the divergence"),
                causes("snntorch", "norse", BIAS_ZERO));
    }

    @Test
    void spyxDecidesItsSpikeFromThePreviousStep() {
        assertTrue(causes("snntorch", "spyx", null).stream().anyMatch(t -> t.contains("spike timing (")),
                causes("snntorch", "spyx", null).toString());
        assertTrue(causes("norse", "spyx", MULTI_SPIKE).get(0).startsWith("norse → spyx: spike timing ("),
                causes("norse", "spyx", MULTI_SPIKE).toString());
    }

    @Test
    void nengoDiffersFromNorseInTheSynapsesLatencyAndTheExactMembrane() {
        String text = causes("norse", "nengo", BIAS_ZERO).get(0);
        assertTrue(text.contains("integrator (") && text.contains("Lowpass synapse delivers next step ("), text);
    }

    @Test
    void sinabsEmitsSeveralSpikesPerStep() {
        for (String other : List.of("euler", "norse")) {
            String text = causes(other, "sinabs", MULTI_SPIKE).get(0);
            assertTrue(text.contains(other + " → sinabs: reset + "), text);
        }
        assertEquals("sinabs → nengo: reset (100 %) of the divergence",
                causes("sinabs", "nengo", MULTI_SPIKE).get(0));
        // and the raster shows it: sinabs' bins hold several spikes where norse's hold one
        for (JsonNode w : report.path("rasters")) {
            if (w.path("backendA").asText().equals("norse") && w.path("backendB").asText().equals("sinabs")) {
                int most = 0;
                for (JsonNode e : w.path("b")) {
                    most = Math.max(most, e.get(2).asInt());
                }
                assertTrue(most >= 2, w.toString());
            }
        }
    }

    @Test
    void lavaDlDropsTheRecurrentBias() {
        assertTrue(causes("norse", "lava-dl", BIAS_ZERO).get(0).contains("recurrent bias dropped ("),
                causes("norse", "lava-dl", BIAS_ZERO).toString());
    }

    @Test
    void accuracyStandsBesideThePapersAndFailuresAreGroupedByReason() {
        boolean published = false;
        for (JsonNode a : report.path("accuracy")) {
            if (a.path("backend").asText().equals("snntorch")
                    && a.path("cell").path("model").asText().equals(BIAS_ZERO)) {
                assertEquals(0.95, a.path("published").asDouble(), 1e-9);
                published = true;
            }
        }
        assertTrue(published, report.path("accuracy").toString());
        assertTrue(report.path("failures").toString().contains("Sinabs' importer has no conversion for CubaLIF"),
                report.path("failures").toString());
    }

    @Test
    void thePageLoadsInChromiumWithTheMatrixAndARasterVisible() throws Exception {
        try (HeadlessChromium browser = HeadlessChromium.start()) {
            browser.viewport(1400, 1000).open(tmp.resolve("report/index.html"));
            for (String selector : List.of("table.matrix", "svg.raster")) {
                JsonNode box = browser.evaluate("""
                        (() => { const e = document.querySelector('%s'); e.scrollIntoView({block: 'center'});
                                 const b = e.getBoundingClientRect();
                                 return {w: b.width, h: b.height, top: b.top, bottom: b.bottom,
                                         vh: innerHeight}; })()"""
                        .formatted(selector));
                assertTrue(box.path("w").asDouble() > 0 && box.path("h").asDouble() > 0, selector + ": " + box);
                assertTrue(box.path("top").asDouble() < box.path("vh").asDouble() && box.path("bottom").asDouble() > 0,
                        selector + " not in view: " + box);
            }
            // the views docs/report-matrix.png and docs/report-raster.png show (copied from a run of this test)
            browser.evaluate("window.scrollTo(0, 0)");
            Path png = browser.screenshot(Path.of("target/report-demo-matrix.png"), false);
            assertTrue(Files.size(png) > 20_000, png + " is " + Files.size(png) + " bytes");
            browser.evaluate("document.querySelector('section#causes').scrollIntoView({block: 'start'})");
            browser.screenshot(Path.of("target/report-demo-causes.png"), false);
            browser.evaluate("Array.from(document.querySelectorAll('figure.raster-window')).find(f =>"
                    + " f.textContent.includes('exact vs sinabs')).scrollIntoView({block: 'start'})");
            png = browser.screenshot(Path.of("target/report-demo-raster.png"), false);
            assertTrue(Files.size(png) > 20_000, png + " is " + Files.size(png) + " bytes");
            assertEquals(List.of(), browser.problems());
            assertEquals(List.of(), browser.requests());
        }
    }
}
