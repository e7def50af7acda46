package io.nirsweep.operators.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nirsweep.model.ReadableFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.io.hdfs.HadoopFileSystemOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Storage} on a real HDFS: a NameNode and one DataNode of Hadoop's MiniDFSCluster in this JVM, on loopback
 * ({@link MiniHdfs}), reached through Beam's Hadoop file system ({@code hdfs://}) as a sweep's workers reach it.
 */
class StorageHdfsTest {
    @TempDir
    static Path hdfsData;

    private static MiniHdfs hdfs;
    private static String root;

    /** This test's own folder on the HDFS, so the tests share one cluster but no files. */
    private String base;
    /** This test's method name, the first folder of {@link #base}. */
    private String test;

    @BeforeAll
    static void startHdfs() throws IOException {
        hdfs = MiniHdfs.start(hdfsData);
        root = hdfs.root();
        HadoopFileSystemOptions options = PipelineOptionsFactory.as(HadoopFileSystemOptions.class);
        options.setHdfsConfiguration(List.of(hdfs.configuration()));
        Storage.register(options);
    }

    /** The cluster stops (and its folders go) whatever happened. */
    @AfterAll
    static void stopHdfs() throws IOException {
        try {
            if (hdfs != null) {
                hdfs.close();
            }
        } finally {
            // the other tests in this JVM get the file systems of default options back
            Storage.register(PipelineOptionsFactory.create());
        }
    }

    @BeforeEach
    void ownFolder(TestInfo test) {
        this.test = test.getTestMethod().orElseThrow().getName();
        base = root + this.test + "/";
    }

    private static void put(ResourceId file, String text) throws IOException {
        Storage.write(file, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static String text(ResourceId file) throws IOException {
        return new String(Storage.readAll(file, 1 << 20), StandardCharsets.UTF_8);
    }

    private static List<String> names(List<MatchResult.Metadata> files) {
        return files.stream().map(m -> Storage.name(m.resourceId())).toList();
    }

    @Test
    void hdfsLocationsResolveAsUris() {
        ResourceId file = Storage.file(base + "models/a.nir");
        assertEquals("hdfs", file.getScheme());
        assertFalse(Storage.isLocal(file));
        assertEquals(base + "models/a.nir", Storage.name(file));
        assertThrows(IllegalArgumentException.class, () -> Storage.localPath(file));
        ResourceId folder = Storage.folder(base + "models");
        assertEquals(file, Storage.child(folder, "a.nir"));
        assertEquals(base + "models/sub/", Storage.childFolder(folder, "sub").toString());
        assertEquals(base + "models/m/model.nir", Storage.resolve(folder, "m/./model.nir"));
        assertEquals("/abs/model.nir", Storage.resolve(folder, "/abs/model.nir"));
        assertEquals("file:///abs/model.nir", Storage.resolve(folder, "file:///abs/model.nir"));
    }

    @Test
    void aLocationMayNameTheNameNodeByAnotherAddressThanTheConfiguredOne() throws IOException {
        put(Storage.file(base + "x.txt"), "x"); // fs.defaultFS names the NameNode as localhost
        String byAddress = base.replace("hdfs://localhost:", "hdfs://127.0.0.1:");
        assertEquals("x", text(Storage.file(byAddress + "x.txt")));
        ResourceId folder = Storage.folder(byAddress);
        List<String> names = Storage.list(folder).stream()
                .map(m -> Storage.relativeName(folder, m.resourceId())).toList();
        assertEquals(List.of("x.txt"), names, "listed as " + Storage.list(folder));
    }

    @Test
    void aWriteAppearsWholeOrNotAtAll() throws IOException {
        ResourceId target = Storage.file(base + "sub/deeper/out.txt");
        put(target, "one");
        assertEquals("one", text(target));
        IOException failure = assertThrows(IOException.class, () -> Storage.write(target, out -> {
            out.write("half".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        }));
        assertEquals("disk full", failure.getMessage());
        assertEquals("one", text(target));
        ResourceId fresh = Storage.file(base + "sub/never.txt");
        assertThrows(IOException.class, () -> Storage.write(fresh, out -> {
            out.write("half".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        }));
        assertFalse(Storage.exists(fresh));
        assertEquals(List.of(base + "sub/deeper/out.txt"), names(Storage.list(Storage.folder(base + "sub"))));
        put(target, "two, longer");
        assertEquals("two, longer", text(target));
    }

    @Test
    void readsAtAnyPositionThroughAReadableFileThatIsNoFileChannel() throws IOException {
        ResourceId id = Storage.file(base + "data.bin");
        Storage.write(id, out -> out.write(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}));
        try (SeekableByteChannel ch = Storage.open(id)) {
            assertEquals(8, ch.size());
            ByteBuffer two = ByteBuffer.allocate(2);
            ch.position(5).read(two);
            assertArrayEquals(new byte[] {6, 7}, two.array());
            assertEquals(7, ch.position());
            ByteBuffer first = ByteBuffer.allocate(3);
            ch.position(0).read(first);
            assertArrayEquals(new byte[] {1, 2, 3}, first.array());
        }
        ReadableFile readable = Storage.readable(id);
        assertEquals(base + "data.bin", readable.name());
        try (SeekableByteChannel ch = readable.open()) {
            assertFalse(ch instanceof FileChannel, ch.getClass().getName());
            ByteBuffer last = ByteBuffer.allocate(1);
            ch.position(7).read(last);
            assertEquals(8, last.get(0));
            assertEquals(-1, ch.read(ByteBuffer.allocate(1)));
        }
    }

    @Test
    void missingFilesAndTooLargeFilesAreRefused() throws IOException {
        assertThrows(NoSuchFileException.class, () -> Storage.open(Storage.file(base + "none.nir")));
        assertThrows(NoSuchFileException.class, () -> Storage.readable(Storage.file(base + "none.nir")).open());
        ResourceId big = Storage.file(base + "big.json");
        Storage.write(big, out -> out.write(new byte[1000]));
        IOException e = assertThrows(IOException.class, () -> Storage.readAll(big, 999));
        assertTrue(e.getMessage().endsWith("larger than 999 bytes"), e.getMessage());
        assertEquals(1000, Storage.readAll(big, 1000).length);
    }

    @Test
    void listsEveryFileUnderAFolderSortedExistsRenamesAndDeletes() throws IOException {
        ResourceId folder = Storage.folder(base + "t");
        put(Storage.child(folder, "b/2.txt"), "2");
        put(Storage.child(folder, "1.txt"), "1");
        put(Storage.child(folder, "a/c/3.txt"), "33");
        put(Storage.child(folder, "0.txt"), "");
        put(Storage.child(folder, "gone/x.txt"), "x");
        Storage.delete(List.of(Storage.child(folder, "gone/x.txt"))); // leaves the empty folder t/gone
        List<MatchResult.Metadata> files = Storage.list(folder);
        assertEquals(List.of(base + "t/0.txt", base + "t/1.txt", base + "t/a/c/3.txt", base + "t/b/2.txt"),
                names(files));
        assertEquals(List.of(0L, 1L, 2L, 1L), files.stream().map(MatchResult.Metadata::sizeBytes).toList());
        Storage.delete(List.of(Storage.child(folder, "0.txt")));
        assertEquals(List.of(), Storage.list(Storage.folder(base + "none")));

        assertTrue(Storage.exists(Storage.child(folder, "b/2.txt")));
        assertFalse(Storage.exists(Storage.child(folder, "b/none.txt")));

        Storage.rename(Storage.child(folder, "b/2.txt"), Storage.child(folder, "moved/2.txt"));
        assertFalse(Storage.exists(Storage.child(folder, "b/2.txt")));
        assertEquals("2", text(Storage.child(folder, "moved/2.txt")));
        Storage.rename(Storage.child(folder, "1.txt"), Storage.child(folder, "moved/2.txt")); // replaces it
        assertEquals("1", text(Storage.child(folder, "moved/2.txt")));
        assertThrows(IOException.class,
                () -> Storage.rename(Storage.child(folder, "1.txt"), Storage.child(folder, "moved/3.txt")));

        files = Storage.list(folder);
        assertEquals(List.of(base + "t/a/c/3.txt", base + "t/moved/2.txt"), names(files));
        Storage.delete(files.stream().map(MatchResult.Metadata::resourceId).toList());
        Storage.delete(List.of(Storage.child(folder, "a/c/3.txt"))); // already gone: no error
        assertFalse(Storage.exists(Storage.child(folder, "a/c/3.txt")));
        assertEquals(List.of(), Storage.list(folder));
    }

    /**
     * A name holding {@code %} (a Hive-escaped partition folder such as {@code model=models%2Flif.nir}), a space or
     * a {@code #} is one file of exactly that name: Beam's Hadoop file system decodes a resolved name's URI when it
     * creates, opens, renames or deletes, but matches a plain path, so Storage encodes names going in and decodes
     * them coming out.
     */
    @Test
    void namesWithPercentSpacesAndHashesAreTheFilesTheyName() throws IOException {
        ResourceId folder = Storage.folder(base + "t");
        String name = "spikes/model=models%2Flif.nir/a b#1.parquet";
        ResourceId file = Storage.child(folder, name);
        put(file, "rows");
        FileSystem hadoop = FileSystem.get(URI.create(root), hdfs.configuration());
        String literal = "/" + test + "/t/spikes/model=models%2Flif.nir/a b#1.parquet";
        assertTrue(hadoop.exists(new org.apache.hadoop.fs.Path(literal)), "no file " + literal);
        assertEquals(1, hadoop.listStatus(new org.apache.hadoop.fs.Path("/" + test + "/t/spikes")).length);
        assertEquals("rows", text(file));
        assertTrue(Storage.exists(file));
        assertEquals(4L, Storage.metadata(file).orElseThrow().sizeBytes());
        List<MatchResult.Metadata> files = Storage.list(folder);
        assertEquals(List.of(file), files.stream().map(MatchResult.Metadata::resourceId).toList());
        assertEquals(name, Storage.relativeName(folder, files.get(0).resourceId()));
        assertEquals(List.of(file), Storage.list(Storage.childFolder(folder, "spikes/model=models%2Flif.nir"))
                .stream().map(MatchResult.Metadata::resourceId).toList());

        ResourceId moved = Storage.child(folder, "cells/x%25y.parquet");
        Storage.rename(file, moved);
        assertFalse(Storage.exists(file));
        assertEquals("rows", text(moved));
        assertEquals("cells/x%25y.parquet", Storage.relativeName(folder, Storage.list(folder).get(0).resourceId()));
        Storage.delete(List.of(moved));
        Storage.delete(List.of(moved)); // already gone: no error
        assertFalse(Storage.exists(moved));
        assertEquals(List.of(), Storage.list(folder));
        assertEquals(base + "t/m%2520n/model.nir", Storage.resolve(folder, "m%20n/model.nir"));
    }

    /** HDFS keeps a folder when its last file goes; deleteEmptyFolders deletes those, never a file. */
    @Test
    void emptyFoldersAreDeletedFoldersWithFilesKept() throws IOException {
        ResourceId folder = Storage.folder(base + "t");
        put(Storage.child(folder, "keep/model=a%2Fb/x.txt"), "x");
        put(Storage.child(folder, "gone/model=a%2Fb/y.txt"), "y");
        Storage.delete(List.of(Storage.child(folder, "gone/model=a%2Fb/y.txt")));
        FileSystem hadoop = FileSystem.get(URI.create(root), hdfs.configuration());
        org.apache.hadoop.fs.Path t = new org.apache.hadoop.fs.Path("/" + test + "/t");
        assertTrue(hadoop.exists(new org.apache.hadoop.fs.Path(t, "gone/model=a%2Fb")));
        Storage.deleteEmptyFolders(folder);
        assertEquals(List.of("keep"), java.util.Arrays.stream(hadoop.listStatus(t)).map(s -> s.getPath().getName())
                .toList());
        assertEquals("x", text(Storage.child(folder, "keep/model=a%2Fb/x.txt")));
        Storage.delete(List.of(Storage.child(folder, "keep/model=a%2Fb/x.txt")));
        Storage.deleteEmptyFolders(folder);
        assertFalse(hadoop.exists(t), "the folder itself goes when it holds no file");
        Storage.deleteEmptyFolders(folder); // none there: nothing to do
    }
}
