package io.nirsweep.model;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The reference corpus copied into test resources, and its expected views. */
public final class Corpus {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    private Corpus() {}

    /** Files on which we deliberately differ from the reference reader, and why. */
    public static final Map<String, String> DIVERGENCES = Map.of(
            "generated/quirks/bare_lif_root.nir",
            "the reference writes a non-graph root but cannot read it back (spec §7 item 3); we read it",
            "generated/quirks/conv2d_groups.nir",
            "the reference infers Conv input channels without groups and fails its own file; we use C_in/groups·groups",
            "generated/quirks/conv2d_nonsquare_kernel.nir",
            "the reference infers a 3x5 kernel's output as 6x6 (kH twice) and stores that Output; correct is 6x4,"
                    + " so the stored Output shape is a type mismatch",
            "legacy/legacy_v0_1_conv_no_version.nir",
            "the reference requires Conv input_shape, which v0.1 files lack; we infer it (spec §1.3)");

    public static Path root() {
        String prop = System.getProperty("nirsweep.corpus");
        Path p = prop != null ? Path.of(prop) : Path.of("src/test/resources/nir-corpus");
        if (!Files.isDirectory(p)) {
            throw new IllegalStateException("corpus folder not found: " + p.toAbsolutePath());
        }
        return p;
    }

    /** Corpus files (relative paths, e.g. {@code generated/lif.nir}) under the given folders. */
    public static List<String> files(String... folders) {
        Path root = root();
        return Stream.of(folders).flatMap(f -> {
            try (Stream<Path> s = Files.walk(root.resolve(f))) {
                return s.filter(p -> p.toString().endsWith(".nir")).map(p -> root.relativize(p).toString())
                        .sorted().toList().stream();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).toList();
    }

    public static Path file(String relative) {
        return root().resolve(relative);
    }

    /** The reference's view of a corpus file ({@code expected/<path with / as __>.json}). */
    public static JsonNode expected(String relative) {
        Path json = root().resolve("expected").resolve(relative.replace(".nir", "").replace("/", "__") + ".json");
        try {
            return JSON.readTree(json.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The first difference between two JSON trees, or null when they agree. Objects compare by keys (not
     * order); {@code sum}/{@code abs_sum} summaries compare within a relative 1e-5 (NumPy sums float32 arrays
     * in float32 and pairwise; we sum in double).
     */
    public static String difference(JsonNode expected, JsonNode actual, String path) {
        if (expected.isObject() && actual.isObject()) {
            for (Iterator<String> it = expected.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!actual.has(k)) {
                    return path + "/" + k + ": missing";
                }
                String d = difference(expected.get(k), actual.get(k), path + "/" + k);
                if (d != null) {
                    return d;
                }
            }
            for (Iterator<String> it = actual.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!expected.has(k)) {
                    return path + "/" + k + ": unexpected " + actual.get(k);
                }
            }
            return null;
        }
        if (expected.isArray() && actual.isArray()) {
            if (expected.size() != actual.size()) {
                return path + ": " + expected.size() + " elements expected, got " + actual.size() + ": " + actual;
            }
            for (int i = 0; i < expected.size(); i++) {
                String d = difference(expected.get(i), actual.get(i), path + "[" + i + "]");
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        if (expected.isNumber() && actual.isNumber()) {
            double e = expected.doubleValue();
            double a = actual.doubleValue();
            boolean summary = path.endsWith("/sum") || path.endsWith("/abs_sum");
            boolean same = summary ? Math.abs(e - a) <= 1e-5 * Math.max(1, Math.abs(e)) : e == a;
            return same ? null : path + ": expected " + expected + ", got " + actual;
        }
        return expected.equals(actual) ? null : path + ": expected " + expected + ", got " + actual;
    }
}
