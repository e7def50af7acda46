package io.nirsweep.operators.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Storage#match} on this machine's file system: sorted, files only, nothing for no match. */
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
}
