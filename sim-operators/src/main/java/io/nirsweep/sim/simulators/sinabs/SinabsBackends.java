package io.nirsweep.sim.simulators.sinabs;

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

/** Sinabs' from_nir plus the τ/dt every user applies (docs/platforms.md §4.4; {@link SinabsImport}). */
public final class SinabsBackends implements BackendProvider {
    /** Exact decay with Euler's input gain, v ≥ θ, n = ⌊v/θ⌋ spikes subtracted, float32. */
    static final FloatNeurons NEURONS = new FloatNeurons(Scheme.EXACT_DECAY_EULER_INPUT, SpikeTest.GREATER_OR_EQUAL,
            Reset.SUBTRACT_ALL, Precision.FLOAT32);

    public static final Backend SINABS = new Backend("sinabs", Backend.Kind.SIMULATOR,
            "Sinabs from_nir: τ in steps, input without gain, multi-spike subtract, IF floor at −θ",
            new Version("paper-2023", "Sinabs as the NIR paper ran it (2023)",
                    "sinabs/nir.py and layers/functional/lif.py as the paper's Sinabs scripts used them "
                    + "(docs/platforms.md §4.4)"),
            NeuronKind.every(NEURONS), SinabsImport.rules(), Backend.CycleDelay.CLOSING_EDGE);

    @Override
    public List<Backend> backends() {
        return List.of(SINABS);
    }
}
