package io.nirsweep.hardware.xylo;

import io.nirsweep.sim.backend.Backend;
import io.nirsweep.sim.backend.Version;
import io.nirsweep.sim.backend.BackendProvider;
import io.nirsweep.sim.SimulationException;
import io.nirsweep.sim.neuron.NeuronKind;
import io.nirsweep.sim.neuron.NeuronParams;
import io.nirsweep.sim.neuron.NeuronStep;
import io.nirsweep.sim.neuron.NeuronStepFactory;
import java.util.List;

/** The {@code xylo} target: Xylo Audio 2 through Rockpool's toolchain ({@link XyloRules}, {@link XyloNeuron}). */
public final class XyloBackends implements BackendProvider {
    /**
     * Runs CubaLIF nodes only: {@link XyloRules} give every one its own {@link XyloNeuron} with the integers of its
     * conversion (or refuse the model), so the kind's registered step names the arithmetic and runs nothing itself.
     */
    public static final Backend XYLO = new Backend("xylo", Backend.Kind.HARDWARE,
            "Xylo Audio 2 (SYNS61201) via Rockpool: per-neuron int8 weights, bit-shift decays, 16-bit saturating "
                    + "states, up to 31 spikes per step",
            new Version("paper-2023",
                    "Rockpool's mapper, channel_quantize and the bit-exact xylosim, as the NIR paper deployed "
                    + "(2023)",
                    "rockpool devices/xylo/syns61201, transform/quantize_methods.py and xylosim's "
                    + "XyloIAFNeuron.cpp, XyloLayer.cpp (docs/platforms.md §4.10)"),
            NeuronKind.these(new ConvertedOnly(), NeuronKind.CUBA_LIF),
            new XyloRules(), Backend.CycleDelay.NEURON_OUTPUT);

    /** The kind's step: a CubaLIF runs only with the integers XyloRules converted for it. */
    private record ConvertedOnly() implements NeuronStepFactory {
        @Override
        public NeuronStep<?> create(String node, NeuronParams params, double dt) {
            throw new SimulationException(node, "the xylo target runs a neuron only with the integers its rules "
                    + "converted for it");
        }

        @Override
        public Summary summary() {
            return new Summary("Xylo bit-shift decays v − max(v >> dash, ±1), synaptic decay before integration",
                    "v ≥ θ", "v ← v − θ per spike (v_reset ignored)", "≤ 31 (hidden), ≤ 1 (readout)",
                    "int8 weights, 16-bit saturating i_syn and v_mem", "");
        }
    }

    @Override
    public List<Backend> backends() {
        return List.of(XYLO);
    }
}
