package io.nirsweep.pipeline.config;

import io.nirsweep.operators.inputs.Globs;
import io.nirsweep.operators.inputs.InputException;
import io.nirsweep.operators.inputs.InputSpec;
import io.nirsweep.operators.storage.Storage;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A sweep config (YAML), read and checked: models × input sets × backends × parameter points, what to record,
 * where to write, and how many samples a work unit holds. Every path is resolved against the config file's folder
 * and every pattern expanded here, so a config that loads names files that exist; input files' contents are
 * checked when the sets are opened ({@code InputSets.open}). {@link #load} refuses unknown keys, missing keys,
 * values of the wrong type and impossible values with a {@link ConfigException} naming the line and the key.
 * The keys are documented field by field in the README and in {@code ConfigReader}.
 *
 * @param models         the model files, in the order listed, each pattern's matches sorted
 * @param inputs         the input sets, in the order listed (paths absolute; patterns kept as patterns)
 * @param backends       backend names, in the order listed
 * @param grid           the parameter grid
 * @param steps          steps to simulate, or null for each input set's own length
 * @param record         what to record
 * @param out            the results location: an absolute path, or a URI of another file system ({@code gs://} …)
 * @param samplesPerUnit samples simulated together as one work unit (one batch, one set of output files)
 * @param configFile     the config file as the user named it
 * @param backendScales  factors a backend runs with on top of the grid's ({@link BackendScales}), by backend name;
 *                       a backend not in it runs the grid as it is
 */
public record SweepConfig(List<ModelRef> models, List<InputSpec> inputs, List<String> backends, ParameterGrid grid,
        Integer steps, RecordSpec record, String out, int samplesPerUnit, Path configFile,
        Map<String, BackendScales> backendScales) {

    /** Largest config file read: a config is a page of YAML; this keeps a wrong file from being parsed. */
    public static final int MAX_CONFIG_BYTES = 1 << 20;
    /** Most steps a sweep may ask for. */
    public static final int MAX_STEPS = 10_000_000;
    /** Largest work unit. */
    public static final int MAX_SAMPLES_PER_UNIT = 100_000;
    /** Work unit size when the config gives none: a batch large enough for the engine's batched speed. */
    public static final int DEFAULT_SAMPLES_PER_UNIT = 32;

    public SweepConfig {
        models = List.copyOf(models);
        inputs = List.copyOf(inputs);
        backends = List.copyOf(backends);
        backendScales = Map.copyOf(backendScales);
        Objects.requireNonNull(grid, "grid");
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(configFile, "configFile");
    }

    /** The factors a backend runs with on top of the grid's ({@link BackendScales#NONE} for most). */
    public BackendScales scales(String backend) {
        return backendScales.getOrDefault(backend, BackendScales.NONE);
    }

    /**
     * Reads and checks a config file.
     *
     * @param file the config as the user named it (messages repeat it as it is)
     * @throws ConfigException naming the file, line and key, when anything is wrong
     */
    public static SweepConfig load(Path file) {
        byte[] bytes;
        try {
            if (Files.isDirectory(file)) {
                throw new ConfigException(file, 0, null, "is a folder, not a config file");
            }
            long size = Files.size(file);
            if (size > MAX_CONFIG_BYTES) {
                throw new ConfigException(file, 0, null, "is " + size + " bytes; a sweep config may have at most "
                        + MAX_CONFIG_BYTES);
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file, 0, null, "no such file", e);
        } catch (AccessDeniedException e) {
            throw new ConfigException(file, 0, null, "permission denied", e);
        } catch (IOException e) {
            throw new ConfigException(file, 0, null, "cannot read: " + e.getMessage(), e);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ConfigException(file, 0, null, "is not UTF-8 text", e);
        }
        return parse(text, file);
    }

    /**
     * Checks a config given as text.
     *
     * @param yaml the config's text
     * @param file where the config lives: relative paths are resolved against its folder, messages name it
     * @throws ConfigException naming the file, line and key, when anything is wrong
     */
    public static SweepConfig parse(String yaml, Path file) {
        return new ConfigReader(file).read(YamlTree.parse(yaml, file));
    }

    /** The same sweep writing to another folder (a local path). */
    public SweepConfig withOut(Path folder) {
        return new SweepConfig(models, inputs, backends, grid, steps, record,
                folder.toAbsolutePath().normalize().toString(), samplesPerUnit, configFile, backendScales);
    }

    /** The output folder when it is local ({@link #out} a plain path). */
    public Path localOut() {
        if (!Storage.isLocal(out)) {
            throw new IllegalStateException(out + " is no local folder");
        }
        return Path.of(Storage.localText(out));
    }

    /**
     * The local files the sweep reads: the config, the models, and the input and label files their patterns name
     * now (a pattern that names no file any more adds nothing: its set fails when it is opened). Files of other
     * file systems ({@code gs://} …) are left out: no local output folder can hold them.
     */
    public List<Path> files() {
        Set<Path> files = new LinkedHashSet<>();
        if (configFile != null) {
            files.add(configFile);
        }
        models.stream().filter(m -> Storage.isLocal(m.location())).forEach(m -> files.add(Path.of(m.location())));
        for (InputSpec spec : inputs) {
            for (String pattern : new String[] {inputPattern(spec), spec.labels()}) {
                if (pattern != null && Storage.isLocal(pattern)) {
                    try {
                        Globs.expandLocation(Path.of("").toAbsolutePath(), pattern).forEach(f -> files.add(Path.of(f)));
                    } catch (InputException e) {
                        // no file to protect
                    }
                }
            }
        }
        return List.copyOf(files);
    }

    private static String inputPattern(InputSpec spec) {
        if (spec instanceof InputSpec.Npy npy) {
            return npy.path();
        } else if (spec instanceof InputSpec.Csv csv) {
            return csv.path();
        } else if (spec instanceof InputSpec.NirData data) {
            return data.path();
        } else if (spec instanceof InputSpec.Nmnist nmnist) {
            return nmnist.path();
        }
        return null; // generated: no file
    }

    /** The parameter points an input set runs: seeds only for generated sets ({@link ParameterGrid#points(boolean)}). */
    public List<ParameterPoint> points(InputSpec input) {
        return grid.points(input.seeded());
    }
}
