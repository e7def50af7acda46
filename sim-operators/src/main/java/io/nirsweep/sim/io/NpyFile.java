package io.nirsweep.sim.io;

import io.nirsweep.model.ReadableFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;

/**
 * A {@code .npy} file whose header has been read and checked, for reading its data a slice at a time (input sets
 * read one sample of a large array when asked). The header is parsed by the same code as {@link Npy#read}, the
 * declared data length is checked against the file, and values convert to float32 the same way. Each read opens
 * the file anew (wherever it is) and reads only the bytes asked for, at their positions.
 */
public final class NpyFile {
    /** The most bytes a read buffers. */
    static final int WINDOW_BYTES = 1 << 20;
    /** The longest gap between runs that is read through rather than skipped. */
    private static final long GAP_READ_BYTES = 4096;

    private final ReadableFile source;
    private final String file;
    private final NpyHeader header;
    private final long dataOffset;

    NpyFile(ReadableFile source, NpyHeader header, long dataOffset) {
        this.source = source;
        this.file = source.name();
        this.header = header;
        this.dataOffset = dataOffset;
    }

    /**
     * Reads the header of {@code file} and checks that exactly the declared data follows it; reads no data.
     *
     * @throws ArrayFileException when the file is missing, malformed, unsupported, truncated or too long
     */
    public static NpyFile open(Path file) {
        return open(ReadableFile.of(file));
    }

    /** Reads the header of a file anywhere (see {@link #open(Path)}). */
    public static NpyFile open(ReadableFile file) {
        try (SeekableByteChannel channel = ArrayFiles.open(file)) {
            long size = channel.size();
            NpyFile npy = Npy.header(file, channel, size);
            Npy.checkDataLength(file.name(), npy.header, size - npy.dataOffset);
            return npy;
        } catch (IOException e) {
            throw ArrayFiles.ioFailure(file.name(), "read", e);
        }
    }

    /** The file as messages name it. */
    public String file() {
        return file;
    }

    /** The declared shape (a copy); dimensions may exceed int range only beside a zero dimension. */
    public long[] shape() {
        return header.shape().clone();
    }

    /** The declared number of elements (saturating at Long.MAX_VALUE; the data's length matches it). */
    public long elements() {
        return NpyArray.saturatedSize(header.shape());
    }

    /** The stored dtype's NumPy name, e.g. {@code "float32"}. */
    public String dtype() {
        return header.dtype().numpyName;
    }

    /** True for a Fortran-order file, whose consecutive elements are not consecutive in C order. */
    public boolean fortranOrder() {
        return header.fortranOrder();
    }

    NpyHeader header() {
        return header;
    }

    long dataOffset() {
        return dataOffset;
    }

    /**
     * Reads {@code count} consecutive stored elements from element {@code first} into {@code out[0..count)}, as
     * float32 (C order, unless the file is Fortran order).
     *
     * @throws ArrayFileException when the file has become shorter since it was opened, or cannot be read
     */
    public void read(long first, int count, float[] out) {
        read(first, count, count, 1, out);
    }

    /**
     * Reads {@code runs} runs of {@code count} consecutive stored elements, run r starting at element
     * {@code first + r * stride}, into {@code out[r * count .. (r + 1) * count)}: one sample of a time-major array
     * ({@link TimeMajor}), one slice per step. Memory stays bounded whatever the file: at most
     * {@value #WINDOW_BYTES} bytes are buffered.
     *
     * @throws ArrayFileException when the file has become shorter since it was opened, or cannot be read
     */
    public void read(long first, int count, long stride, int runs, float[] out) {
        NpyDtype type = header.dtype();
        long runBytes = (long) count * type.size;
        long strideBytes = stride * type.size;
        // Runs a small gap apart are read several at a time: reading a gap under a page costs less than the system
        // call that would skip it. Runs far apart, or too long for the window, are read one by one.
        int perWindow = runs > 1 && strideBytes - runBytes <= GAP_READ_BYTES && runBytes <= WINDOW_BYTES
                ? (int) Math.min(runs, (WINDOW_BYTES - runBytes) / strideBytes + 1) : 1;
        long windowBytes = perWindow > 1 ? (perWindow - 1) * strideBytes + runBytes : Math.min(runBytes, WINDOW_BYTES);
        ByteBuffer window = ByteBuffer.allocate((int) Math.max(type.size, windowBytes)).order(header.order());
        try (SeekableByteChannel channel = ArrayFiles.open(source)) {
            for (int r = 0; r < runs; r += perWindow) {
                long position = dataOffset + (first + r * stride) * type.size;
                if (perWindow == 1) {
                    readRun(channel, window, position, count, out, r * count);
                } else {
                    int n = Math.min(perWindow, runs - r);
                    window.clear().limit((int) ((n - 1) * strideBytes + runBytes));
                    readFully(channel, window, position);
                    for (int i = 0; i < n; i++) {
                        window.position((int) (i * strideBytes));
                        type.decode(window, out, (r + i) * count, count);
                    }
                }
            }
        } catch (IOException e) {
            throw ArrayFiles.ioFailure(file, "read", e);
        }
    }

    /** One run of {@code count} elements at a byte position, through the window a part at a time. */
    private void readRun(SeekableByteChannel channel, ByteBuffer window, long position, int count, float[] out, int offset)
            throws IOException {
        int size = header.dtype().size;
        int done = 0;
        while (done < count) {
            int n = Math.min(count - done, window.capacity() / size);
            window.clear().limit(n * size);
            readFully(channel, window, position + (long) done * size);
            header.dtype().decode(window, out, offset + done, n);
            done += n;
        }
    }

    /** Fills the window from a byte position; leaves it flipped for decoding. */
    private void readFully(SeekableByteChannel channel, ByteBuffer window, long position) throws IOException {
        channel.position(position);
        Npy.readFully(file, channel, window, "file changed since it was opened: it ends inside the data");
        window.flip();
    }
}
