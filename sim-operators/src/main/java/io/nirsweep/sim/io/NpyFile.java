package io.nirsweep.sim.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A {@code .npy} file whose header has been read and checked, for reading its data a slice at a time (input sets
 * read one sample of a large array when asked). The header is parsed by the same code as {@link Npy#read}, the
 * declared data length is checked against the file, and values convert to float32 the same way.
 */
public final class NpyFile {
    private final Path file;
    private final NpyHeader header;
    private final long dataOffset;

    NpyFile(Path file, NpyHeader header, long dataOffset) {
        this.file = file;
        this.header = header;
        this.dataOffset = dataOffset;
    }

    /**
     * Reads the header of {@code file} and checks that exactly the declared data follows it; reads no data.
     *
     * @throws ArrayFileException when the file is missing, malformed, unsupported, truncated or too long
     */
    public static NpyFile open(Path file) {
        ArrayFiles.checkReadable(file);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            NpyFile npy = Npy.header(file, channel, size);
            Npy.checkDataLength(file, npy.header, size - npy.dataOffset);
            return npy;
        } catch (IOException e) {
            throw ArrayFiles.ioFailure(file, "read", e);
        }
    }

    public Path file() {
        return file;
    }

    /** The declared shape (a copy); dimensions may exceed int range only beside a zero dimension. */
    public long[] shape() {
        return header.shape().clone();
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
        NpyDtype type = header.dtype();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            channel.position(dataOffset + first * type.size);
            ByteBuffer chunk = ByteBuffer.allocate((int) Math.min(1 << 20, (long) count * type.size))
                    .order(header.order());
            int done = 0;
            while (done < count) {
                int n = Math.min(count - done, chunk.capacity() / type.size);
                chunk.clear().limit(n * type.size);
                Npy.readFully(file, channel, chunk, "file changed since it was opened: it ends inside the data");
                chunk.flip();
                type.decode(chunk, out, done, n);
                done += n;
            }
        } catch (IOException e) {
            throw ArrayFiles.ioFailure(file, "read", e);
        }
    }
}
