package io.nirsweep.sim.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.FloatBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * One sample as a CSV file (cli.md, "Array files"): each row is a time step, the columns are the sample's
 * features flattened in C order.
 *
 * <p><b>Reading.</b> A first row that does not parse entirely as numbers is a header; if the header's first
 * column, trimmed, is exactly {@code t}, that column is ignored in every row. All rows, header included, must
 * have the same number of columns. The result has shape {@code [T, F]} and dtype float32; each decimal is
 * rounded once, directly to the nearest float32. Fields are separated by commas, may be quoted with double
 * quotes (RFC 4180, {@code ""} for a quote) and are trimmed of spaces and tabs; blank lines are skipped;
 * {@code \n}, {@code \r\n} and {@code \r} end lines; a UTF-8 byte order mark is skipped. Refused, naming the file,
 * line and column: a value that is not a decimal number, an empty field, NaN or infinity (inputs must be finite;
 * empty fields and the spellings {@code nan}, {@code inf}, {@code Infinity}... count as numbers when telling a
 * header from data, so a first data row holding one is refused rather than mistaken for a header), a value beyond the float32 range,
 * a row with another number of columns, an empty file or one without data rows. The file is read as a stream
 * and the element limit is enforced row by row, so a huge file is refused once the limit is passed, without
 * being held in memory; no field may exceed {@value #MAX_FIELD_CHARS} characters.
 *
 * <p><b>Writing.</b> Header {@code t,<name>[0],<name>[1],...}, then one row per step whose first column is the
 * 0-based step index. Values are printed by {@link #format(float)}: integers (such as spike counts) without a
 * decimal point, others with the digits of {@link Float#toString(float)} (the shortest that read back to the
 * same float32 in nearly all cases on Java 17, exactly the shortest from Java 19), laid out like JavaScript's
 * number printing: plain decimals from 1e-7 to 1e21, exponent notation such as {@code 1.5e-8} beyond. NaN and
 * infinities, which a simulation can produce but an input may not contain, are written as {@code nan},
 * {@code inf} and {@code -inf} as NumPy and pandas read them. The file is written atomically.
 */
public final class Csv {

    /** Longest field accepted: far beyond any number or node name, short enough to keep memory bounded. */
    public static final int MAX_FIELD_CHARS = 1 << 16;

    private static final Set<String> NON_FINITE = Set.of("nan", "+nan", "-nan", "inf", "+inf", "-inf",
            "infinity", "+infinity", "-infinity");

    private Csv() {
    }

    /** Reads a CSV file with the default element limit ({@link ArrayFiles#DEFAULT_MAX_ELEMENTS}). */
    public static NpyArray read(Path file) {
        return read(file, ArrayFiles.DEFAULT_MAX_ELEMENTS);
    }

    /**
     * Reads a CSV file as a float32 array of shape {@code [T, F]}.
     *
     * @param maxElements the most values accepted (T times F), 0 to {@link ArrayFiles#MAX_ELEMENTS_CEILING}
     * @throws ArrayFileException       when the file is missing, malformed or too big
     * @throws IllegalArgumentException when {@code maxElements} is out of range
     */
    public static NpyArray read(Path file, long maxElements) {
        ArrayFiles.checkLimit(maxElements);
        ArrayFiles.checkReadable(file);
        try (InputStream in = Files.newInputStream(file)) {
            return new Parser(file, in, (int) maxElements).parse();
        } catch (IOException e) {
            throw ArrayFiles.ioFailure(file, "read", e);
        }
    }

    /**
     * Reads the rows: a streaming tokenizer (so a line of any length costs at most one field of memory) feeding
     * a row assembler that decides on the header from the first row and checks every later row against it.
     */
    private static final class Parser {
        private final Path file;
        private final InputStream in;
        private final int maxElements;
        /** Decoded here rather than by a Reader so that invalid UTF-8 is reported on its own line. */
        private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        private final ByteBuffer bytes = ByteBuffer.allocate(1 << 16).flip();
        private final CharBuffer chars = CharBuffer.allocate(1 << 16).flip();
        private boolean endOfInput;
        private boolean finished;
        private boolean malformed;
        private int pushedBack = -2;

        private long line = 1;
        private final StringBuilder field = new StringBuilder();

        // Row assembly.
        private boolean firstRowDone;
        private long firstRowLine;
        private int columns;
        private boolean dropFirst;
        private float[] values = new float[0];
        private int size;
        private int rows;

        // The row being read.
        private long rowLine;
        private int column;
        private int rowStart;
        private boolean rowAllNumbers;
        private String rowFirstField;
        /** The first row's first bad number, thrown if the row turns out to be data rather than a header. */
        private ArrayFileException firstRowProblem;

        Parser(Path file, InputStream in, int maxElements) {
            this.file = file;
            this.in = in;
            this.maxElements = maxElements;
        }

        NpyArray parse() throws IOException {
            int c = read();
            if (c == '\uFEFF') {
                c = read();
            }
            if (c < 0) {
                throw new ArrayFileException(file, "file is empty: expected one row of numbers per step");
            }
            unread(c);
            while (readRow()) {
                // each row is handled as it ends
            }
            if (rows == 0) {
                throw new ArrayFileException(file, firstRowDone ? "has a header but no data rows"
                        : "has no rows: expected one row of numbers per step");
            }
            int features = columns - (dropFirst ? 1 : 0);
            return NpyArray.adopt(new int[] {rows, features}, "float32",
                    size == values.length ? values : Arrays.copyOf(values, size));
        }

        /** Reads one line (or more, inside quotes); returns false at the end of the file. */
        private boolean readRow() throws IOException {
            int c = read();
            if (c < 0) {
                return false;
            }
            unread(c);
            rowLine = line;
            column = 0;
            rowStart = size;
            rowAllNumbers = true;
            rowFirstField = null;
            firstRowProblem = null;
            while (true) {
                boolean quoted = readField();
                column++;
                int end = read();
                if (column == 1 && end != ',' && !quoted && field.length() == 0) {
                    return true; // a blank line
                }
                onField();
                if (end != ',') {
                    endRow();
                    return end >= 0;
                }
            }
        }

        /**
         * Reads one field into {@link #field}, trimmed, and leaves the character that ended it (comma, end of
         * line or end of file) to be read next. Returns whether it was quoted.
         */
        private boolean readField() throws IOException {
            field.setLength(0);
            int c = read();
            while (c == ' ' || c == '\t') {
                c = read();
            }
            if (c == '"') {
                long quoteLine = line;
                while (true) {
                    c = read();
                    if (c < 0) {
                        throw new ArrayFileException(file, quoteLine, column + 1, "unterminated quoted field");
                    }
                    if (c == '"') {
                        c = read();
                        if (c != '"') {
                            break;
                        }
                    }
                    append((char) c);
                }
                while (c == ' ' || c == '\t') {
                    c = read();
                }
                if (c >= 0 && c != ',' && c != '\n') {
                    throw new ArrayFileException(file, line, column + 1, "unexpected "
                            + ArrayFiles.quote(String.valueOf((char) c)) + " after a closing quote");
                }
                unread(c);
                return true;
            }
            while (c >= 0 && c != ',' && c != '\n') {
                append((char) c);
                c = read();
            }
            unread(c);
            int end = field.length();
            while (end > 0 && (field.charAt(end - 1) == ' ' || field.charAt(end - 1) == '\t')) {
                end--;
            }
            field.setLength(end);
            return false;
        }

        private void append(char c) {
            if (field.length() >= MAX_FIELD_CHARS) {
                throw new ArrayFileException(file, rowLine, column + 1, "field longer than " + MAX_FIELD_CHARS
                        + " characters");
            }
            field.append(c);
        }

        private void onField() {
            if (!firstRowDone) {
                onFirstRowField();
                return;
            }
            if (column > columns || (dropFirst && column == 1)) {
                return; // counted only: the row's length is reported when it ends
            }
            add(parseNumber(field.toString()));
        }

        /**
         * The first row may be a header: values are kept only while every field so far is a number. NaN,
         * infinities and empty fields count as numbers here, so that a first data row with a missing or
         * non-finite value is refused with the reason instead of being taken for a header; a header needs a
         * field that is text.
         */
        private void onFirstRowField() {
            String text = field.toString();
            if (column == 1) {
                rowFirstField = text;
            }
            if (column > maxElements) {
                throw new ArrayFileException(file, rowLine, 0, "more than " + maxElements
                        + " columns, beyond the limit of " + maxElements + " values");
            }
            if (!rowAllNumbers) {
                return;
            }
            if (isNonFinite(text) || text.isEmpty()) {
                if (firstRowProblem == null) {
                    firstRowProblem = valueProblem(text);
                }
                add(0f);
            } else if (isDecimal(text)) {
                add(parseNumber(text));
            } else {
                rowAllNumbers = false;
                size = rowStart;
            }
        }

        private void endRow() {
            if (!firstRowDone) {
                firstRowDone = true;
                firstRowLine = rowLine;
                columns = column;
                if (!rowAllNumbers) {
                    dropFirst = rowFirstField.equals("t");
                    if (dropFirst && columns == 1) {
                        throw new ArrayFileException(file, rowLine, 0, "header has only the 't' column: no "
                                + "feature columns");
                    }
                    return;
                }
                if (firstRowProblem != null) {
                    throw firstRowProblem;
                }
                rows++;
                return;
            }
            if (column != columns) {
                throw new ArrayFileException(file, rowLine, 0, "row has " + column + " columns but line "
                        + firstRowLine + " has " + columns);
            }
            rows++;
        }

        private void add(float value) {
            if (size == values.length) {
                if (size >= maxElements) {
                    throw new ArrayFileException(file, rowLine, column, "more than " + maxElements
                            + " values, the limit for one array");
                }
                values = Arrays.copyOf(values, (int) Math.min(maxElements, Math.max(1024, 2L * size)));
            }
            values[size++] = value;
        }

        private float parseNumber(String text) {
            if (!isDecimal(text)) {
                throw valueProblem(text);
            }
            float value = Float.parseFloat(text); // one rounding, decimal to nearest float32
            if (Float.isInfinite(value)) {
                throw new ArrayFileException(file, rowLine, column, ArrayFiles.quote(text)
                        + " is beyond the float32 range");
            }
            return value;
        }

        /** Why a field that is not a decimal number cannot be a value. */
        private ArrayFileException valueProblem(String text) {
            String problem = text.isEmpty() ? "empty field where a number is expected"
                    : isNonFinite(text) ? "non-finite value " + ArrayFiles.quote(text) + ": inputs must be finite"
                    : ArrayFiles.quote(text) + " is not a number";
            return new ArrayFileException(file, rowLine, column, problem);
        }

        /** Reads a character, counting lines and turning {@code \r\n} and a lone {@code \r} into {@code \n}. */
        private int read() throws IOException {
            int c;
            if (pushedBack != -2) {
                c = pushedBack;
                pushedBack = -2;
                return c;
            }
            c = rawRead();
            if (c == '\r') {
                int next = rawRead();
                if (next != '\n' && next >= 0) {
                    chars.position(chars.position() - 1); // rawRead's buffer still holds it
                }
                c = '\n';
            }
            if (c == '\n') {
                line++;
            }
            return c;
        }

        /** Gives back the last character read (one at most); a line end given back is not counted twice. */
        private void unread(int c) {
            pushedBack = c;
        }

        /**
         * The next character of the file, or -1 at its end. Characters decoded before invalid UTF-8 are all
         * delivered first, so the error names the line it is on.
         */
        private int rawRead() throws IOException {
            while (!chars.hasRemaining()) {
                if (malformed) {
                    throw new ArrayFileException(file, line, 0, "not UTF-8 text");
                }
                if (finished) {
                    return -1;
                }
                chars.clear();
                if (!endOfInput) {
                    bytes.compact();
                    int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
                    if (n < 0) {
                        endOfInput = true;
                    } else {
                        bytes.position(bytes.position() + n);
                    }
                    bytes.flip();
                }
                CoderResult result = decoder.decode(bytes, chars, endOfInput);
                if (result.isError()) {
                    malformed = true;
                } else if (endOfInput && result.isUnderflow()) {
                    decoder.flush(chars);
                    finished = true;
                }
                chars.flip();
            }
            return chars.get();
        }
    }

    /** Whether a field spells NaN or an infinity the way NumPy, pandas or Java print them. */
    private static boolean isNonFinite(String text) {
        return text.length() <= 9 && NON_FINITE.contains(text.toLowerCase(Locale.ROOT));
    }

    /**
     * Whether a field is a plain decimal number: optional sign, digits with an optional point (at least one
     * digit), optional exponent. Narrower than {@link Float#parseFloat}, which would also take {@code 1f},
     * {@code 0x1p3} and surrounding control characters.
     */
    static boolean isDecimal(String text) {
        int i = 0;
        int n = text.length();
        if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
            i++;
        }
        int digits = 0;
        while (i < n && isDigit(text.charAt(i))) {
            i++;
            digits++;
        }
        if (i < n && text.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(text.charAt(i))) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < n && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
            i++;
            if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
                i++;
            }
            int exponentDigits = 0;
            while (i < n && isDigit(text.charAt(i))) {
                i++;
                exponentDigits++;
            }
            if (exponentDigits == 0) {
                return false;
            }
        }
        return i == n;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    // Writing -----------------------------------------------------------------------------------------------

    /** Writes an array as one sample: its first dimension is the step, the others are flattened. */
    public static void write(Path file, String name, NpyArray array) {
        write(file, name, array.shape(), array.buffer());
    }

    /**
     * Writes one sample atomically: header {@code t,<name>[0],...}, then a row per step.
     *
     * @param name  the recorded node, e.g. {@code lif1.lif} or {@code block/lif}; quoted in the header if it
     *              holds a comma, quote, line break or surrounding space
     * @param shape {@code [T, *feature_shape]}, at least one dimension; the features are flattened in C order
     *              (a shape {@code [T]} is one feature)
     * @throws IllegalArgumentException when the shape is 0-d or has a negative dimension, or its size differs
     *                                  from {@code values.length}
     * @throws ArrayFileException       when the file cannot be written
     */
    public static void write(Path file, String name, int[] shape, float[] values) {
        write(file, name, shape.clone(), FloatBuffer.wrap(values));
    }

    private static void write(Path file, String name, int[] shape, FloatBuffer values) {
        if (name == null) {
            throw new IllegalArgumentException("a CSV file needs the recorded node's name for its header");
        }
        if (shape.length == 0) {
            throw new IllegalArgumentException("a CSV file holds one row per step: the shape needs a first "
                    + "dimension");
        }
        long size = NpyArray.checkedSize(shape);
        if (size != values.remaining()) {
            throw new IllegalArgumentException("shape " + NpyArray.shapeText(shape) + " holds " + size
                    + " values but " + values.remaining() + " were given");
        }
        int steps = shape[0];
        int features = (int) NpyArray.checkedSize(Arrays.copyOfRange(shape, 1, shape.length));
        FloatBuffer source = values.duplicate();
        AtomicWrite.write(file, out -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            StringBuilder row = new StringBuilder("t");
            for (int f = 0; f < features; f++) {
                row.append(',').append(headerField(name + "[" + f + "]"));
                if (row.length() >= 1 << 15) {
                    writer.append(row);
                    row.setLength(0);
                }
            }
            writer.append(row).append('\n');
            for (int t = 0; t < steps; t++) {
                row.setLength(0);
                row.append(t);
                for (int f = 0; f < features; f++) {
                    row.append(',').append(format(source.get()));
                }
                writer.append(row).append('\n');
            }
            writer.flush();
        });
    }

    /** A header field, quoted (RFC 4180) only when a reader would otherwise split, trim or misread it. */
    static String headerField(String text) {
        boolean plain = !text.isEmpty() && text.indexOf(',') < 0 && text.indexOf('"') < 0
                && text.indexOf('\n') < 0 && text.indexOf('\r') < 0
                && !Character.isWhitespace(text.charAt(0)) && !Character.isWhitespace(text.charAt(text.length() - 1));
        return plain ? text : '"' + text.replace("\"", "\"\"") + '"';
    }

    /**
     * A value as written in CSV: {@code 0}, {@code 1}, {@code -0}, {@code 0.25}, {@code 1234567.5},
     * {@code 1.5e-8}, {@code 3.4028235e+38}, {@code nan}, {@code inf}. Reading it back gives the same float32,
     * bit for bit (including the sign of zero). The digits are those of {@link Float#toString(float)}; the layout
     * is JavaScript's {@code Number.prototype.toString}: plain when the decimal point falls within 21 digits of
     * the first digit, up to 6 zeros after the point, exponent notation otherwise.
     */
    public static String format(float value) {
        if (Float.isNaN(value)) {
            return "nan";
        }
        if (Float.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        if (value == 0) {
            return Float.floatToRawIntBits(value) < 0 ? "-0" : "0";
        }
        String java = Float.toString(Math.abs(value)); // "123.45", "0.001", "1.0E-5", "1.2345E10"
        int e = java.indexOf('E');
        String mantissa = e < 0 ? java : java.substring(0, e);
        int exponent = e < 0 ? 0 : Integer.parseInt(java.substring(e + 1));
        int point = mantissa.indexOf('.');
        StringBuilder digits = new StringBuilder(mantissa.length()).append(mantissa, 0, point)
                .append(mantissa, point + 1, mantissa.length());
        int n = point + exponent; // value = 0.<digits> x 10^n
        int lead = 0;
        while (digits.charAt(lead) == '0') {
            lead++;
        }
        digits.delete(0, lead);
        n -= lead;
        int end = digits.length();
        while (digits.charAt(end - 1) == '0') {
            end--;
        }
        digits.setLength(end);
        int k = digits.length();
        StringBuilder out = new StringBuilder(k + 10);
        if (value < 0) {
            out.append('-');
        }
        if (k <= n && n <= 21) {
            out.append(digits).append("0".repeat(n - k));
        } else if (0 < n && n <= 21) {
            out.append(digits, 0, n).append('.').append(digits, n, k);
        } else if (-6 < n && n <= 0) {
            out.append("0.").append("0".repeat(-n)).append(digits);
        } else {
            out.append(digits.charAt(0));
            if (k > 1) {
                out.append('.').append(digits, 1, k);
            }
            out.append('e').append(n - 1 > 0 ? "+" : "-").append(Math.abs(n - 1));
        }
        return out.toString();
    }
}
