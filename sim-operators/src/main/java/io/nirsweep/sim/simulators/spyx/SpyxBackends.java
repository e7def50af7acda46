package io.nirsweep.sim.simulators.spyx;

import io.nirsweep.sim.backend.Backend;
import io.nirsweep.sim.backend.BackendProvider;
import io.nirsweep.sim.neuron.NeuronKind;
import java.util.List;

/** Spyx's from_nir of the paper's time (docs/platforms.md §4.3; {@link SpyxImport}). */
public final class SpyxBackends implements BackendProvider {
    public static final Backend SPYX = new Backend("spyx", Backend.Kind.SIMULATOR,
            "Spyx from_nir: gains folded into weights, spike from the previous step's voltage, subtract reset",
            "Spyx 97ff1f9, Haiku era, the NIR paper's",
            NeuronKind.every(new PreviousStepSpikes(PreviousStepSpikes.ResetTiming.BEFORE_DECAY)), new SpyxImport(),
            Backend.CycleDelay.NEURON_OUTPUT);

    @Override
    public List<Backend> backends() {
        return List.of(SPYX);
    }
}
