package io.nirsweep.operators.storage;

import io.nirsweep.model.ReadableFile;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.MoveOptions;
import org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * Reads and writes files at any location Beam's {@link FileSystems} knows. A location is a plain path (relative
 * ones from the working folder), a {@code file:} URI, or a URI of a registered scheme; {@link #file} and
 * {@link #folder} turn it into a {@link ResourceId}, and the rest take those.
 *
 * <p>Beam's own {@code matchNewResource} takes {@code file:///x} for a relative path named {@code file:}, so
 * {@code file:} URIs become plain paths here, once. Local files are checked to be regular files before they are
 * opened: opening a named pipe would wait for a writer forever. Writes are atomic per file: the bytes go to a hidden
 * temporary file beside the target ({@code .<name>.<random>.tmp}), which is then renamed onto it (one
 * {@code rename(2)} locally; an object store's rename, which is a copy, makes the object appear whole anyway).
 */
public final class Storage {
    /** {@code scheme://…}: a URI rather than a path (RFC 3986 scheme characters). */
    private static final Pattern URI_SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://.*", Pattern.DOTALL);
    private static final String LOCAL_SCHEME = "file";
    private static volatile boolean registered;

    private Storage() {}

    /** What writes a file's bytes. */
    @FunctionalInterface
    public interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Registers every Beam file system on the class path ({@code FileSystemRegistrar} services), once in this JVM.
     * A pipeline's workers have theirs registered by the runner; the command line registers them here, before it
     * touches a location.
     */
    public static void register() {
        if (!registered) {
            FileSystems.registerFileSystemsOnce(PipelineOptionsFactory.create());
            registered = true;
        }
    }

    /**
     * Registers every Beam file system on the class path as {@code options} configure them (a Hadoop configuration
     * for {@code hdfs://}, an AWS region for {@code s3://} …), replacing what this JVM registered before: what a
     * pipeline's workers do with the pipeline's options.
     */
    public static void register(PipelineOptions options) {
        FileSystems.setDefaultPipelineOptions(options);
        registered = true;
    }

    /**
     * A file's location.
     *
     * @throws IllegalArgumentException when the location is empty, a {@code file:} URI naming another host, or a
     *                                  URI whose scheme no file system on the class path registers
     */
    public static ResourceId file(String location) {
        return resource(location, false);
    }

    /** A folder's location (what {@link #file} takes; the result resolves names inside it). */
    public static ResourceId folder(String location) {
        return resource(location, true);
    }

    private static ResourceId resource(String location, boolean folder) {
        register();
        try {
            return FileSystems.matchNewResource(normalise(location), folder);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(location + ": " + schemeHint(e.getMessage()), e);
        }
    }

    /** Beam's "No filesystem found for scheme X", with what to do about it. */
    private static String schemeHint(String message) {
        String prefix = "No filesystem found for scheme ";
        int at = message == null ? -1 : message.indexOf(prefix);
        if (at < 0) {
            return message;
        }
        String scheme = message.substring(at + prefix.length()).strip();
        return "no file system for " + scheme + ":// on the class path (build with its Beam module: docs/cluster.md,"
                + " \"Storage\")";
    }

    /** A plain path for a local location (absolute, normalised), the URI as it is otherwise. */
    static String normalise(String location) {
        if (location == null || location.isEmpty()) {
            throw new IllegalArgumentException("an empty location names no file");
        }
        if (isFileUri(location)) {
            return Path.of(localText(location)).toAbsolutePath().normalize().toString();
        }
        if (URI_SCHEME.matcher(location).matches()) {
            return location;
        }
        return Path.of(location).toAbsolutePath().normalize().toString();
    }

    /** True when the location is a plain text that names no scheme (a path, taken relative to a folder). */
    public static boolean isRelativePath(String location) {
        return !isFileUri(location) && !URI_SCHEME.matcher(location).matches() && !Path.of(location).isAbsolute();
    }

    /** True when the location is on this machine: a plain path or a {@code file:} URI. */
    public static boolean isLocal(String location) {
        return isFileUri(location) || !URI_SCHEME.matcher(location).matches();
    }

    /**
     * The local path text of a plain path or {@code file:} URI, which may be a pattern: a URI is decoded when it
     * parses as one; a pattern's characters that a URI may not hold ({@code [ ] { }}) are taken as written.
     */
    public static String localText(String location) {
        if (!isFileUri(location)) {
            return location;
        }
        try {
            return Path.of(URI.create(location)).toString();
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            String rest = location.substring(LOCAL_SCHEME.length() + 1);
            if (rest.startsWith("///")) {
                return rest.substring(2);
            }
            if (rest.startsWith("//")) {
                throw new IllegalArgumentException("not a local file URI (file:///absolute/path)", e);
            }
            return rest;
        }
    }

    private static boolean isFileUri(String location) {
        return location.regionMatches(true, 0, LOCAL_SCHEME + ":", 0, LOCAL_SCHEME.length() + 1);
    }

    /** {@code location} taken relative to {@code folder} when it is a relative path; as it is otherwise. */
    public static String resolve(ResourceId folder, String location) {
        if (!isRelativePath(location)) {
            return location;
        }
        if (isLocal(folder)) {
            return localPath(folder).resolve(location).normalize().toString();
        }
        return folder.resolve(inFolder(folder, location), StandardResolveOptions.RESOLVE_FILE).toString();
    }

    /** True when the location is on this machine's file system. */
    public static boolean isLocal(ResourceId id) {
        return LOCAL_SCHEME.equals(id.getScheme());
    }

    /** The local path of a local location. */
    public static Path localPath(ResourceId id) {
        if (!isLocal(id)) {
            throw new IllegalArgumentException(id + " is not on this machine's file system");
        }
        return Path.of(id.toString());
    }

    /** The location as messages name it: the path of a local file or folder (no trailing slash), else the URI. */
    public static String name(ResourceId id) {
        return isLocal(id) ? localPath(id).toString() : id.toString();
    }

    /** A folder's location as a user writes it: {@link #name} without the trailing {@code /} of a URI. */
    public static String folderName(ResourceId folder) {
        String name = name(folder);
        return name.endsWith("/") && !name.endsWith("//") && name.length() > 1
                ? name.substring(0, name.length() - 1) : name;
    }

    /** The file {@code name} inside {@code folder}; {@code name} may hold {@code /}-separated folders. */
    public static ResourceId child(ResourceId folder, String name) {
        return asFolder(folder).resolve(inFolder(folder, name), StandardResolveOptions.RESOLVE_FILE);
    }

    /** The folder {@code name} inside {@code folder}. */
    public static ResourceId childFolder(ResourceId folder, String name) {
        return asFolder(folder).resolve(inFolder(folder, name), StandardResolveOptions.RESOLVE_DIRECTORY);
    }

    /**
     * The name of {@code file} relative to {@code folder}, as {@link #child} takes it (so {@code child(folder,
     * relativeName(folder, file))} is {@code file}).
     *
     * @throws IllegalArgumentException when the file is not under the folder
     */
    public static String relativeName(ResourceId folder, ResourceId file) {
        String prefix = asFolder(folder).toString();
        String id = file.toString();
        if (!id.startsWith(prefix)) {
            throw new IllegalArgumentException(id + " is not under " + prefix);
        }
        String rest = id.substring(prefix.length());
        return decodesNames(folder) ? URI.create("/" + rest).getPath().substring(1) : rest;
    }

    /**
     * True when the file system of {@code id} takes its locations as URIs whose path it decodes: Beam's Hadoop file
     * system ({@code hdfs://}) resolves a name as a URI reference and creates, opens, renames and deletes the file
     * its URI's decoded path names (a name {@code model=a%2Fb} would be two folders {@code model=a/b}), while it
     * takes a pattern to match as a plain path (that name as it is). Names are then encoded on the way in
     * ({@link #child}), decoded on the way out ({@link #relativeName}) and matched by their decoded path
     * ({@link #matchSpec}). Beam's gs:// and s3:// file systems, and the local one, take names as they are.
     */
    private static boolean decodesNames(ResourceId id) {
        return !isLocal(id) && "A".equals(asFolder(id).resolve("%41", StandardResolveOptions.RESOLVE_FILE)
                .getFilename());
    }

    /** A relative {@code name} as {@code folder}'s file system resolves it to that name ({@link #decodesNames}). */
    private static String inFolder(ResourceId folder, String name) {
        if (!decodesNames(folder)) {
            return name;
        }
        int slash = name.indexOf('/');
        // a colon in the first segment would read as a scheme
        String safe = name.substring(0, slash < 0 ? name.length() : slash).contains(":") ? "./" + name : name;
        try {
            return new URI(null, null, safe, null).getRawPath(); // quotes %, spaces, ?, # and the like
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
    }

    /**
     * What to match to find the file or folder {@code id} on its file system: its location as it is, or, where
     * the file system decodes names ({@link #decodesNames}), its decoded path with the characters a pattern
     * reads ({@code \ * ? [ ] { }}) escaped.
     */
    private static String matchSpec(ResourceId id) {
        if (!decodesNames(id)) {
            return id.toString();
        }
        URI uri = URI.create(id.toString());
        String path = uri.getPath().replaceAll("([\\\\*?\\[\\]{}])", "\\\\$1");
        return uri.getScheme() + "://" + (uri.getRawAuthority() == null ? "" : uri.getRawAuthority()) + path;
    }

    /** The same location taken as a folder. */
    public static ResourceId asFolder(ResourceId id) {
        return id.isDirectory() ? id : FileSystems.matchNewResource(id.toString(), true);
    }

    /** The file as {@link ReadableFile}: every open goes through {@link #open}. */
    public static ReadableFile readable(ResourceId id) {
        String name = name(id);
        return new ReadableFile() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public SeekableByteChannel open() throws IOException {
                return Storage.open(id);
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }

    /**
     * Opens a file to read at any position.
     *
     * @throws NoSuchFileException when it does not exist
     * @throws IOException         when it is a folder or not a regular file, or its file system cannot seek
     */
    public static SeekableByteChannel open(ResourceId id) throws IOException {
        if (isLocal(id)) {
            requireRegularFile(localPath(id));
        }
        ReadableByteChannel channel;
        try {
            channel = FileSystems.open(id);
        } catch (FileNotFoundException e) {
            NoSuchFileException missing = new NoSuchFileException(name(id));
            missing.initCause(e);
            throw missing;
        }
        if (channel instanceof SeekableByteChannel seekable) {
            return seekable;
        }
        channel.close();
        throw new IOException(name(id) + ": its file system (" + id.getScheme() + ") cannot read at a position");
    }

    private static void requireRegularFile(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            throw new FileSystemException(path.toString(), null, ReadableFile.IS_A_FOLDER);
        }
        if (!Files.exists(path)) {
            throw new NoSuchFileException(path.toString());
        }
        if (!Files.isRegularFile(path)) {
            throw new FileSystemException(path.toString(), null, "is not a regular file");
        }
    }

    /** A stream over a whole file (what {@link #open} opens). */
    public static InputStream newInputStream(ResourceId id) throws IOException {
        return Channels.newInputStream(open(id));
    }

    /**
     * Reads a small file whole.
     *
     * @throws IOException when it cannot be read or holds more than {@code maxBytes} bytes (nothing that size is
     *                     allocated: the bytes are read up to the limit)
     */
    public static byte[] readAll(ResourceId id, int maxBytes) throws IOException {
        try (InputStream in = newInputStream(id)) {
            byte[] bytes = in.readNBytes(maxBytes);
            if (in.read() != -1) {
                throw new IOException(name(id) + ": larger than " + maxBytes + " bytes");
            }
            return bytes;
        }
    }

    /**
     * The files a pattern (or one location) names on a non-local file system, sorted by location; empty when it
     * names none. The file system expands the pattern itself ({@code *}, {@code **}, {@code ?}, as Beam's
     * {@code FileSystems.match} defines them for that scheme).
     */
    public static List<ResourceId> match(String pattern) throws IOException {
        return matchMetadata(pattern).stream().map(MatchResult.Metadata::resourceId).filter(id -> !id.isDirectory())
                .sorted(Comparator.comparing(ResourceId::toString)).toList();
    }

    /** What Beam's file system of the pattern's scheme finds for it, as it finds it; empty when nothing. */
    private static List<MatchResult.Metadata> matchMetadata(String pattern) throws IOException {
        register();
        MatchResult result;
        try {
            result = FileSystems.match(pattern, EmptyMatchTreatment.ALLOW);
        } catch (IllegalArgumentException e) {
            throw new IOException(schemeHint(e.getMessage()), e);
        }
        if (result.status() == MatchResult.Status.NOT_FOUND) {
            return List.of();
        }
        if (result.status() != MatchResult.Status.OK) {
            try {
                result.metadata(); // throws the file system's own reason
            } catch (IOException e) {
                throw new IOException(schemeHint(e.getMessage()), e);
            }
            throw new IOException("cannot list it (" + result.status() + ")");
        }
        return result.metadata();
    }

    /** A file's size and kind, or empty when nothing is there. */
    public static Optional<MatchResult.Metadata> metadata(ResourceId id) throws IOException {
        MatchResult result = decodesNames(id) ? FileSystems.match(List.of(matchSpec(id))).get(0)
                : FileSystems.matchResources(List.of(id)).get(0);
        if (result.status() == MatchResult.Status.NOT_FOUND) {
            return Optional.empty();
        }
        List<MatchResult.Metadata> found = result.metadata();
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** True when a file (or, locally, a folder) is at the location. */
    public static boolean exists(ResourceId id) throws IOException {
        if (isLocal(id)) {
            return Files.exists(localPath(id), LinkOption.NOFOLLOW_LINKS);
        }
        return metadata(id).isPresent();
    }

    /**
     * Every file under a folder, at any depth, sorted by location; empty when there is none (or no folder).
     * Locally, a symbolic link is listed as what it points to (Beam's local listing follows links).
     */
    public static List<MatchResult.Metadata> list(ResourceId folder) throws IOException {
        ResourceId dir = asFolder(folder);
        TreeMap<String, MatchResult.Metadata> files = new TreeMap<>();
        if (decodesNames(dir)) {
            walk(dir, files);
            return new ArrayList<>(files.values());
        }
        for (MatchResult.Metadata found : matchMetadata(dir + "**")) {
            if (!found.resourceId().isDirectory()) {
                files.put(found.resourceId().toString(), found);
            }
        }
        return new ArrayList<>(files.values());
    }

    /**
     * Deletes {@code folder} and every folder under it that holds no file, deepest first, on a file system whose
     * folders outlive their files (Beam's Hadoop file system, {@link #decodesNames}: HDFS keeps a folder when its
     * last file is deleted or renamed away); a folder that holds a file is left as it is. Elsewhere nothing is done:
     * an object store has no folders, and local folders are deleted as paths.
     */
    public static void deleteEmptyFolders(ResourceId folder) throws IOException {
        ResourceId dir = asFolder(folder);
        if (decodesNames(dir)) {
            String name = dir.toString();
            deleteIfNoFiles(dir, FileSystems.matchNewResource(name.substring(0, name.length() - 1), false));
        }
    }

    /** Deletes the folder {@code entry} ({@code dir} as a folder) if it holds no file; true when it is gone. */
    private static boolean deleteIfNoFiles(ResourceId dir, ResourceId entry) throws IOException {
        boolean empty = true;
        for (MatchResult.Metadata found : matchMetadata(matchSpec(dir) + "*")) {
            if (!isFolder(found, new TreeMap<>()) || !deleteIfNoFiles(asFolder(found.resourceId()),
                    found.resourceId())) {
                empty = false;
            }
        }
        if (empty) {
            FileSystems.delete(List.of(entry)); // not recursive: a folder that got a file meanwhile stays, with it
        }
        return empty;
    }

    /**
     * Adds every file under {@code dir} to {@code files}, one {@code *} search per folder: Beam's Hadoop file system
     * starts a {@code **} search in the subfolders (missing the folder's own files) and searches them through their
     * URIs taken as plain paths, so it misses every file in a folder whose name has a {@code %}
     * ({@link #decodesNames}). Folders wait in a queue rather than on the call stack: a prefix's depth is the
     * user's, not ours.
     */
    private static void walk(ResourceId dir, NavigableMap<String, MatchResult.Metadata> files) throws IOException {
        java.util.ArrayDeque<ResourceId> folders = new java.util.ArrayDeque<>(List.of(dir));
        while (!folders.isEmpty()) {
            for (MatchResult.Metadata found : matchMetadata(matchSpec(folders.poll()) + "*")) {
                if (isFolder(found, files)) {
                    folders.add(asFolder(found.resourceId()));
                } else {
                    files.put(found.resourceId().toString(), found);
                }
            }
        }
    }

    /**
     * Whether an entry that a {@code *} search found is a folder: one with files in it has them among {@code files}
     * (every file deeper down), and an empty one cannot be opened, as a file of size 0 can.
     */
    private static boolean isFolder(MatchResult.Metadata entry, NavigableMap<String, MatchResult.Metadata> files)
            throws IOException {
        if (entry.sizeBytes() > 0) {
            return false;
        }
        String inside = entry.resourceId().toString() + "/";
        String next = files.ceilingKey(inside);
        if (next != null && next.startsWith(inside)) {
            return true;
        }
        try {
            FileSystems.open(entry.resourceId()).close();
            return false;
        } catch (FileNotFoundException e) {
            return true; // a folder (or a file deleted since it was listed, which is not there any more either)
        }
    }

    /**
     * Writes a file atomically: the body writes a hidden temporary file beside it, which is renamed onto the target
     * (replacing what is there) only once the body has finished and the file is closed (and, locally, forced to
     * disk); on failure the temporary
     * file is deleted and the target is as it was. Missing local folders on the way are created.
     */
    public static void write(ResourceId target, Body body) throws IOException {
        ResourceId temp = temporary(target);
        boolean done = false;
        try {
            try (OutputStream out = Channels.newOutputStream(FileSystems.create(temp, "application/octet-stream"))) {
                body.writeTo(out);
            }
            if (isLocal(temp)) {
                // on disk before the name is: after a crash, the file is whole or absent, never empty
                try (FileChannel written = FileChannel.open(localPath(temp), StandardOpenOption.WRITE)) {
                    written.force(true);
                }
            }
            FileSystems.rename(List.of(temp), List.of(target));
            done = true;
        } finally {
            if (!done) {
                deleteQuietly(temp);
            }
        }
    }

    /** The hidden temporary file a write of {@code target} goes through: {@code .<name>.<random>.tmp} beside it. */
    public static ResourceId temporary(ResourceId target) {
        return child(target.getCurrentDirectory(), "." + target.getFilename() + "." + UUID.randomUUID() + ".tmp");
    }

    /** Renames one file onto another (replacing it). */
    public static void rename(ResourceId from, ResourceId to) throws IOException {
        FileSystems.rename(List.of(from), List.of(to));
    }

    /** Deletes files; one already gone is no error. */
    public static void delete(Collection<ResourceId> files) throws IOException {
        if (files.isEmpty()) {
            return;
        }
        if (decodesNames(files.iterator().next())) {
            // Beam finds the files to ignore by matching their locations as plain paths, which misses one whose
            // name has a %; Hadoop's delete of a missing file is no error anyway
            FileSystems.delete(files);
        } else {
            FileSystems.delete(files, MoveOptions.StandardMoveOptions.IGNORE_MISSING_FILES);
        }
    }

    private static void deleteQuietly(ResourceId file) {
        try {
            delete(List.of(file));
        } catch (IOException | RuntimeException e) {
            // the write already failed with its own reason; a leftover hidden .tmp is recognised as ours
        }
    }
}
