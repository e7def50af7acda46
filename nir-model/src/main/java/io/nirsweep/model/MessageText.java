package io.nirsweep.model;

/**
 * How text that comes from a file or the command line (node names, parameter keys, paths, strings) appears in a
 * message: every message is one line, so a name holding a newline or a terminal escape cannot forge further
 * lines or garble the terminal. Control characters are shown as Java escapes ({@code \n}, {@code \u0007});
 * other Unicode (names such as {@code 出力}) is kept as it is.
 */
public final class MessageText {
    /** Longest name shown in full; a longer one is cut, so a hostile name cannot make an enormous line. */
    static final int MAX_QUOTED = 200;

    private MessageText() {}

    /**
     * A name in single quotes, control characters, quotes and backslashes escaped (so the quoted text is
     * unambiguous), cut after {@value #MAX_QUOTED} characters with {@code ...}. Null is shown as {@code null}.
     */
    public static String quote(String name) {
        if (name == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder(name.length() + 2).append('\'');
        int end = name.length() <= MAX_QUOTED ? name.length() : name.offsetByCodePoints(0, Math.min(MAX_QUOTED,
                name.codePointCount(0, name.length())));
        for (int i = 0; i < end; ) {
            int cp = name.codePointAt(i);
            if (cp == '\\' || cp == '\'') {
                sb.append('\\').appendCodePoint(cp);
            } else {
                appendVisible(sb, cp);
            }
            i += Character.charCount(cp);
        }
        sb.append('\'');
        return end < name.length() ? sb.append("...").toString() : sb.toString();
    }

    /**
     * A node path ({@code outer/inner}) quoted like {@link #quote}, but a long one keeps its end: the node it
     * blames. Over {@value #MAX_QUOTED} characters, the leading parts are replaced by {@code .../}, whole parts
     * at a time; a last part longer than that on its own is cut like any name.
     */
    public static String quotePath(String path) {
        if (path == null || path.indexOf('/') < 0 || path.codePointCount(0, path.length()) <= MAX_QUOTED) {
            return quote(path);
        }
        int from = path.lastIndexOf('/') + 1;
        for (int slash = path.lastIndexOf('/', from - 2); slash >= 0; slash = path.lastIndexOf('/', slash - 1)) {
            if (path.codePointCount(slash + 1, path.length()) > MAX_QUOTED - 4) {
                break;
            }
            from = slash + 1;
        }
        return quote(".../" + path.substring(from));
    }

    /**
     * Names for a message that lists what there is ("nodes: a, b, c, … (120 in all)"): at most {@code most}
     * of them, each as it is unless it needs {@link #quote quoting}, so a file with a million nodes still gives a
     * short line.
     */
    public static String listed(java.util.Collection<String> names, int most) {
        StringBuilder sb = new StringBuilder();
        int shown = 0;
        for (String name : names) {
            if (shown == most) {
                return sb.append(", … (").append(names.size()).append(" in all)").toString();
            }
            sb.append(shown++ == 0 ? "" : ", ").append(name != null && firstInvisible(name) < 0
                    && name.length() <= MAX_QUOTED && name.indexOf(',') < 0 ? name : quote(name));
        }
        return sb.toString();
    }

    /**
     * The message with every control character escaped, so it prints as exactly one line; the last guard
     * before anything reaches stderr. Text without control characters is returned as it is.
     */
    public static String oneLine(String message) {
        if (message == null) {
            return "";
        }
        int first = firstInvisible(message);
        if (first < 0) {
            return message;
        }
        StringBuilder sb = new StringBuilder(message.length() + 8).append(message, 0, first);
        for (int i = first; i < message.length(); ) {
            int cp = message.codePointAt(i);
            appendVisible(sb, cp);
            i += Character.charCount(cp);
        }
        return sb.toString();
    }

    private static int firstInvisible(String s) {
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            if (invisible(cp)) {
                return i;
            }
            i += Character.charCount(cp);
        }
        return -1;
    }

    /** Control characters, line and paragraph separators, and unpaired surrogates. */
    private static boolean invisible(int cp) {
        int type = Character.getType(cp);
        return type == Character.CONTROL || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE;
    }

    private static void appendVisible(StringBuilder sb, int cp) {
        if (!invisible(cp)) {
            sb.appendCodePoint(cp);
            return;
        }
        switch (cp) {
            case '\n' -> sb.append("\\n");
            case '\r' -> sb.append("\\r");
            case '\t' -> sb.append("\\t");
            default -> sb.append(String.format("\\u%04x", cp));
        }
    }
}
