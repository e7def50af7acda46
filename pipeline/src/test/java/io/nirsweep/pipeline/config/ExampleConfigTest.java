package io.nirsweep.pipeline.config;

import io.nirsweep.sim.backend.StepLength;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nirsweep.operators.inputs.InputSet;
import io.nirsweep.operators.inputs.InputSets;
import io.nirsweep.operators.inputs.InputSpec;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The documented example config: every key, parsed to the records it stands for, its files readable. */
class ExampleConfigTest {
    static final Path EXAMPLE = resource("example.yaml");
    static final Path DIR = EXAMPLE.getParent();

    static Path resource(String name) {
        try {
            return Path.of(ExampleConfigTest.class.getResource("/config/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theExampleParsesToTheExpectedRecords() {
        SweepConfig c = SweepConfig.load(EXAMPLE);
        assertEquals(List.of(new ModelRef(DIR.resolve("models/li.nir"), "models/li.nir"),
                new ModelRef(DIR.resolve("models/lif.nir"), "models/lif.nir")), c.models());
        assertEquals(List.of(
                new InputSpec.Npy("train", DIR + "/data/train.npy", DIR + "/data/train_labels.npy"),
                new InputSpec.Csv("rows", DIR + "/data/csv/sample_*.csv", null),
                new InputSpec.NirData("recording", DIR + "/data/recording.nirdata.h5", "lif", "events", 0.001, 3,
                        null),
                new InputSpec.Nmnist("digits", DIR + "/data/nmnist/Test/*/*.bin", 1000, 5, 34, 34, null),
                new InputSpec.Poisson("noise", List.of(3), 20, 8, 0.05, 0, DIR + "/data/poisson_labels.csv")),
                c.inputs());
        assertEquals(List.of("exact", "euler"), c.backends());
        assertEquals(new ParameterGrid(List.of(StepLength.seconds(1e-4), StepLength.seconds(0.001)), List.of(1.0, 0.5), List.of(1.0),
                Collections.singletonList(null), List.of(0L, 1L)), c.grid());
        assertEquals(20, c.steps());
        assertEquals(new RecordSpec(List.of("output"), true), c.record());
        assertEquals(DIR.resolve("results/example"), c.localOut());
        assertEquals(4, c.samplesPerUnit());
        assertEquals(EXAMPLE, c.configFile());
    }

    @Test
    void theExampleUsesEveryKeyOfTheSchema() throws IOException {
        YamlTree.MapNode root = (YamlTree.MapNode) YamlTree.parse(Files.readString(EXAMPLE), EXAMPLE);
        Map<String, Set<String>> schema = ConfigReader.schema();
        assertEquals(schema.get(""), new TreeSet<>(root.entries().keySet()));
        assertEquals(schema.get("grid"), keys(root.entries().get("grid").value()));
        assertEquals(schema.get("record"), keys(root.entries().get("record").value()));
        List<YamlTree.Node> inputs = ((YamlTree.ListNode) root.entries().get("inputs").value()).items();
        Set<String> kinds = new TreeSet<>();
        for (YamlTree.Node input : inputs) {
            String kind = ((YamlTree.Scalar) ((YamlTree.MapNode) input).entries().get("kind").value()).text();
            kinds.add(kind);
            Set<String> used = keys(input);
            Set<String> known = schema.get("inputs[kind=" + kind + "]");
            // every key the kind knows is used, except labels, which one set of each file-less kind shows
            Set<String> missing = new TreeSet<>(known);
            missing.removeAll(used);
            assertTrue(missing.isEmpty() || missing.equals(Set.of("labels")), kind + " lacks " + missing);
        }
        assertEquals(new TreeSet<>(Arrays.stream(InputSpec.Kind.values()).map(InputSpec.Kind::key).toList()), kinds);
    }

    private static Set<String> keys(YamlTree.Node node) {
        return new TreeSet<>(((YamlTree.MapNode) node).entries().keySet());
    }

    /** The example's files are real: every set opens and reads. */
    @Test
    void theExampleInputSetsOpen() {
        SweepConfig c = SweepConfig.load(EXAMPLE);
        List<String> summary = new ArrayList<>();
        for (InputSpec spec : c.inputs()) {
            for (ParameterPoint point : c.points(spec)) {
                InputSet set = InputSets.open(point.input(spec));
                float[] last = set.sample(set.samples() - 1);
                assertEquals(set.steps() * set.sampleSize(), last.length);
                summary.add(set.name() + " " + set.samples() + "x" + set.steps() + "x" + Arrays.toString(
                        set.sampleShape()) + " labels " + set.hasLabels());
            }
        }
        assertEquals(List.of(
                "train 4x10x[3] labels true", "train 4x10x[3] labels true",
                "train 4x10x[3] labels true", "train 4x10x[3] labels true",
                "rows 2x10x[3] labels false", "rows 2x10x[3] labels false",
                "rows 2x10x[3] labels false", "rows 2x10x[3] labels false",
                "recording 1x3x[2] labels false", "recording 1x3x[2] labels false",
                "recording 1x3x[2] labels false", "recording 1x3x[2] labels false",
                "digits 2x5x[2, 34, 34] labels true", "digits 2x5x[2, 34, 34] labels true",
                "digits 2x5x[2, 34, 34] labels true", "digits 2x5x[2, 34, 34] labels true"),
                summary.subList(0, 16));
        assertEquals(8, c.points(c.inputs().get(4)).size()); // 2 dt x 2 seeds x 2 tau_scale
        assertEquals(4, c.points(c.inputs().get(0)).size()); // files: no seed axis
    }
}
