package io.nirsweep.sim.simulators.lavadl;

import io.nirsweep.sim.backend.Backend;
import io.nirsweep.sim.backend.Version;
import io.nirsweep.sim.backend.BackendProvider;
import io.nirsweep.sim.neuron.NeuronKind;
import java.util.List;

/** The paper's lava-dl converter, CUBA in fixed point (docs/platforms.md §4.7; {@link LavaDlImport}). */
public final class LavaDlBackends implements BackendProvider {
    public static final Backend LAVA_DL = new Backend("lava-dl", Backend.Kind.SIMULATOR,
            "the paper's lava-dl converter: CUBA neurons in fixed point, 12-bit decays, reset 0, "
                    + "recurrent bias dropped",
            new Version("paper-2023", "the NIR paper's converter, lava-dl of 2023",
                    "the published lava-dl activity of E3 re-derived bit for bit and its totals "
                    + "(docs/platforms.md §3, §4.7; PaperRecurrentTest); slayer/neuron/cuba.py"),
            NeuronKind.these(new FixedPointCuba(), NeuronKind.IF, NeuronKind.CUBA_LIF), LavaDlImport.rules(),
            Backend.CycleDelay.NEURON_OUTPUT);

    @Override
    public List<Backend> backends() {
        return List.of(LAVA_DL);
    }
}
