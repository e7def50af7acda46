package io.nirsweep.hardware.spinnaker2;

import io.nirsweep.sim.backend.Backend;
import io.nirsweep.sim.backend.Version;
import io.nirsweep.sim.backend.BackendProvider;
import io.nirsweep.sim.neuron.NeuronKind;
import io.nirsweep.sim.neuron.NeuronParams;
import io.nirsweep.sim.neuron.NeuronStep;
import io.nirsweep.sim.neuron.NeuronStepFactory;
import java.util.List;

/**
 * The SpiNNaker2 chip targets: py-spinnaker2's NIR conversion with the paper's options and the chip's float32 step.
 * The reset is not in the NIR file: the paper passed {@code ResetMethod.ZERO} for experiment 1
 * ({@code lif_spinnaker2.py}), experiment 2 ({@code s2_apply.ipynb}) and the Braille {@code bias_zero} model, and
 * {@code SUBTRACT} (also s2_nir's own default) for {@code noBias_subtract} ({@code 03_rnn/s2_apply.py} picks it by
 * the model name's suffix). So {@code spinnaker2} resets to zero and {@code spinnaker2-subtract} subtracts θ_hw.
 */
public final class SpiNNaker2Backends implements BackendProvider {
    public static final Backend SPINNAKER2 = backend("spinnaker2", false);
    public static final Backend SPINNAKER2_SUBTRACT = backend("spinnaker2-subtract", true);

    private static Backend backend(String name, boolean subtract) {
        return new Backend(name, Backend.Kind.HARDWARE, "SpiNNaker2 chip via py-spinnaker2's s2_nir (FORWARD, "
                + "conn_delay 0, scaled int8 weights), float32 ARM step, reset " + (subtract ? "by subtraction"
                        : "to zero"),
                new Version("paper-2023", "py-spinnaker2 s2_nir.py as the NIR paper ran it (2023)",
                        "the published SpiNNaker2 spike steps of E1 (docs/platforms.md §2.1); py-spinnaker2 "
                        + "s2_nir.py and the paper's s2 scripts (docs/platforms.md §4.8)"),
                NeuronKind.these(new Unscaled(subtract), NeuronKind.IF, NeuronKind.LIF, NeuronKind.CUBA_LIF),
                new SpiNNaker2Rules(name, subtract), Backend.CycleDelay.CLOSING_EDGE);
    }

    @Override
    public List<Backend> backends() {
        return List.of(SPINNAKER2, SPINNAKER2_SUBTRACT);
    }

    /**
     * A kind's step before the rules convert its population: s2_nir's conversion with w_scale 1 and no bias (its
     * {@code scale_weights=False} path). The rules replace it for every population of a model that fits.
     */
    private record Unscaled(boolean subtract) implements NeuronStepFactory {
        @Override
        public NeuronStep<?> create(String node, NeuronParams params, double dt) {
            return S2Neuron.convert(params, dt, 1.0, new double[params.size()], subtract).neuron()
                    .create(node, params, dt);
        }

        @Override
        public Summary summary() {
            return S2Neuron.convert(new NeuronParams(new double[] {1}, null, null, new double[] {1}, null, null,
                    null), 1, 1, new double[1], subtract).neuron().summary();
        }
    }
}
