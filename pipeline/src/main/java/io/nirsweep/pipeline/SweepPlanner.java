package io.nirsweep.pipeline;

import io.nirsweep.operators.inputs.InputSet;
import io.nirsweep.operators.inputs.InputSets;
import io.nirsweep.operators.inputs.InputSpec;
import io.nirsweep.operators.sweep.Cell;
import io.nirsweep.operators.sweep.WorkUnit;
import io.nirsweep.pipeline.config.ModelRef;
import io.nirsweep.pipeline.config.ParameterPoint;
import io.nirsweep.pipeline.config.SweepConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
 */
public final class SweepPlanner {
    private SweepPlanner() {}

    public static SweepPlan plan(SweepConfig config, String engineVersion) {
        String configText = read(config.configFile());
        String configSha = sha256(configText.getBytes(StandardCharsets.UTF_8));
        Map<Path, String> modelSha = new LinkedHashMap<>();
        for (ModelRef m : config.models()) {
            modelSha.put(m.path(), sha256(m.path()));
        }
        String sweepId = sha256((configSha + "|" + engineVersion + "|" + modelSha.values() + "|" + config.inputs())
                .getBytes(StandardCharsets.UTF_8)).substring(0, 16);
        Map<InputSpec, Integer> samples = new LinkedHashMap<>();
        List<Cell> cells = new ArrayList<>();
        List<WorkUnit> units = new ArrayList<>();
        for (ModelRef model : config.models()) {
            for (InputSpec input : config.inputs()) {
                for (String backend : config.backends()) {
                    for (ParameterPoint point : config.grid().points(input.seeded())) {
                        InputSpec spec = point.input(input);
                        String params = point.canonicalJson();
                        String cellId = sha256((model.name() + "|" + modelSha.get(model.path()) + "|" + spec + "|"
                                + backend + "|" + params
                                + "|" + config.steps() + "|" + config.record()).getBytes(StandardCharsets.UTF_8))
                                .substring(0, 16);
                        Cell cell = new Cell(sweepId, cellId, model.path().toAbsolutePath().toString(), model.name(),
                                modelSha.get(model.path()), spec, spec.name(), backend, point.dt(), point.tauScale(),
                                point.thresholdScale(), point.weightBits(), params, config.steps(),
                                config.record().nodes(), config.record().traces(), engineVersion);
                        cells.add(cell);
                        int n = samples.computeIfAbsent(spec, SweepPlanner::countSamples);
                        for (int from = 0; from < n; from += config.samplesPerUnit()) {
                            units.add(new WorkUnit(cell, from, Math.min(n, from + config.samplesPerUnit())));
                        }
                    }
                }
            }
        }
        return new SweepPlan(sweepId, cells, units, config.configFile(), configText, configSha, engineVersion);
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

    /** Hex SHA-256 of a file's bytes; an unreadable model gets a digest of its path (its cells then fail). */
    static String sha256(Path file) {
        MessageDigest d = digest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                d.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (IOException e) {
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
