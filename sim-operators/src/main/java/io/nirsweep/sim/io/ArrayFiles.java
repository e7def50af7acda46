package io.nirsweep.sim.io;

import io.nirsweep.model.MessageText;
import io.nirsweep.model.ReadableFile;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The array files of the command line (docs/cli.md, "Array files"), chosen by extension: {@code .npy} is
 * {@link Npy}, {@code .csv} is {@link Csv}.
 */
public final class ArrayFiles {

    /**
     * Elements a reader accepts unless told otherwise: 2^28 float32 values are 1 GiB, beyond any input the
     * simulator is meant for, and the bound keeps a hostile or mistaken file from exhausting memory.
     */
    public static final long DEFAULT_MAX_ELEMENTS = 1L << 28;

    /** The largest Java array the JVMs in use can allocate, so the largest limit a reader can honour. */
    public static final long MAX_ELEMENTS_CEILING = Integer.MAX_VALUE - 8;

    private ArrayFiles() {
    }

    /** Reads a {@code .npy} or {@code .csv} file with the default element limit. */
    public static NpyArray read(Path file) {
        return read(file, DEFAULT_MAX_ELEMENTS);
    }

    /**
     * Reads a {@code .npy} or {@code .csv} file (extension compared ignoring case).
     *
     * @param maxElements the most elements accepted, 0 to {@link #MAX_ELEMENTS_CEILING}
     * @throws ArrayFileException when the extension is neither, or the file is missing or malformed
     */
    public static NpyArray read(Path file, long maxElements) {
        return read(ReadableFile.of(file), maxElements);
    }

    /** Reads a {@code .npy} or {@code .csv} file anywhere (see {@link #read(Path, long)}). */
    public static NpyArray read(ReadableFile file, long maxElements) {
        return switch (kind(file.name())) {
            case "npy" -> Npy.read(file, maxElements);
            case "csv" -> Csv.read(file, maxElements);
            default -> throw unknownKind(file.name());
        };
    }

    /**
     * Writes an array atomically: {@code .npy} as float32 of the array's shape; {@code .csv} as one sample whose
     * first dimension is the step and whose other dimensions are flattened into columns {@code name[i]}.
     *
     * @param name the recorded node, used for the CSV header and ignored for {@code .npy}
     * @throws ArrayFileException when the extension is neither or the file cannot be written
     */
    public static void write(Path file, String name, NpyArray array) {
        switch (kind(file.toString())) {
            case "npy" -> Npy.write(file, array);
            case "csv" -> Csv.write(file, name, array);
            default -> throw unknownKind(file.toString());
        }
    }

    /** The extension of the name's last part, lower case ({@code gs://b/x.NPY} is {@code npy}). */
    private static String kind(String name) {
        String text = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf(java.io.File.separatorChar)) + 1)
                .toLowerCase(Locale.ROOT);
        int dot = text.lastIndexOf('.');
        return dot < 0 ? "" : text.substring(dot + 1);
    }

    private static ArrayFileException unknownKind(String file) {
        return new ArrayFileException(file, "unknown array file type: the name must end in .npy or .csv");
    }

    /** Refuses a limit no reader can honour; a programming error, not a bad file. */
    static void checkLimit(long maxElements) {
        if (maxElements < 0 || maxElements > MAX_ELEMENTS_CEILING) {
            throw new IllegalArgumentException("maxElements must be 0 to " + MAX_ELEMENTS_CEILING + ", got "
                    + maxElements);
        }
    }

    /**
     * Opens a file to read. A folder, FIFO or device is refused before it is opened (opening a FIFO would block
     * until something writes to it; {@link ReadableFile#open} checks).
     */
    static SeekableByteChannel open(ReadableFile file) {
        try {
            return file.open();
        } catch (FileSystemException e) {
            if (ReadableFile.IS_A_FOLDER.equals(e.getReason())) {
                throw new ArrayFileException(file.name(), "is a folder, not an array file");
            }
            throw ioFailure(file.name(), "read", e);
        } catch (IOException e) {
            throw ioFailure(file.name(), "read", e);
        }
    }

    /** An I/O failure as a one-line message naming the file, without Java's class names. */
    static ArrayFileException ioFailure(String file, String doing, IOException e) {
        String why;
        if (e instanceof NoSuchFileException) {
            why = "no such file or folder";
        } else if (e instanceof AccessDeniedException) {
            why = "permission denied";
        } else if (e instanceof FileSystemException fs && fs.getReason() != null) {
            why = fs.getReason();
        } else {
            why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        return new ArrayFileException(file, "cannot " + doing + ": " + why, e);
    }

    /**
     * Text from a file, quoted for a message as {@link MessageText#quote} quotes it (escaped, cut); only the
     * start of a long field is copied, so an enormous one costs nothing.
     */
    static String quote(CharSequence text) {
        return MessageText.quote(text.subSequence(0, Math.min(text.length(), QUOTED_PREFIX)).toString());
    }

    /** More than {@link MessageText#quote} shows (200 code points, at most 400 chars): it still marks the cut. */
    private static final int QUOTED_PREFIX = 401;
}
