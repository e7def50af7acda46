package io.nirsweep.hardware.target;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nirsweep.model.NirGraph;
import io.nirsweep.model.Input;
import io.nirsweep.model.Output;
import io.nirsweep.model.types.TypeInference;
import io.nirsweep.sim.simulators.reference.ReferenceBackends;
import io.nirsweep.sim.backend.FlatGraph;
import io.nirsweep.sim.backend.Import;
import io.nirsweep.sim.backend.StepLength;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Usage against limits, violations, the one-line refusal and the error statistics. */
class MappingReportTest {
    private static final Limit CORES = Limit.of("cores", 9, "", "a datasheet, page 3");
    private static final Limit MEMORY = Limit.notPublic("synapse memory per core", "bytes", "not in the datasheet");

    private static Import emptyImport() {
        NirGraph g = TypeInference.inferAndCheck(NirGraph.builder().node("input", Input.of(1))
                .node("output", Output.of(null)).chain("input", "output").build(), w -> { });
        return new Import(FlatGraph.of(g), ReferenceBackends.EULER, StepLength.seconds(1e-4), null);
    }

    @Test
    void aPublishedLimitExceededIsAViolationAnUnpublishedOneNever() {
        MappingReport r = new MappingReport.Builder("chip").use(CORES, "chip", 12, "conv1")
                .use(MEMORY, "core 0", 1L << 40, "conv1").place("conv1", "core 0", "").build(emptyImport());
        assertFalse(r.fits());
        assertEquals(1, r.violations().size());
        assertEquals("node 'conv1': cores 12 > 9 (chip) [a datasheet, page 3]", r.violations().get(0).text());
        assertTrue(r.placement().isEmpty(), "no placement for a model that does not fit");
        assertEquals("not public", MEMORY.bound());
        assertTrue(r.toText().contains("  ! chip: cores 12 (≤ 9)"), r.toText());
    }

    @Test
    void theOneLineNamesTheFirstFiveAndCountsTheRest() {
        MappingReport.Builder b = new MappingReport.Builder("chip");
        for (int k = 0; k < 7; k++) {
            b.violate("n" + k, "rule " + k, "src");
        }
        String line = b.build(emptyImport()).violationsLine();
        assertTrue(line.startsWith("node 'n0': rule 0 [src]; node 'n1'"), line);
        assertTrue(line.endsWith("node 'n4': rule 4 [src]; and 2 more"), line);
    }

    /** 0.3 → 0.25 (1/6 off), −0.7 → −0.75 (1/14 off), 0 skipped: max 1/6, mean (1/6 + 1/14)/2. */
    @Test
    void relativeErrorsSkipZeros() {
        QuantisationError q = QuantisationError.of("w", "weight", new double[] {0.3, -0.7, 0},
                new double[] {0.25, -0.75, 0});
        assertEquals(2, q.values());
        assertEquals(1.0 / 6, q.maxRelative(), 1e-12);
        assertEquals((1.0 / 6 + 1.0 / 14) / 2, q.meanRelative(), 1e-12);
        MappingReport r = new MappingReport.Builder("chip").quantised(q)
                .quantised(QuantisationError.of("w", "threshold", new double[] {1}, new double[] {1}))
                .build(emptyImport());
        assertTrue(r.fits());
        assertEquals(1.0 / 6, r.maxError("weight"), 1e-12);
        assertEquals(0, r.maxError("decay"));
        assertEquals(List.of(), r.violations());
    }
}
