package io.nirsweep.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nirsweep.operators.storage.Storage;
import io.nirsweep.operators.sweep.UnitWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * What a folder written by a sweep looks like, so that a sweep replaces or removes only folders it wrote itself.
 *
 * <p>A sweep's folder (its results, or the hidden staging folder it writes them in) holds the marker
 * {@value #MARKER}, written first, and nothing but the sweep's own files: {@code run.json}, {@code cells/},
 * {@code mapping/} and the {@code spikes/} and {@code traces/} partitions, each with its Parquet parts and the hidden
 * temporary files of interrupted writes, and while it runs its work folder {@code _work/} (the same tables' unit
 * files and the unit markers {@code _units/}; results written before the work folder existed hold {@code _units/}
 * at the top). Results written before the marker existed are
 * recognised by their {@code run.json} (a {@code sweep_id} and an {@code engine_version} "nirsweep …"). A folder
 * with anything else in it is the user's: it is never replaced nor removed.
 */
public final class ResultsFolder {
    /** The marker file only a sweep writes, with the sweep id and code version. */
    public static final String MARKER = ".nirsweep-results";

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Names tried for a folder to keep results in when they cannot replace the output folder. */
    private static final int KEEP_ASIDE_NAMES = 100;
    /** The end of a staging or replaced folder's name: the sweep id and the run's start in milliseconds. */
    private static final Pattern STAGING_NAME =
            Pattern.compile("\\.staging-([0-9a-f]{16})-([0-9]{1,18})(\\.replaced)?$");
    private static final String TABLE = "(spikes|traces)/backend=[^/]+/model=[^/]+";
    private static final String TEMP = "\\.[^/]+\\.tmp";
    /** The run's work folder (unit files and markers) in a staging folder; results before it had _units/ at the top. */
    private static final String IN_WORK = "(" + UnitWriter.WORK + "/)?";
    private static final Pattern OWN_FOLDERS = Pattern.compile(UnitWriter.WORK + "|" + IN_WORK
            + "(_units|cells|mapping|spikes|traces|(spikes|traces)/backend=[^/]+|" + TABLE + ")");
    private static final Pattern OWN_FILES = Pattern.compile(Pattern.quote(MARKER) + "|run\\.json|" + TEMP + "|"
            + IN_WORK + "(_units/[^/]+\\.json|_units/" + TEMP + "|(cells|mapping|" + TABLE + ")/(part-[^/]+\\.parquet|"
            + "part-[^/]+\\.rows|" + TEMP + "))");

    private ResultsFolder() {}

    /** Writes the marker into a folder (a {@link Storage} location) the sweep has just created, atomically. */
    static void mark(ResourceId folder, String sweepId, String engineVersion) {
        ObjectNode marker = JSON.createObjectNode();
        marker.put("sweep_id", sweepId);
        marker.put("engine_version", engineVersion);
        ResourceId file = Storage.child(folder, MARKER);
        try {
            byte[] bytes = JSON.writeValueAsBytes(marker);
            Storage.write(file, out -> out.write(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + Storage.name(file) + ": " + e.getMessage(), e);
        }
    }

    /** True when a sweep writes a file of this name ({@code /}-separated, relative to its results or staging folder). */
    static boolean isOwnFile(String relative) {
        return OWN_FILES.matcher(relative).matches();
    }

    /**
     * Why a sweep may not put its results under an object-store prefix that holds objects of these names (relative
     * to the prefix), or empty when it may: there is none, or they are a sweep's results — the marker, written
     * first, and nothing a sweep does not write ({@link #isOwnFile}). The same rule as {@link #mayBeReplaced} for a
     * folder, on names alone: a prefix has no folders, and no results older than the marker were ever written to
     * one. The reason completes a line that starts with the prefix.
     */
    static Optional<String> whyNotReplaceable(java.util.Collection<String> names) {
        if (names.isEmpty()) {
            return Optional.empty();
        }
        java.util.SortedSet<String> sorted = new java.util.TreeSet<>(names);
        Optional<String> foreign = sorted.stream().filter(n -> !isOwnFile(n)).findFirst();
        if (!sorted.contains(MARKER)) {
            return Optional.of("is not empty and is not an earlier nirsweep result (it holds " + sorted.first()
                    + "); a sweep replaces what is under its output prefix, so choose a new or empty one");
        }
        return foreign.map(name -> "is an earlier nirsweep result but also holds " + name + ", which a sweep did not"
                + " write; move it away or choose another prefix");
    }

    /**
     * The prefix beside an object-store output prefix in which a run writes: {@code <parent>/.<name>.staging-<sweep
     * id>-<millis>/}, as {@link #staging} for a folder.
     *
     * @throws SweepRefusal when the location has no name of its own (a bucket's root)
     */
    static String stagingPrefix(String out, String sweepId, Instant start) {
        String trimmed = out.endsWith("/") ? out.substring(0, out.length() - 1) : out;
        int authority = trimmed.indexOf("://");
        int slash = trimmed.lastIndexOf('/');
        if (authority < 0 || slash < authority + 3 || slash == trimmed.length() - 1) {
            throw new SweepRefusal(out + ": is the root of its storage; a sweep writes a prefix of its own");
        }
        return trimmed.substring(0, slash + 1) + "." + trimmed.substring(slash + 1) + ".staging-" + sweepId + "-"
                + start.toEpochMilli() + "/";
    }

    /** The names of these objects relative to the prefix {@code folder} they are under. */
    static List<String> relativeNames(ResourceId folder, List<MatchResult.Metadata> objects) {
        return objects.stream().map(m -> {
            try {
                return Storage.relativeName(folder, m.resourceId());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(m.resourceId() + " was listed under " + folder + " but is not in it", e);
            }
        }).toList();
    }

    /** Largest run.json read to recognise an older result: a sweep's is a few KiB, a larger one is not ours. */
    private static final long MAX_RUN_JSON = 1 << 20;

    /**
     * True when a sweep may put its results in place of {@code folder}: it does not exist, is an empty folder, or
     * is a sweep's results and nothing else ({@link #isOurs}). The one test of "may be replaced": checked when the
     * folder is claimed and again just before the results are put in place.
     */
    public static boolean mayBeReplaced(Path folder) {
        if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
            return true;
        }
        return Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS) && (isEmptyFolder(folder) || isOurs(folder));
    }

    /** True when a sweep wrote the folder: its marker (or an older run.json) and nothing of anyone else's. */
    public static boolean isOurs(Path folder) {
        return isMarked(folder) && foreignEntry(folder).isEmpty();
    }

    /** True when the folder carries a sweep's marker, or is an older run's results with its run.json. */
    static boolean isMarked(Path folder) {
        if (Files.isRegularFile(folder.resolve(MARKER), LinkOption.NOFOLLOW_LINKS)) {
            return true;
        }
        Path runJson = folder.resolve("run.json");
        if (!Files.isRegularFile(runJson, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try {
            if (Files.size(runJson) > MAX_RUN_JSON) {
                return false;
            }
            JsonNode run = JSON.readTree(runJson.toFile());
            return run != null && run.path("sweep_id").isTextual()
                    && run.path("engine_version").asText("").startsWith("nirsweep ");
        } catch (IOException e) {
            return false; // not our JSON, or not JSON at all
        }
    }

    /**
     * The first entry under the folder that a sweep does not write (a file or folder of another name, or a
     * symbolic link), relative to the folder; empty when everything in it is the sweep's.
     */
    public static Optional<Path> foreignEntry(Path folder) {
        Path[] foreign = new Path[1];
        try {
            Files.walkFileTree(folder, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (dir.equals(folder)) {
                        return FileVisitResult.CONTINUE;
                    }
                    return check(dir, OWN_FOLDERS.matcher(relative(dir)).matches());
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    return check(file, attrs.isRegularFile() && isOwnFile(relative(file)));
                }

                private String relative(Path p) {
                    return folder.relativize(p).toString().replace(java.io.File.separatorChar, '/');
                }

                private FileVisitResult check(Path p, boolean own) {
                    if (own) {
                        return FileVisitResult.CONTINUE;
                    }
                    foreign[0] = folder.relativize(p);
                    return FileVisitResult.TERMINATE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot look through " + folder + ": " + e.getMessage(), e);
        }
        return Optional.ofNullable(foreign[0]);
    }

    /** True when the folder exists and holds nothing. */
    static boolean isEmptyFolder(Path folder) {
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder + ": " + e.getMessage(), e);
        }
    }

    /** The hidden folder beside {@code out} in which a run writes: {@code .<name>.staging-<sweep id>-<millis>}. */
    static Path staging(Path out, String sweepId, Instant start) {
        return out.resolveSibling("." + out.getFileName() + ".staging-" + sweepId + "-" + start.toEpochMilli());
    }

    /** Where the results a run replaces wait, beside {@code out}, until they are deleted. */
    static Path replaced(Path staging) {
        return staging.resolveSibling(staging.getFileName() + ".replaced");
    }

    /** When the run that made a staging (or replaced) folder started, from its name; 0 when it is not one. */
    static long stagingStart(Path staging) {
        java.util.regex.Matcher m = STAGING_NAME.matcher(staging.getFileName().toString());
        return m.find() ? Long.parseLong(m.group(2)) : 0;
    }

    /** True when {@code candidate} is named like one of {@code out}'s staging or replaced folders. */
    static boolean isStagingName(Path out, Path candidate) {
        return candidate.getFileName().toString().matches(Pattern.quote("." + out.getFileName() + ".staging-")
                + "[0-9a-f]{16}-[0-9]+(\\.replaced)?");
    }

    /**
     * Moves complete results from the hidden staging folder to a visible one beside the output folder,
     * {@code <out>.nirsweep-<sweep id>} (or {@code …-2}, {@code …-3} when taken). The folder is created first, so
     * nothing of anyone else's is ever the rename's target; the staging folder itself when no move succeeds.
     */
    static Path keepAside(Path out, Path staging, String sweepId) {
        for (int n = 1; n <= KEEP_ASIDE_NAMES; n++) {
            Path aside = out.resolveSibling(out.getFileName() + ".nirsweep-" + sweepId + (n == 1 ? "" : "-" + n));
            try {
                Files.createDirectory(aside);
            } catch (FileAlreadyExistsException e) {
                continue;
            } catch (IOException e) {
                return staging;
            }
            try {
                Files.move(staging, aside, StandardCopyOption.ATOMIC_MOVE); // onto the empty folder just made
                return aside;
            } catch (IOException e) {
                // something got into it meanwhile: it is not ours any more, try the next name
            }
        }
        return staging;
    }

    /** The sweep id in a staging (or replaced) folder's name; null when it is not one. */
    static String stagingSweepId(Path staging) {
        java.util.regex.Matcher m = STAGING_NAME.matcher(staging.getFileName().toString());
        return m.find() ? m.group(1) : null;
    }
}
