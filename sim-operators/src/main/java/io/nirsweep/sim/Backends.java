package io.nirsweep.sim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The named backends, by the word users give on the command line. */
public final class Backends {
    private static final Map<String, Backend> BY_NAME = new LinkedHashMap<>();

    /**
     * The NIR equations solved exactly for step-constant input (platforms.md §4.0 and §1.2: the paper's
     * reference for experiment 1): exact exponential integration, crossings located inside the step,
     * v &gt; θ, reset to v_reset at the crossing instant, float64.
     */
    public static final Backend EXACT = register(new Backend("exact",
            "NIR's ODEs solved exactly for step-constant input; spikes at the exact crossing, reset to v_reset",
            Backend.Integrator.EXACT, Backend.SpikeTest.GREATER, Backend.Reset.TO_V_RESET,
            Backend.Precision.FLOAT64));

    /** Forward Euler of NIR's ODEs, v &gt; θ at the end of the step, reset to v_reset, float64. */
    public static final Backend EULER = register(new Backend("euler",
            "forward Euler of NIR's ODEs; spike if v > threshold at the end of the step, reset to v_reset",
            Backend.Integrator.EULER, Backend.SpikeTest.GREATER, Backend.Reset.TO_V_RESET,
            Backend.Precision.FLOAT64));

    /** snnTorch's import_from_nir as the paper ran it (platforms.md §4.1; {@link SnntorchImport}). */
    public static final Backend SNNTORCH = register(new Backend("snntorch",
            "snnTorch import_from_nir: Euler decays at dt = 1e-4, θ divided by the input gain, reset to 0, "
                    + "IF → Leaky(β = 0.9)",
            Backend.Integrator.EULER_CURRENT_FIRST, Backend.SpikeTest.GREATER, Backend.Reset.TO_ZERO,
            Backend.Precision.FLOAT32, Backend.CycleDelay.NEURON_OUTPUT, new SnntorchImport(false)));

    /**
     * snnTorch with reset_mechanism="subtract" and its bookkeeping: the native model the paper trained with
     * subtraction (E3 noBias_subtract); the importer itself always resets to zero (platforms.md §1.3, §4.1).
     */
    public static final Backend SNNTORCH_SUBTRACT = register(new Backend("snntorch-subtract",
            "snnTorch as trained with reset_mechanism=\"subtract\" (E3 noBias_subtract): like snntorch, "
                    + "subtract reset",
            Backend.Integrator.EULER_CURRENT_FIRST, Backend.SpikeTest.GREATER, Backend.Reset.SUBTRACT_SNNTORCH,
            Backend.Precision.FLOAT32, Backend.CycleDelay.NEURON_OUTPUT, new SnntorchImport(true)));

    /** Norse's from_nir (platforms.md §4.2; {@link NorseImport}). */
    public static final Backend NORSE = register(new Backend("norse",
            "Norse from_nir: Euler via 1/τ, R ignored (LIF, IF), reset to 0, recurrent map's output 1 step late",
            Backend.Integrator.EULER_CURRENT_FIRST, Backend.SpikeTest.GREATER, Backend.Reset.TO_ZERO,
            Backend.Precision.FLOAT32, Backend.CycleDelay.CLOSING_EDGE, new NorseImport()));

    /** Spyx's from_nir of the paper's time (platforms.md §4.3; {@link SpyxImport}). */
    public static final Backend SPYX = register(new Backend("spyx",
            "Spyx from_nir: gains folded into weights, spike from the previous step's voltage, subtract reset",
            Backend.Integrator.EULER_CURRENT_FIRST, Backend.SpikeTest.PREVIOUS_STEP, Backend.Reset.SUBTRACT,
            Backend.Precision.FLOAT32, Backend.CycleDelay.NEURON_OUTPUT, new SpyxImport()));

    /** Sinabs' from_nir plus the τ/dt every user applies (platforms.md §4.4; {@link SinabsImport}). */
    public static final Backend SINABS = register(new Backend("sinabs",
            "Sinabs from_nir: τ in steps, input without gain, multi-spike subtract, IF floor at −θ",
            Backend.Integrator.EXACT_DECAY_EULER_INPUT, Backend.SpikeTest.GREATER_OR_EQUAL,
            Backend.Reset.SUBTRACT_ALL, Backend.Precision.FLOAT32, Backend.CycleDelay.CLOSING_EDGE,
            new SinabsImport()));

    /** Rockpool's NIR import (platforms.md §4.5; {@link RockpoolImport}). */
    public static final Backend ROCKPOOL = register(new Backend("rockpool",
            "Rockpool: exact decays, w_in and R ignored, input decayed once, multi-spike subtract",
            Backend.Integrator.EXACT_DECAY_EULER_INPUT, Backend.SpikeTest.GREATER_OR_EQUAL,
            Backend.Reset.SUBTRACT_ALL, Backend.Precision.FLOAT32, Backend.CycleDelay.NEURON_OUTPUT,
            new RockpoolImport()));

    /** The paper's Nengo converters (platforms.md §4.6; {@link NengoImport}). */
    public static final Backend NENGO = register(new Backend("nengo",
            "the paper's Nengo converters: θ normalised to 1, exact membrane, Lowpass synapses 1 step late, "
                    + "reset 0, v ≥ 0",
            Backend.Integrator.EXACT_MEMBRANE, Backend.SpikeTest.GREATER, Backend.Reset.TO_ZERO,
            Backend.Precision.FLOAT64, Backend.CycleDelay.CLOSING_EDGE, new NengoImport()));

    /** The paper's lava-dl converter, CUBA in fixed point (platforms.md §4.7; {@link LavaDlImport}). */
    public static final Backend LAVA_DL = register(new Backend("lava-dl",
            "the paper's lava-dl converter: CUBA neurons in fixed point, 12-bit decays, reset 0, "
                    + "recurrent bias dropped",
            Backend.Integrator.FIXED_POINT_CUBA, Backend.SpikeTest.FIXED_POINT_GREATER, Backend.Reset.TO_ZERO,
            Backend.Precision.FIXED_POINT, Backend.CycleDelay.NEURON_OUTPUT, new LavaDlImport()));

    /** SpikingJelly's from_nir (platforms.md §4.11; {@link SpikingJellyImport}). */
    public static final Backend SPIKINGJELLY = register(new Backend("spikingjelly",
            "SpikingJelly from_nir: Euler in steps, R read as decay_input, spike at v ≥ θ, hard reset",
            Backend.Integrator.EULER, Backend.SpikeTest.GREATER_OR_EQUAL, Backend.Reset.TO_V_RESET,
            Backend.Precision.FLOAT32, Backend.CycleDelay.CLOSING_EDGE, new SpikingJellyImport()));

    /**
     * Lava's own processes on CPU in floating point, set up by the paper's converter (platforms.md §4.7, process
     * path; {@link LavaImport}): the path of experiment 1.
     */
    public static final Backend LAVA = register(new Backend("lava",
            "Lava processes via the paper's converter, CPU floating point: Dense +1 step, v ← (1 − dt/τ)·v + u, "
                    + "reset 0",
            Backend.Integrator.EULER, Backend.SpikeTest.GREATER, Backend.Reset.TO_ZERO, Backend.Precision.FLOAT64,
            Backend.CycleDelay.CLOSING_EDGE, new LavaImport(false)));

    /** The same on Lava's bit-accurate fixed-point model of Loihi 2 ({@link LoihiLifKernel}). */
    public static final Backend LAVA_FIXED = register(new Backend("lava-fixed",
            "Lava processes via the paper's converter, bit-accurate fixed point (Loihi 2's arithmetic on CPU)",
            Backend.Integrator.FIXED_POINT_LOIHI, Backend.SpikeTest.GREATER, Backend.Reset.TO_ZERO,
            Backend.Precision.FIXED_POINT_LOIHI, Backend.CycleDelay.CLOSING_EDGE, new LavaImport(true)));

    private Backends() {}

    private static Backend register(Backend b) {
        BY_NAME.put(b.name(), b);
        return b;
    }

    public static List<Backend> all() {
        return List.copyOf(BY_NAME.values());
    }

    /** The choices of every backend as a Markdown table (the README shows this output). */
    public static String markdownTable() {
        StringBuilder sb = new StringBuilder();
        sb.append("| backend | integrator | spike test | reset | latency | spikes per step | numbers |\n");
        sb.append("|---|---|---|---|---|---|---|\n");
        for (Backend b : all()) {
            sb.append("| `").append(b.name()).append("` | ").append(String.join(" | ", b.choices())).append(" |\n");
        }
        return sb.toString();
    }

    /** The names, comma-separated, for messages that list what exists. */
    public static String names() {
        return String.join(", ", BY_NAME.keySet());
    }

    /** The backend of that name, or null. */
    public static Backend byName(String name) {
        return BY_NAME.get(name);
    }
}
