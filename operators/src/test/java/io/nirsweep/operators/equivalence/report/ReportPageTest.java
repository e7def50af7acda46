package io.nirsweep.operators.equivalence.report;

import static io.nirsweep.operators.equivalence.report.ReportFixtures.BRAILLE;
import static io.nirsweep.operators.equivalence.report.ReportFixtures.HOSTILE_MODEL;
import static io.nirsweep.operators.equivalence.report.ReportFixtures.HOSTILE_NODE;
import static io.nirsweep.operators.equivalence.report.ReportFixtures.HOSTILE_REASON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nirsweep.operators.equivalence.report.EquivalenceReport.CellKey;
import io.nirsweep.operators.equivalence.report.EquivalenceReport.PairRow;
import io.nirsweep.operators.equivalence.report.EquivalenceReport.RasterWindow;
import io.nirsweep.operators.equivalence.report.EquivalenceReport.TrendPoint;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report page as text: what it shows, that it escapes and bounds it, and that it is well formed. */
class ReportPageTest {
    private static final Pattern TAG = Pattern.compile("<(/?)([a-zA-Z][a-zA-Z0-9]*)([^<>]*)>");
    /** An attribute of a tag: its name, and its value without the quotes. */
    private static final Pattern ATTRIBUTE = Pattern.compile("\\s([^\\s=/\"]+)(?:=\"([^\"]*)\")?");
    private static final Set<String> VOID = Set.of("meta", "input", "br", "img", "link", "hr", "wbr");

    private final String page = ReportPage.render(ReportFixtures.full());

    @Test
    void hostileNamesRenderAsText() {
        assertFalse(page.contains(HOSTILE_MODEL), "the model name is in the page unescaped");
        assertTrue(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;.nir"), "the model name is missing");
        assertEquals(1, occurrences(page, "<script"), "only the page's own script");
        assertFalse(page.contains("<img"), "the node name made an element");
        assertTrue(page.contains(Html.esc(HOSTILE_NODE)));
        assertTrue(page.contains("shape [3] &amp; [4] differ: &lt;b&gt;bold&lt;/b&gt; &#39;quoted&#39;"),
                "the failure reason, escaped: " + HOSTILE_REASON);
    }

    @Test
    void undefinedNumbersShowAsADash() {
        assertFalse(withoutScript(page).contains("NaN"));
        // the hostile model's sinabs-xylo row has no identical-bin fraction and no class agreement
        assertTrue(page.contains("<td class=\"cnan\" title=\"sinabs vs xylo on " + Html.esc(HOSTILE_MODEL)
                + ": mean identical-bin fraction — over 1 rows (0 diverging); class agreement —\">—<small>class "
                + "—</small></td>"), "the matrix cell of a pair without numbers");
        assertTrue(page.contains("<td class=\"num\" data-v=\"\">—</td>"), "a table cell without a number");
        assertTrue(page.contains("<td class=\"num\">—</td>"), "an accuracy without labelled samples");
    }

    @Test
    void fractionsNearOneOrZeroAreNotRoundedOntoThem() {
        assertEquals("1.0000", Html.fraction(1));
        assertEquals("0.999999", Html.fraction(0.999999));
        assertEquals("0.00001", Html.fraction(0.00001));
        assertEquals("0.9985", Html.fraction(0.9985));
        assertEquals("—", Html.fraction(Double.NaN));
    }

    @Test
    void rastersAndTableRowsAreCapped() {
        int rows = ReportPage.MAX_TABLE_ROWS + 1000;
        List<PairRow> pairs = IntStream.range(0, rows).mapToObj(i -> ReportFixtures.pair(BRAILLE, "euler", "xylo",
                "n" + i, (i + 0.5) / rows, 1, 3, 1)).toList();
        String capped = ReportPage.render(ReportFixtures.report(pairs, ReportFixtures.rasters(30), List.of()));

        assertEquals(ReportPage.MAX_RASTERS, occurrences(capped, "<svg class=\"raster\""));
        assertTrue(capped.contains("Showing 24 of 30 windows (at most 24)."));
        String body = capped.substring(capped.indexOf("<table class=\"data sortable\""));
        body = body.substring(body.indexOf("<tbody>"), body.indexOf("</tbody>"));
        assertEquals(ReportPage.MAX_TABLE_ROWS, occurrences(body, "<tr"));
        assertTrue(capped.contains("Showing the 5,000 least identical rows of 6,000: 1,000 rows left out (at most "
                + "5,000)."));
        assertTrue(body.contains(">n0<"), "the least identical row is kept");
        assertFalse(body.contains(">n" + (rows - 1) + "<"), "the most identical row is left out");
        assertTrue(capped.length() < 6_000_000, "the page is " + capped.length() + " characters");
    }

    @Test
    void aLargeWindowIsDrawnAroundItsFirstDivergence() {
        List<int[]> dense = new ArrayList<>();
        for (int step = 0; step < 1000; step++) {
            for (int neuron = 0; neuron < 100; neuron++) {
                dense.add(new int[] {step, neuron, 1});
            }
        }
        RasterWindow big = new RasterWindow(BRAILLE, "euler", "xylo", "lif1", 0, 600, 90, 0, 1000, 0, 100, dense,
                dense.subList(1, dense.size()));
        StringBuilder out = new StringBuilder();
        RasterSvg.append(out, big);
        String svg = out.toString();

        assertTrue(svg.startsWith("<p class=\"note\">Showing steps 540–779 and neurons 36–99 of the window's steps "
                + "0–999 and neurons 0–99 (at most 240 × 64).</p>"), svg.substring(0, 200));
        assertEquals(2 * RasterSvg.MAX_STEPS * RasterSvg.MAX_NEURONS, occurrences(svg, "<g class=\"spike\">"));
        assertTrue(svg.contains("<title>first divergence: step 600, neuron 90</title>"));
        assertTrue(svg.length() < 6_000_000, "one raster of " + svg.length() + " characters");
    }

    @Test
    void aSweepOfTenThousandRowsMakesAPageOfAFewMegabytes() {
        List<PairRow> pairs = IntStream.range(0, 10_000).mapToObj(i -> ReportFixtures.pair(new CellKey(
                "model-" + (i % 40) + ".nir", "poisson", "{\"tau\":" + i + "}"), "euler", "xylo", "layer" + i % 7,
                1 - i / 1e6, i % 3, i % 3 == 0 ? null : i % 50, 0.9)).toList();
        String large = ReportPage.render(ReportFixtures.report(pairs, ReportFixtures.rasters(100), List.of()));
        assertTrue(large.length() < 5_000_000, "the page has " + large.length() + " characters");
        assertEquals(40 + 2, occurrences(large, "<table class=\"matrix\">"), "the fixture's two models and 40 more");
    }

    @Test
    void everySectionIsPresent() {
        for (String id : List.of("header", "matrix", "rasters", "accuracy", "causes", "pairs", "failures",
                "baseline", "trend")) {
            assertEquals(1, occurrences(page, "id=\"" + id + "\""), id);
        }
        assertEquals(2, occurrences(page, "<table class=\"matrix\">"), "one matrix per model");
        assertEquals(2, occurrences(page, "<svg class=\"raster\""));
        assertEquals(3, occurrences(page, "<g class=\"series\">"), "one trend line per pair");
        assertEquals(7, occurrences(page, "<td class=\"num\" data-v=\"10.0\">10</td>"), "every pair row's samples");
        assertEquals(2, occurrences(page, "<article class=\"failure\">"));
        assertTrue(page.contains("<h3>since base-2 2026-11-01</h3>"));
        assertTrue(page.contains("<dt>sweep</dt><dd>0123456789abcdef</dd>"));
        assertTrue(page.contains("<dt>engine version</dt><dd>0.1.0-SNAPSHOT (abc1234)</dd>"));
        assertTrue(page.contains("93.0 %") && page.contains("93.8 %") && page.contains(Html.esc(PublishedAccuracy.SOURCE)),
                "ours beside the published accuracy and its source");
    }

    @Test
    void matrixCellsAreColouredByTheMeanAndLinkToTheirRaster() {
        // braille, euler vs xylo: mean of 0.9985 and 0.97 is 0.98425, 1.6e-2 from 1: the ≥ 0.9 class
        assertTrue(page.contains("<td class=\"c4 dark\" title=\"euler vs xylo on braille.nir: mean identical-bin "
                + "fraction 0.9843 over 2 rows (2 diverging); class agreement 0.9000\"><a href=\"#raster-0\">0.9843"
                + "<small>class 0.9000</small></a></td>"));
        assertTrue(page.contains("<td class=\"c0\" title=\"euler vs sinabs on braille.nir"), "identical pair");
        assertEquals(0, AgreementMatrix.colourClass(1));
        assertEquals(1, AgreementMatrix.colourClass(0.99995));
        assertEquals(5, AgreementMatrix.colourClass(0.5));
        assertEquals(-1, AgreementMatrix.colourClass(Double.NaN));
    }

    @Test
    void theCauseIsHighlightedAndRefusedStepsSayWhy() {
        assertEquals(1, occurrences(page, "<li class=\"step is-cause\"><span class=\"choice\">weights</span>"));
        assertTrue(page.contains("<li class=\"step refused\"><span class=\"choice\">reset</span><span "
                + "class=\"change\">subtract → zero</span><span class=\"refusal\">refused: xylo&#39;s reset needs "
                + "&lt;integer&gt; weights</span></li>"));
        assertTrue(page.contains("changing weights from float32 to int8 removes 95 % of the divergence"));
    }

    @Test
    void rastersMarkMultiSpikeBinsDifferencesAndTheFirstDivergence() {
        String raster = page.substring(page.indexOf("<svg class=\"raster\""), page.indexOf("</svg>"));
        // A: (12,3)×2 and (20,8)×3; B: (12,3)×2 and (33,11)×2
        assertEquals(4, occurrences(raster, "<g class=\"spike multi\">"));
        assertTrue(raster.contains("<title>step 20, neuron 8: 3 spikes</title>"));
        // differing bins: (17,5), (18,5), (20,8), (33,11), each outlined in both panels
        assertEquals(8, occurrences(raster, "<rect class=\"diff\""));
        assertTrue(raster.contains("<title>first divergence: step 17, neuron 5</title>"));
        assertTrue(raster.contains(">step</text>") && raster.contains(">neuron</text>"), "axis titles");
    }

    @Test
    void anEmptyReportSaysWhatIsMissing() {
        EquivalenceReport empty = new EquivalenceReport("s", "r", "v", "c", List.of("euler"), List.of(), List.of(),
                List.of(), List.of(), List.of(), List.of(), List.of(), List.of(new TrendPoint("s", "c", Map.of())));
        String emptyPage = ReportPage.render(empty);
        for (String text : List.of("No pair diverges", "No sample has a label.", "No cause was looked for.",
                "No cell failed.", "No baseline was given", "One run only")) {
            assertTrue(emptyPage.contains(text), text);
        }
        assertFalse(emptyPage.contains("<svg class=\"trend\""));
        assertWellFormed(emptyPage);
    }

    @Test
    void thePageIsWellFormedAndRefersToNothingOutside() {
        assertWellFormed(page);
        assertTrue(page.startsWith("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src "
                + "'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">"));
        assertFalse(page.contains("url("), "no address in the style sheet");
        assertFalse(page.contains("@import"));
        Set<String> ids = new HashSet<>(ids(page));
        Matcher tag = TAG.matcher(withoutScript(page));
        while (tag.find()) {
            Matcher attribute = ATTRIBUTE.matcher(tag.group(3));
            while (attribute.find()) {
                String name = attribute.group(1).toLowerCase();
                assertFalse(name.equals("src") || name.startsWith("on"), "loaded or run: " + tag.group());
                if (name.equals("href")) {
                    String target = attribute.group(2);
                    assertTrue(target.startsWith("#") && ids.contains(target.substring(1)),
                            "a link that goes nowhere on the page: " + tag.group());
                }
            }
        }
    }

    @Test
    void writePutsThePageInTheFolder(@TempDir Path dir) throws Exception {
        Path file = ReportPage.write(ReportFixtures.full(), dir.resolve("report"));
        assertEquals(dir.resolve("report").resolve("index.html"), file);
        assertEquals(page, Files.readString(file, StandardCharsets.UTF_8));
    }

    /**
     * Every element closed in order (void elements and {@code />} excepted), outside the one script and style
     * whose contents are not markup, and every id once: a small check of what a browser would otherwise repair.
     */
    private static void assertWellFormed(String html) {
        String markup = withoutScript(html)
                .replaceAll("(?s)<style>.*?</style>", "<style></style>").replace("<!DOCTYPE html>", "");
        assertFalse(markup.replaceAll(TAG.pattern(), "").contains("<"), "a stray '<' in text");
        Deque<String> open = new ArrayDeque<>();
        Matcher tag = TAG.matcher(markup);
        while (tag.find()) {
            String name = tag.group(2).toLowerCase();
            if (!tag.group(1).isEmpty()) {
                assertEquals(name, open.isEmpty() ? "(nothing open)" : open.pop(), "a closing tag out of order at "
                        + tag.start() + ": " + markup.substring(Math.max(0, tag.start() - 80), tag.end()));
            } else if (!VOID.contains(name) && !tag.group(3).endsWith("/")) {
                open.push(name);
            }
        }
        assertTrue(open.isEmpty(), "left open: " + open);
        List<String> ids = ids(html);
        assertEquals(ids.size(), new HashSet<>(ids).size(), "ids repeat: " + ids);
    }

    /** The page with its script emptied: what is left is markup and the report's text. */
    private static String withoutScript(String html) {
        return html.replaceAll("(?s)<script>.*?</script>", "<script></script>");
    }

    private static List<String> ids(String html) {
        List<String> ids = new ArrayList<>();
        Matcher id = Pattern.compile(" id=\"([^\"]*)\"").matcher(html);
        while (id.find()) {
            ids.add(id.group(1));
        }
        return ids;
    }

    private static int occurrences(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
            n++;
        }
        return n;
    }
}
