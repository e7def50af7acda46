package io.nirsweep.sim;

import io.nirsweep.model.Affine;
import io.nirsweep.model.Input;
import io.nirsweep.model.LIF;
import io.nirsweep.model.NirGraph;
import io.nirsweep.model.Output;
import io.nirsweep.sim.backend.Backends;
import io.nirsweep.sim.engine.GraphCompiler;
import io.nirsweep.sim.engine.Program;
import io.nirsweep.sim.engine.WarmUp;
import static io.nirsweep.sim.Sim.f32;
import static io.nirsweep.sim.Sim.none;
import static io.nirsweep.sim.Sim.typed;
import static io.nirsweep.sim.Sim.v;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The background warm-up runs the program and leaves the caller's results as they were. */
class WarmUpTest {
    @Test
    void runsInTheBackgroundStopsOnCloseAndChangesNoResult() {
        NirGraph g = typed(NirGraph.builder().node("input", Input.of(2))
                .node("fc", new Affine(f32(new int[] {2, 2}, 1, 0.5, -0.5, 1), f32(new int[] {2}, 0, 0), none()))
                .node("lif", new LIF(v(1e-3, 1e-3), v(10, 10), v(0, 0), v(1, 1), v(0, 0), none()))
                .node("output", Output.of(null)).chain("input", "fc", "lif", "output"));
        Program program = GraphCompiler.compile(g, Backends.require("euler"), Sim.DT);
        float[] x = Sim.constant(50, 1f, 1f);
        float[] before = program.simulate(List.of(x), 50, 1, List.of("lif"), List.of(), 1).get("lif");
        long deadline = System.nanoTime() + 10_000_000_000L;
        WarmUp warmUp = WarmUp.start(program, true);
        while (warmUp.steps() == 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        float[] during = program.simulate(List.of(x), 50, 1, List.of("lif"), List.of(), 1).get("lif");
        warmUp.close();
        assertTrue(warmUp.steps() > 0, "the warm-up ran no step in 10 s");
        assertTrue(warmUp.millis() > 0);
        assertArrayEquals(before, during);
        assertArrayEquals(before, program.simulate(List.of(x), 50, 1, List.of("lif"), List.of(), 1).get("lif"));
        double stopped = warmUp.millis();
        long steps = warmUp.steps();
        program.simulate(List.of(x), 50, 1, List.of("lif"), List.of(), 1); // time passes; a running warm-up would count
        assertTrue(warmUp.millis() == stopped && warmUp.steps() == steps, "the warm-up still runs after close");
    }
}
