package io.nirsweep.hardware.loihi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nirsweep.model.CubaLIF;
import io.nirsweep.model.Input;
import io.nirsweep.model.LIF;
import io.nirsweep.model.Metadata;
import io.nirsweep.model.NdArray;
import io.nirsweep.model.NirGraph;
import io.nirsweep.model.NirNode;
import io.nirsweep.model.Output;
import io.nirsweep.model.Threshold;
import io.nirsweep.model.types.TypeInference;
import io.nirsweep.sim.PaperTraces;
import io.nirsweep.sim.SimulationException;
import io.nirsweep.sim.backend.Backend;
import io.nirsweep.sim.backend.Backends;
import io.nirsweep.sim.backend.StepLength;
import io.nirsweep.sim.engine.GraphCompiler;
import io.nirsweep.sim.engine.Program;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code lava-fixed}, defined in this module and found through sim-operators' plug-in point: Loihi 2's integer LIF
 * against hand-derived values and the paper's fixed-point trace of experiment 1.
 */
class LavaFixedTest {
    static final Path E1 = Path.of("../sim-operators/src/test/resources/paper-artifacts/01_lif");

    static NirGraph chain(NirNode neuron, int size) {
        return TypeInference.inferAndCheck(NirGraph.builder().node("input", Input.of(size)).node("n", neuron)
                .node("output", Output.of(null)).chain("input", "n", "output").build(), w -> { });
    }

    static LIF e1Lif() {
        return new LIF(v(2.5e-3), v(1), v(0), v(0.1), v(0), Metadata.EMPTY);
    }

    static NdArray v(double... values) {
        return NdArray.vector(values);
    }

    @Test
    void theRegistryListsItAsHardwareAfterTheSimulators() {
        Backend b = Backends.require("lava-fixed");
        assertEquals(Backend.Kind.HARDWARE, b.kind());
        assertEquals("the NIR paper's converter, Lava of 2023, PyLifModelBitAcc", b.reproduces());
        List<Backend> all = Backends.all();
        assertEquals("exact", all.get(0).name());
        assertTrue(all.indexOf(b) > all.indexOf(Backends.require("lava")), Backends.names());
    }

    /**
     * --dt native: lava-fixed, and loihi2 on a LIF graph, use the paper's Lava converter, whose ImportConfig.dt
     * defaults to 1e-4 s — in simulation and in the map alike; loihi2's netx path (a CubaLIF graph) has no dt of its
     * own.
     */
    @Test
    void nativeDtIsTheConvertersDefault() {
        NirGraph g = chain(e1Lif(), 1);
        assertEquals(1e-4, GraphCompiler.compile(g, Backends.require("lava-fixed"), StepLength.NATIVE, null).dt());
        assertEquals(1e-4, GraphCompiler.compile(g, Backends.require("loihi2"), StepLength.NATIVE, null).dt());
        assertEquals(1e-4, io.nirsweep.hardware.target.Chips.map(g, Backends.require("loihi2"), StepLength.NATIVE,
                null).dt());
        NirGraph cuba = chain(new CubaLIF(v(5e-4), v(1e-3), v(10), v(0), v(1), v(0), v(5), Metadata.EMPTY), 1);
        SimulationException e = assertThrows(SimulationException.class,
                () -> io.nirsweep.hardware.target.Chips.map(cuba, Backends.require("loihi2"), StepLength.NATIVE, null));
        assertEquals("the loihi2 backend has no dt of its own: give dt in seconds", e.getMessage());
        assertThrows(SimulationException.class,
                () -> GraphCompiler.compile(cuba, Backends.require("loihi2"), StepLength.NATIVE, null));
    }

    /**
     * E1's parameters (τ = 2.5 ms, θ = 0.1): w = ⌊0.04·256⌋ = 10, so a pulse arrives a step later as
     * u = 10 &lt;&lt; 6 = 640; v = 640, then ⌊640·3933/4096⌋ = 614, ⌊614·3933/4096⌋ = 589; the threshold is
     * (⌊0.1·131071⌋ &gt;&gt; 9) &lt;&lt; 6 = 1600.
     */
    @Test
    void lavaFixedIsLoihisIntegerLif() {
        Program p = GraphCompiler.compile(chain(e1Lif(), 1), Backends.require("lava-fixed"), 1e-4);
        Map<String, float[]> out = p.simulate(List.of(new float[] {1, 0, 0, 0}), 4, 1, List.of("n"), List.of("n"), 1);
        assertArrayEquals(new float[] {0, 640, 614, 589}, out.get("n#v"));
        assertArrayEquals(new float[] {0, 0, 0, 0}, out.get("n"));
        assertTrue(p.notes().stream().anyMatch(n -> n.text().contains("vth = ⌊θ·131071⌋ >> 9 = 25")), p.notes()
                .toString());
    }

    /**
     * Lava's E1 fixed-point trace, from the notebook that wired the LIF behind one Dense: one step of Dense latency
     * (461, 511, 711, 761) and every voltage exactly, in Loihi's integers.
     */
    @Test
    void e1TraceOfLavasBitAccurateModel() {
        double[][] rows = PaperTraces.csv(E1.resolve("lif_lava_cpu_fixed.csv"));
        Map<String, float[]> out = PaperTraces.simulate(chain(e1Lif(), 1), Backends.require("lava-fixed"), rows);
        assertEquals(List.of(461, 511, 711, 761), PaperTraces.steps(out.get("spikes")));
        PaperTraces.assertTrace(rows, out, 0);
    }

    @Test
    void refusesWhatTheConverterRefusesNamingTheNode() {
        SimulationException threshold = assertThrows(SimulationException.class, () -> GraphCompiler.compile(
                chain(new Threshold(v(0.5), Metadata.EMPTY), 1), Backends.require("lava-fixed"), 1e-4));
        assertEquals("n", threshold.node());
        assertTrue(threshold.getMessage().startsWith("node 'n': the lava-fixed backend cannot run it: "),
                threshold.getMessage());
        assertTrue(threshold.getMessage().contains("Threshold"), threshold.getMessage());
        CubaLIF cuba = new CubaLIF(v(1e-3), v(1e-3), v(10), v(0), v(1), v(0), v(1), Metadata.EMPTY);
        SimulationException e = assertThrows(SimulationException.class,
                () -> GraphCompiler.compile(chain(cuba, 1), Backends.require("lava-fixed"), 1e-4));
        assertEquals("n", e.node());
    }

    @Test
    void weightBitsAreRefusedWithTheReason() {
        SimulationException e = assertThrows(SimulationException.class,
                () -> GraphCompiler.compile(chain(e1Lif(), 1), Backends.require("lava-fixed"), 1e-4, 8));
        assertEquals("weight_bits 8: the lava-fixed backend does not take it: the converter sets each LIF's 8-bit Dense "
                + "weight from dt/τ and passes the other Dense weights through as the file has them", e.getMessage());
    }

    /** A batch of 64 on two threads gives each sample what it gets alone. */
    @Test
    void batchAndThreadsDoNotChangeTheResult() {
        Program p = GraphCompiler.compile(chain(e1Lif(), 1), Backends.require("lava-fixed"), 1e-4);
        int steps = 200;
        int batch = 64;
        float[] input = new float[steps * batch];
        for (int t = 0; t < steps; t++) {
            for (int b = 0; b < batch; b++) {
                input[t * batch + b] = (t * 7 + b * 13) % 5 == 0 ? 1f : 0f;
            }
        }
        float[] all = p.simulate(List.of(input), steps, batch, List.of("n"), List.of(), 2).get("n");
        int fired = 0;
        for (int b : new int[] {0, 17, 63}) {
            float[] one = new float[steps];
            for (int t = 0; t < steps; t++) {
                one[t] = input[t * batch + b];
            }
            float[] single = p.simulate(List.of(one), steps, 1, List.of("n"), List.of(), 1).get("n");
            for (int t = 0; t < steps; t++) {
                assertEquals(single[t], all[t * batch + b], "sample " + b + " step " + t);
                fired += (int) single[t];
            }
        }
        assertTrue(fired > 0, "no spikes");
    }
}
