package io.nirsweep.sim;

import io.nirsweep.model.NirGraph;
import io.nirsweep.model.hdf5.NirReader;
import io.nirsweep.sim.backend.Backends;
import io.nirsweep.sim.engine.GraphCompiler;
import static org.junit.jupiter.api.Assertions.assertEquals;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Paper experiment 3's Braille networks (docs/platforms.md §3): which edge of the recurrent loop carries the one-step
 * delay. The published activity files themselves are compared in {@link PaperBackendsTest}.
 */
class PaperRecurrentTest {
    static final Path E3 = Path.of("src/test/resources/paper-artifacts/03_rnn");

    /**
     * Norse delays the recurrent Affine's output (its bias absent at step 0); snnTorch's RSynaptic applies the map to
     * the previous step's spikes; Spyx emits spikes before the input, so its loop needs no extra delay at all.
     */
    @Test
    void whereEachBackendDelaysTheLoop() {
        NirGraph g = NirReader.read(E3.resolve("braille_noDelay_bias_zero.nir")).graph();
        assertEquals(List.of("lif1.w_rec -> lif1.lif"), GraphCompiler.compile(g, Backends.require("norse"), 1e-4).delayedEdges());
        assertEquals(List.of("lif1.lif -> lif1.w_rec"),
                GraphCompiler.compile(g, Backends.require("snntorch"), 1e-4).delayedEdges());
        assertEquals(List.of(), GraphCompiler.compile(g, Backends.require("spyx"), 1e-4).delayedEdges());
    }
}
