package io.nirsweep.sim.simulators.rockpool;

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

/** Rockpool's NIR import (docs/platforms.md §4.5; {@link RockpoolImport}). */
public final class RockpoolBackends implements BackendProvider {
    /** Exact decay with Euler's input gain, v ≥ θ, n = ⌊v/θ⌋ spikes subtracted, float32. */
    static final FloatNeurons NEURONS = new FloatNeurons(Scheme.EXACT_DECAY_EULER_INPUT, SpikeTest.GREATER_OR_EQUAL,
            Reset.SUBTRACT_ALL, Precision.FLOAT32);

    public static final Backend ROCKPOOL = new Backend("rockpool", Backend.Kind.SIMULATOR,
            "Rockpool: exact decays, w_in and R ignored, input decayed once, multi-spike subtract",
            new Version("paper-2023", "Rockpool as the NIR paper ran it (2023)",
                    "the published Rockpool activity of E3 within its carried-over-state tolerance "
                    + "(PaperRecurrentTest); rockpool/nn/modules/torch/nir.py, lif_torch.py (docs/platforms.md "
                    + "§4.5)"),
            NeuronKind.every(NEURONS), RockpoolImport.rules(), Backend.CycleDelay.NEURON_OUTPUT);

    @Override
    public List<Backend> backends() {
        return List.of(ROCKPOOL);
    }
}
