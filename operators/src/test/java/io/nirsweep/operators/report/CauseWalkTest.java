package io.nirsweep.operators.report;

import io.nirsweep.sim.backend.StepLength;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nirsweep.operators.equivalence.report.EquivalenceReport.CausePath;
import io.nirsweep.operators.equivalence.report.EquivalenceReport.CauseStep;
import io.nirsweep.operators.equivalence.report.EquivalenceReport.CellKey;
import io.nirsweep.operators.inputs.InputSpec;
import io.nirsweep.operators.sweep.Cell;
import io.nirsweep.operators.sweep.UnitRunner;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The walk from one backend to another on the demo's twelve-neuron LIF layer (conf/models/lif_multispike.nir: every
 * input spike fires its neuron in the same step; Sinabs adds the input without NIR's gain and emits ⌊v/θ⌋ spikes),
 * driven by Poisson noise: which change removes the divergence, and the path's own arithmetic.
 */
class CauseWalkTest {
    private static final Path MODEL = Path.of("../conf/models/lif_multispike.nir").toAbsolutePath().normalize();
    private static final CellKey KEY = new CellKey("lif_multispike.nir", "noise", "{}");
    private final CauseWalk walk = new CauseWalk(new UnitRunner());

    private static Cell cell() {
        InputSpec noise = new InputSpec.Poisson("noise", List.of(12), 64, 4, 0.05, 3, null);
        return new Cell("sweep", "cell", MODEL.toString(), "lif_multispike.nir", "sha", noise, "noise", "norse",
                StepLength.seconds(1e-4),
                1.0, 1.0, null, "{}", null, List.of(), false, "test");
    }

    @Test
    void theIntegratorAloneSeparatesExactFromEuler() {
        CausePath p = walk.walk(KEY, cell(), "euler", "exact", 4);
        assertEquals(List.of("integrator"), p.steps().stream().map(CauseStep::choice).toList());
        assertEquals(0.0, p.steps().get(0).divergenceLeft());
        // on this layer Euler and exact fire in the same steps; only exact's occasional second spike differs, or
        // nothing does: either way the walk has one step and ends at exact
        assertTrue(p.divergence() >= 0 && p.divergence() < 0.05, String.valueOf(p.divergence()));
    }

    @Test
    void severalSpikesPerStepNeedSinabsResetAndItsInputGainTogether() {
        CausePath p = walk.walk(KEY, cell(), "norse", "sinabs", 4);
        assertTrue(p.divergence() > 0, String.valueOf(p.divergence()));
        assertEquals("reset + import: Sinabs: τ in steps, input without gain (LIF, LI)", p.cause(), p.toString());
        // the path ends at B: nothing left
        assertEquals(0.0, p.steps().get(p.steps().size() - 1).divergenceLeft(), 1e-15);
        // every step says how much is left, none more than at the start
        for (CauseStep s : p.steps()) {
            assertNull(s.refusal(), s.toString());
            assertTrue(s.divergenceLeft() <= p.divergence() + 1e-15, s.toString());
        }
    }

    @Test
    void fromSinabsTheResetAloneRemovesTheExtraSpikes() {
        CausePath p = walk.walk(KEY, cell(), "sinabs", "nengo", 4);
        assertEquals("reset", p.cause(), p.toString());
        CauseStep first = p.steps().stream().filter(s -> s.refusal() == null).findFirst().orElseThrow();
        assertEquals("reset", first.choice(), p.toString());
        assertEquals(0.0, first.divergenceLeft(), 1e-15);
        assertTrue(p.causeText().startsWith("sinabs → nengo: reset (100 %)"), p.causeText());
    }

    @Test
    void identicalBackendsHaveNothingToExplain() {
        CausePath p = walk.walk(KEY, cell(), "norse", "norse", 4);
        assertEquals(0.0, p.divergence());
        assertEquals(List.of(), p.steps());
        assertNull(p.cause());
        assertEquals("norse and norse agree on these samples: nothing to explain", p.causeText());
    }
}
