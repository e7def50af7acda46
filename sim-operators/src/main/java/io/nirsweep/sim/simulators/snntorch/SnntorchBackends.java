package io.nirsweep.sim.simulators.snntorch;

import io.nirsweep.sim.backend.Backend;
import io.nirsweep.sim.backend.BackendProvider;
import io.nirsweep.sim.neuron.FloatNeurons;
import io.nirsweep.sim.neuron.NeuronKind;
import io.nirsweep.sim.neuron.Precision;
import io.nirsweep.sim.neuron.Reset;
import io.nirsweep.sim.neuron.Scheme;
import io.nirsweep.sim.neuron.SpikeTest;
import java.util.List;

/** snnTorch's import_from_nir as the paper ran it (docs/platforms.md §4.1; {@link SnntorchImport}). */
public final class SnntorchBackends implements BackendProvider {
    /** Leaky and Synaptic: forward Euler with the synaptic current first, v &gt; θ, reset to 0, float32. */
    static final FloatNeurons NEURONS = new FloatNeurons(Scheme.EULER_CURRENT_FIRST, SpikeTest.GREATER,
            Reset.TO_ZERO, Precision.FLOAT32);
    /** The same with snnTorch's subtract reset and its bookkeeping. */
    static final FloatNeurons SUBTRACT_NEURONS = NEURONS.withReset(Reset.SUBTRACT, SnntorchSubtract.BOOKKEEPING);

    /** import_nir.py, leaky.py, synaptic.py, rsynaptic.py at the paper's commit (docs/platforms.md §4.1). */
    private static final String VERSION = "snnTorch 5bf33e7, the NIR paper's";

    public static final Backend SNNTORCH = new Backend("snntorch", Backend.Kind.SIMULATOR,
            "snnTorch import_from_nir: Euler decays at dt = 1e-4, θ divided by the input gain, reset to 0, "
                    + "IF → Leaky(β = 0.9)",
            VERSION, NeuronKind.every(NEURONS), SnntorchImport.rules(), Backend.CycleDelay.NEURON_OUTPUT);

    /**
     * snnTorch with reset_mechanism="subtract" and its bookkeeping: the native model the paper trained with
     * subtraction (E3 noBias_subtract); the importer itself always resets to zero (docs/platforms.md §1.3, §4.1).
     */
    public static final Backend SNNTORCH_SUBTRACT = new Backend("snntorch-subtract", Backend.Kind.SIMULATOR,
            "snnTorch as trained with reset_mechanism=\"subtract\" (E3 noBias_subtract): like snntorch, "
                    + "subtract reset",
            VERSION, NeuronKind.every(SUBTRACT_NEURONS), SnntorchImport.rules(), Backend.CycleDelay.NEURON_OUTPUT);

    @Override
    public List<Backend> backends() {
        return List.of(SNNTORCH, SNNTORCH_SUBTRACT);
    }
}
