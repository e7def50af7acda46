package io.nirsweep.sim.simulators.spyx;

import io.nirsweep.sim.backend.Backend;
import io.nirsweep.sim.backend.Version;
import io.nirsweep.sim.backend.BackendProvider;
import io.nirsweep.sim.neuron.FloatNeurons;
import io.nirsweep.sim.neuron.NeuronKind;
import io.nirsweep.sim.neuron.Precision;
import io.nirsweep.sim.neuron.Reset;
import io.nirsweep.sim.neuron.ResetTiming;
import io.nirsweep.sim.neuron.Scheme;
import io.nirsweep.sim.neuron.SpikeTest;
import io.nirsweep.sim.neuron.SpikeTiming;
import java.util.List;

/** Spyx's from_nir of the paper's time (docs/platforms.md §4.3; {@link SpyxImport}). */
public final class SpyxBackends implements BackendProvider {
    /**
     * Forward Euler with the synaptic current first, spike decided from the previous step's membrane (v_{t−1} &gt; θ),
     * θ subtracted before the decay (Spyx's RCuBaLIF), float32 as JAX keeps it.
     */
    static final FloatNeurons NEURONS = new FloatNeurons(Scheme.EULER_CURRENT_FIRST, SpikeTest.GREATER,
            Reset.SUBTRACT, Precision.FLOAT32).withTiming(SpikeTiming.PREVIOUS_STEP, ResetTiming.BEFORE_DECAY);

    public static final Backend SPYX = new Backend("spyx", Backend.Kind.SIMULATOR,
            "Spyx from_nir: gains folded into weights, spike from the previous step's voltage, subtract reset",
            new Version("97ff1f9", "Spyx 97ff1f9, Haiku era, the NIR paper's",
                    "the published Spyx activity of E3 bin for bin (PaperRecurrentTest); spyx/nir.py and "
                    + "spyx/nn.py at 97ff1f9 (docs/platforms.md §4.3)"),
            NeuronKind.every(NEURONS), SpyxImport.rules(),
            Backend.CycleDelay.NEURON_OUTPUT);

    @Override
    public List<Backend> backends() {
        return List.of(SPYX);
    }
}
