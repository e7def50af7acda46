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

    /** The backend of that name, or null. */
    public static Backend byName(String name) {
        return BY_NAME.get(name);
    }
}
