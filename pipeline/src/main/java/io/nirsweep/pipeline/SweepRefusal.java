package io.nirsweep.pipeline;

/**
 * A sweep refused before it does any work, for a reason outside the config's text: where it would write (a
 * folder that is not an earlier result, one holding the sweep's own files, one another sweep is writing) or a
 * config that names a node a model lacks. The message is one line naming the path concerned; the command line
 * prints it and exits 2.
 */
public final class SweepRefusal extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SweepRefusal(String message) {
        this(message, null);
    }

    /** The same, caused by another exception; line breaks (of a hostile file name) become spaces. */
    public SweepRefusal(String message, Throwable cause) {
        super(message.replaceAll("\\s*[\\r\\n]+\\s*", " "), cause);
    }
}
