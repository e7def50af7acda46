package io.nirsweep.pipeline.config;

import io.nirsweep.sim.backend.StepLength;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each kind of mistake is refused with the line and the key, before anything runs. */
class ConfigErrorsTest {
    @TempDir
    Path dir;
    Path config;

    @BeforeEach
    void files() throws IOException {
        for (String name : List.of("models/a.nir", "models/b.nir", "data/x.npy", "data/labels.csv")) {
            Files.createDirectories(dir.resolve(name).getParent());
            Files.writeString(dir.resolve(name), "");
        }
        config = dir.resolve("sweep.yaml");
    }

    private static final String VALID = """
            models: [models/a.nir]
            inputs:
              - name: x
                kind: npy
                path: data/x.npy
            backends: [exact]
            """;

    /** Parses the text (written to the config file, as users give it) and returns the refusal. */
    private ConfigException refused(String yaml) throws IOException {
        Files.writeString(config, yaml);
        return assertThrows(ConfigException.class, () -> SweepConfig.load(config));
    }

    private void assertRefused(String yaml, int line, String key, String message) throws IOException {
        ConfigException e = refused(yaml);
        assertEquals(config + " line " + line + ": " + message, e.getMessage());
        assertEquals(line, e.line());
        assertEquals(key, e.key());
    }

    @Test
    void theValidBaseLoads() throws IOException {
        Files.writeString(config, VALID);
        SweepConfig c = SweepConfig.load(config);
        assertEquals(ParameterGrid.DEFAULT, c.grid());
        assertEquals(RecordSpec.DEFAULT, c.record());
        assertEquals(dir.resolve("results"), c.localOut());
        assertEquals(SweepConfig.DEFAULT_SAMPLES_PER_UNIT, c.samplesPerUnit());
        assertEquals(null, c.steps());
    }

    /** What YAML users write naturally is accepted: single values for lists, nulls for defaults, numeric names. */
    @Test
    void lenientForms() throws IOException {
        Files.writeString(config, VALID + """
                grid:
                  dt: 1e-4
                  weight_bits: null
                  input_seed: 1e1
                  tau_scale:
                record:
                  nodes: 0
                out:
                """);
        SweepConfig c = SweepConfig.load(config);
        assertEquals(new ParameterGrid(List.of(StepLength.seconds(1e-4)), List.of(1.0), List.of(1.0), java.util.Collections
                .singletonList(null), List.of(10L)), c.grid());
        assertEquals(new RecordSpec(List.of("0"), false), c.record());
        assertEquals(dir.resolve("results"), c.localOut());
        Files.writeString(config, VALID + "grid:\n  dt: native\n");
        assertEquals(List.of(StepLength.NATIVE), SweepConfig.load(config).grid().dt());

        Files.writeString(config, VALID + "record:\n  nodes: []\n");
        assertEquals(RecordSpec.DEFAULT, SweepConfig.load(config).record());
    }

    @Test
    void unknownKeys() throws IOException {
        assertRefused(VALID + "sample_per_unit: 4\n", 7, "sample_per_unit", "unknown key 'sample_per_unit' at the"
                + " top level (known: backends, grid, inputs, models, out, record, samples_per_unit, steps)");
        assertRefused("""
                models: [models/a.nir]
                inputs:
                  - name: x
                    kind: npy
                    path: data/x.npy
                  - name: y
                    kind: nmnist
                    path: data/x.npy
                    foo: 3
                backends: [exact]
                """, 9, "inputs[1].foo", "unknown key 'foo' in inputs[1] (known: bin_us, height, kind, labels, name,"
                + " path, steps, width)");
        assertRefused(VALID + "grid:\n  dt: 1e-4\n  tau: [1]\n", 9, "grid.tau", "unknown key 'tau' in grid (known:"
                + " dt, input_seed, tau_scale, threshold_scale, weight_bits)");
        assertRefused(VALID + "record:\n  trace: true\n", 8, "record.trace",
                "unknown key 'trace' in record (known: nodes, traces)");
    }

    @Test
    void missingKeys() throws IOException {
        assertRefused("inputs: []\nbackends: [exact]\n", 1, "models", "missing key 'models'");
        assertRefused("""
                models: models/a.nir
                inputs:
                  - name: p
                    kind: poisson
                    shape: [3]
                    steps: 10
                    rate: 0.1
                backends: exact
                """, 3, "inputs[0].samples", "inputs[0]: missing key 'samples' (kind poisson needs shape, steps,"
                + " samples, rate)");
        assertRefused("""
                models: models/a.nir
                inputs:
                  - name: p
                    path: data/x.npy
                backends: exact
                """, 3, "inputs[0].kind", "inputs[0]: missing key 'kind'");
        assertRefused(VALID.replace("path: data/x.npy", "path:"), 5, "inputs[0].path",
                "inputs[0]: 'path' must have a value (kind npy needs path)");
    }

    @Test
    void wrongTypes() throws IOException {
        assertRefused(VALID + "grid:\n  dt: [1e-4, fast]\n", 8, "grid.dt[1]",
                "grid.dt[1]: must be a number > 0 or 'native', got 'fast'");
        assertRefused(VALID + "grid:\n  dt: [native, 1e-4, native]\n", 8, "grid.dt[2]",
                "grid.dt[2]: native is listed twice (also at [0]): the sweep would run the same cells twice");
        assertRefused(VALID + "steps: 2.5\n", 7, "steps", "steps: must be an integer from 1 to 10000000, got 2.5");
        assertRefused(VALID + "record:\n  traces: 1\n", 8, "record.traces", "record.traces: must be true or false,"
                + " got 1");
        assertRefused("models: [models/a.nir]\ninputs:\n  name: x\nbackends: [exact]\n", 3, "inputs",
                "inputs: must be a list, got a mapping");
        assertRefused(VALID + "grid: [1]\n", 7, "grid", "grid: grid must be a mapping of keys to values, got a list");
        assertRefused("- models\n", 1, null, "the config must be a mapping of keys to values, got a list");
        assertRefused(VALID + "out: [a]\n", 7, "out", "out: must be text, got a list");
    }

    @Test
    void impossibleValues() throws IOException {
        assertRefused(VALID + "grid:\n  dt: [0.001, -0.001]\n", 8, "grid.dt[1]", "grid.dt[1]: must be > 0, got"
                + " -0.001");
        assertRefused(VALID + "grid:\n  dt: .inf\n", 8, "grid.dt[0]", "grid.dt[0]: must be a number > 0, got .inf"
                + " (not a finite number)");
        assertRefused(VALID + "grid:\n  tau_scale: 0\n", 8, "grid.tau_scale[0]", "grid.tau_scale[0]: must be > 0,"
                + " got 0");
        assertRefused(VALID + "grid:\n  weight_bits: [8, 1]\n", 8, "grid.weight_bits[1]",
                "grid.weight_bits[1]: must be an integer from 2 to 32, got 1");
        assertRefused(VALID + "grid:\n  input_seed: 99999999999999999999\n", 8, "grid.input_seed[0]",
                "grid.input_seed[0]: must be an integer from -9223372036854775808 to 9223372036854775807, got"
                        + " 99999999999999999999");
        assertRefused(VALID + "grid:\n  dt: [1e-4, 0.0001]\n", 8, "grid.dt[1]", "grid.dt[1]: 0.0001 is listed twice"
                + " (also at [0]): the sweep would run the same cells twice");
        assertRefused(VALID.replace("[exact]", "[]"), 6, "backends", "backends: must list at least one value");
        assertRefused(VALID.replace("[exact]", "[snntorch, snntorch@0.9.4, snntorch@40ad136]"), 6, "backends[2]",
                "backends[2]: backend 'snntorch@40ad136' is 'snntorch' (backends[0]) again: the sweep would run the"
                        + " same cells twice");
        assertRefused(VALID.replace("[exact]", "[exact, loihi3]"), 6, "backends[1]",
                "backends[1]: unknown backend 'loihi3' (known: " + io.nirsweep.sim.backend.Backends.names() + ")");
        assertRefused(VALID.replace("[exact]", "[exact, {name: euler, threshold_scale: 0}]"), 6,
                "backends[1].threshold_scale", "backends[1].threshold_scale: must be > 0, got 0");
        assertRefused(VALID.replace("[exact]", "[exact, {name: euler, dt: 0.1}]"), 6, "backends[1].dt",
                "unknown key 'dt' in backends[1] (known: name, tau_scale, threshold_scale)");
        assertRefused(VALID.replace("[exact]", "[exact, {tau_scale: 2}]"), 6, "backends[1].name",
                "backends[1]: missing key 'name'");
        assertRefused(VALID + "samples_per_unit: 0\n", 7, "samples_per_unit",
                "samples_per_unit: must be an integer from 1 to 100000, got 0");
        assertRefused(VALID.replace("kind: npy", "kind: numpy"), 4, "inputs[0].kind",
                "inputs[0].kind: unknown kind 'numpy' (known: npy, csv, nirdata, nmnist, poisson)");
        assertRefused(VALID.replace("name: x", "name: my set"), 3, "inputs[0].name", "inputs[0].name: 'my set' is"
                + " not a plain name: letters, digits, '_', '.' and '-', starting with a letter or digit, at most 100"
                + " characters");
    }

    @Test
    void duplicateNamesAndPoissonBounds() throws IOException {
        assertRefused("""
                models: [models/a.nir]
                inputs:
                  - {name: x, kind: npy, path: data/x.npy}
                  - {name: x, kind: csv, path: data/x.npy}
                backends: [exact]
                """, 4, "inputs[1].name", "inputs[1].name: input set name 'x' is already used by inputs[0]");
        assertRefused("""
                models: [models/a.nir]
                inputs:
                  - name: p
                    kind: poisson
                    shape: [3, 0]
                    steps: 10
                    samples: 2
                    rate: 1.5
                backends: [exact]
                """, 5, "inputs[0].shape[1]", "inputs[0].shape[1]: must be an integer >= 1, got 0");
        assertRefused("""
                models: [models/a.nir]
                inputs:
                  - name: p
                    kind: poisson
                    shape: [3]
                    steps: 10
                    samples: 2
                    rate: 1.5
                backends: [exact]
                """, 8, "inputs[0].rate", "inputs[0].rate: must be a probability from 0 to 1, got 1.5");
    }

    @Test
    void pathsThatNameNoFile() throws IOException {
        assertRefused(VALID.replace("[models/a.nir]", "[models/*.nir, models/c*.nir]"), 1, "models[1]",
                "models[1]: pattern 'models/c*.nir' matches no file under " + dir.resolve("models"));
        assertRefused(VALID.replace("[models/a.nir]", "[models/*.nir, models/b.nir]"), 1, "models[1]",
                "models[1]: " + dir.resolve("models/b.nir") + " is listed twice (first by models[0])");
        assertRefused(VALID.replace("data/x.npy", "data/y.npy"), 5, "inputs[0].path",
                "inputs[0].path: " + dir.resolve("data/y.npy") + ": no such file");
        assertRefused(VALID + "out: data/x.npy\n", 7, "out", "out: " + dir.resolve("data/x.npy")
                + " exists and is not a folder");
        assertRefused(VALID.replace("    path: data/x.npy\n", "    path: data/x.npy\n    labels: data/*.csv\n"), 6,
                "inputs[0].labels", "inputs[0].labels: 'data/*.csv' is a pattern; labels are one .npy or .csv file");
    }

    @Test
    void yamlItselfIsChecked() throws IOException {
        assertRefused(VALID + "grid:\n  dt: [1e-4\n", 9, null,
                "malformed YAML: expected ',' or ']', but got <stream end> (while parsing a flow sequence)");
        assertRefused(VALID + "backends: [euler]\n", 7, "backends",
                "key 'backends' appears twice in this mapping (first on line 6)");
        assertRefused(VALID + "grid:\n  dt: &d [1e-4]\n  tau_scale: *d\n", 9, null,
                "aliases ('*d') are not supported: write the value out");
        assertRefused(VALID + "---\nsteps: 3\n", 8, null,
                "holds several YAML documents ('---'); a sweep config is one");
        Files.writeString(config, "# nothing\n");
        ConfigException empty = assertThrows(ConfigException.class, () -> SweepConfig.load(config));
        assertEquals(config + ": is empty: a sweep config needs models, inputs and backends", empty.getMessage());
        Path missing = dir.resolve("nope.yaml");
        assertEquals(missing + ": no such file",
                assertThrows(ConfigException.class, () -> SweepConfig.load(missing)).getMessage());
        Files.write(config, new byte[] {(byte) 0xff, 'a', ':'});
        assertEquals(config + ": is not UTF-8 text",
                assertThrows(ConfigException.class, () -> SweepConfig.load(config)).getMessage());
    }
}
