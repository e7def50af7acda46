package io.nirsweep.model.hdf5;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;

/**
 * Appends structures to the file and tells each one its address. The writer lays the file out strictly
 * front to back (children before parents), so only the superblock has to be written after the fact.
 */
final class FileSink {

    private final OutputStream out;
    private long position;

    /** Appends at the channel's current position, which must be 0. Never closes the channel. */
    FileSink(FileChannel channel) {
        this.out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
    }

    /** The address the next appended byte will get. */
    long position() {
        return position;
    }

    /** Appends {@code bytes} and returns their address. */
    long append(byte[] bytes) throws IOException {
        long address = position;
        out.write(bytes);
        position += bytes.length;
        return address;
    }

    /** Pushes buffered bytes to the channel. */
    void flush() throws IOException {
        out.flush();
    }
}
