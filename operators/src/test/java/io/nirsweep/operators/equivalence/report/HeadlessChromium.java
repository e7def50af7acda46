package io.nirsweep.operators.equivalence.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * A real headless Chromium for tests, driven over the DevTools protocol with the JDK's WebSocket and Jackson (no
 * WebDriver, no downloaded browser): it opens a page, collects what went wrong there (console errors and warnings,
 * uncaught exceptions, the browser's error log) and every request the page sent, evaluates JavaScript in the page
 * and takes PNG screenshots.
 *
 * <p>Chromium is Debian's {@code chromium} package on the PATH (which {@code .ci/run} installs). Each instance has
 * its own fresh profile in a temporary folder and a DevTools port the browser picks itself, so tests may run side
 * by side; {@link #close()} kills the browser with every process it started and deletes the profile. Every wait is
 * bounded by the instance's timeout and fails with an {@link AssertionError} that says what did not happen. It is
 * in operators' test jar, so that the jobs module's end-to-end tests use it too ({@code ClusterWebUiIT} finds the
 * browser with {@link #executable()}).
 *
 * <pre>{@code
 * try (HeadlessChromium browser = HeadlessChromium.start()) {
 *     browser.viewport(1280, 900).open(page);
 *     assertEquals(List.of(), browser.problems());
 *     JsonNode box = browser.evaluate("document.querySelector('svg').getBoundingClientRect().toJSON()");
 * }
 * }</pre>
 */
public final class HeadlessChromium implements AutoCloseable {
    /** Per command, page load and browser start; generous for a loaded 2-core CI machine. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);

    /**
     * Besides the flags a test needs (headless, no sandbox as root, no GPU, a DevTools port of the browser's
     * choosing): no first-run work and none of the background traffic (component updates, sync, QUIC probes) that
     * a closed network refuses, which would otherwise show up as requests and errors that are not the page's.
     */
    private static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu",
            "--remote-debugging-port=0", "--no-first-run", "--no-default-browser-check",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic",
            "--disable-extensions", "--disable-default-apps", "--mute-audio", "--hide-scrollbars");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final Process process;
    private final Path home;
    private final Duration timeout;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final Object sending = new Object();
    private final List<String> console = Collections.synchronizedList(new ArrayList<>());
    private final List<String> exceptions = Collections.synchronizedList(new ArrayList<>());
    private final List<String> logErrors = Collections.synchronizedList(new ArrayList<>());
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private volatile CompletableFuture<Void> loaded = new CompletableFuture<>();
    private volatile String pageUrl = "about:blank";
    private WebSocket socket;
    private boolean closed;

    private HeadlessChromium(Process process, Path home, Duration timeout) {
        this.process = process;
        this.home = home;
        this.timeout = timeout;
    }

    /** Chromium on the PATH; an AssertionError that says how to get it when there is none. */
    public static Path executable() {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, "chromium"))
                .filter(Files::isExecutable)
                .findFirst()
                .orElseThrow(() -> new AssertionError("chromium is not on the PATH: the browser tests need Debian's "
                        + "chromium package (apt-get install chromium; .ci/run installs it)"));
    }

    /** Starts a browser with {@link #DEFAULT_TIMEOUT}. */
    public static HeadlessChromium start() throws IOException {
        return start(DEFAULT_TIMEOUT);
    }

    /**
     * Starts a browser, connects to its page and enables the domains whose events it collects (Runtime, Log,
     * Network, Page). {@code timeout} bounds the start and, afterwards, each command and page load.
     */
    public static HeadlessChromium start(Duration timeout) throws IOException {
        Path chromium = executable();
        Path home = Files.createTempDirectory("headless-chromium");
        Path profile = home.resolve("profile");
        List<String> command = new ArrayList<>(List.of(chromium.toString()));
        command.addAll(FLAGS);
        command.add("--user-data-dir=" + profile);
        command.add("about:blank");
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(home.resolve("chromium.log").toFile()).start();
        HeadlessChromium browser = new HeadlessChromium(process, home, timeout);
        try {
            browser.connect(browser.pageSocket(browser.devToolsPort(profile)));
            for (String domain : List.of("Runtime", "Log", "Network", "Page")) {
                browser.send(domain + ".enable", JSON.createObjectNode());
            }
            return browser;
        } catch (IOException | RuntimeException | Error e) {
            browser.close();
            throw e;
        }
    }

    /** The port Chromium chose, from the first line of the profile's {@code DevToolsActivePort} once it is whole. */
    private int devToolsPort(Path profile) throws IOException {
        Path file = profile.resolve("DevToolsActivePort");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (Files.exists(file)) {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                if (lines.size() >= 2 && !lines.get(1).isBlank()) {
                    return Integer.parseInt(lines.get(0).trim());
                }
            }
            if (!process.isAlive()) {
                throw new AssertionError("chromium exited (" + process.exitValue() + ") before it opened its "
                        + "DevTools port: " + logTail());
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new AssertionError("chromium wrote no " + file + " within " + timeout.toSeconds() + " s: "
                        + logTail());
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }

    /** The WebSocket address of the browser's first page, once it has one. */
    private URI pageSocket(int port) throws IOException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(timeout).build();
        HttpRequest list = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                .timeout(timeout).GET().build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                for (JsonNode target : JSON.readTree(http.send(list, HttpResponse.BodyHandlers.ofString()).body())) {
                    if (target.path("type").asText().equals("page")) {
                        return URI.create(target.path("webSocketDebuggerUrl").asText());
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for chromium's page", e);
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new AssertionError("chromium listed no page target on port " + port + " within "
                        + timeout.toSeconds() + " s");
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }

    private void connect(URI uri) {
        socket = await(HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(timeout)
                .buildAsync(uri, new Listener()), "the DevTools WebSocket " + uri);
    }

    /** Sets the viewport's CSS size (device scale 1), as a window of that size would have it. */
    public HeadlessChromium viewport(int width, int height) {
        ObjectNode params = JSON.createObjectNode().put("width", width).put("height", height)
                .put("deviceScaleFactor", 1).put("mobile", false);
        send("Emulation.setDeviceMetricsOverride", params);
        return this;
    }

    /** Opens a local file and waits for its load event. */
    public HeadlessChromium open(Path file) {
        return navigate(file.toAbsolutePath().toUri().toString());
    }

    /**
     * Navigates to {@code url} and waits for its load event; the problems and requests collected so far are
     * cleared, so that they are this page's.
     */
    public HeadlessChromium navigate(String url) {
        console.clear();
        exceptions.clear();
        logErrors.clear();
        requests.clear();
        pageUrl = url;
        loaded = new CompletableFuture<>();
        JsonNode result = send("Page.navigate", JSON.createObjectNode().put("url", url));
        if (result.hasNonNull("errorText")) {
            throw new AssertionError("chromium could not open " + url + ": " + result.path("errorText").asText());
        }
        await(loaded, "the load event of " + url);
        return this;
    }

    /**
     * Evaluates {@code expression} in the page (as a user gesture, awaiting a promise) and returns its value as
     * JSON (a missing node for {@code undefined}); an exception in the page fails with its message.
     */
    public JsonNode evaluate(String expression) {
        ObjectNode params = JSON.createObjectNode().put("expression", expression).put("returnByValue", true)
                .put("awaitPromise", true).put("userGesture", true);
        JsonNode result = send("Runtime.evaluate", params);
        if (result.has("exceptionDetails")) {
            throw new AssertionError("the page threw evaluating " + expression + ": " + describe(
                    result.path("exceptionDetails")));
        }
        return result.path("result").path("value");
    }

    /** A PNG of the viewport, or of the whole page when {@code fullPage}. */
    public byte[] screenshot(boolean fullPage) {
        ObjectNode params = JSON.createObjectNode().put("format", "png");
        if (fullPage) {
            JsonNode size = send("Page.getLayoutMetrics", JSON.createObjectNode()).path("cssContentSize");
            params.put("captureBeyondViewport", true).putObject("clip").put("x", 0).put("y", 0)
                    .put("width", Math.ceil(size.path("width").asDouble()))
                    .put("height", Math.ceil(size.path("height").asDouble())).put("scale", 1);
        }
        return Base64.getDecoder().decode(send("Page.captureScreenshot", params).path("data").asText());
    }

    /** Writes {@link #screenshot(boolean)} to {@code png} (its folder made if need be) and returns it. */
    public Path screenshot(Path png, boolean fullPage) throws IOException {
        Files.createDirectories(png.toAbsolutePath().getParent());
        return Files.write(png, screenshot(fullPage));
    }

    /** Console messages of level error or warning (and failed console.assert), as "level: text". */
    public List<String> consoleMessages() {
        return snapshot(console);
    }

    /** Uncaught exceptions and unhandled rejections. */
    public List<String> exceptions() {
        return snapshot(exceptions);
    }

    /** The browser's log entries of level error: failed loads, CSP violations, and the like. */
    public List<String> logErrors() {
        return snapshot(logErrors);
    }

    /**
     * Every URL the page requested other than its own (fragments ignored), in order: attempts count, including
     * those a Content-Security-Policy then blocked, so that an empty list means the page tried nothing.
     */
    public List<String> requests() {
        return snapshot(requests);
    }

    /** All that went wrong on the page: console errors and warnings, exceptions, error log entries. */
    public List<String> problems() {
        List<String> all = new ArrayList<>(consoleMessages());
        all.addAll(exceptions());
        all.addAll(logErrors());
        return all;
    }

    private static List<String> snapshot(List<String> list) {
        synchronized (list) {
            return List.copyOf(list);
        }
    }

    /** Sends one DevTools command and returns its result; a protocol error fails with its message. */
    public JsonNode send(String method, ObjectNode params) {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", params);
        try {
            synchronized (sending) {
                await(socket.sendText(message.toString(), true), "sending " + method);
            }
            JsonNode response = await(answer, "chromium's answer to " + method);
            if (response.has("error")) {
                throw new AssertionError(method + " failed: " + response.path("error"));
            }
            return response.path("result");
        } finally {
            pending.remove(id);
        }
    }

    private <T> T await(CompletionStage<T> stage, String what) {
        try {
            return stage.toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("waited " + timeout.toSeconds() + " s for " + what + "; " + logTail());
        } catch (ExecutionException e) {
            throw new AssertionError("failed: " + what + ": " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + what, e);
        }
    }

    /** Routes a message from the browser: an answer to its command, or an event. */
    private void receive(String text) {
        JsonNode message;
        try {
            message = JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (message.has("id")) {
            Optional.ofNullable(pending.get(message.path("id").asInt())).ifPresent(f -> f.complete(message));
            return;
        }
        JsonNode params = message.path("params");
        switch (message.path("method").asText()) {
            case "Runtime.consoleAPICalled" -> consoleCalled(params);
            case "Runtime.exceptionThrown" -> exceptions.add(describe(params.path("exceptionDetails")));
            case "Log.entryAdded" -> logged(params.path("entry"));
            case "Network.requestWillBeSent" -> requested(params.path("request").path("url").asText());
            case "Page.loadEventFired" -> loaded.complete(null);
            default -> { }
        }
    }

    private void consoleCalled(JsonNode params) {
        String type = params.path("type").asText();
        if (type.equals("error") || type.equals("warning") || type.equals("assert")) {
            List<String> args = new ArrayList<>();
            params.path("args").forEach(a -> args.add(a.has("value") ? a.path("value").asText()
                    : a.path("description").asText(a.path("type").asText())));
            console.add(type + ": " + String.join(" ", args));
        }
    }

    private void logged(JsonNode entry) {
        if (entry.path("level").asText().equals("error")) {
            logErrors.add(entry.path("source").asText() + ": " + entry.path("text").asText()
                    + (entry.hasNonNull("url") ? " (" + entry.path("url").asText() + ")" : ""));
        }
    }

    private void requested(String url) {
        if (!withoutFragment(url).equals(withoutFragment(pageUrl))) {
            requests.add(url);
        }
    }

    private static String withoutFragment(String url) {
        int hash = url.indexOf('#');
        return hash < 0 ? url : url.substring(0, hash);
    }

    /** An exception's message with where it was thrown. */
    private static String describe(JsonNode details) {
        String description = details.path("exception").path("description").asText(details.path("text").asText());
        return description + " at " + details.path("url").asText("?") + ":" + (details.path("lineNumber").asInt() + 1)
                + ":" + (details.path("columnNumber").asInt() + 1);
    }

    /** The end of Chromium's own output, for a failure's message. */
    private String logTail() {
        try {
            String log = Files.readString(home.resolve("chromium.log"), StandardCharsets.UTF_8);
            return "chromium's output ends: " + log.substring(Math.max(0, log.length() - 2000));
        } catch (IOException e) {
            return "no chromium output (" + e + ")";
        }
    }

    /** Kills the browser and every process it started, waits until they are gone, and deletes its profile. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (socket != null) {
            socket.abort();
        }
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(process.toHandle());
        all.forEach(ProcessHandle::destroyForcibly);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (all.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() - deadline < 0) {
            LockSupport.parkNanos(POLL_NANOS);
        }
        pending.values().forEach(f -> f.completeExceptionally(new IllegalStateException("browser closed")));
        deleteQuietly(home);
        if (all.stream().anyMatch(ProcessHandle::isAlive)) {
            throw new AssertionError("chromium's processes outlived " + timeout.toSeconds() + " s: " + all);
        }
    }

    /** Deletes the profile; a file Chromium left locked is not worth failing a test over. */
    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // the temporary folder stays; the OS cleans it
        }
    }

    /** Collects text frames into messages and hands each whole message to {@link #receive}. */
    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                receive(text);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            pending.values().forEach(f -> f.completeExceptionally(error));
        }
    }
}
