package io.nirsweep.operators.inputs;

import io.nirsweep.operators.storage.Storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;

/**
 * File patterns of sweep configs and input sets: a plain path names one file; a pattern with {@code *}, {@code ?},
 * {@code [...]} or <code>{a,b}</code> names every regular file it matches, in sorted order.
 *
 * <p>Patterns use Java's glob syntax ({@link java.nio.file.FileSystem#getPathMatcher}) with {@code /} as the
 * separator: {@code *} matches within one path component, {@code **} across components, and — unlike a shell —
 * {@code *} also matches names that start with a dot. A relative pattern is taken relative to a base folder (the
 * config file's). Only the components after the first one with a pattern character are walked, so
 * {@code data/Test/* /*.bin} lists {@code data/Test} and its sub-folders, not the whole disk. Matches are sorted by
 * their path (Java's {@link Path#compareTo}, character by character), which makes every expansion — and so the
 * sample numbering of a set made of many files — the same on every machine. Symbolic links are followed; a link
 * cycle is reported, not walked forever.
 */
public final class Globs {

    private Globs() {
    }

    /** True when the text holds a pattern character, so it names files by pattern rather than one path. */
    public static boolean isPattern(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '*' || c == '?' || c == '[' || c == '{' || c == '\\') {
                return true;
            }
        }
        return false;
    }

    /**
     * The regular files a path or pattern names, sorted.
     *
     * @param base    the folder a relative path or pattern is resolved against
     * @param pattern a path or pattern, {@code /}-separated
     * @return at least one file, as absolute normalised paths
     * @throws InputException when a plain path is missing or not a regular file, when a pattern is malformed or
     *                        matches no regular file, or when the folders cannot be listed
     */
    public static List<Path> expand(Path base, String pattern) {
        if (pattern.isEmpty()) {
            throw new InputException("an empty path names no file");
        }
        if (!isPattern(pattern)) {
            Path file = base.resolve(pattern).toAbsolutePath().normalize();
            if (!Files.exists(file)) {
                throw new InputException(file + ": no such file");
            }
            if (!Files.isRegularFile(file)) {
                throw new InputException(file + ": is " + (Files.isDirectory(file) ? "a folder" : "not a regular file")
                        + ", not a file");
            }
            return List.of(file);
        }
        boolean absolute = pattern.startsWith("/");
        String[] parts = pattern.split("/+");
        int first = absolute ? 1 : 0;
        int literal = first;
        while (literal < parts.length && !isPattern(parts[literal])) {
            literal++;
        }
        Path root = absolute ? base.getRoot() : base;
        for (int i = first; i < literal; i++) {
            root = root.resolve(parts[i]);
        }
        root = root.toAbsolutePath().normalize();
        String rest = String.join("/", java.util.Arrays.copyOfRange(parts, literal, parts.length));
        PathMatcher matcher;
        try {
            matcher = root.getFileSystem().getPathMatcher("glob:" + rest);
        } catch (IllegalArgumentException e) {
            throw new InputException("malformed pattern '" + pattern + "': "
                    + (e instanceof PatternSyntaxException p ? p.getDescription() : e.getMessage()));
        }
        if (!Files.isDirectory(root)) {
            throw new InputException("pattern '" + pattern + "' matches no file: " + root + " is not a folder");
        }
        int depth = rest.contains("**") ? Integer.MAX_VALUE : parts.length - literal;
        List<Path> found = new ArrayList<>();
        Path walkRoot = root;
        try (Stream<Path> walk = Files.walk(root, depth, FileVisitOption.FOLLOW_LINKS)) {
            walk.filter(p -> !p.equals(walkRoot) && matcher.matches(walkRoot.relativize(p)) && Files.isRegularFile(p))
                    .forEach(found::add);
        } catch (UncheckedIOException e) {
            throw listingFailure(pattern, e.getCause());
        } catch (IOException e) {
            throw listingFailure(pattern, e);
        }
        if (found.isEmpty()) {
            throw new InputException("pattern '" + pattern + "' matches no file under " + root);
        }
        found.sort(null);
        return List.copyOf(found);
    }

    /**
     * The files a location names, as locations (absolute paths for local files, URIs otherwise), sorted: a local
     * path or pattern (a plain path, relative ones from {@code base}, or a {@code file:} URI) is expanded by
     * {@link #expand}; a pattern of another scheme by its file system ({@link Storage#match}).
     *
     * @throws InputException when nothing matches, the pattern is malformed, or the files cannot be listed
     */
    public static List<String> expandLocation(Path base, String location) {
        if (location.isEmpty()) {
            throw new InputException("an empty path names no file");
        }
        if (Storage.isLocal(location)) {
            String local;
            try {
                local = Storage.localText(location);
            } catch (IllegalArgumentException e) {
                throw new InputException(e.getMessage(), e);
            }
            return expand(base, local).stream().map(Path::toString).toList();
        }
        List<org.apache.beam.sdk.io.fs.ResourceId> found;
        try {
            found = Storage.match(location);
        } catch (IOException | IllegalArgumentException e) {
            throw new InputException("cannot list the files of '" + location + "': " + e.getMessage(), e);
        }
        if (found.isEmpty()) {
            throw new InputException(isPattern(location) ? "pattern '" + location + "' matches no file"
                    : location + ": no such file");
        }
        return found.stream().map(Storage::name).toList();
    }

    private static InputException listingFailure(String pattern, IOException e) {
        String why = e instanceof FileSystemLoopException ? "a symbolic link loops back to " + e.getMessage()
                : e.getMessage();
        return new InputException("cannot list the files of pattern '" + pattern + "': " + why, e);
    }
}
