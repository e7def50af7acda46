package io.nirsweep.sim.simulators.lava;

import io.nirsweep.sim.backend.Backend;
import io.nirsweep.sim.backend.Version;
import io.nirsweep.sim.backend.BackendProvider;
import io.nirsweep.sim.neuron.FloatNeurons;
import io.nirsweep.sim.neuron.NeuronKind;
import io.nirsweep.sim.neuron.Precision;
import io.nirsweep.sim.neuron.Reset;
import io.nirsweep.sim.neuron.Scheme;
import io.nirsweep.sim.neuron.SpikeTest;
import java.util.List;

/**
 * Lava's own processes on CPU in floating point, set up by the paper's converter (docs/platforms.md §4.7, process
 * path; {@link LavaImport}): the path of experiment 1. The same processes in Loihi 2's fixed point are a hardware
 * backend (module hardware-sinks).
 */
public final class LavaBackends implements BackendProvider {
    public static final Backend LAVA = new Backend("lava", Backend.Kind.SIMULATOR,
            "Lava processes via the paper's converter, CPU floating point: Dense +1 step, v ← (1 − dt/τ)·v + u, "
                    + "reset 0",
            new Version("paper-2023", "the NIR paper's converter, Lava of 2023",
                    "the paper's converter paper/nir_to_lava.py with lava proc/lif/models.py, "
                    + "proc/dense/models.py (docs/platforms.md §4.7)"),
            NeuronKind.these(new FloatNeurons(Scheme.EULER, SpikeTest.GREATER, Reset.TO_ZERO, Precision.FLOAT64),
                    NeuronKind.LIF),
            LavaImport.FLOATING_POINT, Backend.CycleDelay.CLOSING_EDGE);

    @Override
    public List<Backend> backends() {
        return List.of(LAVA);
    }
}
