package io.nirsweep.pipeline;

import io.nirsweep.operators.storage.Storage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * Folder trees the sweep and its tools create and remove (staging folders, replaced results, work folders,
 * scratch), locally or, for a {@link Storage} location of another scheme, every object under its prefix.
 */
public final class FileTrees {
    private FileTrees() {}

    /**
     * Deletes everything under a {@link Storage} folder: locally the folder itself too ({@link #delete(Path)}); in
     * an object store every object under the prefix (which then no longer exists, as a prefix has no object of its
     * own); on HDFS every file, then the folders they leave ({@link Storage#deleteEmptyFolders}).
     */
    public static void delete(ResourceId root) {
        if (Storage.isLocal(root)) {
            delete(Storage.localPath(root));
            return;
        }
        try {
            Storage.delete(Storage.list(root).stream().map(MatchResult.Metadata::resourceId).toList());
            Storage.deleteEmptyFolders(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + Storage.name(root) + ": " + e.getMessage(), e);
        }
    }

    /** Deletes {@code root} and everything below it, deepest first; a missing root is nothing to do. */
    public static void delete(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> tree = Files.walk(root)) {
            for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root + ": " + e.getMessage(), e);
        }
    }
}
