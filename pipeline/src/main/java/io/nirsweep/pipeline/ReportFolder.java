package io.nirsweep.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Set;
import java.util.UUID;

/**
 * A report's output folder, which never loses what the user owns: it is refused, before any work, unless it does
 * not exist, is empty, or holds an earlier report and nothing else (its marker {@link #MARKER}, {@code summary.json},
 * {@code index.html}, the {@code equivalence} table). The report is written into a hidden staging folder beside it
 * and put in place by renames once complete: an interrupted report leaves the earlier one (or nothing) there.
 */
public final class ReportFolder {
    /** Marks a folder as a report's, so that the next report may replace it. */
    public static final String MARKER = ".nirsweep-report";
    static final Set<String> OWN_NAMES = Set.of(MARKER, ReportRun.SUMMARY, ReportRun.INDEX,
            io.nirsweep.operators.parquet.ParquetTables.EQUIVALENCE);

    private ReportFolder() {}

    /**
     * Refuses an output folder the report may not write (a file, a folder of someone else's files, the results
     * or a folder inside them, or one that holds them), in one line naming it.
     *
     * @param results the sweep's results folder when it is local, else null
     */
    public static void check(Path out, Path results) {
        Path abs = out.toAbsolutePath().normalize();
        if (results != null) {
            Path r = results.toAbsolutePath().normalize();
            if (abs.startsWith(r) || r.startsWith(abs)) {
                throw new SweepRefusal("--out " + out + ": the report may not be written " + (abs.equals(r) ? "into"
                        : abs.startsWith(r) ? "inside" : "around") + " the results it reads (" + results + ")");
            }
        }
        if (!Files.exists(out, LinkOption.NOFOLLOW_LINKS)) {
            if (abs.getParent() == null || !Files.isDirectory(abs.getParent())) {
                throw new SweepRefusal("--out " + out + ": its parent folder does not exist");
            }
            return;
        }
        if (!Files.isDirectory(out, LinkOption.NOFOLLOW_LINKS)) {
            throw new SweepRefusal("--out " + out + " is not a folder");
        }
        boolean marked = Files.isRegularFile(out.resolve(MARKER), LinkOption.NOFOLLOW_LINKS);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(out)) {
            for (Path e : entries) {
                String name = e.getFileName().toString();
                if (!marked || !OWN_NAMES.contains(name)) {
                    throw new SweepRefusal("--out " + out + " holds '" + name + "', which is not "
                            + (marked ? "part of a report" : "a report's (no " + MARKER + ")")
                            + "; choose an empty or new folder");
                }
            }
        } catch (IOException e) {
            throw new SweepRefusal("--out " + out + ": cannot list it: " + e.getMessage(), e);
        }
    }

    /** A new hidden staging folder beside {@code out}, for the report to be written into. */
    public static Path staging(Path out) {
        Path abs = out.toAbsolutePath().normalize();
        Path staging = abs.resolveSibling("." + abs.getFileName() + ".report-" + UUID.randomUUID());
        try {
            Files.createDirectory(staging);
            Files.createFile(staging.resolve(MARKER));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + staging + ": " + e.getMessage(), e);
        }
        return staging;
    }

    /**
     * Puts the complete report in {@code staging} in place of {@code out}: checked again (the user may have put
     * files there meanwhile; then the report stays in staging and the refusal says where), the earlier report
     * renamed aside, the staging folder renamed into place, the earlier report deleted.
     */
    public static void publish(Path staging, Path out) {
        try {
            check(out, null);
        } catch (SweepRefusal e) {
            throw new SweepRefusal(e.getMessage() + " (it changed during the report; the report is in " + staging
                    + ")", e);
        }
        Path abs = out.toAbsolutePath().normalize();
        try {
            Path old = null;
            if (Files.exists(abs, LinkOption.NOFOLLOW_LINKS)) {
                old = abs.resolveSibling("." + abs.getFileName() + ".replaced-" + UUID.randomUUID());
                Files.move(abs, old, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(staging, abs, StandardCopyOption.ATOMIC_MOVE);
            if (old != null) {
                FileTrees.delete(old);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot put the report in place of " + out + ": " + e.getMessage()
                    + " (the report is in " + staging + ")", e);
        }
    }
}
