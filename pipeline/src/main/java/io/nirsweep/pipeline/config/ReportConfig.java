package io.nirsweep.pipeline.config;

import io.nirsweep.pipeline.config.YamlTree.MapNode;
import io.nirsweep.pipeline.config.YamlTree.Node;
import io.nirsweep.pipeline.config.YamlTree.Scalar;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The settings of an equivalence report ({@code report --config R.yaml}; every key optional, the defaults below
 * and in docs/equivalence.md):
 *
 * <pre>
 * van_rossum_tau: 10          # the van Rossum kernel's time constant, in steps
 * tolerances:                 # how far a metric may move from a baseline's before the report exits 3
 *   identical_bin_fraction: 0.001
 *   count_agreement: 0.01
 *   count_correlation: 0.02
 *   van_rossum: 0.1
 *   class_agreement: 0.0
 *   accuracy: 0.0
 * causes:
 *   samples: 4                # the first samples of a cell each walk re-runs
 *   max_walks: 500            # walks at most (one per model and diverging backend pair)
 * </pre>
 *
 * @param tolerances the metric's name → the largest absolute change from a baseline that is not flagged
 */
public record ReportConfig(double vanRossumTau, Map<String, Double> tolerances, int causeSamples, int maxWalks) {
    /** The defaults: deterministic backends give identical metrics on a re-run, so the tolerances are small. */
    public static final ReportConfig DEFAULT = new ReportConfig(10, defaultTolerances(), 4, 500);
    /** Bounds on what a config may ask for. */
    static final int MAX_CAUSE_SAMPLES = 1_000;
    static final int MAX_WALKS = 100_000;

    public ReportConfig {
        tolerances = Map.copyOf(tolerances);
    }

    private static Map<String, Double> defaultTolerances() {
        Map<String, Double> t = new LinkedHashMap<>();
        t.put("identical_bin_fraction", 0.001);
        t.put("count_agreement", 0.01);
        t.put("count_correlation", 0.02);
        t.put("van_rossum", 0.1);
        t.put("class_agreement", 0.0);
        t.put("accuracy", 0.0);
        return t;
    }

    /** The tolerance of a metric (one of {@link #DEFAULT}'s names). */
    public double tolerance(String metric) {
        Double t = tolerances.get(metric);
        if (t == null) {
            throw new IllegalArgumentException("no tolerance for " + metric);
        }
        return t;
    }

    /**
     * Reads a report config: the defaults overridden by what the file says.
     *
     * @throws ConfigException naming the file, line and key, when anything is wrong
     */
    public static ReportConfig load(Path file) {
        String text;
        try {
            if (Files.isDirectory(file)) {
                throw new ConfigException(file, 0, null, "is a folder, not a report config");
            }
            if (Files.size(file) > SweepConfig.MAX_CONFIG_BYTES) {
                throw new ConfigException(file, 0, null, "is " + Files.size(file) + " bytes; a report config may have"
                        + " at most " + SweepConfig.MAX_CONFIG_BYTES);
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file, 0, null, "no such file", e);
        } catch (IOException e) {
            throw new ConfigException(file, 0, null, "cannot read: " + e.getMessage(), e);
        }
        return parse(text, file);
    }

    /** A report config given as text ({@code file} for messages). */
    public static ReportConfig parse(String yaml, Path file) {
        Node root = YamlTree.parse(yaml, file);
        if (root == null || root instanceof Scalar s && s.isNull()) {
            return DEFAULT;
        }
        MapNode top = map(root, null, file);
        known(top, Set.of("van_rossum_tau", "tolerances", "causes"), null, file);
        double tau = DEFAULT.vanRossumTau;
        Map<String, Double> tolerances = new LinkedHashMap<>(DEFAULT.tolerances);
        int samples = DEFAULT.causeSamples;
        int walks = DEFAULT.maxWalks;
        for (YamlTree.Entry e : top.entries().values()) {
            switch (e.key()) {
                case "van_rossum_tau" -> tau = number(e.value(), "van_rossum_tau", file, false, 1e6);
                case "tolerances" -> {
                    MapNode t = map(e.value(), "tolerances", file);
                    known(t, defaultTolerances().keySet(), "tolerances", file);
                    for (YamlTree.Entry m : t.entries().values()) {
                        tolerances.put(m.key(), number(m.value(), "tolerances." + m.key(), file, true, 1e9));
                    }
                }
                default -> {
                    MapNode c = map(e.value(), "causes", file);
                    known(c, Set.of("samples", "max_walks"), "causes", file);
                    for (YamlTree.Entry m : c.entries().values()) {
                        int limit = m.key().equals("samples") ? MAX_CAUSE_SAMPLES : MAX_WALKS;
                        double v = number(m.value(), "causes." + m.key(), file, true, limit);
                        if (v != Math.rint(v)) {
                            throw fail(m.value(), "causes." + m.key(), "must be a whole number, got " + v, file);
                        }
                        if (m.key().equals("samples")) {
                            samples = (int) v;
                        } else {
                            walks = (int) v;
                        }
                    }
                }
            }
        }
        return new ReportConfig(tau, tolerances, samples, walks);
    }

    private static MapNode map(Node node, String key, Path file) {
        if (node instanceof MapNode m) {
            return m;
        }
        throw fail(node, key, "must be a mapping, got " + node.describe(), file);
    }

    private static void known(MapNode m, Set<String> keys, String where, Path file) {
        for (YamlTree.Entry e : m.entries().values()) {
            if (!keys.contains(e.key())) {
                String full = where == null ? e.key() : where + "." + e.key();
                throw new ConfigException(file, e.line(), full, "unknown key '" + full + "' (known: "
                        + String.join(", ", new java.util.TreeSet<>(keys)) + ")");
            }
        }
    }

    /** A finite number in (0, max], or [0, max] when zero is allowed. */
    private static double number(Node node, String key, Path file, boolean zero, double max) {
        if (!(node instanceof Scalar s) || !s.isNumber() || s.number() == null) {
            throw fail(node, key, "must be a number, got " + node.describe(), file);
        }
        double v = s.number().doubleValue();
        if (!Double.isFinite(v) || v < 0 || (!zero && v == 0) || v > max) {
            throw fail(node, key, "must be " + (zero ? ">= 0" : "> 0") + " and at most " + max + ", got "
                    + s.text(), file);
        }
        return v;
    }

    private static ConfigException fail(Node node, String key, String problem, Path file) {
        return new ConfigException(file, node.line(), key, (key == null ? "" : key + ": ") + problem);
    }
}
