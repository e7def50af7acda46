package io.nirsweep.hardware.target;

import io.nirsweep.sim.backend.Import;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Whether a model fits a chip, and how: the resources it uses against the chip's limits, where each node goes, what
 * the conversion's quantisation does to its parameters, every limit or graph rule it breaks (with the node), and the
 * conversion's notes. A model fits when nothing is broken; a limit that is not public is listed but never breaks.
 *
 * @param target the chip target's name
 * @param dt the step length, in seconds, the conversion quantised the decays for
 * @param usage every resource counted, each against its limit
 * @param placement where each node goes (empty when the model does not fit)
 * @param quantisation the conversion's error per node and parameter
 * @param violations every reason it does not fit, in graph order
 * @param notes what the conversion did, node by node (as {@code nirsweep explain} prints it)
 */
public record MappingReport(String target, double dt, List<Usage> usage, List<Placement> placement,
        List<QuantisationError> quantisation, List<Violation> violations, List<Import.Note> notes) {
    /** Most violations a refusal's one line names; the report keeps them all. */
    public static final int VIOLATIONS_IN_ONE_LINE = 5;

    public MappingReport {
        usage = List.copyOf(usage);
        placement = List.copyOf(placement);
        quantisation = List.copyOf(quantisation);
        violations = List.copyOf(violations);
        notes = List.copyOf(notes);
    }

    public boolean fits() {
        return violations.isEmpty();
    }

    /** The violations in one line: the first few, and how many more. */
    public String violationsLine() {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < Math.min(VIOLATIONS_IN_ONE_LINE, violations.size()); k++) {
            sb.append(k == 0 ? "" : "; ").append(violations.get(k).text());
        }
        if (violations.size() > VIOLATIONS_IN_ONE_LINE) {
            sb.append("; and ").append(violations.size() - VIOLATIONS_IN_ONE_LINE).append(" more");
        }
        return sb.toString();
    }

    /** The largest relative error of any parameter whose name starts with {@code parameter}, or 0. */
    public double maxError(String parameter) {
        return quantisation.stream().filter(q -> q.parameter().startsWith(parameter))
                .mapToDouble(QuantisationError::maxRelative).max().orElse(0);
    }

    /** The report for a person: verdict, resources, placement, quantisation, violations, notes. */
    public String toText() {
        StringBuilder sb = new StringBuilder();
        sb.append(target).append(": ").append(fits() ? "fits" : "does not fit (" + violations.size()
                + (violations.size() == 1 ? " violation)" : " violations)")).append('\n');
        if (!usage.isEmpty()) {
            sb.append("resources:\n");
            for (Usage u : usage) {
                sb.append(u.exceeds() ? "  ! " : "    ").append(u).append('\n');
            }
        }
        if (!placement.isEmpty()) {
            sb.append("placement:\n");
            placement.forEach(p -> sb.append("    ").append(p).append('\n'));
        }
        if (!quantisation.isEmpty()) {
            sb.append("quantisation:\n");
            quantisation.forEach(q -> sb.append("    ").append(q).append('\n'));
        }
        if (!violations.isEmpty()) {
            sb.append("violations:\n");
            violations.forEach(v -> sb.append("    ").append(v.text()).append('\n'));
        }
        if (!notes.isEmpty()) {
            sb.append("conversion:\n");
            notes.forEach(n -> sb.append("    ").append(n).append('\n'));
        }
        return sb.toString();
    }

    /** Collects a report while a chip's rules walk the graph. */
    public static final class Builder {
        private final String target;
        private final List<Usage> usage = new ArrayList<>();
        private final List<Placement> placement = new ArrayList<>();
        private final List<QuantisationError> quantisation = new ArrayList<>();
        private final List<Violation> violations = new ArrayList<>();

        public Builder(String target) {
            this.target = target;
        }

        /**
         * Counts a resource; when it exceeds a published limit, that is a violation at {@code node}.
         *
         * @param node the node it belongs to, or null for the whole model
         */
        public Builder use(Limit limit, String scope, long used, String node) {
            Usage u = new Usage(limit, scope, used);
            usage.add(u);
            if (u.exceeds()) {
                violations.add(Violation.of(u, node));
            }
            return this;
        }

        /** A graph rule of the toolchain the model breaks. */
        public Builder violate(String node, String rule, String source) {
            violations.add(new Violation(node, rule, source));
            return this;
        }

        public Builder place(String node, String unit, String detail) {
            placement.add(new Placement(node, unit, detail));
            return this;
        }

        public Builder quantised(QuantisationError error) {
            quantisation.add(error);
            return this;
        }

        /** True when something is broken so far (a rule may stop converting what it cannot convert). */
        public boolean broken() {
            return !violations.isEmpty();
        }

        public MappingReport build(Import imp) {
            return new MappingReport(target, imp.dt(), usage, violations.isEmpty() ? placement : List.of(), quantisation,
                    violations, imp.notes());
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s: %s", target, fits() ? "fits" : violationsLine());
    }
}
