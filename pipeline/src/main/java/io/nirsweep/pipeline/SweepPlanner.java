package io.nirsweep.pipeline;

import io.nirsweep.model.MessageText;
import io.nirsweep.model.NirGraph;
import io.nirsweep.model.hdf5.NirReader;
import io.nirsweep.operators.inputs.InputSet;
import io.nirsweep.operators.inputs.InputSets;
import io.nirsweep.operators.inputs.InputSpec;
import io.nirsweep.operators.storage.Storage;
import io.nirsweep.operators.sweep.Cell;
import io.nirsweep.operators.sweep.WorkUnit;
import io.nirsweep.pipeline.config.BackendScales;
import io.nirsweep.pipeline.config.ConfigException;
import io.nirsweep.pipeline.config.ModelRef;
import io.nirsweep.pipeline.config.ParameterPoint;
import io.nirsweep.pipeline.config.SweepConfig;
import io.nirsweep.sim.backend.Backends;
import io.nirsweep.sim.engine.GraphCompiler;
import io.nirsweep.sim.engine.Program;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Works out a sweep on the driver: cells in the order models × input sets × backends × parameter points, each
 * split into units of {@code samples_per_unit} samples. Input sets are opened here only to count their samples;
 * a set that does not open still gets one unit, which then fails on the worker with the reason (the sweep goes on).
 *
 * <p>Bounded: the numbers of cells and of work units are computed from the config before anything is expanded,
 * and a sweep over {@link #MAX_CELLS} cells or {@link #MAX_UNITS} units is refused. Every unit travels inside the
 * pipeline's definition (Beam's {@code Create.of}), so the driver's memory, not the workers', sets the bound.
 * Recorded nodes are checked against every model that reads, so a misspelt node is refused up front rather than
 * failing every sample.
 */
public final class SweepPlanner {
    /**
     * Most work units a sweep may have. Measured on the embedded runner (README, "Sweep configs"): 200,000 units
     * fail in a 1 GiB heap, 50,000 start in it, 20,000 complete in 256 MiB.
     */
    public static final int MAX_UNITS = 20_000;
    /** Most cells a sweep may have: every cell is at least one unit. */
    public static final int MAX_CELLS = MAX_UNITS;

    private SweepPlanner() {}

    /**
     * @throws ConfigException when the sweep is over the limits or records a node a model lacks (nothing has run)
     */
    public static SweepPlan plan(SweepConfig config, String engineVersion) {
        checkCells(config);
        String configText = read(config.configFile());
        String configSha = sha256(configText.getBytes(StandardCharsets.UTF_8));
        Map<String, String> modelSha = new LinkedHashMap<>();
        for (ModelRef m : config.models()) {
            modelSha.put(m.location(), fileSha256(m.location()));
        }
        checkRecordedNodes(config);
        String sweepId = sha256((configSha + "|" + engineVersion + "|" + modelSha.values() + "|" + config.inputs())
                .getBytes(StandardCharsets.UTF_8)).substring(0, 16);
        // A set's sample count does not depend on the seed a point gives it: count each set once.
        Map<InputSpec, Integer> samples = new LinkedHashMap<>();
        for (InputSpec input : config.inputs()) {
            samples.put(input, countSamples(input));
        }
        checkUnits(config, samples);
        List<Cell> cells = new ArrayList<>();
        List<WorkUnit> units = new ArrayList<>();
        for (ModelRef model : config.models()) {
            for (InputSpec input : config.inputs()) {
                List<ParameterPoint> points = config.points(input);
                int n = samples.get(input);
                for (String backend : config.backends()) {
                    BackendScales scales = config.scales(backend);
                    for (ParameterPoint point : points) {
                        InputSpec spec = point.input(input);
                        String params = point.canonicalJson();
                        String cellId = sha256((model.name() + "|" + modelSha.get(model.location()) + "|" + spec + "|"
                                + backend + (scales.isNone() ? "" : "×" + scales) + "|" + params
                                + "|" + config.steps() + "|" + config.record()).getBytes(StandardCharsets.UTF_8))
                                .substring(0, 16);
                        Cell cell = new Cell(sweepId, cellId, model.location(), model.name(),
                                modelSha.get(model.location()), spec, spec.name(), backend, point.dt(),
                                point.tauScale() * scales.tauScale(), point.thresholdScale() * scales.thresholdScale(),
                                point.weightBits(), params, config.steps(),
                                config.record().nodes(), config.record().traces(), engineVersion);
                        cells.add(cell);
                        for (int from = 0; from < n; from += config.samplesPerUnit()) {
                            units.add(new WorkUnit(cell, from, Math.min(n, from + config.samplesPerUnit())));
                        }
                    }
                }
            }
        }
        return new SweepPlan(sweepId, cells, units, config.configFile(), configText, configSha, engineVersion,
                config.files());
    }

    /** Refuses a sweep of more than {@link #MAX_CELLS} cells, naming the product, before any point exists. */
    private static void checkCells(SweepConfig config) {
        BigInteger models = BigInteger.valueOf(config.models().size());
        BigInteger backends = BigInteger.valueOf(config.backends().size());
        List<BigInteger> points = config.inputs().stream().map(i -> config.grid().size(i.seeded())).toList();
        BigInteger cells = models.multiply(backends).multiply(points.stream().reduce(BigInteger.ZERO, BigInteger::add));
        if (cells.compareTo(BigInteger.valueOf(MAX_CELLS)) > 0) {
            String product = points.stream().distinct().count() == 1
                    ? plural(config.inputs().size(), "input") + " × " + plural(backends, "backend") + " × "
                            + plural(points.get(0), "grid point")
                    : plural(backends, "backend") + " × (" + String.join(" + ", points.stream()
                            .map(SweepPlanner::number).toList()) + ") grid points of the "
                            + plural(config.inputs().size(), "input");
            throw new ConfigException(config.configFile(), 0, "grid", "the sweep has " + plural(models, "model")
                    + " × " + product + " = " + number(cells) + " cells, over the limit of "
                    + number(BigInteger.valueOf(MAX_CELLS))
                    + "; split it into several sweeps");
        }
    }

    /** Refuses a sweep of more than {@link #MAX_UNITS} work units, before any unit exists. */
    private static void checkUnits(SweepConfig config, Map<InputSpec, Integer> samples) {
        BigInteger perModelAndBackend = BigInteger.ZERO;
        for (InputSpec input : config.inputs()) {
            long unitsPerCell = (samples.get(input) + (long) config.samplesPerUnit() - 1) / config.samplesPerUnit();
            perModelAndBackend = perModelAndBackend.add(config.grid().size(input.seeded())
                    .multiply(BigInteger.valueOf(unitsPerCell)));
        }
        BigInteger units = perModelAndBackend.multiply(BigInteger.valueOf(config.models().size()))
                .multiply(BigInteger.valueOf(config.backends().size()));
        if (units.compareTo(BigInteger.valueOf(MAX_UNITS)) > 0) {
            throw new ConfigException(config.configFile(), 0, "samples_per_unit", "the sweep has " + number(units)
                    + " work units of up to " + config.samplesPerUnit() + " samples, over the limit of "
                    + number(BigInteger.valueOf(MAX_UNITS)) + "; raise samples_per_unit or split the sweep");
        }
    }

    /** Refuses a recorded node that a model lacks; models that do not read are left to fail as cells. */
    private static void checkRecordedNodes(SweepConfig config) {
        List<String> wanted = config.record().nodes();
        if (wanted.isEmpty()) {
            return;
        }
        for (ModelRef model : config.models()) {
            Program program = compiled(model, config);
            if (program == null) {
                continue;
            }
            for (int i = 0; i < wanted.size(); i++) {
                if (!program.hasNode(wanted.get(i))) {
                    throw new ConfigException(config.configFile(), 0, "record.nodes[" + i + "]", "record.nodes[" + i
                            + "]: " + model.name() + " has no node " + MessageText.quote(wanted.get(i)) + " (nodes: "
                            + program.nodeListing() + ")");
                }
            }
        }
    }

    /**
     * The model as the engine compiles it for the first backend that takes it (its node names are what a sweep
     * can record); null when the model does not read or no backend takes it (its cells fail with the reason).
     */
    static Program compiled(ModelRef model, SweepConfig config) {
        NirGraph graph;
        try {
            graph = NirReader.read(Storage.readable(Storage.file(model.location()))).graph();
        } catch (RuntimeException e) {
            return null;
        }
        for (String backend : config.backends()) {
            try {
                return GraphCompiler.compile(graph, Backends.byName(backend), config.grid().dt().get(0), null);
            } catch (RuntimeException e) {
                // this backend refuses the model: try the next
            }
        }
        return null;
    }

    private static String plural(long n, String what) {
        return plural(BigInteger.valueOf(n), what);
    }

    private static String plural(BigInteger n, String what) {
        return number(n) + " " + what + (n.equals(BigInteger.ONE) ? "" : "s");
    }

    /** With thousands separators: the numbers in refusals can be long. */
    private static String number(BigInteger n) {
        return String.format(java.util.Locale.ROOT, "%,d", n);
    }

    /** The set's sample count; 1 when it does not open (its one unit then fails with the reason). */
    private static int countSamples(InputSpec spec) {
        try {
            InputSet set = InputSets.open(spec);
            return set.samples();
        } catch (RuntimeException e) {
            return 1;
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    /** Hex SHA-256 of a file's bytes; an unreadable model gets a digest of its location (its cells then fail). */
    static String fileSha256(String file) {
        MessageDigest d = digest();
        try (InputStream in = Storage.newInputStream(Storage.file(file))) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                d.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (IOException | IllegalArgumentException e) {
            return sha256(("unreadable:" + file).getBytes(StandardCharsets.UTF_8));
        }
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
