package io.nirsweep.sim.backend;

import io.nirsweep.sim.neuron.FloatNeurons;
import io.nirsweep.sim.neuron.NeuronKind;
import io.nirsweep.sim.neuron.NeuronStepFactory;
import io.nirsweep.sim.neuron.Precision;
import io.nirsweep.sim.neuron.Reset;
import io.nirsweep.sim.neuron.ResetTiming;
import io.nirsweep.sim.neuron.ResetVariant;
import io.nirsweep.sim.neuron.Scheme;
import io.nirsweep.sim.neuron.SpikeTest;
import io.nirsweep.sim.neuron.SpikeTiming;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A backend decomposed into its named choices, so that two backends can be recombined one choice at a time — the
 * equivalence report's "cause by experiment": walk from backend A to B, change one axis, re-run, and see which change
 * removes the divergence. The axes, in the fixed order {@link #differingAxes} lists them:
 *
 * <ol>
 *   <li>{@value #INTEGRATOR} — the {@link Scheme};
 *   <li>{@value #SPIKE_TEST} — the {@link SpikeTest};
 *   <li>{@value #SPIKE_TIMING} — {@link SpikeTiming} with its {@link ResetTiming};
 *   <li>{@value #RESET} — a {@link Reset}, or a {@link ResetVariant} a simulator's package declares;
 *   <li>{@value #NUMBER_TYPE} — a {@link Precision}, or a backend's whole fixed-point arithmetic;
 *   <li>{@value #CYCLE_DELAY} — the {@link Backend.CycleDelay};
 *   <li>one axis per named import rule, {@code "import: <owner>: <name>"} ({@link ImportRule#axis}), in the order the
 *       rules apply (this recipe's, then the other's).
 * </ol>
 *
 * A backend whose neuron steps are not {@link FloatNeurons} (a chip's, lava-dl's fixed point) has one indivisible
 * arithmetic: its five neuron axes all hold it, and moving one of them alone is refused; move them together with
 * {@link #with(List, Recipe)}. An importer that is not a {@link NamedRules} list (a chip's conversion) is one axis.
 * Importers' acceptance checks are not axes: a recombined recipe keeps the checks of both ends, which both accepted
 * the graph. Per-node rules of an importer are {@linkplain io.nirsweep.sim.neuron.NeuronModifier modifiers} of the
 * recipe's neuron choices, so a changed integrator changes those nodes too.
 *
 * <pre>
 *   Recipe a = Recipe.of(Backends.require("spyx")), b = Recipe.of(Backends.require("snntorch"));
 *   for (String axis : a.differingAxes(b)) {
 *       Recipe mid = a.with(axis, b);                 // B's option on one axis
 *       String words = mid.option(axis);              // that option in words
 *       Backend backend = mid.build();                // RefusedCombination: no backend (one-line reason)
 *       Program p = GraphCompiler.compile(g, backend, dt); // SimulationException: refused for this graph
 *   }
 * </pre>
 *
 * Refusals: {@link #build} refuses choices that make no backend ({@link RefusedCombination}, one line); compiling
 * refuses what depends on the graph ({@link io.nirsweep.sim.SimulationException} naming the node): a per-node modifier
 * the recipe's neuron choices cannot take, and two importers' rules that set the same (node, aspect)
 * ({@link NamedRules}). Immutable; {@code Recipe.of(b).build()} runs exactly as {@code b}. See docs/choices.md.
 */
public final class Recipe {
    public static final String INTEGRATOR = "integrator";
    public static final String SPIKE_TEST = "spike test";
    public static final String SPIKE_TIMING = "spike timing";
    public static final String RESET = "reset";
    public static final String NUMBER_TYPE = "number type";
    public static final String CYCLE_DELAY = "cycle delay";
    /** The neuron axes, in order. */
    public static final List<String> NEURON_AXES = List.of(INTEGRATOR, SPIKE_TEST, SPIKE_TIMING, RESET, NUMBER_TYPE);

    /** The option of the {@value #SPIKE_TIMING} axis. */
    public record Timing(SpikeTiming timing, ResetTiming resetTiming) {
        @Override
        public String toString() {
            return timing.summary + (timing == SpikeTiming.PREVIOUS_STEP ? "; " + resetTiming.summary : "");
        }
    }

    /** The option of the {@value #RESET} axis: a generic rule or a simulator's variant of it. */
    public record ResetOption(Reset reset, ResetVariant variant) {
        @Override
        public String toString() {
            return variant != null ? variant.summary() : reset.summary;
        }
    }

    /**
     * A backend's neuron steps that are not float choices: one indivisible option of every neuron axis.
     *
     * @param owner the backend it comes from
     * @param steps its step per neuron kind
     */
    public record Arithmetic(String owner, Map<NeuronKind, NeuronStepFactory> steps) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Arithmetic a && a.owner.equals(owner);
        }

        @Override
        public int hashCode() {
            return owner.hashCode();
        }

        String words(String axis) {
            NeuronStepFactory.Summary s = steps.values().iterator().next().summary();
            String own = switch (axis) {
                case INTEGRATOR -> s.integrator();
                case SPIKE_TEST -> s.spikeTest();
                case SPIKE_TIMING -> s.latency().isEmpty() ? SpikeTiming.SAME_STEP.summary : s.latency();
                case RESET -> s.reset();
                default -> s.numbers();
            };
            return own + " (" + owner + "'s arithmetic, indivisible)";
        }
    }

    private final Backend source;
    private final List<String> changes;
    private final Map<String, Object> neuron;
    private final FloatNeurons template;
    private final Set<NeuronKind> kinds;
    private final Backend.CycleDelay cycleDelay;
    private final List<ImportRule> rules;
    private final List<ImportRule> checks;

    private Recipe(Backend source, List<String> changes, Map<String, Object> neuron, FloatNeurons template,
            Set<NeuronKind> kinds, Backend.CycleDelay cycleDelay, List<ImportRule> rules, List<ImportRule> checks) {
        this.source = source;
        this.changes = List.copyOf(changes);
        this.neuron = Map.copyOf(neuron);
        this.template = template;
        this.kinds = kinds;
        this.cycleDelay = cycleDelay;
        this.rules = List.copyOf(rules);
        this.checks = List.copyOf(checks);
    }

    /**
     * The backend's choices: its neuron step's, if the same {@link FloatNeurons} runs every kind it runs (else its
     * {@link Arithmetic}), its cycle delay, and its importer's rules ({@link NamedRules}; any other importer is one
     * {@link ImportRule.Role#WHOLE} rule).
     */
    public static Recipe of(Backend b) {
        Map<String, Object> neuron = new LinkedHashMap<>();
        FloatNeurons template = null;
        Set<NeuronKind> kinds = EnumSet.copyOf(b.neurons().keySet());
        if (b.neurons().values().stream().distinct().count() == 1
                && b.neurons().values().iterator().next() instanceof FloatNeurons f) {
            template = f;
            neuron.putAll(floatValues(f));
        } else {
            Arithmetic a = new Arithmetic(b.name(), b.neurons());
            NEURON_AXES.forEach(axis -> neuron.put(axis, a));
        }
        List<ImportRule> rules = new ArrayList<>();
        List<ImportRule> checks = new ArrayList<>();
        if (b.rules() instanceof NamedRules named) {
            for (ImportRule r : named.rules()) {
                (r.role() == ImportRule.Role.CHECK ? checks : rules).add(r);
            }
        } else if (b.rules() != ImportRules.NONE) {
            rules.add(ImportRule.whole(b.name(), b.rules()));
        }
        return new Recipe(b, List.of(), neuron, template, kinds, b.cycleDelay(), rules, checks);
    }

    private static Map<String, Object> floatValues(FloatNeurons f) {
        return Map.of(INTEGRATOR, f.scheme(), SPIKE_TEST, f.test(), SPIKE_TIMING,
                new Timing(f.timing(), f.resetTiming()), RESET, new ResetOption(f.reset(), f.variant()), NUMBER_TYPE,
                f.precision());
    }

    /** The backend this recipe was taken from (its name, kind and description when nothing changed). */
    public Backend source() {
        return source;
    }

    /** The name the built backend gets: the source's, or "source with other's axis, ...". */
    public String name() {
        return changes.isEmpty() ? source.name() : source.name() + " with " + String.join(", ", changes);
    }

    /** Every axis of this recipe, in the documented order. */
    public List<String> axes() {
        List<String> axes = new ArrayList<>(NEURON_AXES);
        axes.add(CYCLE_DELAY);
        rules.forEach(r -> axes.add(r.axis()));
        return axes;
    }

    /** The axes on which the two recipes differ, in the documented order (this recipe's rules before the other's). */
    public List<String> differingAxes(Recipe other) {
        List<String> axes = new ArrayList<>();
        for (String axis : NEURON_AXES) {
            if (!Objects.equals(neuron.get(axis), other.neuron.get(axis))) {
                axes.add(axis);
            }
        }
        if (cycleDelay != other.cycleDelay) {
            axes.add(CYCLE_DELAY);
        }
        for (ImportRule r : rules) {
            if (other.rule(r.axis()) == null) {
                axes.add(r.axis());
            }
        }
        for (ImportRule r : other.rules) {
            if (rule(r.axis()) == null) {
                axes.add(r.axis());
            }
        }
        return axes;
    }

    private ImportRule rule(String axis) {
        for (ImportRule r : rules) {
            if (r.axis().equals(axis)) {
                return r;
            }
        }
        return null;
    }

    /** The option this recipe holds on the axis, in words ("not applied" for an import rule it lacks). */
    public String option(String axis) {
        if (NEURON_AXES.contains(axis)) {
            Object v = neuron.get(axis);
            if (v instanceof Arithmetic a) {
                return a.words(axis);
            }
            if (v instanceof Scheme s) {
                return s.summary;
            }
            if (v instanceof SpikeTest t) {
                return t.summary;
            }
            if (v instanceof Precision p) {
                return p.summary;
            }
            return v.toString();
        }
        if (axis.equals(CYCLE_DELAY)) {
            return cycleDelay.summary;
        }
        if (axis.startsWith(ImportRule.AXIS_PREFIX)) {
            ImportRule r = rule(axis);
            return r == null ? "not applied" : "applied";
        }
        throw new IllegalArgumentException("no axis '" + axis + "' (neuron axes " + NEURON_AXES + ", " + CYCLE_DELAY
                + ", or " + ImportRule.AXIS_PREFIX + "<owner>: <rule>)");
    }

    /** This recipe with the other's option on one axis (the other's acceptance checks joined to this one's). */
    public Recipe with(String axis, Recipe other) {
        return with(List.of(axis), other);
    }

    /** This recipe with the other's options on these axes, taken together (to move an indivisible arithmetic). */
    public Recipe with(List<String> axes, Recipe other) {
        Map<String, Object> n = new LinkedHashMap<>(neuron);
        FloatNeurons t = template;
        Set<NeuronKind> k = kinds;
        Backend.CycleDelay c = cycleDelay;
        List<ImportRule> r = new ArrayList<>(rules);
        for (String axis : axes) {
            option(axis); // refuses unknown axes
            if (NEURON_AXES.contains(axis)) {
                n.put(axis, other.neuron.get(axis));
                if (t == null && other.template != null) {
                    t = other.template;
                    k = other.kinds;
                }
            } else if (axis.equals(CYCLE_DELAY)) {
                c = other.cycleDelay;
            } else {
                ImportRule theirs = other.rule(axis);
                r.removeIf(x -> x.axis().equals(axis));
                if (theirs != null) {
                    r.add(insertionPoint(r, other, theirs), theirs);
                }
            }
        }
        if (NEURON_AXES.stream().allMatch(a -> Objects.equals(n.get(a), other.neuron.get(a)))) {
            t = other.template;
            k = other.kinds;
        }
        List<ImportRule> ch = new ArrayList<>(checks);
        other.checks.stream().filter(x -> !ch.contains(x)).forEach(ch::add);
        List<String> changed = new ArrayList<>(changes);
        changed.add(other.source.name() + "'s " + String.join(" + ", axes));
        return new Recipe(source, changed, n, t, k, c, r, ch);
    }

    /**
     * Where the other's rule goes: after the last of our rules that comes before it in the other's list, else at the
     * end (rules that fix dt apply first wherever they stand: {@link ImportRule.Role#TIME_STEP}).
     */
    private static int insertionPoint(List<ImportRule> ours, Recipe other, ImportRule theirs) {
        int at = ours.size();
        for (ImportRule before : other.rules) {
            if (before == theirs) {
                break;
            }
            int i = ours.indexOf(before);
            if (i >= 0) {
                at = i + 1;
            }
        }
        return at;
    }

    /**
     * The backend these choices make.
     *
     * @throws RefusedCombination when they make none: a fixed-point arithmetic with a float option on another neuron
     *     axis (or the other way round), float choices {@link FloatNeurons#refusal} refuses, or a chip's whole
     *     conversion without its own arithmetic
     */
    public Backend build() {
        Map<NeuronKind, NeuronStepFactory> steps = neuronSteps();
        for (ImportRule r : rules) {
            if (r.role() == ImportRule.Role.WHOLE && !(neuron.get(NUMBER_TYPE) instanceof Arithmetic a
                    && a.owner().equals(r.owner()))) {
                throw new RefusedCombination("'" + r.axis() + "' converts each neuron into " + r.owner()
                        + "'s own arithmetic: it runs only with that number type");
            }
        }
        List<ImportRule> all = new ArrayList<>(checks);
        all.addAll(rules);
        ImportRules importer = all.isEmpty() ? ImportRules.NONE : new NamedRules(all);
        String name = name();
        return new Backend(name, source.kind(), changes.isEmpty() ? source.description() : name,
                changes.isEmpty() ? source.version() : new Version(source.version().id(), "recombined from "
                        + source.reproduces(), source.version().evidence()), steps, importer, cycleDelay);
    }

    private Map<NeuronKind, NeuronStepFactory> neuronSteps() {
        Object numbers = neuron.get(NUMBER_TYPE);
        for (String axis : NEURON_AXES) {
            Object v = neuron.get(axis);
            if (numbers instanceof Arithmetic a && !a.equals(v)) {
                return refuse("the number type '" + a.words(NUMBER_TYPE) + "' runs its own " + axis + ", not '"
                        + option(axis) + "'");
            }
            if (!(numbers instanceof Arithmetic) && v instanceof Arithmetic a) {
                return refuse("the " + axis + " '" + a.words(axis) + "' runs only in " + a.owner()
                        + "'s own fixed-point arithmetic, not in '" + option(NUMBER_TYPE) + "'");
            }
        }
        if (numbers instanceof Arithmetic a) {
            return a.steps();
        }
        Timing timing = (Timing) neuron.get(SPIKE_TIMING);
        ResetOption reset = (ResetOption) neuron.get(RESET);
        String why = FloatNeurons.refusal((Scheme) neuron.get(INTEGRATOR), reset.reset(), template.floor(),
                template.maxSpikes(), template.synapseRestsAtVLeak(), timing.timing(), timing.resetTiming(),
                reset.variant());
        if (why != null) {
            return refuse(why);
        }
        FloatNeurons f = new FloatNeurons((Scheme) neuron.get(INTEGRATOR), (SpikeTest) neuron.get(SPIKE_TEST),
                reset.reset(), (Precision) numbers, template.floor(), template.maxSpikes(),
                template.synapseRestsAtVLeak(), timing.timing(), timing.resetTiming(), reset.variant());
        if (f.equals(template)) {
            f = template; // the very step the source ran
        }
        Map<NeuronKind, NeuronStepFactory> steps = new EnumMap<>(NeuronKind.class);
        for (NeuronKind kind : kinds) {
            steps.put(kind, f);
        }
        return steps;
    }

    private static <T> T refuse(String why) {
        throw new RefusedCombination(why);
    }

    @Override
    public String toString() {
        return name();
    }
}
