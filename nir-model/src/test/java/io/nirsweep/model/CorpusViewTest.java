package io.nirsweep.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nirsweep.model.hdf5.NirReader;
import io.nirsweep.model.json.GraphView;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our view of every corpus file in {@code generated/}, {@code legacy/} and {@code external/} equals the
 * reference reader's view with type checking on, except the files in {@link Corpus#DIVERGENCES}, where the
 * reference is wrong; each of those has its own test below. Where the reference refuses a file because the
 * file is broken, we refuse it too.
 */
class CorpusViewTest {
    static Stream<String> agreedFiles() {
        return Corpus.files("generated", "legacy", "external").stream().filter(f -> !Corpus.DIVERGENCES.containsKey(f));
    }

    static JsonNode view(String file) {
        try {
            return Corpus.parse(GraphView.toJson(GraphView.success(NirReader.read(Corpus.file(file)).root())));
        } catch (NirException e) {
            return Corpus.parse(GraphView.toJson(GraphView.failure(e)));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("agreedFiles")
    void viewEqualsReferenceView(String file) {
        JsonNode expected = Corpus.expected(file).get("read_type_check_true");
        JsonNode actual = view(file);
        if (expected.get("ok").asBoolean()) {
            assertNull(Corpus.difference(expected, actual, ""));
        } else {
            assertFalse(actual.get("ok").asBoolean(), () -> "the reference refuses " + file + " ("
                    + expected.get("message") + "), we read it");
        }
    }

    @Test
    void everyDivergenceIsACorpusFile() {
        assertTrue(Corpus.files("generated", "legacy").containsAll(Corpus.DIVERGENCES.keySet()));
    }

    @Test
    void bareLifRootReadsAsItsLif() {
        JsonNode actual = view("generated/quirks/bare_lif_root.nir");
        // Values from h5dump of the file: one neuron, tau 0.01, r 1, v_leak 0, v_threshold 1, v_reset 0.
        JsonNode expected = Corpus.parse("""
                {"ok": true, "graph": {"type": "LIF", "params": {
                  "tau": {"dtype": "float64", "shape": [1], "values": [0.01]},
                  "r": {"dtype": "float64", "shape": [1], "values": [1.0]},
                  "v_leak": {"dtype": "float64", "shape": [1], "values": [0.0]},
                  "v_threshold": {"dtype": "float64", "shape": [1], "values": [1.0]},
                  "v_reset": {"dtype": "float64", "shape": [1], "values": [0.0]}},
                  "input_type": {"input": [1]}, "output_type": {"output": [1]}}}""");
        assertNull(Corpus.difference(expected, actual, ""));
    }

    @Test
    void groupedConvTakesAllInputChannels() {
        String file = "generated/quirks/conv2d_groups.nir";
        // The reference's own view without type checking, with the Conv's input channels corrected: 2 per
        // group x 2 groups = 4, which is what the Input node provides.
        ObjectNode expected = (ObjectNode) Corpus.expected(file).get("read_type_check_false").deepCopy();
        ObjectNode conv = (ObjectNode) expected.get("graph").get("nodes").get("conv2d");
        conv.set("input_type", Corpus.parse("{\"input\": [4, 6, 6]}"));
        assertNull(Corpus.difference(expected, view(file), ""));
    }

    @Test
    void nonSquareKernelOutputIsCheckedPerDimension() {
        JsonNode actual = view("generated/quirks/conv2d_nonsquare_kernel.nir");
        assertFalse(actual.get("ok").asBoolean());
        assertEquals("TypeError", actual.get("error").asText());
        // 8x8 input, 3x5 kernel, no padding, stride 1: (8-3+1) x (8-5+1) = 6 x 4.
        assertTrue(actual.get("message").asText().contains("'conv' outputs [2, 6, 4] but 'output' takes [2, 6, 6]"),
                actual.get("message").asText());
    }

    @Test
    void v01ConvWithoutInputShapeIsInferred() {
        JsonNode graph = view("legacy/legacy_v0_1_conv_no_version.nir").get("graph");
        JsonNode nodes = graph.get("nodes");
        // input [2,6,6] -> conv (3,2,3,3) padding 1 -> [3,6,6] -> flatten 0..-1 -> [108] -> Linear(4,108) -> LIF[4]
        assertNull(Corpus.difference(Corpus.parse("{\"dtype\": \"int64\", \"shape\": [2], \"values\": [6, 6]}"),
                nodes.get("conv").get("params").get("input_shape"), "conv"));
        assertNull(Corpus.difference(Corpus.parse("{\"input\": [3, 6, 6]}"), nodes.get("flat").get("input_type"), ""));
        assertNull(Corpus.difference(Corpus.parse("{\"output\": [108]}"), nodes.get("flat").get("output_type"), ""));
        assertNull(Corpus.difference(Corpus.parse("{\"output\": [4]}"), graph.get("output_type"), ""));
        assertEquals("[0.0,0.0,0.0,0.0]", nodes.get("lif").get("params").get("v_reset").get("values").toString());
    }
}
