package io.nirsweep.hardware.plugin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nirsweep.model.IF;
import io.nirsweep.model.Input;
import io.nirsweep.model.LIF;
import io.nirsweep.model.Metadata;
import io.nirsweep.model.NdArray;
import io.nirsweep.model.NirGraph;
import io.nirsweep.model.NirNode;
import io.nirsweep.model.Output;
import io.nirsweep.model.types.TypeInference;
import io.nirsweep.sim.SimulationException;
import io.nirsweep.sim.backend.Backends;
import io.nirsweep.sim.engine.GraphCompiler;
import io.nirsweep.sim.engine.Program;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A backend defined outside sim-operators — {@link CountingChip}, named only in this module's test
 * {@code META-INF/services} — found by the registry and run by the compiler and program that {@code simulate}
 * uses, with no change to sim-operators.
 */
class PluginPointTest {
    static NirGraph chain(NirNode neuron) {
        return TypeInference.inferAndCheck(NirGraph.builder().node("input", Input.of(2)).node("n", neuron)
                .node("output", Output.of(null)).chain("input", "n", "output").build(), w -> { });
    }

    @Test
    void theRegistryFindsTheTestChip() {
        assertSame(CountingChip.COUNTING_CHIP, Backends.byName("test-counting-chip"));
        assertTrue(Backends.names().endsWith("test-counting-chip") || Backends.names().contains("test-counting-chip, "),
                Backends.names());
        assertTrue(Backends.markdownTable().contains("| `test-counting-chip` | event count | v ≥ ⌈θ⌉ | v ← 0 | 0; loops: "
                + "recurrent map's output 1 step late (0 at step 0) | at most one | integers |"), Backends.markdownTable());
    }

    /**
     * θ = 2.5 → fires at every third event, θ = 1 at every event; neuron 0 sees events at steps 0, 1, 2, 4, 5, 6 (the
     * value does not matter, 0.3 counts as one), neuron 1 at steps 0 and 3.
     */
    @Test
    void theCompilerRunsItsNeuronStep() {
        IF neuron = new IF(NdArray.vector(1, 1), NdArray.vector(2.5, 1), NdArray.vector(0, 0), Metadata.EMPTY);
        Program p = GraphCompiler.compile(chain(neuron), Backends.require("test-counting-chip"), 1e-3);
        float[] input = {1, 1, 0.3f, 0, 1, 0, 0, 1, 1, 0, 1, 0, 1, 0};
        Map<String, float[]> out = p.simulate(List.of(input), 7, 1, List.of("output"), List.of("n"), 1);
        assertArrayEquals(new float[] {0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 0, 0, 1, 0}, out.get("output"));
        assertArrayEquals(new float[] {1, 0, 2, 0, 0, 0, 0, 0, 1, 0, 2, 0, 0, 0}, out.get("n#v"));
        assertTrue(p.isSpiking("output"));
    }

    @Test
    void aKindTheChipLacksIsRefusedNamingTheNode() {
        LIF lif = new LIF(NdArray.vector(1e-3, 1e-3), NdArray.vector(1, 1), NdArray.vector(0, 0),
                NdArray.vector(1, 1), NdArray.vector(0, 0), Metadata.EMPTY);
        SimulationException e = assertThrows(SimulationException.class,
                () -> GraphCompiler.compile(chain(lif), Backends.require("test-counting-chip"), 1e-3));
        assertEquals("n", e.node());
        assertEquals("node 'n': the test-counting-chip backend cannot run it: it has no neuron step for LIF nodes",
                e.getMessage());
    }

    @Test
    void aSimulatorRefusesWeightBitsAndSaysWhy() {
        IF neuron = new IF(NdArray.vector(1, 1), NdArray.vector(1, 1), NdArray.vector(0, 0), Metadata.EMPTY);
        SimulationException e = assertThrows(SimulationException.class,
                () -> GraphCompiler.compile(chain(neuron), Backends.require("euler"), 1e-3, 4));
        assertEquals("weight_bits 4: the euler backend does not take it: it keeps the file's float32 weights "
                + "(weight_bits applies to hardware targets that quantise them)", e.getMessage());
    }
}
