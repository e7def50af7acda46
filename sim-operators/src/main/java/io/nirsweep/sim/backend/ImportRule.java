package io.nirsweep.sim.backend;

import java.util.Objects;

/**
 * One named thing a platform's importer does to a graph — "θ normalised to 1", "R ignored", "Lowpass synapse
 * delivers next step" — so that a {@link Recipe} can take it or leave it one at a time. An importer is a list of
 * these ({@link NamedRules}): its acceptance check (the nodes and values it refuses, one per importer), and its named
 * rules, each rewriting parameters, step modifiers, edges or dt. A chip's conversion, whose parts make sense only
 * together, is one {@link Role#WHOLE} rule; a rule that fixes dt is a {@link Role#TIME_STEP} rule, and the dt an
 * importer uses when its user gives none a {@link Role#DEFAULT_TIME_STEP} rule, both applied before the others.
 *
 * @param owner the importer it belongs to, in words ("Nengo", "snnTorch"): rules of different owners that rewrite
 *     the same (node, parameter) conflict
 * @param name what it does, in a few words, unique within its owner
 * @param role acceptance check, rule, or a whole indivisible importer
 * @param latency the latency it adds, for the backends table ("" for none)
 * @param resetException the nodes whose reset it changes, for the backends table ("" for none)
 * @param body what it does to the graph
 */
public record ImportRule(String owner, String name, Role role, String latency, String resetException,
        ImportRules body) {
    /** The prefix of the recombination axis of a rule: {@code "import: <owner>: <name>"}. */
    public static final String AXIS_PREFIX = "import: ";

    /** What part of an importer a rule is. */
    public enum Role {
        /**
         * Refuses what the importer cannot take and changes nothing else (notes aside). Not a recombination axis: a
         * walk between two backends that both accepted a graph keeps both checks.
         */
        CHECK,
        /**
         * The dt the importer uses when its user passes none (Norse's {@code from_nir(…, dt=0.001)}), or its refusal
         * to run without one. Applied only when the run asks for the importer's own dt ({@code --dt native}), first
         * of all, with the {@link #TIME_STEP} rules, so that the checks read the dt the importer would use. One
         * recombination axis.
         */
        DEFAULT_TIME_STEP,
        /**
         * Fixes dt whatever the run asks for (and so also when it asks for none). Applied before the checks and
         * every other rule, which may read dt, wherever it stands in a recombined list. One recombination axis.
         */
        TIME_STEP,
        /** A named rewrite: parameters, step modifiers, edges. One recombination axis each. */
        RULE,
        /** A whole importer that is not split (a chip's conversion): one recombination axis. */
        WHOLE
    }

    public ImportRule {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(resetException, "resetException");
        Objects.requireNonNull(body, "body");
    }

    /** A named rewrite. */
    public static ImportRule rule(String owner, String name, ImportRules body) {
        return new ImportRule(owner, name, Role.RULE, "", "", body);
    }

    /** A rule that fixes dt (see {@link Role#TIME_STEP}). */
    public static ImportRule timeStep(String owner, String name, ImportRules body) {
        return new ImportRule(owner, name, Role.TIME_STEP, "", "", body);
    }

    /**
     * The dt the importer uses when its user passes none (see {@link Role#DEFAULT_TIME_STEP}), named "dt &lt;value&gt;
     * when none is given".
     *
     * @param why where the importer takes it from, for the note
     */
    public static ImportRule defaultDt(String owner, double seconds, String why) {
        return new ImportRule(owner, "dt " + Values.seconds(seconds) + " when none is given", Role.DEFAULT_TIME_STEP,
                "", "", imp -> imp.useDt(seconds, why));
    }

    /** A rule that sets the importer's own dt from the graph (see {@link Role#DEFAULT_TIME_STEP}). */
    public static ImportRule defaultTimeStep(String owner, String name, ImportRules body) {
        return new ImportRule(owner, name, Role.DEFAULT_TIME_STEP, "", "", body);
    }

    /** The importer's acceptance check (named "accepts the graph"). */
    public static ImportRule check(String owner, ImportRules body) {
        return new ImportRule(owner, "accepts the graph", Role.CHECK, "", "", body);
    }

    /** A whole importer as one rule, with its table words. */
    public static ImportRule whole(String owner, ImportRules body) {
        return new ImportRule(owner, "the whole conversion", Role.WHOLE, body.latency(), body.resetExceptions(), body);
    }

    /** The same, with the latency it adds in the backends table's words. */
    public ImportRule addsLatency(String words) {
        return new ImportRule(owner, name, role, words, resetException, body);
    }

    /** The same, with the nodes whose reset it changes in the backends table's words. */
    public ImportRule changesReset(String words) {
        return new ImportRule(owner, name, role, latency, words, body);
    }

    /** Its recombination axis: "import: owner: name". */
    public String axis() {
        return AXIS_PREFIX + owner + ": " + name;
    }
}
