package io.nirsweep.pipeline.config;

import java.nio.file.Path;

/**
 * A sweep config that cannot be used: unreadable or malformed YAML, an unknown or missing key, a value of the
 * wrong type, an impossible value, or a path that names no file. The message is one line,
 * {@code FILE line N: KEY: problem} (e.g. {@code conf/demo.yaml line 12: grid.dt[1]: must be > 0, got -0.001}),
 * so the command line prints it as it is and exits 2; nothing of the sweep has run when it is thrown.
 */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final int line;
    private final String key;

    /**
     * @param file    the config file as the user named it
     * @param line    1-based line of the offending key or value, or 0 when the problem is not on one line
     * @param key     where in the config, e.g. {@code inputs[1].kind}, or null for the file as a whole
     * @param problem what is wrong (for unknown keys the whole sentence, which names the key itself)
     */
    public ConfigException(Path file, int line, String key, String problem) {
        this(file, line, key, problem, null);
    }

    /** The same, caused by another exception (an I/O failure, a YAML syntax error, a file pattern). */
    public ConfigException(Path file, int line, String key, String problem, Throwable cause) {
        super(format(file, line, problem), cause);
        this.file = file;
        this.line = line;
        this.key = key;
    }

    /** The config file as the user named it. */
    public Path file() {
        return file;
    }

    /** The 1-based line of the problem, or 0. */
    public int line() {
        return line;
    }

    /** The key concerned, e.g. {@code grid.dt[1]}, or null for the file as a whole. */
    public String key() {
        return key;
    }

    private static String format(Path file, int line, String problem) {
        String where = file + (line > 0 ? " line " + line : "");
        return where + ": " + (problem == null ? "" : problem.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip());
    }
}
