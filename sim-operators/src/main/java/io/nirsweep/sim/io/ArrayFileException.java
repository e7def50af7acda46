package io.nirsweep.sim.io;

/**
 * An array file ({@code .npy} or {@code .csv}) that cannot be read or written: malformed, hostile, too big,
 * missing, or a folder that cannot be written to. The message is one line that starts with the file, then the
 * line and column for CSV problems, so the command line can print it as is ({@code exit 2}, docs/cli.md).
 */
public final class ArrayFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The file as messages name it: its path when local, its URI otherwise. */
    private final String file;
    private final long line;
    private final int column;
    private final String problem;

    /** A problem with the file as a whole. */
    public ArrayFileException(String file, String problem) {
        this(file, 0, 0, problem, null);
    }

    /** A problem with a local file as a whole (one being written). */
    public ArrayFileException(java.nio.file.Path file, String problem) {
        this(file.toString(), 0, 0, problem, null);
    }

    /** A problem with the file as a whole, caused by an I/O failure. */
    public ArrayFileException(String file, String problem, Throwable cause) {
        this(file, 0, 0, problem, cause);
    }

    /**
     * A problem at a place in a text file.
     *
     * @param line   1-based line, or 0 when the problem is not on one line
     * @param column 1-based column (CSV field, counting the {@code t} column), or 0 when the whole line is meant
     */
    public ArrayFileException(String file, long line, int column, String problem) {
        this(file, line, column, problem, null);
    }

    private ArrayFileException(String file, long line, int column, String problem, Throwable cause) {
        super(format(file, line, column, problem), cause);
        this.file = file;
        this.line = line;
        this.column = column;
        this.problem = oneLine(problem);
    }

    /** The file concerned, as messages name it. */
    public String file() {
        return file;
    }

    /** The 1-based line of a text file, or 0 when the problem is not tied to a line. */
    public long line() {
        return line;
    }

    /** The 1-based column of a CSV field, or 0 when the problem is not tied to a field. */
    public int column() {
        return column;
    }

    /** What is wrong, without the file and place. */
    public String problem() {
        return problem;
    }

    private static String format(String file, long line, int column, String problem) {
        StringBuilder out = new StringBuilder().append(file);
        if (line > 0) {
            out.append(", line ").append(line);
            if (column > 0) {
                out.append(", column ").append(column);
            }
        }
        return out.append(": ").append(oneLine(problem)).toString();
    }

    /** Messages are printed as one line; text quoted from a file must not break that. */
    private static String oneLine(String text) {
        return text.replaceAll("[\\r\\n]+", " ");
    }
}
