package io.nirsweep.hardware.target;

import io.nirsweep.model.NirGraph;
import io.nirsweep.model.types.ParameterValues;
import io.nirsweep.sim.SimulationException;
import io.nirsweep.sim.backend.Backend;
import io.nirsweep.sim.backend.Backends;
import io.nirsweep.sim.backend.FlatGraph;
import io.nirsweep.sim.backend.Import;
import io.nirsweep.sim.backend.StepLength;
import io.nirsweep.sim.engine.GraphCompiler;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The chip targets: the registered backends whose rules are a chip's {@link ChipRules} (found through the same plug-in
 * point as every backend), and the mapping of a model onto one of them.
 */
public final class Chips {
    private Chips() {}

    /** Every chip target, in the registry's order. */
    public static List<Backend> all() {
        return Backends.all().stream().filter(Chips::isChip).toList();
    }

    public static boolean isChip(Backend b) {
        return b.rules() instanceof ChipRules;
    }

    /** The names, comma-separated, for messages. */
    public static String names() {
        return all().stream().map(Backend::name).collect(Collectors.joining(", "));
    }

    /** The target of that name; an {@link IllegalArgumentException} naming the targets when there is none. */
    public static Backend require(String name) {
        Backend b = Backends.byName(name);
        if (b == null || !isChip(b)) {
            throw new IllegalArgumentException("no chip target '" + name + "'" + (b == null ? ""
                    : " (" + name + " is a " + b.kind().label + " backend without resource limits)")
                    + " (targets: " + names() + ")");
        }
        return b;
    }

    public static ChipRules rules(Backend target) {
        return (ChipRules) target.rules();
    }

    /**
     * Whether and how the graph fits the target, as its toolchain converts it.
     *
     * @param graph a graph read with type checking
     * @param dt the step length in seconds (decays and time constants are quantised for it)
     * @param weightBits the weights' width a sweep asks for, or null for the chip's own
     * @throws SimulationException when the target does not take {@code weightBits}, or a parameter no dynamics can
     *     run with (τ = 0, NaN)
     */
    public static MappingReport map(NirGraph graph, Backend target, double dt, Integer weightBits) {
        return map(graph, target, GraphCompiler.givenDt(dt), weightBits);
    }

    /**
     * The same, with the step length given or asked of the target's toolchain ({@link StepLength#NATIVE}: refused
     * with one line when its conversion has no dt of its own — every chip's here but loihi2's LIF path, the paper's
     * Lava converter's 1e-4 s; the others quantise their decays for the dt they are given).
     */
    public static MappingReport map(NirGraph graph, Backend target, StepLength dt, Integer weightBits) {
        target.requireWeightBits(weightBits);
        ParameterValues.check(graph);
        Import imp = new Import(FlatGraph.of(graph), target, dt, weightBits);
        target.rules().applyDtRules(imp);
        return rules(target).map(imp);
    }

    /** Every target's conversion, arithmetic, latencies, checked limits and sources (the README shows this). */
    public static String markdownTable() {
        StringBuilder sb = new StringBuilder();
        sb.append("| target | quantisation | arithmetic | latencies | limits `map` checks | sources |\n");
        sb.append("|---|---|---|---|---|---|\n");
        for (Backend b : all()) {
            ChipRules r = rules(b);
            ChipRules.TargetFacts f = r.facts();
            String limits = r.limits().stream().map(l -> l.name() + " " + l.bound()).collect(Collectors.joining("; "));
            sb.append("| `").append(b.name()).append("` | ").append(cell(f.quantisation())).append(" | ")
                    .append(cell(f.arithmetic())).append(" | ").append(cell(f.latencies())).append(" | ")
                    .append(cell(limits)).append(" | ").append(cell(f.sources())).append(" |\n");
        }
        return sb.toString();
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }
}
