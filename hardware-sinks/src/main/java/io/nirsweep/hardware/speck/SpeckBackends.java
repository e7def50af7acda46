package io.nirsweep.hardware.speck;

import io.nirsweep.sim.SimulationException;
import io.nirsweep.sim.backend.Backend;
import io.nirsweep.sim.backend.Version;
import io.nirsweep.sim.backend.BackendProvider;
import io.nirsweep.sim.neuron.NeuronKind;
import io.nirsweep.sim.neuron.NeuronParams;
import io.nirsweep.sim.neuron.NeuronStep;
import io.nirsweep.sim.neuron.NeuronStepFactory;
import java.util.List;

/** The {@code speck} chip target: the paper's sinabs → DynapCNN flow ({@link SpeckRules}) on {@link SpeckIaf}. */
public final class SpeckBackends implements BackendProvider {
    /**
     * The IF kind's step before conversion: every IF gets its integers from {@link SpeckRules#map}, which refuses
     * a model before the engine runs it, so this step is only reached by an IF the rules did not convert.
     */
    private record Unconverted() implements NeuronStepFactory {
        @Override
        public NeuronStep<?> create(String node, NeuronParams params, double dt) {
            throw new SimulationException(node, "the speck target runs an IF only with the integer thresholds its "
                    + "conversion sets (this IF was not converted)");
        }

        @Override
        public Summary summary() {
            return new SpeckIaf(1, 0, false).summary();
        }
    }

    public static final Backend SPECK = new Backend(SpeckRules.TARGET, Backend.Kind.HARDWARE,
            "Speck (DynapCNN) via sinabs: 8-bit weights and 16-bit thresholds at one scale per layer, integer IAF "
            + "per time bin, 9 cores",
            new Version("904eb89",
                    "sinabs from_nir + DynapcnnNetwork(discretize=True) (commit 904eb89), the NIR paper's speck "
                    + "scripts",
                    "sinabs backend/dynapcnn discretize.py, dynapcnn_layer.py, mapping.py at 904eb89 and the "
                    + "paper's 02_cnn/speck_*.py (docs/platforms.md §4.9)"),
            NeuronKind.these(new Unconverted(), NeuronKind.IF), new SpeckRules(), Backend.CycleDelay.CLOSING_EDGE);

    @Override
    public List<Backend> backends() {
        return List.of(SPECK);
    }
}
