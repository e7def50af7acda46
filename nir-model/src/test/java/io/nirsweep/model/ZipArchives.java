package io.nirsweep.model;

import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * ZIP archives as the tests' stand-in for storage that is not this machine's disk: java.nio's zip file system gives
 * channels that are no {@link java.nio.channels.FileChannel}, as an object store's are not.
 */
public final class ZipArchives {
    private ZipArchives() {}

    /** A new, empty archive at {@code zipFile}, open for writing. */
    public static FileSystem create(Path zipFile) throws IOException {
        return FileSystems.newFileSystem(URI.create("jar:" + zipFile.toUri()), Map.of("create", "true"));
    }

    /** {@code file} copied into the archive's root under its own name, as a file the readers take. */
    public static ReadableFile copyInto(FileSystem zip, Path file) throws IOException {
        Path copy = zip.getPath("/" + file.getFileName());
        Files.copy(file, copy);
        return ReadableFile.of(copy);
    }
}
