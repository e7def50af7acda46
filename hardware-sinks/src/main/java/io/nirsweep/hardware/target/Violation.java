package io.nirsweep.hardware.target;

/**
 * One reason a model does not fit a chip: a limit exceeded or a graph rule of the chip's toolchain broken.
 *
 * @param node the node concerned, or null for the whole model
 * @param rule what is broken, with the numbers ("input channels 700 &gt; 16")
 * @param source where the limit or rule is stated
 */
public record Violation(String node, String rule, String source) {
    /** The limit a usage exceeds, at its node (or the usage's scope when that is not a node). */
    public static Violation of(Usage u, String node) {
        return new Violation(node, u.limit().name() + " " + u.used() + " > " + u.limit().value()
                + (u.limit().unit().isEmpty() ? "" : " " + u.limit().unit())
                + (node == null || node.equals(u.scope()) ? "" : " (" + u.scope() + ")"), u.limit().source());
    }

    /** One line: node, rule, source. */
    public String text() {
        return (node == null ? "" : "node '" + node + "': ") + rule + " [" + source + "]";
    }

    @Override
    public String toString() {
        return text();
    }
}
