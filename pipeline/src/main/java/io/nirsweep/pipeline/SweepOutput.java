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
 * when it ends; a killed run leaves it, but its lock died with its process, so it blocks no one. Anything else at
 * the lock's path (a symbolic link, a folder, a file with other text) is the user's: the sweep is refused, and it
 * stays as it is.
 */
public final class SweepOutput implements AutoCloseable {
    /** What a lock file holds: the note {@link #tryClaim} writes. Anything else at the lock's path is not ours. */
    private static final java.util.regex.Pattern NOTE = java.util.regex.Pattern.compile("process \\d+, started \\S+");
    /** Most bytes of a lock file read: a note is a few dozen. */
    private static final int NOTE_BYTES = 1024;
    /** Tries at taking a lock file that other sweeps keep deleting and creating, before giving up. */
    private static final int LOCK_ATTEMPTS = 20;
    /** Lock files this process holds. */
    private static final Set<Path> HELD_HERE = ConcurrentHashMap.newKeySet();
    private final Path folder;
    private final Path lockPath;
    private final FileChannel lockFile;
    private final FileLock lock;
    private final Object lockKey;

    private SweepOutput(Path folder, Path lockPath, FileChannel lockFile, FileLock lock, Object lockKey) {
        this.folder = folder;
        this.lockPath = lockPath;
        this.lockFile = lockFile;
        this.lock = lock;
        this.lockKey = lockKey;
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
            checkLockFile(named, lockPath);
            Object before = fileKey(lockPath);
            // No link is followed: a link at the lock's path fails to open (and was refused just above).
            channel = FileChannel.open(lockPath, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
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
            // Under the lock, through the locked descriptor (opening the path again would drop the lock).
            String note = note(channel);
            if (!note.isEmpty() && !NOTE.matcher(note).matches()) {
                lock.release();
                close(channel);
                channel = null;
                throw notALockFile(named, lockPath);
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(holder.getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(false);
            return new SweepOutput(folder, lockPath, channel, lock, before);
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

    /**
     * Refuses a lock path that holds something a sweep did not write there: a symbolic link, a folder or other
     * non-regular file, or a file whose text is not a sweep's note. Such a thing is the user's and stays as it is.
     */
    private static void checkLockFile(Path named, Path lockPath) throws IOException {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(lockPath, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return;
        }
        if (!attrs.isRegularFile()) {
            throw notALockFile(named, lockPath);
        }
        if (attrs.size() > 0 && !NOTE.matcher(readNote(lockPath)).matches()) {
            throw notALockFile(named, lockPath);
        }
    }

    private static SweepRefusal notALockFile(Path named, Path lockPath) {
        return new SweepRefusal(named + ": " + lockPath + " is in the way of the sweep's lock file and is not one"
                + " (a sweep's holds \"process N, started TIME\"); move it away or choose another folder");
    }

    /** The note in an open lock file, at most {@value #NOTE_BYTES} bytes of it. */
    private static String note(FileChannel channel) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(NOTE_BYTES + 1);
        while (buf.hasRemaining() && channel.read(buf, buf.position()) > 0) {
            // read on
        }
        return buf.position() > NOTE_BYTES ? "(more than " + NOTE_BYTES + " bytes)"
                : new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8).strip();
    }

    /** The file's identity (device and inode), without opening it; null when there is no file. */
    private static Object fileKey(Path file) throws IOException {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /**
     * Who holds the lock, as the holder wrote it (at most {@value #NOTE_BYTES} bytes read); empty when the file is
     * gone or not written yet. Only for a lock not held by this process: closing the file would drop that lock.
     */
    private static String readNote(Path lockPath) {
        try (FileChannel channel = FileChannel.open(lockPath, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            return note(channel);
        } catch (IOException e) {
            return "";
        }
    }

    /** The folder written, as a real path. */
    public Path folder() {
        return folder;
    }

    /** True when the folder may still be replaced ({@link ResultsFolder#mayBeReplaced}): nothing of the user's got in. */
    boolean mayBeReplaced() {
        return ResultsFolder.mayBeReplaced(folder);
    }

    /**
     * Removes the staging and replaced folders that killed runs into this folder left beside it: only those named
     * as this folder's and holding nothing but a sweep's files (the lock guarantees no live run owns them). One
     * that holds anything else is left where it is, with a warning; a staging folder with its {@code run.json}
     * holds complete results, which are moved to a visible folder ({@link ResultsFolder#keepAside}), not deleted.
     * Nothing here fails the run: what cannot be listed, moved or removed is a warning.
     */
    void removeStaleStaging(PrintWriter warnings) {
        List<Path> stale;
        try (Stream<Path> siblings = Files.list(folder.getParent())) {
            stale = siblings.filter(p -> ResultsFolder.isStagingName(folder, p)
                    && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                    .sorted(java.util.Comparator.comparing(ResultsFolder::stagingStart).reversed()).toList();
        } catch (IOException | UncheckedIOException e) {
            warnings.println("warning: did not look for folders left by interrupted runs: cannot list "
                    + folder.getParent() + ": " + e.getMessage());
            warnings.flush();
            return;
        }
        for (Path p : stale) {
            try {
                if (restoresKilledSwap(p)) {
                    warnings.println("sweep: restored " + folder + " from " + p + ", the earlier results a run"
                            + " killed while putting its own in place had moved aside");
                } else if (!p.getFileName().toString().endsWith(".replaced") && ResultsFolder.isOurs(p)
                        && Files.isRegularFile(p.resolve("run.json"), LinkOption.NOFOLLOW_LINKS)) {
                    // Complete results of a run that ended before putting them in place: kept, visibly.
                    Path kept = ResultsFolder.keepAside(folder, p, ResultsFolder.stagingSweepId(p));
                    warnings.println("warning: kept " + kept + ", the complete results of a run that ended before"
                            + " putting them in place at " + folder);
                } else if (ResultsFolder.isEmptyFolder(p) || ResultsFolder.isOurs(p)) {
                    FileTrees.delete(p);
                    warnings.println("sweep: removed " + p + ", left by an interrupted run");
                } else {
                    warnings.println("warning: left " + p + " as it is: it holds "
                            + ResultsFolder.foreignEntry(p).map(Path::toString).orElse("no marker of a sweep"));
                }
            } catch (UncheckedIOException e) {
                warnings.println("warning: left " + p + ", left by an interrupted run: " + e.getMessage());
            }
        }
        warnings.flush();
    }

    /**
     * A run killed between its two renames leaves no output folder and the earlier results aside as
     * {@code ….replaced}: those are moved back (the newest such folder: stale folders are visited newest first, and the
     * first restore makes the output non-empty), so that what the user had is never deleted as stale. An empty
     * output folder (made by a wrapper's {@code mkdir -p}) counts as missing: the rename replaces an empty folder
     * in one step, and fails if anything got into it.
     */
    private boolean restoresKilledSwap(Path stale) {
        if (Files.exists(folder, LinkOption.NOFOLLOW_LINKS) && !ResultsFolder.isEmptyFolder(folder)
                || !stale.getFileName().toString().endsWith(".replaced") || !ResultsFolder.isOurs(stale)) {
            return false;
        }
        try {
            Files.move(stale, folder, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move " + stale + " back to " + folder + ": " + e.getMessage(), e);
        }
    }

    /**
     * Deletes the lock file and releases the lock (in that order: see {@link #tryClaim}). Only the file locked is
     * deleted: if the path names another file now, it stays. The run's outcome is settled by then, so a file
     * that cannot be deleted is a warning on stderr, not a failure (it blocks no one: the lock dies with it).
     */
    @Override
    public void close() {
        try {
            if (lock.isValid()) {
                if (lockKey.equals(fileKey(lockPath))) {
                    Files.deleteIfExists(lockPath);
                }
                lock.release();
            }
        } catch (IOException e) {
            System.err.println("warning: left the lock file " + lockPath + ": " + e.getMessage());
        } finally {
            close(lockFile);
            HELD_HERE.remove(lockPath);
        }
    }

    /** Refuses a folder that a sweep may not replace ({@link ResultsFolder#mayBeReplaced}), saying why. */
    private static void checkReplaceable(Path named, Path folder) {
        try {
            if (ResultsFolder.mayBeReplaced(folder)) {
                return;
            }
            if (!ResultsFolder.isMarked(folder)) {
                throw new SweepRefusal(named + ": is not empty and is not an earlier nirsweep result (it holds "
                        + firstEntry(folder) + "); a sweep replaces its output folder, so choose a new or empty one");
            }
            Optional<Path> foreign = ResultsFolder.foreignEntry(folder);
            throw new SweepRefusal(named + ": is an earlier nirsweep result but also holds "
                    + foreign.map(Path::toString).orElse("something else") + ", which a sweep did not write; move it"
                    + " away or choose another folder");
        } catch (UncheckedIOException e) {
            throw new SweepRefusal(named + ": " + e.getMessage(), e);
        }
    }

    private static String firstEntry(Path folder) {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.map(p -> p.getFileName().toString()).min(String::compareTo).orElse("nothing");
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
