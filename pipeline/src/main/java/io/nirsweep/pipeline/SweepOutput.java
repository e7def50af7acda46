package io.nirsweep.pipeline;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The output folder of one sweep, checked and locked for the whole run. A sweep may write into a folder that
 * does not exist, an empty folder, or an earlier result of a sweep ({@link ResultsFolder}); anything else is
 * refused, and so are the file system's root and any folder holding the config, a model or an input file. The
 * checks run on real paths (symbolic links and {@code ..} resolved), so the folder checked is the folder
 * written. The lock is an OS file lock on {@code .<name>.lock} beside the folder, which names the process
 * holding it: a second sweep into the same folder is refused while the first runs. The holder deletes the file
 * when it ends; a killed run leaves it, but its lock died with its process, so it blocks no one.
 */
public final class SweepOutput implements AutoCloseable {
    /** Tries at taking a lock file that other sweeps keep deleting and creating, before giving up. */
    private static final int LOCK_ATTEMPTS = 20;
    /** Lock files this process holds. */
    private static final Set<Path> HELD_HERE = ConcurrentHashMap.newKeySet();
    private final Path folder;
    private final Path lockPath;
    private final FileChannel lockFile;
    private final FileLock lock;

    private SweepOutput(Path folder, Path lockPath, FileChannel lockFile, FileLock lock) {
        this.folder = folder;
        this.lockPath = lockPath;
        this.lockFile = lockFile;
        this.lock = lock;
    }

    /**
     * Checks the folder and takes its lock.
     *
     * @param named      the folder as the user named it (messages repeat it)
     * @param sweepFiles the files the sweep reads (config, models, inputs): the folder must hold none of them
     * @throws SweepRefusal when the folder may not be written, with one line saying why
     */
    public static SweepOutput claim(Path named, Collection<Path> sweepFiles) {
        Path folder = realLocation(named);
        if (folder.getParent() == null) {
            throw new SweepRefusal(named + ": is the root of the file system; a sweep writes a folder of its own");
        }
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new SweepRefusal(named + ": exists and is not a folder");
        }
        for (Path file : sweepFiles) {
            Path real = realLocation(file);
            if (real.startsWith(folder)) {
                throw new SweepRefusal(named + ": holds " + file + ", which the sweep reads; a sweep replaces its"
                        + " output folder, so choose one outside the config, models and inputs");
            }
        }
        checkReplaceable(named, folder); // before creating anything: a refused sweep leaves no trace
        try {
            Files.createDirectories(folder.getParent());
        } catch (AccessDeniedException e) {
            throw new SweepRefusal(named + ": permission denied (" + e.getFile() + ")", e);
        } catch (IOException e) {
            throw new SweepRefusal(named + ": cannot create " + folder.getParent() + ": " + e.getMessage(), e);
        }
        Path lockPath = folder.resolveSibling("." + folder.getFileName() + ".lock");
        if (!HELD_HERE.add(lockPath)) {
            // Not even opened: closing any descriptor of a locked file drops this process's lock on it (POSIX).
            throw busy(named, "process " + ProcessHandle.current().pid() + ", this one");
        }
        try {
            String holder = "process " + ProcessHandle.current().pid() + ", started " + Instant.now();
            for (int attempt = 0; attempt < LOCK_ATTEMPTS; attempt++) {
                SweepOutput output = tryClaim(named, folder, lockPath, holder);
                if (output != null) {
                    try {
                        checkReplaceable(named, folder); // again under the lock: what counts is what we replace
                    } catch (RuntimeException e) {
                        output.close();
                        throw e;
                    }
                    return output;
                }
            }
            throw new SweepRefusal(named + ": cannot take the lock " + lockPath + ": it keeps being replaced");
        } catch (RuntimeException e) {
            HELD_HERE.remove(lockPath);
            throw e;
        }
    }

    private static SweepRefusal busy(Path named, String holder) {
        return new SweepRefusal(named + ": another sweep is writing it" + (holder.isEmpty() ? "" : " (" + holder + ")")
                + "; wait for it to end or choose another folder");
    }

    /**
     * Locks the file at {@code lockPath} and makes sure the path still names the file locked (a releasing holder
     * deletes it, so a lock on a file opened just before is worth nothing): the path's file key must be the same
     * before opening and after locking. The holder never opens the path again: closing any descriptor of the file
     * would drop its lock. Null when the file changed meanwhile (try again).
     */
    private static SweepOutput tryClaim(Path named, Path folder, Path lockPath, String holder) {
        FileChannel channel = null;
        try {
            Object before = fileKey(lockPath);
            channel = FileChannel.open(lockPath, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                close(channel);
                channel = null;
                throw busy(named, readNote(lockPath));
            }
            if (before == null || !before.equals(fileKey(lockPath))) {
                lock.release();
                close(channel);
                return null;
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(holder.getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(false);
            return new SweepOutput(folder, lockPath, channel, lock);
        } catch (AccessDeniedException e) {
            close(channel);
            throw new SweepRefusal(named + ": permission denied (" + e.getFile() + ")", e);
        } catch (IOException e) {
            close(channel);
            throw new SweepRefusal(named + ": cannot lock " + lockPath + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            close(channel);
            throw e;
        }
    }

    /** The file's identity (device and inode), without opening it; null when there is no file. */
    private static Object fileKey(Path file) throws IOException {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** Who holds the lock, as the holder wrote it; empty when the file is gone or not written yet. */
    private static String readNote(Path lockPath) {
        try {
            return new String(Files.readAllBytes(lockPath), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "";
        }
    }

    /** The folder written, as a real path. */
    public Path folder() {
        return folder;
    }

    /** True when the folder exists and is an earlier result, which the run replaces. */
    boolean holdsEarlierResult() {
        return Files.isDirectory(folder) && !ResultsFolder.isEmptyFolder(folder);
    }

    /**
     * Removes the staging and replaced folders that killed runs into this folder left beside it: only those named
     * as this folder's and holding nothing but a sweep's files (the lock guarantees no live run owns them). One
     * that holds anything else is left where it is, with a warning.
     */
    void removeStaleStaging(PrintWriter warnings) {
        List<Path> stale;
        try (Stream<Path> siblings = Files.list(folder.getParent())) {
            stale = siblings.filter(p -> ResultsFolder.isStagingName(folder, p)
                    && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                    .sorted(java.util.Comparator.comparing(ResultsFolder::stagingStart).reversed()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder.getParent() + ": " + e.getMessage(), e);
        }
        for (Path p : stale) {
            if (restoresKilledSwap(p)) {
                warnings.println("sweep: restored " + folder + " from " + p + ", the earlier results a run killed"
                        + " while putting its own in place had moved aside");
            } else if (ResultsFolder.isEmptyFolder(p) || ResultsFolder.isOurs(p)) {
                FileTrees.delete(p);
                warnings.println("sweep: removed " + p + ", left by an interrupted run");
            } else {
                warnings.println("warning: left " + p + " as it is: it holds "
                        + ResultsFolder.foreignEntry(p).map(Path::toString).orElse("no marker of a sweep"));
            }
        }
        warnings.flush();
    }

    /**
     * A run killed between its two renames leaves no output folder and the earlier results aside as
     * {@code ….replaced}: those are moved back (the newest such folder: stale folders are visited newest first, and the
     * first restore makes the output exist), so that what the user had is never deleted as stale.
     */
    private boolean restoresKilledSwap(Path stale) {
        if (Files.exists(folder, LinkOption.NOFOLLOW_LINKS) || !stale.getFileName().toString().endsWith(".replaced")
                || !ResultsFolder.isOurs(stale)) {
            return false;
        }
        try {
            Files.move(stale, folder, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move " + stale + " back to " + folder + ": " + e.getMessage(), e);
        }
    }

    /** Deletes the lock file and releases the lock (in that order: see {@link #tryClaim}). */
    @Override
    public void close() {
        try {
            if (lock.isValid()) {
                Files.deleteIfExists(lockPath);
                lock.release();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release the lock " + lockPath + ": " + e.getMessage(), e);
        } finally {
            close(lockFile);
            HELD_HERE.remove(lockPath);
        }
    }

    /** Refuses a folder that exists, is not empty and is not entirely an earlier result of a sweep. */
    private static void checkReplaceable(Path named, Path folder) {
        if (!Files.isDirectory(folder) || ResultsFolder.isEmptyFolder(folder)) {
            return;
        }
        if (!ResultsFolder.isMarked(folder)) {
            throw new SweepRefusal(named + ": is not empty and is not an earlier nirsweep result (it holds "
                    + firstEntry(folder) + "); a sweep replaces its output folder, so choose a new or empty one");
        }
        Optional<Path> foreign;
        try {
            foreign = ResultsFolder.foreignEntry(folder);
        } catch (UncheckedIOException e) {
            throw new SweepRefusal(named + ": " + e.getMessage(), e);
        }
        foreign.ifPresent(entry -> {
            throw new SweepRefusal(named + ": is an earlier nirsweep result but also holds " + entry
                    + ", which a sweep did not write; move it away or choose another folder");
        });
    }

    private static String firstEntry(Path folder) {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.map(p -> p.getFileName().toString()).sorted().findFirst().orElse("nothing");
        } catch (IOException e) {
            return "entries that cannot be listed";
        }
    }

    /**
     * Where a path really is: its longest existing part with symbolic links and {@code ..} resolved by the file
     * system, then the rest, which does not exist yet.
     */
    static Path realLocation(Path path) {
        Path absolute = path.toAbsolutePath();
        if (Files.isSymbolicLink(absolute) && !Files.exists(absolute)) {
            throw new SweepRefusal(path + ": is a symbolic link to " + linkTarget(absolute) + ", which does not exist");
        }
        Path existing = absolute;
        while (existing.getParent() != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        try {
            Path real = existing.toRealPath();
            return real.resolve(existing.relativize(absolute)).normalize();
        } catch (IOException e) {
            throw new SweepRefusal(path + ": cannot be resolved: " + e.getMessage(), e);
        }
    }

    private static String linkTarget(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            return "a missing file";
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // another channel of this process holds it
        }
    }

    private static void close(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing was written through it that could be lost
            }
        }
    }
}
