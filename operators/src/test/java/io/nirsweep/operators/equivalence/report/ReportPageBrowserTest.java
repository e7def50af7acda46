package io.nirsweep.operators.equivalence.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The report page in a real headless Chromium ({@link HeadlessChromium}): it loads without a console error, an
 * exception or a single request, its matrix and rasters take up room where a reader scrolls to them, a matrix cell
 * leads to its raster, and the pair table sorts and filters. One browser serves all tests; each opens the page
 * afresh, and after each nothing may have gone wrong or been requested. The page and a full-page screenshot stay
 * in {@code target/report-page/} to be looked at.
 */
class ReportPageBrowserTest {
    private static final Path OUT = Path.of(System.getProperty("basedir", ".")).resolve("target/report-page");
    private static final int WIDTH = 1280;
    private static final int HEIGHT = 900;
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private static HeadlessChromium browser;
    private static Path page;

    @BeforeAll
    static void startBrowser() throws Exception {
        page = ReportPage.write(ReportFixtures.full(), OUT);
        browser = HeadlessChromium.start();
        browser.viewport(WIDTH, HEIGHT);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @BeforeEach
    void openPage() {
        browser.open(page);
    }

    @AfterEach
    void nothingWentWrongAndNothingWasRequested() {
        assertEquals(List.of(), browser.problems(), "console errors, exceptions or error log entries");
        assertEquals(List.of(), browser.requests(), "requests the page sent");
    }

    @Test
    void thePageLoadsWithItsTitleAndAllSections() throws Exception {
        assertEquals("Equivalence report · 0123456789abcdef", browser.evaluate("document.title").asText());
        assertEquals(9, browser.evaluate("document.querySelectorAll('section[id], header#header').length").asInt());
        assertEquals(ReportFixtures.HOSTILE_MODEL, browser.evaluate(
                "document.querySelectorAll('table.matrix caption')[1].textContent").asText(),
                "the hostile model name is text on the page");
        Path png = browser.screenshot(OUT.resolve("report.png"), true);
        byte[] bytes = Files.readAllBytes(png);
        assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(bytes, PNG_SIGNATURE.length));
        assertTrue(bytes.length > 20_000, "a screenshot of " + bytes.length + " bytes is too small for the page");
    }

    @Test
    void theMatrixAndARasterAreVisibleWhereTheReaderScrolls() {
        assertVisible("table.matrix");
        assertVisible("svg.raster");
        assertVisible("svg.raster g.spike.multi circle");
        assertVisible("svg.trend");
    }

    @Test
    void aDivergingMatrixCellLeadsToItsRaster() {
        JsonNode after = browser.evaluate("""
                new Promise(resolve => {
                  document.querySelector('table.matrix a[href="#raster-0"]').click();
                  requestAnimationFrame(() => requestAnimationFrame(() => resolve({
                    hash: location.hash,
                    top: document.getElementById('raster-0').getBoundingClientRect().top
                  })));
                })""");
        assertEquals("#raster-0", after.path("hash").asText());
        assertTrue(Math.abs(after.path("top").asDouble()) < 2, "the raster is not at the top: " + after);
    }

    @Test
    void clickingAHeaderSortsTheTable() {
        // identical-bin fractions of the fixture's rows; the undefined one stays last either way
        assertEquals(List.of("ascending", "0.5", "0.97", "0.9985", "0.99995", "1.0", "1.0", ""),
                clickHeader("identical bins", true));
        assertEquals(List.of("descending", "1.0", "1.0", "0.99995", "0.9985", "0.97", "0.5", ""),
                clickHeader("identical bins", true));
        List<String> nodes = clickHeader("node", false);
        List<String> sorted = new ArrayList<>(nodes.subList(1, nodes.size()));
        sorted.sort(String::compareToIgnoreCase);
        assertEquals("ascending", nodes.get(0));
        assertEquals(sorted, nodes.subList(1, nodes.size()));
    }

    @Test
    void typingFiltersTheTable() {
        assertEquals(2, filter("xylo lif1"), "braille's euler-xylo and sinabs-xylo rows of lif1");
        assertEquals(2, filter("<script>alert(1)"), "the hostile model's rows, matched as text");
        assertEquals(0, filter("no such backend"));
        assertEquals(7, filter(""));
    }

    /**
     * Scrolls the first element {@code selector} matches into view and asserts it has an area and lies inside the
     * viewport.
     */
    private static void assertVisible(String selector) {
        JsonNode box = browser.evaluate("""
                (() => {
                  const e = document.querySelector(%s);
                  e.scrollIntoView({block: 'center', inline: 'nearest'});
                  const b = e.getBoundingClientRect();
                  return {left: b.left, top: b.top, right: b.right, bottom: b.bottom, width: innerWidth,
                          height: innerHeight};
                })()""".formatted(jsString(selector)));
        String where = selector + " at " + box;
        assertTrue(box.path("right").asDouble() > box.path("left").asDouble()
                && box.path("bottom").asDouble() > box.path("top").asDouble(), "no area: " + where);
        assertTrue(box.path("left").asDouble() >= 0 && box.path("top").asDouble() >= 0
                && box.path("right").asDouble() <= box.path("width").asDouble()
                && box.path("bottom").asDouble() <= box.path("height").asDouble(), "not in the viewport: " + where);
    }

    /** Clicks the pair table's header {@code name}; returns its aria-sort, then the column's sort keys or texts. */
    private static List<String> clickHeader(String name, boolean numeric) {
        JsonNode result = browser.evaluate("""
                (() => {
                  const th = [...document.querySelectorAll('#pair-table thead th')].find(t => t.textContent === %s);
                  th.dispatchEvent(new MouseEvent('click', {bubbles: true}));
                  const column = [...document.querySelectorAll('#pair-table tbody tr')]
                      .map(r => %s ? r.cells[th.cellIndex].getAttribute('data-v') : r.cells[th.cellIndex].textContent);
                  return [th.getAttribute('aria-sort'), ...column];
                })()""".formatted(jsString(name), numeric));
        List<String> values = new ArrayList<>();
        result.forEach(v -> values.add(v.asText()));
        return values;
    }

    /** Types {@code text} into the filter box; returns the rows left visible, checked against the page's count. */
    private static int filter(String text) {
        JsonNode result = browser.evaluate("""
                (() => {
                  const box = document.getElementById('pair-filter');
                  box.value = %s;
                  box.dispatchEvent(new Event('input', {bubbles: true}));
                  const visible = [...document.querySelectorAll('#pair-table tbody tr')]
                      .filter(r => r.getClientRects().length > 0).length;
                  return {visible, shown: Number(document.getElementById('pair-shown').textContent)};
                })()""".formatted(jsString(text)));
        assertEquals(result.path("visible").asInt(), result.path("shown").asInt(), "the count the page shows");
        return result.path("visible").asInt();
    }

    /** {@code s} as a JavaScript string literal (JSON's quoting is JavaScript's). */
    private static String jsString(String s) {
        return com.fasterxml.jackson.databind.node.TextNode.valueOf(s).toString();
    }
}
