package io.nirsweep.sim.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * Reads the rows of a CSV file as {@link Csv} describes: a streaming tokenizer (so a line of any length costs at
 * most one field of memory) feeding a row assembler that decides on the header from the first row and checks every
 * later row against it.
 */
final class CsvReader {
    private final String file;
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

    CsvReader(String file, InputStream in, int maxElements) {
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
        if (field.length() >= Csv.MAX_FIELD_CHARS) {
            throw new ArrayFileException(file, rowLine, column + 1, "field longer than " + Csv.MAX_FIELD_CHARS
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

    private static final Set<String> NON_FINITE = Set.of("nan", "+nan", "-nan", "inf", "+inf", "-inf",
            "infinity", "+infinity", "-infinity");

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
}
