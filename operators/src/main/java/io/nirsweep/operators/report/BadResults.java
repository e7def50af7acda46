package io.nirsweep.operators.report;

/**
 * A sweep's results that are not what a sweep writes: a part file that does not read as its table, a spike of a
 * neuron or step the cell does not have, a cell id the sweep's config does not plan. The message is one line that
 * starts with {@link #PREFIX} and names the file or the cell; the report's driver finds it in a failed pipeline's
 * causes (a cluster sends the message, not always the class) and refuses the results with it (exit 2).
 */
public final class BadResults extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** How the message starts, so that it can be found by its text alone. */
    public static final String PREFIX = "bad results: ";

    public BadResults(String message, Throwable cause) {
        super(PREFIX + message, cause);
    }

    /** The one-line reason in a failure's causes (without {@link #PREFIX}), or null when there is none. */
    public static String find(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String m = t.getMessage();
            int at = m == null ? -1 : m.indexOf(PREFIX);
            if (at >= 0) {
                return m.substring(at + PREFIX.length()).lines().findFirst().orElse("");
            }
        }
        return null;
    }
}
