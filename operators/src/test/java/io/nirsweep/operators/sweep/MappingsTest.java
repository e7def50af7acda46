package io.nirsweep.operators.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nirsweep.hardware.target.Limit;
import io.nirsweep.hardware.target.MappingReport;
import io.nirsweep.hardware.target.Placement;
import io.nirsweep.hardware.target.QuantisationError;
import io.nirsweep.hardware.target.Usage;
import io.nirsweep.hardware.target.Violation;
import io.nirsweep.operators.parquet.MappingRow;
import io.nirsweep.sim.backend.Import;
import io.nirsweep.sim.backend.StepLength;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A mapping report as the JSON of {@code map --json} and as the mapping table's row, on hand-made reports. */
class MappingsTest {
    private static final Limit NEURONS = Limit.of("neurons per core", 4, "neurons", "doc A");
    private static final Limit FAN_IN = Limit.notPublic("fan-in", "synapses", "looked in doc B");

    /** Fits: 3 of 4 neurons on core 0, a fan-in of 1 against an unpublished bound. */
    private static MappingReport fitting() {
        return new MappingReport("chip", 1e-3, List.of(new Usage(NEURONS, "core 0", 3), new Usage(FAN_IN, "lif", 1)),
                List.of(new Placement("lif", "core 0", "3 neurons"), new Placement("li", "core 1", "")),
                List.of(new QuantisationError("fc1", "weight", 2, 0.25, 0.1),
                        new QuantisationError("fc2", "weight", 6, 0.05, 0.02),
                        new QuantisationError("lif", "decay (membrane)", 3, 0.01, 0.005),
                        new QuantisationError("li", "decay (synapse)", 3, 0.03, 0.01)),
                List.of(), List.of(new Import.Note("fc1", "weights as int8")));
    }

    /** Does not fit: 8 neurons on a core of 4. */
    private static MappingReport broken() {
        Usage u = new Usage(NEURONS, "core 0", 8);
        return new MappingReport("chip", 1e-4, List.of(u), List.of(), List.of(), List.of(Violation.of(u, "lif1")),
                List.of());
    }

    private static final Cell CELL = new Cell("sweep", "cell", "/m.nir", "m.nir", "sha", null, "in", "chip", StepLength.seconds(1e-3),
            1.0, 1.0, null, "{\"dt\":0.001}", null, List.of(), false, "test");

    @Test
    void jsonHoldsEveryPartInTheDocumentedOrder() throws Exception {
        String text = Mappings.text(Mappings.json(fitting(), "m.nir", null));
        assertFalse(text.contains("\n"), text);
        JsonNode o = new ObjectMapper().readTree(text);
        assertEquals(List.of("target", "model", "dt", "weight_bits", "fits", "resources", "placement", "quantisation",
                "violations", "notes"), iterable(o.fieldNames()));
        assertEquals("chip", o.get("target").asText());
        assertEquals("m.nir", o.get("model").asText());
        assertEquals(1e-3, o.get("dt").asDouble());
        assertTrue(o.get("weight_bits").isNull());
        assertTrue(o.get("fits").asBoolean());
        JsonNode r0 = o.get("resources").get(0);
        assertEquals(List.of("resource", "scope", "used", "limit", "unit", "source", "exceeds"),
                iterable(r0.fieldNames()));
        assertEquals("neurons per core", r0.get("resource").asText());
        assertEquals("core 0", r0.get("scope").asText());
        assertEquals(3, r0.get("used").asLong());
        assertEquals(4, r0.get("limit").asLong());
        assertEquals("neurons", r0.get("unit").asText());
        assertEquals("doc A", r0.get("source").asText());
        assertFalse(r0.get("exceeds").asBoolean());
        JsonNode r1 = o.get("resources").get(1);
        assertTrue(r1.get("limit").isNull(), "an unpublished limit is null");
        assertEquals("looked in doc B", r1.get("source").asText());
        assertFalse(r1.get("exceeds").asBoolean());
        assertEquals("core 1", o.get("placement").get(1).get("unit").asText());
        assertEquals("", o.get("placement").get(1).get("detail").asText());
        JsonNode q = o.get("quantisation").get(1);
        assertEquals("fc2", q.get("node").asText());
        assertEquals("weight", q.get("parameter").asText());
        assertEquals(6, q.get("values").asInt());
        assertEquals(0.05, q.get("max_relative").asDouble());
        assertEquals(0.02, q.get("mean_relative").asDouble());
        assertEquals(0, o.get("violations").size());
        assertEquals("weights as int8", o.get("notes").get(0).get("text").asText());
    }

    @Test
    void jsonOfAModelThatDoesNotFit() throws Exception {
        JsonNode o = new ObjectMapper().readTree(Mappings.text(Mappings.json(broken(), "m.nir", 8)));
        assertFalse(o.get("fits").asBoolean());
        assertEquals(8, o.get("weight_bits").asInt());
        assertTrue(o.get("resources").get(0).get("exceeds").asBoolean());
        JsonNode v = o.get("violations").get(0);
        assertEquals("lif1", v.get("node").asText());
        assertEquals("neurons per core 8 > 4 neurons (core 0)", v.get("rule").asText());
        assertEquals("doc A", v.get("source").asText());
        assertEquals(0, o.get("placement").size());
    }

    /**
     * The weights' mean is over values, not over nodes: (2 × 0.1 + 6 × 0.02) / 8 = 0.32 / 8 = 0.04; their max is
     * max(0.25, 0.05) = 0.25; the decays' max is over both decays, max(0.01, 0.03) = 0.03; no threshold: null.
     */
    @Test
    void rowSummarisesTheQuantisationPerKindOfParameter() throws Exception {
        MappingRow row = Mappings.row(CELL, fitting());
        assertTrue(row.fits());
        assertEquals(List.of(), row.violations());
        assertEquals(0.25, row.weightMaxRelativeError());
        assertEquals(0.04, row.weightMeanRelativeError(), 1e-15);
        assertNull(row.thresholdMaxRelativeError());
        assertEquals(0.03, row.decayMaxRelativeError());
        assertEquals("lif → core 0 (3 neurons); li → core 1", row.placement());
        assertEquals("chip", row.target());
        assertEquals(1e-3, row.dt());
        assertEquals("{\"dt\":0.001}", row.params());
        assertEquals(Mappings.text(Mappings.json(fitting(), "m.nir", null).get("resources")),
                row.resources());
    }

    @Test
    void rowOfAModelThatDoesNotFitListsItsViolations() {
        MappingRow row = Mappings.row(CELL, broken());
        assertFalse(row.fits());
        assertEquals(List.of("node 'lif1': neurons per core 8 > 4 neurons (core 0) [doc A]"), row.violations());
        assertNull(row.placement());
        assertNull(row.weightMaxRelativeError());
        assertNull(row.weightMeanRelativeError());
    }

    @Test
    void aRowCannotFitWithViolations() {
        assertThrows(IllegalArgumentException.class, () -> new MappingRow("s", "c", "m", "sha", "t", "{}", 1e-3,
                true, List.of("broken"), null, null, null, null, null, "[]"));
    }

    private static List<String> iterable(java.util.Iterator<String> it) {
        List<String> names = new java.util.ArrayList<>();
        it.forEachRemaining(names::add);
        return names;
    }
}
