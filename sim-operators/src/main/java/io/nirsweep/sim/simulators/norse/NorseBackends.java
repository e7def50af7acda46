package io.nirsweep.sim.simulators.norse;

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

/** Norse's from_nir (docs/platforms.md §4.2; {@link NorseImport}). */
public final class NorseBackends implements BackendProvider {
    /** Forward Euler with the synaptic current first, v &gt; θ, reset to 0, float32. */
    static final FloatNeurons NEURONS = new FloatNeurons(Scheme.EULER_CURRENT_FIRST, SpikeTest.GREATER,
            Reset.TO_ZERO, Precision.FLOAT32);

    public static final Backend NORSE = new Backend("norse", Backend.Kind.SIMULATOR,
            "Norse from_nir: Euler via 1/τ, R ignored (LIF, IF), reset to 0, recurrent map's output 1 step late",
            new Version("paper-2023", "Norse as the NIR paper ran it (2023)",
                    "the published Norse activity of E3 bin for bin (PaperRecurrentTest); "
                    + "norse/torch/utils/import_nir.py, functional/lif_box.py (docs/platforms.md §4.2)"),
            NeuronKind.every(NEURONS), NorseImport.rules(), Backend.CycleDelay.CLOSING_EDGE);

    @Override
    public List<Backend> backends() {
        return List.of(NORSE);
    }
}
