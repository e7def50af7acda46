package io.nirsweep.operators.parquet;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Hive-style partition folder names ({@code column=value}), as DuckDB, Polars, pyarrow, Spark and Flink SQL read
 * them with hive partitioning on.
 *
 * <p>A value is escaped the way Hive's {@code FileUtils.escapePathName} does, so that any model or backend name
 * gives exactly one folder level and one folder name valid on Linux, macOS and Windows: the characters
 * {@code " # % ' * / : = ? \ [ ] ^ { } < > |}, the space and every control character become {@code %XX} (upper-case
 * hex of each UTF-8 byte); everything else, non-ASCII letters included, stays as it is. Names such as
 * {@code braille_noDelay_bias_zero.nir} or {@code lava-dl} therefore stay readable.
 */
public final class HivePartitions {

    private static final String ESCAPED = "\"#%'*/:=?\\[]^{}<>| ";
    private static final Pattern COLUMN = Pattern.compile("[a-z_][a-z0-9_]*");
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private HivePartitions() {
    }

    /**
     * The relative folder of one (backend, model) partition of the spikes table, {@code spikes/backend=<b>/model=<m>/}
     * with {@code /} separators and a trailing slash, so that it can be appended to a local path or a URI alike.
     */
    public static String spikesDir(String backend, String model) {
        return tableDir(ParquetTables.SPIKES, backend, model);
    }

    /** The relative folder of one (backend, model) partition of the traces table, like {@link #spikesDir}. */
    public static String tracesDir(String backend, String model) {
        return tableDir(ParquetTables.TRACES, backend, model);
    }

    /** {@code <table>/backend=<b>/model=<m>/}, the layout of every table partitioned by backend and model. */
    public static String tableDir(String table, String backend, String model) {
        return checkedColumn("table", table) + "/" + segment("backend", backend) + "/" + segment("model", model) + "/";
    }

    /** One folder name {@code column=escaped value}; the column must be lower snake case. */
    public static String segment(String column, String value) {
        return checkedColumn("partition column", column) + "=" + escape(value);
    }

    /**
     * The value escaped for a folder name (see the class comment).
     *
     * @throws IllegalArgumentException if the value is null, empty (Hive would write its
     *                                  {@code __HIVE_DEFAULT_PARTITION__}, which readers do not turn back into the
     *                                  value), or holds an unpaired surrogate (no UTF-8 encoding exists)
     */
    public static String escape(String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("a partition value must not be " + (value == null ? "null" : "empty"));
        }
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            if (Character.isSurrogate(value.charAt(i)) && Character.charCount(cp) == 1) {
                throw new IllegalArgumentException(
                        "partition value \"" + value + "\" holds an unpaired surrogate at index " + i);
            }
            if (Character.isISOControl(cp) || (cp < 0x80 && ESCAPED.indexOf(cp) >= 0)) {
                for (byte b : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
                    out.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
                }
            } else {
                out.appendCodePoint(cp);
            }
            i += Character.charCount(cp);
        }
        return out.toString();
    }

    /**
     * The inverse of {@link #escape}: every {@code %XX} becomes the byte XX and the bytes are read as UTF-8. A
     * {@code %} not followed by two hex digits stays as it is, as in Hive.
     */
    public static String unescape(String name) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(name.length());
        StringBuilder out = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            int hi = i + 2 < name.length() ? Character.digit(name.charAt(i + 1), 16) : -1;
            int lo = hi >= 0 ? Character.digit(name.charAt(i + 2), 16) : -1;
            if (c == '%' && lo >= 0) {
                bytes.write(hi << 4 | lo);
                i += 2;
            } else {
                flush(bytes, out);
                out.append(c);
            }
        }
        flush(bytes, out);
        return out.toString();
    }

    private static void flush(ByteArrayOutputStream bytes, StringBuilder out) {
        if (bytes.size() > 0) {
            out.append(bytes.toString(StandardCharsets.UTF_8));
            bytes.reset();
        }
    }

    private static String checkedColumn(String what, String name) {
        if (name == null || !COLUMN.matcher(name).matches()) {
            throw new IllegalArgumentException(what + " name \"" + name + "\" is not lower snake case");
        }
        return name;
    }
}
