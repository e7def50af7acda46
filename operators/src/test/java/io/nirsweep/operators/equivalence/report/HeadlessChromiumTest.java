package io.nirsweep.operators.equivalence.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The harness itself: what it reports on a page that does go wrong, so that {@link ReportPageBrowserTest}'s
 * "nothing went wrong, nothing was requested" means something, and that it leaves no browser behind.
 */
class HeadlessChromiumTest {
    @TempDir
    Path dir;

    @Test
    void itSeesConsoleErrorsExceptionsFailedLoadsAndRequests() throws Exception {
        // port 9 (discard) on loopback: refused at once, nothing leaves the machine
        Path page = Files.writeString(dir.resolve("bad.html"), """
                <!DOCTYPE html><html><head><title>bad</title></head><body>
                <img src="http://127.0.0.1:9/missing.png">
                <script>console.warn('careful'); console.error('broken', 42); console.log('fine');</script>
                <script>throw new Error('boom');</script>
                </body></html>
                """);
        List<ProcessHandle> processes;
        try (HeadlessChromium browser = HeadlessChromium.start()) {
            processes = browserProcesses();
            browser.open(page);
            assertEquals("bad", browser.evaluate("document.title").asText());
            assertEquals(List.of("warning: careful", "error: broken 42"), browser.consoleMessages());
            assertEquals(1, browser.exceptions().size(), browser.exceptions().toString());
            assertTrue(browser.exceptions().get(0).contains("Error: boom"), browser.exceptions().toString());
            assertEquals(List.of("http://127.0.0.1:9/missing.png"), browser.requests());
            assertTrue(browser.logErrors().stream().anyMatch(e -> e.contains("missing.png")),
                    "the failed load: " + browser.logErrors());
            assertTrue(browser.problems().containsAll(browser.exceptions()));

            AssertionError thrown = assertThrows(AssertionError.class, () -> browser.evaluate("null.x"));
            assertTrue(thrown.getMessage().contains("TypeError"), thrown.getMessage());
        }
        assertFalse(processes.isEmpty(), "no chromium process was seen");
        assertTrue(processes.stream().noneMatch(ProcessHandle::isAlive), "left running: " + processes);
    }

    @Test
    void aRequestThePolicyBlocksStillCountsAndScreenshotsHaveTheViewportsSize() throws Exception {
        Path page = Files.writeString(dir.resolve("csp.html"), "<!DOCTYPE html><html><head><meta "
                + "http-equiv=\"Content-Security-Policy\" content=\"" + ReportPage.CSP + "\"></head><body>"
                + "<img src=\"http://127.0.0.1:9/blocked.png\"><p>text</p></body></html>");
        try (HeadlessChromium browser = HeadlessChromium.start()) {
            browser.viewport(640, 480).open(page);
            // Chromium announces the request, then the policy blocks it: an attempt counts as a request
            assertEquals(List.of("http://127.0.0.1:9/blocked.png"), browser.requests());
            assertTrue(browser.problems().stream().anyMatch(p -> p.contains("Content Security Policy")),
                    "the violation: " + browser.problems());
            byte[] png = browser.screenshot(false);
            assertEquals(640, pngInt(png, 16));
            assertEquals(480, pngInt(png, 20));
        }
    }

    /** The processes of Chromium's binary that are this JVM's descendants (through the wrapper script). */
    private static List<ProcessHandle> browserProcesses() {
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().command().map(c -> c.contains("chromium")).orElse(false)).toList();
    }

    /** A big-endian int of a PNG's header (its IHDR's width at 16, height at 20). */
    private static int pngInt(byte[] png, int at) {
        return ((png[at] & 0xff) << 24) | ((png[at + 1] & 0xff) << 16) | ((png[at + 2] & 0xff) << 8)
                | (png[at + 3] & 0xff);
    }
}
