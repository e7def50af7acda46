package io.nirsweep.sim.io;

import io.nirsweep.model.ReadableFile;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * NumPy {@code .npy} files (format spec: {@code numpy.lib.format}).
 *
 * <p><b>Reading</b> accepts format versions 1.0, 2.0 and 3.0 (3.0 has a UTF-8 header), dtypes bool, int8-int64,
 * uint8-uint64, float16, float32 and float64 in either byte order ({@code <}, {@code >}, or {@code =}/{@code |}
 * for native), and both C and Fortran order: a Fortran-order file is transposed while reading, so the result is
 * always in C order with the file's shape. Values become float32 with one rounding to nearest (see
 * {@link NpyDtype}); the result remembers the stored dtype's name.
 *
 * <p>Reading trusts nothing the file says: the header may be at most 64 KiB, and the declared shape is
 * compared with the bytes actually in the file and with an element limit before any value array is allocated,
 * so a small file that claims a huge shape is refused at once. A file with bytes after the declared data is
 * refused too: it is damaged or holds several arrays, and silently reading only the first would hide that.
 * Object and structured dtypes are refused.
 *
 * <p><b>Writing</b> produces exactly what {@code numpy.save} writes for a C-contiguous float32 array: format 1.0
 * (2.0 only if the header could not fit, which NumPy does too), dtype {@code <f4}, the header padded with
 * spaces and a final newline so the data starts at a multiple of 64 bytes, including NumPy's spare room for
 * growing the first axis. The file is written under a temporary name and renamed into place atomically.
 */
public final class Npy {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** Longest header read: NumPy's own guard is 10,000 characters; no honest header comes near 64 KiB. */
    static final int MAX_HEADER_BYTES = 64 * 1024;
    private static final int ALIGN = 64;
    /** NumPy's {@code GROWTH_AXIS_MAX_DIGITS}: the header leaves room for the first dimension to grow. */
    private static final int GROWTH_AXIS_MAX_DIGITS = 21;
    /** Bytes decoded per read: a multiple of every element size, small next to any array worth reading. */
    private static final int CHUNK_BYTES = 1 << 20;

    private Npy() {
    }

    /** Reads a {@code .npy} file with the default element limit ({@link ArrayFiles#DEFAULT_MAX_ELEMENTS}). */
    public static NpyArray read(Path file) {
        return read(file, ArrayFiles.DEFAULT_MAX_ELEMENTS);
    }

    /**
     * Reads a {@code .npy} file.
     *
     * @param maxElements the most elements accepted, 0 to {@link ArrayFiles#MAX_ELEMENTS_CEILING}
     * @throws ArrayFileException       when the file is missing, malformed, unsupported or too big
     * @throws IllegalArgumentException when {@code maxElements} is out of range
     */
    public static NpyArray read(Path file, long maxElements) {
        return read(ReadableFile.of(file), maxElements);
    }

    /** Reads a {@code .npy} file anywhere (see {@link #read(Path, long)}). */
    public static NpyArray read(ReadableFile file, long maxElements) {
        ArrayFiles.checkLimit(maxElements);
        try (SeekableByteChannel channel = ArrayFiles.open(file)) {
            return read(file, channel, channel.size(), maxElements);
        } catch (IOException e) {
            throw ArrayFiles.ioFailure(file.name(), "read", e);
        }
    }

    private static NpyArray read(ReadableFile source, SeekableByteChannel channel, long fileSize, long maxElements)
            throws IOException {
        String file = source.name();
        NpyFile npy = header(source, channel, fileSize);
        int[] shape = checkSize(file, npy.header(), fileSize - npy.dataOffset(), maxElements);
        float[] values = new float[(int) NpyArray.checkedSize(shape)];
        readValues(file, channel, npy.header(), shape, values);
        return NpyArray.adopt(shape, npy.header().dtype().numpyName, values);
    }

    /**
     * Reads and checks the magic, version and header of an open file, leaving the channel at the first data
     * byte. The declared size is not checked here (see {@link #checkSize} and {@link NpyFile#open}).
     */
    static NpyFile header(ReadableFile source, SeekableByteChannel channel, long fileSize) throws IOException {
        String file = source.name();
        ByteBuffer prefix = ByteBuffer.allocate(MAGIC.length + 2).order(ByteOrder.LITTLE_ENDIAN);
        int got = readUpTo(channel, prefix);
        checkMagic(file, prefix, got);
        if (got < prefix.capacity()) {
            throw new ArrayFileException(file, "file ends inside the .npy header (" + fileSize + " bytes)");
        }
        int major = prefix.get(MAGIC.length) & 0xFF;
        int minor = prefix.get(MAGIC.length + 1) & 0xFF;
        if (major < 1 || major > 3 || minor != 0) {
            throw new ArrayFileException(file, "unsupported .npy format version " + major + "." + minor
                    + " (1.0, 2.0 and 3.0 are read)");
        }
        ByteBuffer lengthField = ByteBuffer.allocate(major == 1 ? 2 : 4).order(ByteOrder.LITTLE_ENDIAN);
        readFully(file, channel, lengthField, "file ends inside the .npy header");
        long headerLength = major == 1 ? lengthField.getShort(0) & 0xFFFF : lengthField.getInt(0) & 0xFFFF_FFFFL;
        if (headerLength > MAX_HEADER_BYTES) {
            throw new ArrayFileException(file, "the .npy header claims " + headerLength
                    + " bytes, more than the " + MAX_HEADER_BYTES + " allowed");
        }
        long dataOffset = prefix.capacity() + lengthField.capacity() + headerLength;
        if (dataOffset > fileSize) {
            throw new ArrayFileException(file, "file ends inside the .npy header: it claims " + headerLength
                    + " bytes but the file has " + fileSize + " bytes in all");
        }
        ByteBuffer headerBytes = ByteBuffer.allocate((int) headerLength);
        readFully(file, channel, headerBytes, "file ends inside the .npy header");
        headerBytes.flip();
        return new NpyFile(source, NpyHeader.parse(file, decodeHeader(file, headerBytes, major), major < 3), dataOffset);
    }

    private static void checkMagic(String file, ByteBuffer prefix, int got) {
        boolean ok = got >= MAGIC.length;
        for (int i = 0; ok && i < MAGIC.length; i++) {
            ok = prefix.get(i) == MAGIC[i];
        }
        if (!ok) {
            StringBuilder found = new StringBuilder();
            for (int i = 0; i < Math.min(got, MAGIC.length); i++) {
                found.append((char) (prefix.get(i) & 0xFF));
            }
            throw new ArrayFileException(file, "not a .npy file: it must start with '\\x93NUMPY', found "
                    + (got == 0 ? "an empty file" : ArrayFiles.quote(found)));
        }
    }

    /** Versions 1.0 and 2.0 store the header as latin-1, 3.0 as UTF-8 (refused if it is not valid UTF-8). */
    private static String decodeHeader(String file, ByteBuffer bytes, int major) {
        if (major < 3) {
            return StandardCharsets.ISO_8859_1.decode(bytes).toString();
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes).toString();
        } catch (CharacterCodingException e) {
            throw new ArrayFileException(file, "malformed .npy header: a version 3.0 header must be UTF-8 text");
        }
    }

    /**
     * Checks the declared shape against the data bytes present and the element limit, before anything of
     * that size is allocated, and returns it as {@code int} dimensions.
     */
    private static int[] checkSize(String file, NpyHeader header, long dataBytes, long maxElements) {
        long[] dims = header.shape();
        long count = checkDataLength(file, header, dataBytes);
        String declared = "shape " + NpyArray.shapeText(dims) + " of " + header.dtype().numpyName;
        if (count > maxElements) {
            throw new ArrayFileException(file, declared + " has " + count + " elements, more than the limit of "
                    + maxElements);
        }
        int[] shape = new int[dims.length];
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] > Integer.MAX_VALUE) { // only possible beside a zero dimension
                throw new ArrayFileException(file, declared + ": dimension " + dims[i] + " is too large");
            }
            shape[i] = (int) dims[i];
        }
        return shape;
    }

    /**
     * Checks that exactly the declared data follows the header (no less: truncated; no more: damaged, or several
     * arrays); returns the declared element count.
     */
    static long checkDataLength(String file, NpyHeader header, long dataBytes) {
        long count = NpyArray.saturatedSize(header.shape());
        int itemSize = header.dtype().size;
        long needed = count > Long.MAX_VALUE / itemSize ? Long.MAX_VALUE : count * itemSize;
        String declared = "shape " + NpyArray.shapeText(header.shape()) + " of " + header.dtype().numpyName;
        if (needed > dataBytes) {
            throw new ArrayFileException(file, "data truncated: " + declared + " needs "
                    + (needed == Long.MAX_VALUE ? "more than 2^63" : String.valueOf(needed))
                    + " bytes but only " + dataBytes + " follow the header");
        }
        if (needed < dataBytes) {
            throw new ArrayFileException(file, (dataBytes - needed) + " unexpected bytes after the data of "
                    + declared + " (damaged, or several arrays in one file?)");
        }
        return count;
    }

    private static void readValues(String file, SeekableByteChannel channel, NpyHeader header, int[] shape, float[] values)
            throws IOException {
        NpyDtype type = header.dtype();
        ByteBuffer chunk = ByteBuffer.allocate((int) Math.min(CHUNK_BYTES, (long) values.length * type.size))
                .order(header.order());
        FortranOrder transpose = header.fortranOrder() && shape.length > 1 ? new FortranOrder(shape) : null;
        float[] decoded = transpose == null ? null : new float[chunk.capacity() / type.size];
        int done = 0;
        while (done < values.length) {
            int count = Math.min(values.length - done, chunk.capacity() / type.size);
            chunk.clear().limit(count * type.size);
            readFully(file, channel, chunk, "data truncated: the file ended while it was read");
            chunk.flip();
            if (transpose == null) {
                type.decode(chunk, values, done, count);
            } else {
                type.decode(chunk, decoded, 0, count);
                transpose.place(decoded, count, values);
            }
            done += count;
        }
    }

    /**
     * Walks C-order positions in Fortran order (first axis fastest), so that values arriving in the file's
     * column-major order land at their row-major index without a second full-size array.
     */
    private static final class FortranOrder {
        private final int[] shape;
        private final long[] strides;
        private final int[] index;
        private long position;

        FortranOrder(int[] shape) {
            this.shape = shape;
            this.strides = new long[shape.length];
            this.index = new int[shape.length];
            long stride = 1;
            for (int axis = shape.length - 1; axis >= 0; axis--) {
                strides[axis] = stride;
                stride *= shape[axis];
            }
        }

        void place(float[] decoded, int count, float[] values) {
            for (int i = 0; i < count; i++) {
                values[(int) position] = decoded[i];
                advance();
            }
        }

        private void advance() {
            for (int axis = 0; axis < shape.length; axis++) {
                position += strides[axis];
                if (++index[axis] < shape[axis]) {
                    return;
                }
                position -= strides[axis] * shape[axis];
                index[axis] = 0;
            }
        }
    }

    /** Reads until the buffer is full or the file ends; returns the bytes read. */
    private static int readUpTo(SeekableByteChannel channel, ByteBuffer buffer) throws IOException {
        int total = 0;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    static void readFully(String file, SeekableByteChannel channel, ByteBuffer buffer, String whenShort)
            throws IOException {
        int wanted = buffer.remaining();
        int got = readUpTo(channel, buffer);
        if (got < wanted) {
            throw new ArrayFileException(file, whenShort, new EOFException());
        }
    }

    // Writing -----------------------------------------------------------------------------------------------

    /** Writes an array as float32 of its shape (its stored dtype does not matter: values are float32). */
    public static void write(Path file, NpyArray array) {
        write(file, array.shape(), array.buffer());
    }

    /**
     * Writes float32 values of a shape, in C order, atomically.
     *
     * @param shape any shape, including {@code []} (a 0-d array holding one value) and shapes with a 0
     * @throws IllegalArgumentException when a dimension is negative or the shape's size differs from
     *                                  {@code values.length}
     * @throws ArrayFileException       when the file cannot be written
     */
    public static void write(Path file, int[] shape, float[] values) {
        write(file, shape.clone(), FloatBuffer.wrap(values));
    }

    private static void write(Path file, int[] shape, FloatBuffer values) {
        long size = NpyArray.checkedSize(shape);
        if (size != values.remaining()) {
            throw new IllegalArgumentException("shape " + NpyArray.shapeText(shape) + " holds " + size
                    + " values but " + values.remaining() + " were given");
        }
        byte[] header = header(shape);
        AtomicWrite.write(file, out -> {
            out.write(header);
            writeValues(out, values.duplicate());
        });
    }

    /**
     * Writes uint8 values of a shape, in C order, atomically: a quarter of float32's bytes, for spike counts up to
     * 255 (how spike inputs are usually saved).
     *
     * @throws IllegalArgumentException when a dimension is negative or the shape's size differs from
     *                                  {@code values.length}
     * @throws ArrayFileException       when the file cannot be written
     */
    public static void writeUint8(Path file, int[] shape, byte[] values) {
        long size = NpyArray.checkedSize(shape);
        if (size != values.length) {
            throw new IllegalArgumentException("shape " + NpyArray.shapeText(shape) + " holds " + size
                    + " values but " + values.length + " were given");
        }
        byte[] header = header(shape, "|u1");
        AtomicWrite.write(file, out -> {
            out.write(header);
            out.write(values);
        });
    }

    private static void writeValues(OutputStream out, FloatBuffer values) throws IOException {
        ByteBuffer chunk = ByteBuffer.allocate(64 * 1024).order(ByteOrder.LITTLE_ENDIAN);
        while (values.hasRemaining()) {
            int count = Math.min(values.remaining(), chunk.capacity() / Float.BYTES);
            FloatBuffer slice = values.slice().limit(count);
            chunk.clear();
            chunk.asFloatBuffer().put(slice);
            out.write(chunk.array(), 0, count * Float.BYTES);
            values.position(values.position() + count);
        }
    }

    /** Magic, version, length and padded header of float32 data, byte for byte as {@code numpy.save} writes them. */
    static byte[] header(int[] shape) {
        return header(shape, "<f4");
    }

    /** The same for the NumPy type {@code descr} ({@code <f4}, {@code |u1}). */
    static byte[] header(int[] shape, String descr) {
        StringBuilder dict = new StringBuilder("{'descr': '" + descr + "', 'fortran_order': False, 'shape': ")
                .append(NpyArray.shapeText(shape)).append(", }");
        if (shape.length > 0) {
            dict.append(" ".repeat(GROWTH_AXIS_MAX_DIGITS - String.valueOf(shape[0]).length()));
        }
        byte[] text = dict.toString().getBytes(StandardCharsets.ISO_8859_1);
        int major = 1;
        int lengthBytes = 2;
        int padded = padded(text.length, MAGIC.length + 2 + lengthBytes);
        if (padded > 0xFFFF) {
            major = 2;
            lengthBytes = 4;
            padded = padded(text.length, MAGIC.length + 2 + lengthBytes);
        }
        ByteBuffer out = ByteBuffer.allocate(MAGIC.length + 2 + lengthBytes + padded).order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).put((byte) major).put((byte) 0);
        if (major == 1) {
            out.putShort((short) padded);
        } else {
            out.putInt(padded);
        }
        out.put(text);
        while (out.remaining() > 1) {
            out.put((byte) ' ');
        }
        out.put((byte) '\n');
        return out.array();
    }

    /**
     * The header length after padding, as NumPy's {@code _wrap_header} computes it: the text plus a newline,
     * plus 1 to 64 spaces so that prefix and header end on a 64-byte boundary.
     */
    private static int padded(int textLength, int prefixLength) {
        int withNewline = textLength + 1;
        return withNewline + ALIGN - (prefixLength + withNewline) % ALIGN;
    }
}
