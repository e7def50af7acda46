package io.nirsweep.operators.inputs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the values of a {@code .npy} file are and how they are stored, read from its header alone, so that an
 * input set can read one sample's slice of an array far larger than memory.
 *
 * <p>{@link io.nirsweep.sim.io.Npy} reads whole arrays; this reads the same files (format 1.0, 2.0, 3.0; bool,
 * int8-int64, uint8-uint64, float16/32/64 in either byte order) slice by slice, and converts values to float32
 * the same way: one rounding to nearest, bool as 0/1. It is stricter about the header, accepting the dictionary
 * that NumPy writes ({@code 'descr'}, {@code 'fortran_order'}, {@code 'shape'} in any order, Python literal
 * syntax) and refusing Fortran order, whose samples are not contiguous in the file. The declared size is checked
 * against the file's length before anything is read, as {@code Npy} does.
 */
record NpyLayout(Path file, long dataOffset, char kind, int itemSize, ByteOrder order, long[] shape) {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** The same bound as {@code Npy}: no honest header comes near 64 KiB. */
    private static final int MAX_HEADER_BYTES = 64 * 1024;

    /** Reads and checks the header of a file. */
    static NpyLayout read(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long fileSize = channel.size();
            ByteBuffer prefix = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN);
            readFully(channel, prefix, 0);
            if (prefix.position() < MAGIC.length || !prefix.slice(0, MAGIC.length).equals(ByteBuffer.wrap(MAGIC))) {
                throw bad(file, "not a .npy file: it must start with '\\x93NUMPY'");
            }
            if (prefix.position() < 10) {
                throw bad(file, "file ends inside the .npy header (" + fileSize + " bytes)");
            }
            int major = prefix.get(6) & 0xFF;
            int minor = prefix.get(7) & 0xFF;
            if (major < 1 || major > 3 || minor != 0) {
                throw bad(file, "unsupported .npy format version " + major + "." + minor
                        + " (1.0, 2.0 and 3.0 are read)");
            }
            long headerLength;
            long headerStart;
            if (major == 1) {
                headerLength = prefix.getShort(8) & 0xFFFF;
                headerStart = 10;
            } else {
                ByteBuffer length = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
                readFully(channel, length, 8);
                if (length.position() < 4) {
                    throw bad(file, "file ends inside the .npy header (" + fileSize + " bytes)");
                }
                headerLength = length.getInt(0) & 0xFFFF_FFFFL;
                headerStart = 12;
            }
            if (headerLength > MAX_HEADER_BYTES) {
                throw bad(file, "the .npy header claims " + headerLength + " bytes, more than the "
                        + MAX_HEADER_BYTES + " allowed");
            }
            if (headerStart + headerLength > fileSize) {
                throw bad(file, "file ends inside the .npy header: it claims " + headerLength + " bytes but the file"
                        + " has " + fileSize + " bytes in all");
            }
            ByteBuffer headerBytes = ByteBuffer.allocate((int) headerLength);
            readFully(channel, headerBytes, headerStart);
            headerBytes.flip();
            String text;
            try {
                text = (major < 3 ? StandardCharsets.ISO_8859_1.newDecoder() : StandardCharsets.UTF_8.newDecoder())
                        .onMalformedInput(CodingErrorAction.REPORT).decode(headerBytes).toString();
            } catch (CharacterCodingException e) {
                throw bad(file, "malformed .npy header: a version 3.0 header must be UTF-8 text");
            }
            NpyLayout layout = new HeaderParser(file, text).parse(headerStart + headerLength);
            layout.checkLength(fileSize);
            return layout;
        } catch (IOException e) {
            throw new InputException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Elements of the whole array, saturating (a header may claim anything). */
    long elements() {
        long n = 1;
        for (long d : shape) {
            if (d == 0) {
                return 0;
            }
            n = n > Long.MAX_VALUE / d ? Long.MAX_VALUE : n * d;
        }
        return n;
    }

    private void checkLength(long fileSize) {
        long count = elements();
        long needed = count > Long.MAX_VALUE / itemSize ? Long.MAX_VALUE : count * itemSize;
        long present = fileSize - dataOffset;
        if (needed > present) {
            throw bad(file, "data truncated: shape " + shapeText() + " of " + dtypeName() + " needs "
                    + (needed == Long.MAX_VALUE ? "more than 2^63" : String.valueOf(needed)) + " bytes but only "
                    + present + " follow the header");
        }
        if (needed < present) {
            throw bad(file, (present - needed) + " unexpected bytes after the data of shape " + shapeText() + " of "
                    + dtypeName() + " (damaged, or several arrays in one file?)");
        }
    }

    /**
     * Reads {@code count} consecutive elements from element {@code first} into {@code out}, as float32.
     *
     * @throws InputException when the file has become shorter since its header was read
     */
    void read(long first, int count, float[] out) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer chunk = ByteBuffer.allocate((int) Math.min(1 << 20, (long) count * itemSize)).order(order);
            int done = 0;
            long position = dataOffset + first * itemSize;
            while (done < count) {
                int n = Math.min(count - done, chunk.capacity() / itemSize);
                chunk.clear().limit(n * itemSize);
                readFully(channel, chunk, position);
                if (chunk.hasRemaining()) {
                    throw bad(file, "file changed since it was opened: it ends at byte " + channel.size()
                            + ", inside the data");
                }
                chunk.flip();
                decode(chunk, out, done, n);
                position += (long) n * itemSize;
                done += n;
            }
        } catch (IOException e) {
            throw new InputException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Converts with one rounding to float32, exactly as {@code io.nirsweep.sim.io.Npy} does. */
    private void decode(ByteBuffer in, float[] out, int offset, int count) {
        int end = offset + count;
        switch (kind) {
            case 'b' -> {
                for (int i = offset; i < end; i++) {
                    out[i] = in.get() != 0 ? 1f : 0f;
                }
            }
            case 'i' -> {
                for (int i = offset; i < end; i++) {
                    out[i] = switch (itemSize) {
                        case 1 -> in.get();
                        case 2 -> in.getShort();
                        case 4 -> in.getInt();
                        default -> in.getLong(); // long to float directly: through double would round twice
                    };
                }
            }
            case 'u' -> {
                for (int i = offset; i < end; i++) {
                    out[i] = switch (itemSize) {
                        case 1 -> in.get() & 0xFF;
                        case 2 -> in.getShort() & 0xFFFF;
                        case 4 -> in.getInt() & 0xFFFF_FFFFL;
                        default -> unsignedLongToFloat(in.getLong());
                    };
                }
            }
            default -> {
                for (int i = offset; i < end; i++) {
                    out[i] = switch (itemSize) {
                        case 2 -> halfToFloat(in.getShort());
                        case 4 -> in.getFloat();
                        default -> (float) in.getDouble();
                    };
                }
            }
        }
    }

    /** An unsigned 64-bit value as the nearest float: halved with a sticky bit from 2^63, so one rounding. */
    static float unsignedLongToFloat(long bits) {
        return bits >= 0 ? bits : ((bits >>> 1) | (bits & 1)) * 2f;
    }

    /** An IEEE binary16 pattern as float, exactly (Java 17 has no {@code Float.float16ToFloat}). */
    static float halfToFloat(short half) {
        int sign = (half & 0x8000) << 16;
        int exponent = (half >>> 10) & 0x1F;
        int fraction = half & 0x3FF;
        if (exponent == 0x1F) {
            return Float.intBitsToFloat(sign | 0x7F80_0000 | (fraction << 13));
        }
        if (exponent == 0) {
            float magnitude = fraction * 0x1p-24f;
            return sign != 0 ? -magnitude : magnitude;
        }
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (fraction << 13));
    }

    /** NumPy's name of the stored dtype, e.g. {@code int16}. */
    String dtypeName() {
        return switch (kind) {
            case 'b' -> "bool";
            case 'i' -> "int" + 8 * itemSize;
            case 'u' -> "uint" + 8 * itemSize;
            default -> "float" + 8 * itemSize;
        };
    }

    /** The shape as NumPy prints it, e.g. {@code (3, 100, 2)}. */
    String shapeText() {
        StringBuilder out = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            out.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return out.append(shape.length == 1 ? ",)" : ")").toString();
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, at);
            if (n < 0) {
                return;
            }
            at += n;
        }
    }

    private static InputException bad(Path file, String problem) {
        return new InputException(file + ": " + problem);
    }

    /** The header dictionary, e.g. {@code {'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }}. */
    private static final class HeaderParser {
        private final Path file;
        private final String text;
        private int pos;

        HeaderParser(Path file, String text) {
            this.file = file;
            this.text = text;
        }

        NpyLayout parse(long dataOffset) {
            String descr = null;
            Boolean fortran = null;
            long[] shape = null;
            skipSpace();
            expect('{');
            while (true) {
                skipSpace();
                if (peek() == '}') {
                    pos++;
                    break;
                }
                String key = string();
                skipSpace();
                expect(':');
                skipSpace();
                switch (key) {
                    case "descr" -> descr = descr == null ? string() : duplicate(key);
                    case "fortran_order" -> fortran = fortran == null ? bool() : duplicate(key);
                    case "shape" -> shape = shape == null ? tuple() : duplicate(key);
                    default -> throw malformed("unexpected key '" + key + "' (a .npy header has descr, fortran_order"
                            + " and shape)");
                }
                skipSpace();
                if (peek() == ',') {
                    pos++;
                } else if (peek() != '}') {
                    throw malformed("expected ',' or '}' at offset " + pos);
                }
            }
            skipSpace();
            if (pos != text.length()) {
                throw malformed("unexpected text after the dictionary");
            }
            if (descr == null || fortran == null || shape == null) {
                throw malformed("the dictionary lacks " + (descr == null ? "'descr'"
                        : fortran == null ? "'fortran_order'" : "'shape'"));
            }
            if (fortran && shape.length > 1) {
                throw new InputException(file + ": is stored in Fortran order; input sets read samples one by one"
                        + " from C-order files: save it with numpy.save(f, numpy.ascontiguousarray(x))");
            }
            return dtype(descr, dataOffset, shape);
        }

        private NpyLayout dtype(String descr, long dataOffset, long[] shape) {
            if (descr.length() < 2) {
                throw unsupported(descr);
            }
            char orderChar = descr.charAt(0);
            String rest = "<>|=".indexOf(orderChar) >= 0 ? descr.substring(1) : descr;
            if (rest.length() < 2 || !rest.substring(1).chars().allMatch(Character::isDigit) || rest.length() > 3) {
                throw unsupported(descr);
            }
            char kind = rest.charAt(0);
            int size = Integer.parseInt(rest.substring(1));
            boolean ok = switch (kind) {
                case 'b' -> size == 1;
                case 'i', 'u' -> size == 1 || size == 2 || size == 4 || size == 8;
                case 'f' -> size == 2 || size == 4 || size == 8;
                default -> false;
            };
            if (!ok) {
                throw unsupported(descr);
            }
            ByteOrder order = orderChar == '>' ? ByteOrder.BIG_ENDIAN
                    : orderChar == '<' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.nativeOrder();
            return new NpyLayout(file, dataOffset, kind, size, order, shape);
        }

        private InputException unsupported(String descr) {
            return new InputException(file + ": unsupported .npy dtype '" + descr + "' (bool, int8-int64,"
                    + " uint8-uint64 and float16-float64 are read)");
        }

        private <T> T duplicate(String key) {
            throw malformed("key '" + key + "' appears twice");
        }

        private String string() {
            char quote = peek();
            if (quote != '\'' && quote != '"') {
                throw malformed("expected a quoted string at offset " + pos);
            }
            int end = text.indexOf(quote, pos + 1);
            if (end < 0) {
                throw malformed("unterminated string");
            }
            String value = text.substring(pos + 1, end);
            pos = end + 1;
            return value;
        }

        private boolean bool() {
            if (text.startsWith("True", pos)) {
                pos += 4;
                return true;
            }
            if (text.startsWith("False", pos)) {
                pos += 5;
                return false;
            }
            throw malformed("fortran_order must be True or False");
        }

        private long[] tuple() {
            expect('(');
            List<Long> dims = new ArrayList<>();
            while (true) {
                skipSpace();
                if (peek() == ')') {
                    pos++;
                    break;
                }
                int start = pos;
                while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                    pos++;
                }
                if (start == pos || pos - start > 18) {
                    throw malformed("shape must be a tuple of non-negative integers");
                }
                dims.add(Long.parseLong(text.substring(start, pos)));
                if (peek() == 'L') {
                    pos++; // Python 2's long suffix in old files
                }
                skipSpace();
                if (peek() == ',') {
                    pos++;
                } else if (peek() != ')') {
                    throw malformed("shape must be a tuple of non-negative integers");
                }
            }
            return dims.stream().mapToLong(Long::longValue).toArray();
        }

        private void expect(char c) {
            if (peek() != c) {
                throw malformed("expected '" + c + "' at offset " + pos);
            }
            pos++;
        }

        private char peek() {
            return pos < text.length() ? text.charAt(pos) : '\0';
        }

        private void skipSpace() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        private InputException malformed(String problem) {
            return new InputException(file + ": malformed .npy header: " + problem);
        }
    }
}
