package io.nirsweep.sim.simulators.snntorch;

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

/** snnTorch's import_from_nir as the paper ran it (docs/platforms.md §4.1; {@link SnntorchImport}). */
public final class SnntorchBackends implements BackendProvider {
    /** Leaky and Synaptic: forward Euler with the synaptic current first, v &gt; θ, reset to 0, float32. */
    static final FloatNeurons NEURONS = new FloatNeurons(Scheme.EULER_CURRENT_FIRST, SpikeTest.GREATER,
            Reset.TO_ZERO, Precision.FLOAT32);
    /** The same with snnTorch's subtract reset and its bookkeeping. */
    static final FloatNeurons SUBTRACT_NEURONS = NEURONS.withReset(Reset.SUBTRACT, SnntorchSubtract.BOOKKEEPING);

    /**
     * import_nir.py, leaky.py, synaptic.py, rsynaptic.py at the commit the paper's E3 notebooks install
     * (docs/platforms.md §4.1).
     */
    private static final Version VERSION = new Version("40ad136", "snnTorch 40ad136 (0.7.0+164), the NIR paper's",
            "the published snnTorch activity of E3 bin for bin (PaperRecurrentTest); neuromorphs/NIR paper/03_rnn/"
                    + "snntorch_apply_*.ipynb install snnTorch 40ad136; import_nir.py, leaky.py, synaptic.py, "
                    + "rsynaptic.py there (docs/platforms.md §4.1)");

    public static final Backend SNNTORCH = new Backend("snntorch", Backend.Kind.SIMULATOR,
            "snnTorch import_from_nir: Euler decays at dt = 1e-4, θ divided by the input gain, reset to 0, "
                    + "IF → Leaky(β = 0.9)",
            VERSION, NeuronKind.every(NEURONS), SnntorchImport.rules(), Backend.CycleDelay.NEURON_OUTPUT);

    /**
     * snnTorch 0.9.4 as {@code import_from_nir} of that release runs a graph: as the paper's, except that a recurrent
     * CubaLIF (RSynaptic) has lost its same-step reset, and recurrent LIF pairs and SumPool2d are refused
     * (docs/platforms.md §4.1; {@link SnntorchImport#rules0_9_4}).
     */
    public static final Backend SNNTORCH_0_9_4 = new Backend("snntorch", Backend.Kind.SIMULATOR,
            "snnTorch 0.9.4 import_from_nir: as snntorch, but a recurrent CubaLIF (RSynaptic) is zeroed one step "
                    + "after a spike, input included; recurrent LIF and SumPool2d refused",
            new Version("0.9.4", "snnTorch 0.9.4 (tag f5cb746; neurons as master 634fc22)",
                    "snntorch/_neurons/rsynaptic.py forward (immediate reset into a discarded local since commit "
                    + "4db294e), synaptic.py, leaky.py and import_nir.py at f5cb746; read, no published output "
                    + "(docs/platforms.md §4.1)"),
            NeuronKind.every(NEURONS), SnntorchImport.rules0_9_4(), Backend.CycleDelay.NEURON_OUTPUT);

    /**
     * snnTorch PR #395's head, 3726386 (master bd56874 with the IF import fixed): IF → Leaky(β = 0); feed-forward
     * graphs only — its importer flattens recurrent pairs in a way not reproduced here (docs/platforms.md §4.1;
     * {@link SnntorchImport#rules3726386}).
     */
    public static final Backend SNNTORCH_3726386 = new Backend("snntorch", Backend.Kind.SIMULATOR,
            "snnTorch PR #395 (3726386) import_from_nir: as snntorch@0.9.4 for feed-forward graphs, but IF → "
                    + "Leaky(β = 0), a neuron without memory; recurrent pairs refused",
            new Version("3726386", "snnTorch PR #395 head 3726386 (0.9.4+38: master bd56874, IF → Leaky(β = 0))",
                    "snntorch/import_nir.py at 3726386 (refs/pull/395/head) and leaky.py at its base bd56874 "
                    + "(= master 634fc22's); read, no published output; recurrent pairs not reproduced "
                    + "(docs/platforms.md §4.1)"),
            NeuronKind.every(NEURONS), SnntorchImport.rules3726386(), Backend.CycleDelay.NEURON_OUTPUT);

    /**
     * snnTorch with reset_mechanism="subtract" and its bookkeeping: the native model the paper trained with
     * subtraction (E3 noBias_subtract); the importer itself always resets to zero (docs/platforms.md §1.3, §4.1).
     */
    public static final Backend SNNTORCH_SUBTRACT = new Backend("snntorch-subtract", Backend.Kind.SIMULATOR,
            "snnTorch as trained with reset_mechanism=\"subtract\" (E3 noBias_subtract): like snntorch, "
                    + "subtract reset",
            VERSION, NeuronKind.every(SUBTRACT_NEURONS), SnntorchImport.rules(), Backend.CycleDelay.NEURON_OUTPUT);

    @Override
    public List<Backend> backends() {
        return List.of(SNNTORCH, SNNTORCH_0_9_4, SNNTORCH_3726386, SNNTORCH_SUBTRACT); // the bare name stands for the first
    }
}
