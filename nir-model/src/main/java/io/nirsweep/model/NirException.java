package io.nirsweep.model;

import java.nio.file.Path;

/**
 * Why a NIR file or graph was refused. One line names the file, the node (as {@code outer/inner}), the
 * parameter and the problem, so a user can fix the file without a stack trace.
 */
public final class NirException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What kind of problem, as reported in {@code inspect --json}'s {@code error} field. */
    public enum Kind {
        /** The file cannot be opened or is not HDF5. */
        IO("IOError"),
        /** The HDF5 layout is not a NIR graph: missing groups, unknown node types, bad keys or edges. */
        FORMAT("FormatError"),
        /** A parameter has an impossible value or shape. */
        VALUE("ValueError"),
        /** Shape inference or the type check failed (edges connect incompatible shapes). */
        TYPE("TypeError"),
        /** The file claims more than the configured limits allow (size, nesting, node count). */
        LIMIT("LimitError");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final Kind kind;
    /** The file as messages name it ({@link ReadableFile#name()}), or null before it is known. */
    private final String file;
    private final String node;
    private final String parameter;
    private final String problem;

    public NirException(Kind kind, String file, String node, String parameter, String problem) {
        super(format(file, node, parameter, problem));
        this.kind = kind;
        this.file = file;
        this.node = node;
        this.parameter = parameter;
        this.problem = problem;
    }

    /** A problem with one parameter, before its node and file are known. */
    public static NirException value(String parameter, String problem) {
        return new NirException(Kind.VALUE, null, null, parameter, problem);
    }

    public static NirException format(String problem) {
        return new NirException(Kind.FORMAT, null, null, null, problem);
    }

    public static NirException type(String node, String problem) {
        return new NirException(Kind.TYPE, null, node, null, problem);
    }

    /**
     * The same problem located in a node; a node path already known (from deeper down) is kept and
     * prefixed with {@code outerNode/}.
     */
    public NirException inNode(String outerNode) {
        String path = node == null ? outerNode : outerNode + "/" + node;
        return new NirException(kind, file, path, parameter, problem);
    }

    /** The same problem located in a file, named by its text (kept if already known). */
    public NirException inFile(String name) {
        return file != null ? this : new NirException(kind, name, node, parameter, problem);
    }

    /** The same problem located in a local file (kept if already known). */
    public NirException inFile(Path path) {
        return inFile(path.toString());
    }

    public Kind kind() {
        return kind;
    }

    /** The file as messages name it (a path, or a URI for a file elsewhere), or null. */
    public String file() {
        return file;
    }

    /** Node path ({@code outer/inner}), or null for a file-level problem. */
    public String node() {
        return node;
    }

    public String parameter() {
        return parameter;
    }

    public String problem() {
        return problem;
    }

    /** The message without the file name (for JSON views whose caller already knows the file). */
    public String detail() {
        return format(null, node, parameter, problem);
    }

    /** One line: names quoted with their control characters escaped (see {@link MessageText}). */
    private static String format(String file, String node, String parameter, String problem) {
        StringBuilder sb = new StringBuilder();
        if (file != null) {
            sb.append(file).append(": ");
        }
        if (node != null) {
            sb.append("node ").append(MessageText.quotePath(node));
            sb.append(parameter != null ? ", " : ": ");
        }
        if (parameter != null) {
            sb.append("parameter ").append(MessageText.quote(parameter)).append(": ");
        }
        return MessageText.oneLine(sb.append(problem).toString());
    }
}
