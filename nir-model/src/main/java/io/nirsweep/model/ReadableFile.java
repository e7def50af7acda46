package io.nirsweep.model;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A file to read, wherever it is kept: a local path, or an object in storage that a layer above opens (the sweep
 * opens {@code gs://}, {@code s3://}, {@code hdfs://} … through Beam's file systems). Readers take one of these
 * rather than a {@link Path}, so the same careful parsing reads every location, and their messages name the file by
 * {@link #name()}.
 *
 * <p>A reader may open the file more than once (a sample at a time) and must close each channel it opens. A
 * channel that is a {@link FileChannel} is a local file, which a reader may map into memory.
 */
public interface ReadableFile {

    /** The reason {@link #open()} gives (as a {@link FileSystemException}'s) when the location is a folder. */
    String IS_A_FOLDER = "is a folder, not a file";

    /** The file as messages name it: its path when local (as the caller gave it), its URI otherwise. */
    String name();

    /**
     * Opens the file at its start.
     *
     * @throws NoSuchFileException when there is no such file
     * @throws IOException         when it cannot be opened (a folder, not a regular file, no permission, …)
     */
    SeekableByteChannel open() throws IOException;

    /**
     * A file of a {@link java.nio.file.FileSystem}: the machine's own, or another one such as a ZIP archive's. Opening
     * it refuses a folder and anything else that is not a regular file. Messages name it as given (a relative path
     * stays relative), as they did before files could be elsewhere.
     */
    static ReadableFile of(Path file) {
        return new Local(java.util.Objects.requireNonNull(file, "file"));
    }

    /** A file of a {@link java.nio.file.FileSystem}. */
    record Local(Path path) implements ReadableFile {
        @Override
        public String name() {
            return path.toString();
        }

        @Override
        public SeekableByteChannel open() throws IOException {
            if (Files.isDirectory(path)) {
                throw new FileSystemException(path.toString(), null, IS_A_FOLDER);
            }
            if (Files.exists(path) && !Files.isRegularFile(path)) {
                throw new FileSystemException(path.toString(), null, "is not a regular file");
            }
            return Files.newByteChannel(path, StandardOpenOption.READ); // a FileChannel on the default file system
        }

        @Override
        public String toString() {
            return name();
        }
    }
}
