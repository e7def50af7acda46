package io.nirsweep.operators.inputs;

/**
 * An input set that cannot be opened or read: a missing or malformed file, a file that disagrees with the rest
 * of its set, an impossible option, or a sample beyond a size limit. The message is one line that starts with the
 * file concerned (or {@code input set 'NAME'} when no file is), so that the command line can print it as it is
 * and a failed sweep cell can store it in its {@code error} column.
 */
public final class InputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A problem described by a complete one-line message. */
    public InputException(String message) {
        super(oneLine(message));
    }

    /** A problem caused by another exception (an I/O or HDF5 failure, a malformed array file). */
    public InputException(String message, Throwable cause) {
        super(oneLine(message), cause);
    }

    /** Text quoted from files and causes must not break the one-line rule. */
    static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}
