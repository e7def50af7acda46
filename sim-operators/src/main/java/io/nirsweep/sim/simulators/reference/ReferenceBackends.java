package io.nirsweep.sim.simulators.reference;

import io.nirsweep.sim.backend.Backend;
import io.nirsweep.sim.backend.Version;
import io.nirsweep.sim.backend.BackendProvider;
import io.nirsweep.sim.backend.ImportRules;
import io.nirsweep.sim.neuron.FloatNeurons;
import io.nirsweep.sim.neuron.NeuronKind;
import io.nirsweep.sim.neuron.Precision;
import io.nirsweep.sim.neuron.Reset;
import io.nirsweep.sim.neuron.Scheme;
import io.nirsweep.sim.neuron.SpikeTest;
import java.util.List;

/** NIR's own equations, discretised two ways, with no simulator's importer in between (docs/platforms.md §4.0). */
public final class ReferenceBackends implements BackendProvider {
    /**
     * The NIR equations solved exactly for step-constant input (the paper's reference for experiment 1): exact
     * exponential integration, crossings located inside the step, v &gt; θ, reset to v_reset at the crossing
     * instant, float64.
     */
    public static final Backend EXACT = new Backend("exact", Backend.Kind.SIMULATOR,
            "NIR's ODEs solved exactly for step-constant input; spikes at the exact crossing, reset to v_reset",
            new Version("nir-1.0.6", "NIR ≥ 1.0.6, its equations", "the equations of neuromorphs/NIR nir/ir/neuron.py,"
                    + " the paper's reference for E1; integration against a fine Runge–Kutta solution and hand-derived"
                    + " steps (docs/platforms.md §4.0)"),
            NeuronKind.every(new FloatNeurons(Scheme.EXACT, SpikeTest.GREATER, Reset.TO_V_RESET, Precision.FLOAT64)),
            ImportRules.NONE, Backend.CycleDelay.CLOSING_EDGE);

    /** Forward Euler of NIR's ODEs, v &gt; θ at the end of the step, reset to v_reset, float64. */
    public static final Backend EULER = new Backend("euler", Backend.Kind.SIMULATOR,
            "forward Euler of NIR's ODEs; spike if v > threshold at the end of the step, reset to v_reset",
            new Version("nir-1.0.6", "NIR ≥ 1.0.6, its equations", "the equations of neuromorphs/NIR nir/ir/neuron.py,"
                    + " forward Euler; hand-derived steps (docs/platforms.md §4.0)"),
            NeuronKind.every(new FloatNeurons(Scheme.EULER, SpikeTest.GREATER, Reset.TO_V_RESET, Precision.FLOAT64)),
            ImportRules.NONE, Backend.CycleDelay.CLOSING_EDGE);

    @Override
    public List<Backend> backends() {
        return List.of(EXACT, EULER);
    }
}
