package io.nirsweep.sim.simulators.nengo;

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

/** The paper's Nengo converters (docs/platforms.md §4.6; {@link NengoImport}). */
public final class NengoBackends implements BackendProvider {
    /** Exact membrane, Euler synapse first, v &gt; θ at the end of the step, reset to 0, float64. */
    static final FloatNeurons NEURONS = new FloatNeurons(Scheme.EXACT_MEMBRANE, SpikeTest.GREATER, Reset.TO_ZERO,
            Precision.FLOAT64);

    public static final Backend NENGO = new Backend("nengo", Backend.Kind.SIMULATOR,
            "the paper's Nengo converters: θ normalised to 1, exact membrane, Lowpass synapses 1 step late, "
                    + "reset 0, v ≥ 0",
            new Version("paper-2023", "the NIR paper's converters, Nengo of 2023",
                    "the published Nengo totals of E3 (PaperRecurrentTest); the paper's converters "
                    + "paper/01_lif/lif_nengo.ipynb, 02_cnn/nengo_import.py, 03_rnn/nir_to_nengo.py "
                    + "(docs/platforms.md §4.6)"),
            NeuronKind.every(NEURONS), NengoImport.rules(), Backend.CycleDelay.CLOSING_EDGE);

    @Override
    public List<Backend> backends() {
        return List.of(NENGO);
    }
}
