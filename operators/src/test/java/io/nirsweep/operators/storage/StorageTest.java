package io.nirsweep.operators.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nirsweep.model.ReadableFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorageTest {
    @TempDir
    Path dir;

    @Test
    void plainPathsAndFileUrisNameTheSameFile() throws IOException {
        Path file = dir.resolve("a b.txt");
        Files.writeString(file, "hello");
        ResourceId plain = Storage.file(file.toString());
        ResourceId uri = Storage.file(file.toUri().toString());
        assertEquals(plain, uri);
        Path noSpace = Files.writeString(dir.resolve("b.txt"), "b");
        assertEquals(Storage.file(noSpace.toString()), Storage.file("file:" + noSpace));
        // not a URI (the space is not escaped), yet plainly meant as that path
        assertEquals(plain, Storage.file("file:" + file));
        assertEquals("/data/[ab]*.npy", Storage.localText("file:///data/[ab]*.npy"));
        assertEquals("/data/a b.npy", Storage.localText("file:///data/a%20b.npy"));
        assertTrue(Storage.isLocal(uri));
        assertEquals(file.toString(), Storage.name(uri));
        assertEquals(file, Storage.localPath(uri));
        assertArrayEquals("hello".getBytes(StandardCharsets.UTF_8), Storage.readAll(uri, 100));
    }

    @Test
    void aRelativePathIsTakenFromTheWorkingFolder() {
        assertEquals(Path.of("x/y.nir").toAbsolutePath().toString(), Storage.name(Storage.file("x/../x/y.nir")));
    }

    @Test
    void relativeLocationsResolveAgainstAFolderAndOthersStayAsTheyAre() {
        ResourceId folder = Storage.folder(dir.toString());
        assertEquals(dir.resolve("m/model.nir").toString(), Storage.resolve(folder, "m/./model.nir"));
        assertEquals("/abs/model.nir", Storage.resolve(folder, "/abs/model.nir"));
        assertEquals("gs://bucket/model.nir", Storage.resolve(folder, "gs://bucket/model.nir"));
        assertEquals("file:///abs/model.nir", Storage.resolve(folder, "file:///abs/model.nir"));
    }

    @Test
    void aSchemeNoFileSystemRegistersIsRefusedNamingTheLocation() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Storage.file("nosuchscheme://bucket/model.nir"));
        assertTrue(e.getMessage().startsWith("nosuchscheme://bucket/model.nir: "), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Storage.file("file://otherhost/x.nir"));
        assertThrows(IllegalArgumentException.class, () -> Storage.file(""));
    }

    @Test
    void readsAtAnyPositionThroughAReadableFile() throws IOException {
        Path file = dir.resolve("data.bin");
        Files.write(file, new byte[] {1, 2, 3, 4, 5});
        ReadableFile readable = Storage.readable(Storage.file(file.toUri().toString()));
        assertEquals(file.toString(), readable.name());
        try (SeekableByteChannel ch = readable.open()) {
            assertEquals(5, ch.size());
            ByteBuffer two = ByteBuffer.allocate(2);
            ch.position(3).read(two);
            assertArrayEquals(new byte[] {4, 5}, two.array());
        }
    }

    @Test
    void missingFilesFoldersAndPipesAreRefusedBeforeOpening() throws Exception {
        assertThrows(NoSuchFileException.class, () -> Storage.open(Storage.file(dir.resolve("none").toString())));
        FileSystemException folder = assertThrows(FileSystemException.class,
                () -> Storage.open(Storage.file(dir.toString())));
        assertTrue(folder.getMessage().contains("is a folder"), folder.getMessage());
        Path fifo = dir.resolve("pipe");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertEquals(0, mkfifo.waitFor());
        FileSystemException pipe = assertThrows(FileSystemException.class, () -> Storage.open(Storage.file(fifo.toString())));
        assertTrue(pipe.getMessage().contains("not a regular file"), pipe.getMessage());
    }

    @Test
    void aWriteAppearsWholeOrNotAtAll() throws IOException {
        ResourceId target = Storage.file(dir.resolve("sub/deeper/out.txt").toString());
        Storage.write(target, out -> out.write("one".getBytes(StandardCharsets.UTF_8)));
        assertEquals("one", Files.readString(dir.resolve("sub/deeper/out.txt")));
        IOException failure = assertThrows(IOException.class, () -> Storage.write(target, out -> {
            out.write("half".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        }));
        assertEquals("disk full", failure.getMessage());
        assertEquals("one", Files.readString(dir.resolve("sub/deeper/out.txt")));
        try (var left = Files.list(dir.resolve("sub/deeper"))) {
            assertEquals(List.of("out.txt"), left.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void listsEveryFileUnderAFolderSortedAndDeletes() throws IOException {
        Files.createDirectories(dir.resolve("t/b"));
        Files.writeString(dir.resolve("t/b/2.txt"), "2");
        Files.writeString(dir.resolve("t/1.txt"), "1");
        Files.createDirectories(dir.resolve("t/empty"));
        ResourceId folder = Storage.folder(dir.resolve("t").toString());
        List<MatchResult.Metadata> files = Storage.list(folder);
        assertEquals(List.of(dir.resolve("t/1.txt").toString(), dir.resolve("t/b/2.txt").toString()),
                files.stream().map(m -> Storage.name(m.resourceId())).toList());
        assertEquals(1, files.get(0).sizeBytes());
        assertTrue(Storage.exists(Storage.child(folder, "b/2.txt")));
        Storage.delete(files.stream().map(MatchResult.Metadata::resourceId).toList());
        assertFalse(Storage.exists(Storage.child(folder, "b/2.txt")));
        assertEquals(List.of(), Storage.list(folder));
        assertEquals(List.of(), Storage.list(Storage.folder(dir.resolve("none").toString())));
    }

    @Test
    void aLargerFileThanAskedIsRefusedWithoutReadingItAll() throws IOException {
        Path file = dir.resolve("big.json");
        Files.write(file, new byte[1000]);
        IOException e = assertThrows(IOException.class, () -> Storage.readAll(Storage.file(file.toString()), 999));
        assertTrue(e.getMessage().endsWith("larger than 999 bytes"), e.getMessage());
    }
}
