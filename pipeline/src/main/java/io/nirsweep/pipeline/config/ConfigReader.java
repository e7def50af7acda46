package io.nirsweep.pipeline.config;

import io.nirsweep.operators.inputs.Globs;
import io.nirsweep.operators.inputs.InputException;
import io.nirsweep.operators.inputs.InputSpec;
import io.nirsweep.operators.storage.Storage;
import io.nirsweep.pipeline.config.YamlTree.Entry;
import io.nirsweep.pipeline.config.YamlTree.ListNode;
import io.nirsweep.pipeline.config.YamlTree.MapNode;
import io.nirsweep.pipeline.config.YamlTree.Node;
import io.nirsweep.pipeline.config.YamlTree.Scalar;
import io.nirsweep.sim.backend.Backends;
import io.nirsweep.sim.backend.StepLength;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Turns the YAML tree of a config into a {@link SweepConfig}, checking every key and value on the way. This class
 * is the schema: the known keys of each mapping, their types, their bounds and their defaults are all here, and
 * every refusal names the line and the key ({@code inputs[1].bin_us}).
 *
 * <p>Lenient where YAML users expect it: a single value may stand for a one-element list ({@code dt: 1e-4}),
 * integers are accepted where decimals are expected, whole decimals ({@code 1e3}) where integers are, and numeric
 * scalars where text is (a node may be named {@code 0}). Strict everywhere else.
 */
final class ConfigReader {
    private static final Set<String> TOP = Set.of("models", "inputs", "backends", "grid", "steps", "record", "out",
            "samples_per_unit");
    private static final Set<String> GRID = Set.of("dt", "tau_scale", "threshold_scale", "weight_bits",
            "input_seed");
    private static final Set<String> RECORD = Set.of("nodes", "traces");
    private static final Set<String> BACKEND_KEYS = Set.of("name", "tau_scale", "threshold_scale");
    private static final Set<String> COMMON = Set.of("name", "kind", "labels");
    private static final Map<InputSpec.Kind, Set<String>> INPUT_KEYS = Map.of(
            InputSpec.Kind.NPY, Set.of("path", "layout"),
            InputSpec.Kind.CSV, Set.of("path"),
            InputSpec.Kind.NIRDATA, Set.of("path", "node", "observable", "dt", "steps"),
            InputSpec.Kind.NMNIST, Set.of("path", "bin_us", "steps", "width", "height"),
            InputSpec.Kind.POISSON, Set.of("shape", "steps", "samples", "rate"));
    private static final Map<InputSpec.Kind, List<String>> INPUT_REQUIRED = Map.of(
            InputSpec.Kind.NPY, List.of("path"),
            InputSpec.Kind.CSV, List.of("path"),
            InputSpec.Kind.NIRDATA, List.of("path"),
            InputSpec.Kind.NMNIST, List.of("path"),
            InputSpec.Kind.POISSON, List.of("shape", "steps", "samples", "rate"));
    /** Input set names: they appear in results and messages, so plain words. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,99}");
    private static final int MAX_SAMPLES = Integer.MAX_VALUE - 8;
    /** The output folder when the config names none, beside the config file. */
    static final String DEFAULT_OUT = "results";

    private final Path file;
    private final Path base;

    ConfigReader(Path file) {
        this.file = file;
        Path parent = file.toAbsolutePath().normalize().getParent();
        this.base = parent == null ? Path.of("").toAbsolutePath() : parent;
    }

    SweepConfig read(Node root) {
        if (root == null) {
            throw new ConfigException(file, 0, null, "is empty: a sweep config needs models, inputs and backends");
        }
        MapNode top = map(root, null);
        checkKeys(top, null, TOP);
        List<ModelRef> models = models(required(top, "models", null));
        List<InputSpec> inputs = inputs(required(top, "inputs", null));
        Map<String, BackendScales> scales = new LinkedHashMap<>();
        List<String> backends = backends(required(top, "backends", null), scales);
        ParameterGrid grid = optional(top, "grid") == null ? ParameterGrid.DEFAULT : grid(value(top, "grid"));
        Integer steps = optional(top, "steps") == null ? null
                : integer(value(top, "steps"), "steps", 1, SweepConfig.MAX_STEPS);
        RecordSpec record = optional(top, "record") == null ? RecordSpec.DEFAULT : record(value(top, "record"));
        String out = out(top);
        int perUnit = optional(top, "samples_per_unit") == null ? SweepConfig.DEFAULT_SAMPLES_PER_UNIT
                : integer(value(top, "samples_per_unit"), "samples_per_unit", 1, SweepConfig.MAX_SAMPLES_PER_UNIT);
        return new SweepConfig(models, inputs, backends, grid, steps, record, out, perUnit, file, scales);
    }

    // Sections ----------------------------------------------------------------------------------------------

    private List<ModelRef> models(Node node) {
        List<Node> items = items(node, "models");
        List<ModelRef> models = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            String key = "models[" + i + "]";
            Node item = items.get(i);
            String pattern = text(item, key);
            for (String location : expand(item, key, pattern)) {
                String earlier = seen.putIfAbsent(location, key);
                if (earlier != null) {
                    throw fail(item, key, location + " is listed twice (first by " + earlier + ")");
                }
                models.add(new ModelRef(location, modelName(pattern, location)));
            }
        }
        return models;
    }

    /**
     * The path relative to the config folder with {@code /} separators; the absolute path or URI when the config
     * wrote one.
     */
    private String modelName(String pattern, String location) {
        if (!Storage.isRelativePath(pattern)) {
            return location;
        }
        return base.relativize(Path.of(location)).toString().replace(java.io.File.separatorChar, '/');
    }

    private List<InputSpec> inputs(Node node) {
        List<Node> items = nonEmptyList(node, "inputs");
        List<InputSpec> inputs = new ArrayList<>();
        Map<String, String> names = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            String where = "inputs[" + i + "]";
            InputSpec spec = input(items.get(i), where);
            String earlier = names.putIfAbsent(spec.name(), where);
            if (earlier != null) {
                Node nameNode = map(items.get(i), where).entries().get("name").value();
                throw fail(nameNode, where + ".name", "input set name '" + spec.name() + "' is already used by "
                        + earlier);
            }
            inputs.add(spec);
        }
        return inputs;
    }

    private InputSpec input(Node node, String where) {
        MapNode m = map(node, where);
        Node kindNode = required(m, "kind", where);
        String kindText = text(kindNode, where + ".kind");
        InputSpec.Kind kind = InputSpec.Kind.of(kindText);
        if (kind == null) {
            throw fail(kindNode, where + ".kind", "unknown kind '" + kindText + "' (known: " + kindNames() + ")");
        }
        Set<String> known = new TreeSet<>(COMMON);
        known.addAll(INPUT_KEYS.get(kind));
        checkKeys(m, where, known);
        String name = text(required(m, "name", where), where + ".name");
        if (!NAME.matcher(name).matches()) {
            throw fail(value(m, "name"), where + ".name", "'" + name + "' is not a plain name: letters, digits, '_',"
                    + " '.' and '-', starting with a letter or digit, at most 100 characters");
        }
        for (String key : INPUT_REQUIRED.get(kind)) {
            required(m, key, where, "kind " + kind.key() + " needs " + String.join(", ", INPUT_REQUIRED.get(kind)));
        }
        String labels = optional(m, "labels") == null ? null : labelsFile(value(m, "labels"), where + ".labels");
        String k = where + ".";
        try {
            return switch (kind) {
                case NPY -> new InputSpec.Npy(name, inputPath(m, where), npyLayout(m, k + "layout"), labels);
                case CSV -> new InputSpec.Csv(name, inputPath(m, where), labels);
                case NIRDATA -> new InputSpec.NirData(name, inputPath(m, where),
                        optionalText(m, "node", k + "node"), optionalText(m, "observable", k + "observable"),
                        optional(m, "dt") == null ? null : positive(value(m, "dt"), k + "dt"),
                        optionalInteger(m, "steps", k + "steps", 1, SweepConfig.MAX_STEPS), labels);
                case NMNIST -> new InputSpec.Nmnist(name, inputPath(m, where),
                        orDefault(optionalInteger(m, "bin_us", k + "bin_us", 1, Integer.MAX_VALUE),
                                InputSpec.Nmnist.DEFAULT_BIN_US),
                        optionalInteger(m, "steps", k + "steps", 1, SweepConfig.MAX_STEPS),
                        orDefault(optionalInteger(m, "width", k + "width", 1, 256), InputSpec.Nmnist.SIZE),
                        orDefault(optionalInteger(m, "height", k + "height", 1, 240), InputSpec.Nmnist.SIZE),
                        labels);
                case POISSON -> new InputSpec.Poisson(name, shape(value(m, "shape"), k + "shape"),
                        integer(value(m, "steps"), k + "steps", 1, SweepConfig.MAX_STEPS),
                        integer(value(m, "samples"), k + "samples", 1, MAX_SAMPLES),
                        probability(value(m, "rate"), k + "rate"), ParameterGrid.DEFAULT.inputSeed().get(0),
                        labels);
            };
        } catch (IllegalArgumentException e) {
            throw fail(node, where, e.getMessage()); // a combination the spec refuses; single values are checked above
        }
    }

    /** The {@code layout} of an npy set: time-major unless the config says otherwise. */
    private InputSpec.Npy.Layout npyLayout(MapNode m, String key) {
        if (optional(m, "layout") == null) {
            return InputSpec.Npy.Layout.TIME_MAJOR;
        }
        Node node = value(m, "layout");
        String word = text(node, key);
        InputSpec.Npy.Layout layout = InputSpec.Npy.Layout.of(word);
        if (layout == null) {
            throw fail(node, key, "unknown layout '" + word + "' (known: time-major [T, B, *shape],"
                    + " sample-major [N, T, *shape])");
        }
        return layout;
    }

    private static int orDefault(Integer value, int fallback) {
        return value == null ? fallback : value;
    }

    private String inputPath(MapNode m, String where) {
        Node node = value(m, "path");
        String key = where + ".path";
        String pattern = text(node, key);
        expand(node, key, pattern); // the files must exist now; their contents are checked when the set is opened
        return Storage.isRelativePath(pattern) ? base.resolve(pattern).normalize().toString() : pattern;
    }

    private String labelsFile(Node node, String key) {
        String path = text(node, key);
        if (Globs.isPattern(path)) {
            throw fail(node, key, "'" + path + "' is a pattern; labels are one .npy or .csv file");
        }
        return expand(node, key, path).get(0).toString();
    }

    private List<Integer> shape(Node node, String key) {
        List<Node> items = nonEmptyList(node, key);
        List<Integer> shape = new ArrayList<>();
        long size = 1;
        for (int i = 0; i < items.size(); i++) {
            int d = integer(items.get(i), key + "[" + i + "]", 1, Integer.MAX_VALUE);
            shape.add(d);
            size *= d; // both factors are below 2^31: no overflow
            if (size > Integer.MAX_VALUE) {
                throw fail(node, key, "shape " + shape + " has more than " + Integer.MAX_VALUE
                        + " elements per step");
            }
        }
        return shape;
    }

    /** Backend names; a backend given as a mapping also puts its {@link BackendScales} into {@code scales}. */
    private List<String> backends(Node node, Map<String, BackendScales> scales) {
        List<Node> items = items(node, "backends");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String key = "backends[" + i + "]";
            BackendScales scale = null;
            Node nameNode = items.get(i);
            if (items.get(i) instanceof MapNode m) {
                checkKeys(m, key, BACKEND_KEYS);
                nameNode = required(m, "name", key);
                scale = new BackendScales(
                        optional(m, "tau_scale") == null ? 1 : positive(value(m, "tau_scale"), key + ".tau_scale"),
                        optional(m, "threshold_scale") == null ? 1
                                : positive(value(m, "threshold_scale"), key + ".threshold_scale"));
            }
            String name = text(nameNode, key + (nameNode == items.get(i) ? "" : ".name"));
            if (Backends.byName(name) == null) {
                throw fail(items.get(i), key, "unknown backend '" + name + "' (known: " + Backends.names() + ")");
            }
            if (names.contains(name)) {
                throw fail(items.get(i), key, "backend '" + name + "' is listed twice");
            }
            for (int j = 0; j < names.size(); j++) {
                if (Backends.byName(names.get(j)) == Backends.byName(name)) {
                    throw fail(items.get(i), key, "backend '" + name + "' is '" + names.get(j) + "' (backends[" + j
                            + "]) again: the sweep would run the same cells twice");
                }
            }
            names.add(name);
            if (scale != null && !scale.isNone()) {
                scales.put(name, scale);
            }
        }
        return names;
    }

    private ParameterGrid grid(Node node) {
        MapNode m = map(node, "grid");
        checkKeys(m, "grid", GRID);
        ParameterGrid d = ParameterGrid.DEFAULT;
        List<StepLength> dt = optional(m, "dt") == null ? d.dt()
                : distinct(items(value(m, "dt"), "grid.dt"), "grid.dt", this::stepLength);
        List<Double> tau = optional(m, "tau_scale") == null ? d.tauScale()
                : distinct(items(value(m, "tau_scale"), "grid.tau_scale"), "grid.tau_scale", this::positive);
        List<Double> threshold = optional(m, "threshold_scale") == null ? d.thresholdScale()
                : distinct(items(value(m, "threshold_scale"), "grid.threshold_scale"), "grid.threshold_scale",
                        this::positive);
        List<Integer> bits = d.weightBits();
        if (m.entries().containsKey("weight_bits")) {
            Node v = value(m, "weight_bits");
            bits = distinct(v instanceof Scalar s && s.isNull() ? List.of(v) : items(v, "grid.weight_bits"),
                    "grid.weight_bits", (item, key) -> item instanceof Scalar s && s.isNull() ? null
                            : integer(item, key, 2, 32));
        }
        List<Long> seeds = optional(m, "input_seed") == null ? d.inputSeed()
                : distinct(items(value(m, "input_seed"), "grid.input_seed"), "grid.input_seed", this::longInteger);
        return new ParameterGrid(dt, tau, threshold, bits, seeds);
    }

    /** Seconds (&gt; 0) or {@code native}, the backend importer's own dt. */
    private StepLength stepLength(Node item, String key) {
        if (item instanceof Scalar s && !s.isNumber() && !s.isNull()) {
            if (!s.text().equals(StepLength.NATIVE_WORD)) {
                throw fail(item, key, "must be a number > 0 or '" + StepLength.NATIVE_WORD + "', got "
                        + s.describe());
            }
            return StepLength.NATIVE;
        }
        return StepLength.seconds(positive(item, key));
    }

    /** How one grid value is read: the item and its key ({@code grid.dt[1]}) for the refusal. */
    private interface ItemReader<T> {
        T read(Node item, String key);
    }

    /**
     * Each item read as {@code key[i]}, refusing a value listed before (found by hashing: lists are long), so the
     * sweep never runs the same cells twice.
     */
    private <T> List<T> distinct(List<Node> items, String key, ItemReader<T> reader) {
        List<T> values = new ArrayList<>();
        Map<T, Integer> seen = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            String itemKey = key + "[" + i + "]";
            T value = reader.read(items.get(i), itemKey);
            unique(seen, value, items.get(i), itemKey);
            values.add(value);
        }
        return values;
    }

    /** Refuses a value listed before; {@code seen} holds each earlier value with its index (a hash: lists are long). */
    private <T> void unique(Map<T, Integer> seen, T value, Node node, String key) {
        Integer at = seen.putIfAbsent(value, seen.size());
        if (at != null) {
            throw fail(node, key, (value == null ? "null" : node instanceof Scalar s ? s.text() : value)
                    + " is listed twice (also at [" + at + "]): the sweep would run the same cells twice");
        }
    }

    private RecordSpec record(Node node) {
        MapNode m = map(node, "record");
        checkKeys(m, "record", RECORD);
        List<String> nodes = new ArrayList<>();
        Node given = optional(m, "nodes");
        // An empty list, like no list, means the graph's outputs.
        if (given != null && !(given instanceof ListNode list && list.items().isEmpty())) {
            List<Node> items = items(given, "record.nodes");
            for (int i = 0; i < items.size(); i++) {
                String key = "record.nodes[" + i + "]";
                String name = text(items.get(i), key);
                if (nodes.contains(name)) {
                    throw fail(items.get(i), key, "node '" + name + "' is listed twice");
                }
                nodes.add(name);
            }
        }
        boolean traces = optional(m, "traces") != null && bool(value(m, "traces"), "record.traces");
        return new RecordSpec(nodes, traces);
    }

    /**
     * The results location: a plain path or {@code file:} URI resolved from the config's folder (absolute), or a
     * URI of another registered file system as written.
     */
    private String out(MapNode top) {
        Node node = optional(top, "out");
        Node at = node == null ? top : node;
        String text = node == null ? DEFAULT_OUT : text(node, "out");
        if (!Storage.isLocal(text)) {
            try {
                Storage.folder(text);
            } catch (IllegalArgumentException e) {
                throw fail(at, "out", e.getMessage());
            }
            return text;
        }
        Path out;
        try {
            out = base.resolve(Storage.localText(text)).normalize();
        } catch (IllegalArgumentException e) {
            throw fail(at, "out", e.getMessage());
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw fail(at, "out", out + " exists and is not a folder");
        }
        return out.toString();
    }

    // Values --------------------------------------------------------------------------------------------------

    private List<String> expand(Node node, String key, String pattern) {
        try {
            return Globs.expandLocation(base, pattern);
        } catch (InputException e) {
            throw new ConfigException(file, node.line(), key, key + ": " + e.getMessage(), e);
        }
    }

    /** A list, or a single scalar standing for a one-element list; never empty. */
    private List<Node> items(Node node, String key) {
        if (node instanceof Scalar s && !s.isNull()) {
            return List.of(node);
        }
        return nonEmptyList(node, key);
    }

    private List<Node> nonEmptyList(Node node, String key) {
        if (!(node instanceof ListNode list)) {
            throw fail(node, key, "must be a list, got " + node.describe());
        }
        if (list.items().isEmpty()) {
            throw fail(node, key, "must list at least one value");
        }
        return list.items();
    }

    private MapNode map(Node node, String key) {
        if (!(node instanceof MapNode m)) {
            throw fail(node, key, (key == null ? "the config" : key) + " must be a mapping of keys to values, got "
                    + node.describe());
        }
        return m;
    }

    private String text(Node node, String key) {
        if (node instanceof Scalar s && (s.token() == com.fasterxml.jackson.core.JsonToken.VALUE_STRING
                || s.isNumber())) {
            return s.text();
        }
        throw fail(node, key, "must be text, got " + node.describe());
    }

    private String optionalText(MapNode m, String name, String key) {
        return optional(m, name) == null ? null : text(value(m, name), key);
    }

    private boolean bool(Node node, String key) {
        if (node instanceof Scalar s) {
            switch (s.token()) {
                case VALUE_TRUE:
                    return true;
                case VALUE_FALSE:
                    return false;
                default:
                    break;
            }
        }
        throw fail(node, key, "must be true or false, got " + node.describe());
    }

    private BigDecimal decimal(Node node, String key, String what) {
        if (node instanceof Scalar s && s.isNumber()) {
            Number n = s.number();
            if (n == null) {
                throw fail(node, key, "must be " + what + ", got " + s.text() + " (not a finite number)");
            }
            if (n instanceof BigDecimal b) {
                return b;
            }
            if (n instanceof BigInteger b) {
                return new BigDecimal(b);
            }
            if (n instanceof Double || n instanceof Float) {
                double v = n.doubleValue();
                if (!Double.isFinite(v)) {
                    throw fail(node, key, "must be " + what + ", got " + s.text());
                }
                return new BigDecimal(v);
            }
            return BigDecimal.valueOf(n.longValue());
        }
        throw fail(node, key, "must be " + what + ", got " + node.describe());
    }

    private double positive(Node node, String key) {
        BigDecimal d = decimal(node, key, "a number > 0");
        double v = d.doubleValue();
        if (d.signum() <= 0 || v == 0 || Double.isInfinite(v)) {
            throw fail(node, key, "must be > 0, got " + ((Scalar) node).text());
        }
        return v;
    }

    private double probability(Node node, String key) {
        BigDecimal d = decimal(node, key, "a probability from 0 to 1");
        if (d.signum() < 0 || d.compareTo(BigDecimal.ONE) > 0) {
            throw fail(node, key, "must be a probability from 0 to 1, got " + ((Scalar) node).text());
        }
        return d.doubleValue();
    }

    private int integer(Node node, String key, int min, int max) {
        String range = max == Integer.MAX_VALUE ? "an integer >= " + min : "an integer from " + min + " to " + max;
        BigDecimal d = decimal(node, key, range);
        if (d.signum() != 0 && d.stripTrailingZeros().scale() > 0) {
            throw fail(node, key, "must be " + range + ", got " + ((Scalar) node).text());
        }
        if (d.compareTo(BigDecimal.valueOf(min)) < 0 || d.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw fail(node, key, "must be " + range + ", got " + ((Scalar) node).text());
        }
        return d.intValueExact();
    }

    private Integer optionalInteger(MapNode m, String name, String key, int min, int max) {
        return optional(m, name) == null ? null : integer(value(m, name), key, min, max);
    }

    private long longInteger(Node node, String key) {
        String range = "an integer from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE;
        BigDecimal d = decimal(node, key, "an integer");
        if (d.signum() != 0 && d.stripTrailingZeros().scale() > 0
                || d.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) < 0
                || d.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw fail(node, key, "must be " + range + ", got " + ((Scalar) node).text());
        }
        return d.longValueExact();
    }

    // Keys ----------------------------------------------------------------------------------------------------

    private void checkKeys(MapNode m, String where, Set<String> known) {
        for (Entry e : m.entries().values()) {
            if (!known.contains(e.key())) {
                String in = where == null ? "at the top level" : "in " + where;
                throw new ConfigException(file, e.line(), where == null ? e.key() : where + "." + e.key(),
                        "unknown key '" + e.key() + "' " + in + " (known: " + String.join(", ", new TreeSet<>(known))
                                + ")");
            }
        }
    }

    private Node required(MapNode m, String key, String where) {
        return required(m, key, where, null);
    }

    private Node required(MapNode m, String key, String where, String why) {
        Entry e = m.entries().get(key);
        if (e == null || e.value() instanceof Scalar s && s.isNull()) {
            String full = where == null ? key : where + "." + key;
            String problem = (where == null ? "" : where + ": ") + (e == null ? "missing key '" + key + "'"
                    : "'" + key + "' must have a value") + (why == null ? "" : " (" + why + ")");
            throw new ConfigException(file, e == null ? m.line() : e.line(), full, problem);
        }
        return e.value();
    }

    /** The value of an optional key, or null when absent or written as null ({@code ~}, {@code null}, nothing). */
    private static Node optional(MapNode m, String key) {
        Entry e = m.entries().get(key);
        return e == null || e.value() instanceof Scalar s && s.isNull() ? null : e.value();
    }

    private static Node value(MapNode m, String key) {
        return m.entries().get(key).value();
    }

    private ConfigException fail(Node node, String key, String problem) {
        return new ConfigException(file, node.line(), key, (key == null ? "" : key + ": ") + problem);
    }

    private static String kindNames() {
        List<String> names = new ArrayList<>();
        for (InputSpec.Kind k : InputSpec.Kind.values()) {
            names.add(k.key());
        }
        return String.join(", ", names);
    }

    /** The known keys of each mapping, for documentation and tests. */
    static Map<String, Set<String>> schema() {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        out.put("", new TreeSet<>(TOP));
        out.put("grid", new TreeSet<>(GRID));
        out.put("record", new TreeSet<>(RECORD));
        for (InputSpec.Kind kind : InputSpec.Kind.values()) {
            Set<String> keys = new TreeSet<>(COMMON);
            keys.addAll(INPUT_KEYS.get(kind));
            out.put("inputs[kind=" + kind.key() + "]", Collections.unmodifiableSet(keys));
        }
        return out;
    }
}
