package io.nirsweep.operators.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Storage#match} and {@link Storage#localPath(String)}, on this machine's file system. */
class StorageMatchTest {
    @TempDir
    Path dir;

    private static List<String> names(List<ResourceId> ids) {
        return ids.stream().map(Storage::name).toList();
    }

    @Test
    void aPatternMatchesFilesSortedByLocationAndNoFolders() throws IOException {
        Files.writeString(dir.resolve("s10.npy"), "");
        Files.writeString(dir.resolve("s2.npy"), "");
        Files.writeString(dir.resolve("s1.npy"), "");
        Files.createDirectory(dir.resolve("s3.npy")); // a folder whose name matches
        Files.writeString(dir.resolve("other.csv"), "");
        List<String> expected = List.of(dir.resolve("s1.npy").toString(), dir.resolve("s10.npy").toString(),
                dir.resolve("s2.npy").toString());
        assertEquals(expected, names(Storage.match(dir + "/s*.npy")));
        assertEquals(expected, names(Storage.match(dir.toUri() + "s*.npy")));
    }

    @Test
    void aPatternMatchingNothingGivesNoFile() throws IOException {
        assertTrue(Storage.match(dir + "/*.npy").isEmpty());
        assertTrue(Storage.match(dir + "/missing/*.npy").isEmpty());
    }

    @Test
    void localPathsOfPlainPathsAndFileUris() {
        Path file = dir.resolve("a b.npy");
        assertEquals(Optional.of(file), Storage.localPath(file.toString()));
        assertEquals(Optional.of(file), Storage.localPath(file.toUri().toString()));
        assertEquals(Optional.of(Path.of("x.npy").toAbsolutePath()), Storage.localPath("x.npy"));
        assertEquals(Optional.of(dir.resolve("*.npy")), Storage.localPath(dir.toUri() + "*.npy"));
        assertEquals(Optional.empty(), Storage.localPath("gs://bucket/x.npy"));
    }
}
