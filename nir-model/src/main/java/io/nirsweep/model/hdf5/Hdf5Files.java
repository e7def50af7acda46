package io.nirsweep.model.hdf5;

import io.jhdf.HdfFile;
import io.nirsweep.model.ReadableFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;

/**
 * Opens an HDF5 file for jhdf from an open {@link ReadableFile} channel, so that no structure the file merely
 * claims is allocated: jhdf reading from a channel allocates the length a header claims first, while reading
 * from a buffer it takes every structure as a slice, and one that claims more bytes than the file holds fails at
 * once.
 *
 * <p>A local file ({@link FileChannel}) is mapped into memory; one mapping holds at most 2 GiB - 1 bytes, and a
 * bigger local file is read through jhdf's channel as before (callers that cannot afford that, the NIR reader,
 * refuse such files first). A file elsewhere (an object store's channel) is read into a heap buffer: its size is
 * checked against {@code maxHeapBytes} before anything is allocated, and the size the channel reports is not
 * trusted: the bytes are read in bounded chunks and a channel holding more or fewer bytes is refused.
 */
public final class Hdf5Files {
    /** The most bytes one mapping (or one heap buffer) holds. */
    public static final long MAX_BUFFER_BYTES = Integer.MAX_VALUE;
    /** Bytes asked of the channel per read when copying to the heap. */
    private static final int CHUNK_BYTES = 1 << 20;

    private Hdf5Files() {
    }

    /** A file too large to be read into memory. */
    public static final class TooLargeException extends IOException {
        private static final long serialVersionUID = 1L;
        private final long size;
        private final long limit;

        TooLargeException(long size, long limit) {
            super(size + " bytes, more than the " + limit + " read into memory");
            this.size = size;
            this.limit = limit;
        }

        public long size() {
            return size;
        }

        public long limit() {
            return limit;
        }
    }

    /**
     * Opens the file whose channel is {@code channel} (at any position). The caller closes the returned file
     * first, then the channel: a local file over 2 GiB is read through it.
     *
     * @param maxHeapBytes the largest file read into the heap when it cannot be mapped
     * @throws TooLargeException when a file that is not local is over {@code maxHeapBytes} (or over 2 GiB - 1)
     * @throws IOException       when the channel cannot be read, or holds another number of bytes than its size
     * @throws RuntimeException  whatever jhdf throws for a damaged superblock (callers name the file)
     */
    public static HdfFile open(SeekableByteChannel channel, long maxHeapBytes) throws IOException {
        long size = channel.size();
        if (channel instanceof FileChannel local) {
            if (size > MAX_BUFFER_BYTES) {
                return new HdfFile(local);
            }
            ByteBuffer mapped = local.map(FileChannel.MapMode.READ_ONLY, 0, size);
            return HdfFile.fromByteBuffer(mapped);
        }
        return HdfFile.fromByteBuffer(readWhole(channel, size, Math.min(maxHeapBytes, MAX_BUFFER_BYTES)));
    }

    /** The channel's bytes from its start, exactly {@code size} of them, refused before allocating over the limit. */
    static ByteBuffer readWhole(SeekableByteChannel channel, long size, long limit) throws IOException {
        if (size > limit) {
            throw new TooLargeException(size, limit);
        }
        ByteBuffer bytes = ByteBuffer.allocate((int) size);
        channel.position(0);
        while (bytes.position() < bytes.capacity()) {
            bytes.limit(Math.min(bytes.capacity(), bytes.position() + CHUNK_BYTES));
            if (channel.read(bytes) < 0) {
                throw new IOException("the file ended after " + bytes.position() + " of the " + size
                        + " bytes its size says (changed while being read?)");
            }
        }
        if (channel.read(ByteBuffer.allocate(1)) > 0) {
            throw new IOException("the file holds more than the " + size
                    + " bytes its size says (changed while being read?)");
        }
        return bytes.flip();
    }
}
