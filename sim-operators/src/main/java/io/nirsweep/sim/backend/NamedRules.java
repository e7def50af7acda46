package io.nirsweep.sim.backend;

import io.nirsweep.sim.SimulationException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An importer as a list of named {@link ImportRule}s: first the rules that fix dt (and, when the run asks for the
 * importer's own dt, the rules that give it), then every acceptance check, on the graph as the file states it, then
 * the other rules in order. A run that asks for the importer's own dt and is given none is refused there, before any
 * check. When the list holds rules of several owners (a
 * recombined {@link Recipe}), every rule's effect is found by comparing the import's state before and after it
 * ({@link Import#changedSince}); a rule that changes a (node, aspect) another owner's rule already changed refuses
 * the graph, naming both — the two importers disagree about that value, and running one after the other would
 * silently compose them.
 *
 * @param rules checks and rules, in the order they apply (dt rules, then checks, run first whatever their place)
 */
public record NamedRules(List<ImportRule> rules) implements ImportRules {
    public NamedRules {
        rules = List.copyOf(rules);
    }

    public static NamedRules of(ImportRule... rules) {
        return new NamedRules(List.of(rules));
    }

    @Override
    public void apply(Import imp) {
        Map<Map.Entry<String, String>, ImportRule> writer = mixed() ? new HashMap<>() : null;
        applyDtRules(imp, writer);
        for (ImportRule r : rules) {
            if (r.role() == ImportRule.Role.CHECK) {
                r.body().apply(imp);
            }
        }
        for (ImportRule r : rules) {
            if (r.role() == ImportRule.Role.RULE || r.role() == ImportRule.Role.WHOLE) {
                apply(r, imp, writer);
            }
        }
    }

    /** The rules that fix dt and, when the run asks for the importer's own, those that give it; then the check. */
    @Override
    public void applyDtRules(Import imp) {
        applyDtRules(imp, mixed() ? new HashMap<>() : null);
    }

    /** The same, recording what each rule changed in {@code writer} (null: one importer, nothing to compare). */
    private void applyDtRules(Import imp, Map<Map.Entry<String, String>, ImportRule> writer) {
        for (ImportRule r : rules) {
            if (r.role() == ImportRule.Role.TIME_STEP
                    || r.role() == ImportRule.Role.DEFAULT_TIME_STEP && imp.nativeDt()) {
                apply(r, imp, writer);
            }
        }
        imp.requireDt();
    }

    /** True when the rules (checks aside) come from several importers: a recombination. */
    private boolean mixed() {
        return rules.stream().filter(r -> r.role() != ImportRule.Role.CHECK).map(ImportRule::owner).distinct()
                .count() > 1;
    }

    /** Applies one rule; with {@code writer}, refuses a (node, aspect) another owner's rule already changed. */
    private static void apply(ImportRule r, Import imp, Map<Map.Entry<String, String>, ImportRule> writer) {
        Import.State before = writer != null ? imp.state() : null;
        r.body().apply(imp);
        if (writer == null) {
            return;
        }
        for (Map.Entry<String, String> changed : imp.changedSince(before)) {
            ImportRule earlier = writer.putIfAbsent(changed, r);
            if (earlier != null && !earlier.owner().equals(r.owner())) {
                throw new SimulationException(changed.getKey().isEmpty() ? null : changed.getKey(),
                        "the rules '" + earlier.axis() + "' and '" + r.axis() + "' both set its "
                                + changed.getValue() + ": a combination of two importers that disagree");
            }
        }
    }

    /** The whole importers' own answer, if there is one; else the default (float32 weights kept). */
    @Override
    public String weightBitsRefusal(int bits) {
        for (ImportRule r : rules) {
            if (r.role() == ImportRule.Role.WHOLE) {
                return r.body().weightBitsRefusal(bits);
            }
        }
        return ImportRules.super.weightBitsRefusal(bits);
    }

    @Override
    public String latency() {
        return rules.stream().map(ImportRule::latency).filter(s -> !s.isEmpty()).collect(Collectors.joining("; "));
    }

    @Override
    public String resetExceptions() {
        return rules.stream().map(ImportRule::resetException).filter(s -> !s.isEmpty())
                .collect(Collectors.joining("; "));
    }
}
