package io.nirsweep.sim.simulators.spikingjelly;

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

/** SpikingJelly's from_nir (docs/platforms.md §4.11; {@link SpikingJellyImport}). */
public final class SpikingJellyBackends implements BackendProvider {
    /** Forward Euler in steps, v ≥ θ, reset to v_reset, float32. */
    static final FloatNeurons NEURONS = new FloatNeurons(Scheme.EULER, SpikeTest.GREATER_OR_EQUAL, Reset.TO_V_RESET,
            Precision.FLOAT32);

    public static final Backend SPIKINGJELLY = new Backend("spikingjelly", Backend.Kind.SIMULATOR,
            "SpikingJelly from_nir: Euler in steps, R read as decay_input, spike at v ≥ θ, hard reset",
            new Version("unpinned", "SpikingJelly from_nir, release not pinned",
                    "spikingjelly/activation_based/nir_exchange/from_nir.py as indexed; no published output "
                    + "(docs/platforms.md §4.11)"),
            NeuronKind.every(NEURONS), SpikingJellyImport.rules(), Backend.CycleDelay.CLOSING_EDGE);

    @Override
    public List<Backend> backends() {
        return List.of(SPIKINGJELLY);
    }
}
