package io.nirsweep.sim.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file so that it is never seen half-written and a file the user owns is never damaged by a failed
 * write (docs/cli.md, "General rules"): the bytes go to a hidden temporary file in the target's folder (so the final
 * rename stays within one file system), are flushed to disk, and the temporary file is renamed over the target
 * in one atomic step. On any failure the temporary file is removed and the target is untouched.
 */
final class AtomicWrite {

    /** Produces the file's bytes. Whatever it throws abandons the write. */
    @FunctionalInterface
    interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    private static final int NAME_ATTEMPTS = 16;
    /** Keeps the temporary name within the usual 255-byte limit however long the target's name. */
    private static final int NAME_PREFIX_CHARS = 100;

    private AtomicWrite() {
    }

    static void write(Path target, Body body) {
        if (Files.isDirectory(target)) {
            throw new ArrayFileException(target, "is a folder, not a file name");
        }
        Path folder = target.toAbsolutePath().getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            throw new ArrayFileException(target, "cannot write: folder " + folder + " does not exist");
        }
        Path temporary = null;
        try {
            temporary = createTemporary(folder, target.getFileName().toString());
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                OutputStream out = Channels.newOutputStream(channel);
                body.writeTo(out);
                out.flush();
                channel.force(true);
            }
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            temporary = null;
        } catch (IOException e) {
            throw ArrayFiles.ioFailure(target.toString(), "write", e);
        } finally {
            if (temporary != null) {
                deleteQuietly(temporary);
            }
        }
    }

    /**
     * Creates an empty hidden file beside the target. {@code CREATE_NEW} gives it the permissions any new file
     * gets (unlike {@code Files.createTempFile}, whose owner-only permissions the result would keep).
     */
    private static Path createTemporary(Path folder, String targetName) throws IOException {
        String stem = targetName.length() > NAME_PREFIX_CHARS ? targetName.substring(0, NAME_PREFIX_CHARS)
                : targetName;
        FileAlreadyExistsException last = null;
        for (int attempt = 0; attempt < NAME_ATTEMPTS; attempt++) {
            String suffix = Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
            Path candidate = folder.resolve("." + stem + "." + suffix + ".tmp");
            try {
                Files.newByteChannel(candidate, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
                return candidate;
            } catch (FileAlreadyExistsException e) {
                last = e;
            }
        }
        throw last;
    }

    private static void deleteQuietly(Path temporary) {
        try {
            Files.deleteIfExists(temporary);
        } catch (IOException ignored) {
            // The write already failed with a better message; a leftover hidden file is all that remains.
        }
    }
}
