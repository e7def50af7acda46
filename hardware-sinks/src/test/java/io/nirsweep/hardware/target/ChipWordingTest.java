package io.nirsweep.hardware.target;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nirsweep.model.Input;
import io.nirsweep.model.Linear;
import io.nirsweep.model.Metadata;
import io.nirsweep.model.NdArray;
import io.nirsweep.model.NirGraph;
import io.nirsweep.model.Output;
import io.nirsweep.model.Threshold;
import io.nirsweep.model.types.TypeInference;
import io.nirsweep.sim.backend.Backend;
import org.junit.jupiter.api.Test;

/** The chips say the same thing in the same words: a node kind no chip converts. */
class ChipWordingTest {
    /**
     * Input → Linear → Threshold → Output: no chip's toolchain converts a Threshold, so every target's report has a
     * violation at 't' that begins "node kind Threshold is not supported" (each then says what it does convert).
     */
    @Test
    void everyTargetRefusesAnUnknownNodeKindInTheSameWords() {
        NirGraph g = TypeInference.inferAndCheck(NirGraph.builder().node("in", Input.of(1))
                .node("w", new Linear(NdArray.of(new int[] {1, 1}, 1), Metadata.EMPTY))
                .node("t", new Threshold(NdArray.vector(0.5), Metadata.EMPTY)).node("out", Output.of(null))
                .chain("in", "w", "t", "out").build(), x -> { });
        assertFalse(Chips.all().isEmpty());
        for (Backend b : Chips.all()) {
            MappingReport r = Chips.map(g, b, 1e-3, null);
            assertTrue(r.violations().stream().anyMatch(v -> "t".equals(v.node())
                    && v.rule().startsWith("node kind Threshold is not supported")), b.name() + ": " + r.toText());
        }
    }
}
