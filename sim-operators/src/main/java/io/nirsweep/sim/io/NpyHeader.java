package io.nirsweep.sim.io;

import java.math.BigInteger;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The header of a {@code .npy} file: a Python dict literal such as
 * {@code {'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }}, checked the way NumPy checks it
 * ({@code numpy.lib.format._read_array_header}): exactly the three keys, a bool, a tuple of integers and a
 * simple dtype. NumPy evaluates the text with {@code ast.literal_eval}; this parses the subset of Python
 * literals that can appear (strings, integers, True/False/None, tuples, lists, dicts), with a nesting limit so
 * hostile text cannot exhaust the stack. (The checks and the small literal parser they need share this file, some
 * 430 lines: the parser serves nothing else.)
 *
 * @param dtype        the element type
 * @param order        the byte order of multi-byte elements
 * @param fortranOrder whether the data is stored column-major
 * @param shape        the dimensions, each non-negative
 */
record NpyHeader(NpyDtype dtype, ByteOrder order, boolean fortranOrder, long[] shape) {

    private static final Set<String> EXPECTED_KEYS = Set.of("descr", "fortran_order", "shape");
    private static final Pattern TYPE_STRING = Pattern.compile("([<>=|]?)([a-zA-Z?])(\\d*)(.*)", Pattern.DOTALL);

    /**
     * Parses and checks a header.
     *
     * @param pythonTwoLongs whether integers may carry Python 2's {@code L} suffix (format 1.0 and 2.0 files, as
     *                       NumPy's {@code _filter_header} allows)
     * @throws ArrayFileException naming the file and what is wrong
     */
    static NpyHeader parse(String file, String text, boolean pythonTwoLongs) {
        Literal value;
        try {
            LiteralParser parser = new LiteralParser(text, pythonTwoLongs);
            value = parser.parseAll();
        } catch (MalformedException e) {
            throw new ArrayFileException(file, "malformed .npy header: " + e.getMessage());
        }
        if (!(value instanceof Dict dict)) {
            throw new ArrayFileException(file, "malformed .npy header: not a dictionary but " + brief(value));
        }
        if (!dict.entries().keySet().equals(EXPECTED_KEYS)) {
            throw new ArrayFileException(file, "malformed .npy header: keys must be exactly 'descr', "
                    + "'fortran_order', 'shape', found " + dict.entries().keySet().stream()
                            .map(ArrayFiles::quote).collect(Collectors.joining(", ", "[", "]")));
        }
        Literal order = dict.entries().get("fortran_order");
        if (!(order instanceof Bool fortran)) {
            throw new ArrayFileException(file, "malformed .npy header: fortran_order must be True or False, found "
                    + brief(order));
        }
        long[] shape = shape(file, dict.entries().get("shape"));
        Literal descr = dict.entries().get("descr");
        if (descr instanceof Sequence) {
            throw new ArrayFileException(file, "structured dtype " + brief(descr)
                    + " (records with named fields) is not supported; save a plain numeric array");
        }
        if (!(descr instanceof Str typeString)) {
            throw new ArrayFileException(file, "malformed .npy header: descr must be a dtype string, found "
                    + brief(descr));
        }
        return typeString(file, typeString.value(), fortran.value(), shape);
    }

    private static long[] shape(String file, Literal value) {
        if (!(value instanceof Sequence tuple) || !tuple.tuple()) {
            throw new ArrayFileException(file, "malformed .npy header: shape must be a tuple of integers, found "
                    + brief(value));
        }
        long[] dims = new long[tuple.items().size()];
        for (int i = 0; i < dims.length; i++) {
            if (!(tuple.items().get(i) instanceof Int dim)) {
                throw new ArrayFileException(file, "malformed .npy header: shape must be a tuple of integers, "
                        + "found " + brief(value));
            }
            if (dim.value().signum() < 0) {
                throw new ArrayFileException(file, "shape " + brief(value) + " has a negative dimension");
            }
            if (dim.value().bitLength() > 63) {
                throw new ArrayFileException(file, "shape " + brief(value) + " has a dimension beyond 2^63");
            }
            dims[i] = dim.value().longValueExact();
        }
        return dims;
    }

    private static NpyHeader typeString(String file, String descr, boolean fortran, long[] shape) {
        Matcher m = TYPE_STRING.matcher(descr);
        if (!m.matches()) {
            throw new ArrayFileException(file, "malformed .npy header: descr " + ArrayFiles.quote(descr)
                    + " is not a dtype string");
        }
        char kind = m.group(2).charAt(0);
        if (kind == 'O') {
            throw new ArrayFileException(file, "object dtype " + ArrayFiles.quote(descr)
                    + " (pickled Python objects) is not supported; only numeric arrays can be read");
        }
        NpyDtype type = m.group(4).isEmpty() && !m.group(3).isEmpty() && m.group(3).length() <= 2
                ? NpyDtype.of(kind, Integer.parseInt(m.group(3))) : null;
        if (type == null) {
            throw new ArrayFileException(file, "unsupported dtype " + ArrayFiles.quote(descr) + kindName(kind)
                    + "; supported: bool, int8-int64, uint8-uint64, float16, float32, float64");
        }
        ByteOrder order = switch (m.group(1)) {
            case "<" -> ByteOrder.LITTLE_ENDIAN;
            case ">" -> ByteOrder.BIG_ENDIAN;
            default -> ByteOrder.nativeOrder(); // '=', '|' or none: NumPy reads these as native
        };
        return new NpyHeader(type, order, fortran, shape);
    }

    private static String kindName(char kind) {
        return switch (kind) {
            case 'c' -> " (complex)";
            case 'U' -> " (unicode strings)";
            case 'S', 'a' -> " (byte strings)";
            case 'V' -> " (raw bytes)";
            case 'M' -> " (datetime)";
            case 'm' -> " (timedelta)";
            default -> "";
        };
    }

    /** A value as Python would print it, cut short for a message. */
    private static String brief(Literal value) {
        String text = value.toString();
        return text.length() <= 60 ? text : text.substring(0, 60) + "...";
    }

    // Python literals ---------------------------------------------------------------------------------------

    /** A parsed Python literal; {@code toString} is its Python repr. */
    private sealed interface Literal permits Str, Int, Bool, Word, Sequence, Dict {
    }

    private record Str(String value) implements Literal {
        @Override
        public String toString() {
            return ArrayFiles.quote(value);
        }
    }

    private record Int(BigInteger value) implements Literal {
        @Override
        public String toString() {
            return value.toString();
        }
    }

    private record Bool(boolean value) implements Literal {
        @Override
        public String toString() {
            return value ? "True" : "False";
        }
    }

    /** None, a float or another literal that no header field may be. */
    private record Word(String text) implements Literal {
        @Override
        public String toString() {
            return text;
        }
    }

    private record Sequence(boolean tuple, List<Literal> items) implements Literal {
        @Override
        public String toString() {
            String inner = items.stream().map(Object::toString).collect(Collectors.joining(", "));
            return tuple ? "(" + inner + (items.size() == 1 ? ",)" : ")") : "[" + inner + "]";
        }
    }

    private record Dict(Map<String, Literal> entries) implements Literal {
        @Override
        public String toString() {
            return entries.entrySet().stream().map(e -> ArrayFiles.quote(e.getKey()) + ": " + e.getValue())
                    .collect(Collectors.joining(", ", "{", "}"));
        }
    }

    /** Thrown inside the parser; becomes an {@link ArrayFileException} naming the file. */
    private static final class MalformedException extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedException(String message) {
            super(message, null, false, false);
        }
    }

    /** A recursive-descent parser of the Python literals a header can contain. */
    private static final class LiteralParser {
        /** Far above the 4 levels a structured dtype needs; keeps recursion shallow on hostile input. */
        private static final int MAX_DEPTH = 32;
        private static final Pattern INTEGER = Pattern.compile("[0-9](?:_?[0-9])*");

        private final String text;
        private final boolean pythonTwoLongs;
        private int pos;
        private int depth;

        LiteralParser(String text, boolean pythonTwoLongs) {
            this.text = text;
            this.pythonTwoLongs = pythonTwoLongs;
        }

        /** One literal and nothing after it but whitespace (the space and newline padding). */
        Literal parseAll() throws MalformedException {
            Literal value = parseValue();
            skipSpace();
            if (pos < text.length()) {
                throw error("unexpected " + ArrayFiles.quote(text.substring(pos)) + " after the dictionary");
            }
            return value;
        }

        private Literal parseValue() throws MalformedException {
            skipSpace();
            if (pos >= text.length()) {
                throw error("ends where a value was expected");
            }
            char c = text.charAt(pos);
            switch (c) {
                case '{':
                    return nested(this::parseDict);
                case '(':
                    return nested(this::parseParenthesised);
                case '[':
                    return nested(this::parseList);
                case '\'':
                case '"':
                    return new Str(parseString());
                default:
                    break;
            }
            if ((c == 'u' || c == 'U') && pos + 1 < text.length()
                    && (text.charAt(pos + 1) == '\'' || text.charAt(pos + 1) == '"')) {
                pos++; // Python 2's unicode prefix: the same string in Python 3
                return new Str(parseString());
            }
            return parseWord();
        }

        private interface Part {
            Literal parse() throws MalformedException;
        }

        private Literal nested(Part part) throws MalformedException {
            if (++depth > MAX_DEPTH) {
                throw error("nested deeper than " + MAX_DEPTH + " levels");
            }
            Literal value = part.parse();
            depth--;
            return value;
        }

        private Literal parseDict() throws MalformedException {
            pos++; // '{'
            Map<String, Literal> entries = new LinkedHashMap<>();
            while (true) {
                skipSpace();
                if (peek() == '}') {
                    pos++;
                    return new Dict(entries);
                }
                Literal key = parseValue();
                if (!(key instanceof Str name)) {
                    throw error("dictionary key " + key + " is not a string");
                }
                expect(':');
                Literal value = parseValue();
                if (entries.put(name.value(), value) != null) {
                    throw error("key " + key + " appears twice");
                }
                if (!separator('}')) {
                    pos++;
                    return new Dict(entries);
                }
            }
        }

        /** A tuple, or a parenthesised single value: in Python {@code (3)} is the integer 3. */
        private Literal parseParenthesised() throws MalformedException {
            pos++; // '('
            List<Literal> items = new ArrayList<>();
            boolean comma = false;
            while (true) {
                skipSpace();
                if (peek() == ')') {
                    pos++;
                    return items.size() == 1 && !comma ? items.get(0) : new Sequence(true, items);
                }
                items.add(parseValue());
                if (separator(')')) {
                    comma = true;
                } else {
                    pos++;
                    return items.size() == 1 && !comma ? items.get(0) : new Sequence(true, items);
                }
            }
        }

        private Literal parseList() throws MalformedException {
            pos++; // '['
            List<Literal> items = new ArrayList<>();
            while (true) {
                skipSpace();
                if (peek() == ']') {
                    pos++;
                    return new Sequence(false, items);
                }
                items.add(parseValue());
                if (!separator(']')) {
                    pos++;
                    return new Sequence(false, items);
                }
            }
        }

        /** After an item: true after a comma, false when {@code close} is next (not consumed). */
        private boolean separator(char close) throws MalformedException {
            skipSpace();
            char c = peek();
            if (c == ',') {
                pos++;
                return true;
            }
            if (c == close) {
                return false;
            }
            throw error(pos < text.length() ? "expected ',' or '" + close + "' at "
                    + ArrayFiles.quote(text.substring(pos)) : "ends before '" + close + "'");
        }

        private String parseString() throws MalformedException {
            char quote = text.charAt(pos++);
            StringBuilder out = new StringBuilder();
            while (pos < text.length()) {
                char c = text.charAt(pos++);
                if (c == quote) {
                    return out.toString();
                }
                if (c == '\n' || c == '\r') {
                    break;
                }
                if (c == '\\') {
                    if (pos >= text.length()) {
                        break;
                    }
                    char escaped = text.charAt(pos++);
                    if (escaped != '\\' && escaped != '\'' && escaped != '"') {
                        throw error("unsupported escape '\\" + escaped + "' in a string");
                    }
                    out.append(escaped);
                } else {
                    out.append(c);
                }
            }
            throw error("unterminated string");
        }

        /** An integer (optionally signed), True, False, or another word kept for the error message. */
        private Literal parseWord() throws MalformedException {
            int start = pos;
            if (peek() == '-' || peek() == '+') {
                pos++;
                skipSpace();
            }
            int wordStart = pos;
            while (pos < text.length() && isWordChar(text.charAt(pos))) {
                pos++;
            }
            String word = text.substring(wordStart, pos);
            if (word.isEmpty()) {
                throw error("unexpected " + ArrayFiles.quote(text.substring(start)));
            }
            boolean negative = text.charAt(start) == '-';
            boolean signed = wordStart != start;
            String digits = pythonTwoLongs && word.endsWith("L") ? word.substring(0, word.length() - 1) : word;
            if (INTEGER.matcher(digits).matches()) {
                BigInteger value = new BigInteger(digits.replace("_", ""));
                return new Int(negative ? value.negate() : value);
            }
            if (!signed && (word.equals("True") || word.equals("False"))) {
                return new Bool(word.equals("True"));
            }
            return new Word(text.substring(start, pos));
        }

        private static boolean isWordChar(char c) {
            return Character.isLetterOrDigit(c) || c == '_' || c == '.';
        }

        private void expect(char c) throws MalformedException {
            skipSpace();
            if (peek() != c) {
                throw error("expected '" + c + "'" + (pos < text.length() ? " at "
                        + ArrayFiles.quote(text.substring(pos)) : " but the header ends"));
            }
            pos++;
        }

        private char peek() {
            return pos < text.length() ? text.charAt(pos) : '\0';
        }

        private void skipSpace() {
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f') {
                    return;
                }
                pos++;
            }
        }

        private MalformedException error(String message) {
            return new MalformedException(message);
        }
    }
}
