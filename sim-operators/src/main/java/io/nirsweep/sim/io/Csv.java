package io.nirsweep.sim.io;

import io.nirsweep.model.ReadableFile;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.FloatBuffer;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * One sample as a CSV file (docs/cli.md, "Array files"): each row is a time step, the columns are the sample's
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
        return read(ReadableFile.of(file), maxElements);
    }

    /** Reads a CSV file anywhere (see {@link #read(Path, long)}). */
    public static NpyArray read(ReadableFile file, long maxElements) {
        ArrayFiles.checkLimit(maxElements);
        try (InputStream in = Channels.newInputStream(ArrayFiles.open(file))) {
            return new CsvReader(file.name(), in, (int) maxElements).parse();
        } catch (IOException e) {
            throw ArrayFiles.ioFailure(file.name(), "read", e);
        }
    }

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
