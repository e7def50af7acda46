package io.nirsweep.model.hdf5;

import io.nirsweep.model.ZipArchives;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nirsweep.model.Corpus;
import io.nirsweep.model.NirException;
import io.nirsweep.model.ReadableFile;
import io.nirsweep.model.json.GraphView;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files read from a ZIP archive's file system, whose channels are not {@link FileChannel}s: the reader's path for
 * files that are not on this machine (an object store's), which copies the file into the heap instead of mapping
 * it. It must read what the mapped path reads and refuse what it refuses, with the same one-line problem.
 */
class ReadFromArchiveTest {
    @TempDir
    Path dir;
    private FileSystem zip;

    @BeforeEach
    void openArchive() throws IOException {
        zip = ZipArchives.create(dir.resolve("models.zip"));
    }

    @AfterEach
    void closeArchive() throws IOException {
        zip.close();
    }

    private void reopenArchive() throws IOException {
        zip.close();
        zip = FileSystems.newFileSystem(dir.resolve("models.zip"));
    }

    private ReadableFile inArchive(Path file) throws IOException {
        return ZipArchives.copyInto(zip, file);
    }

    @Test
    void theArchiveChannelIsNotAFileChannel() throws IOException {
        try (SeekableByteChannel channel = inArchive(Corpus.file("generated/lif.nir")).open()) {
            assertFalse(channel instanceof FileChannel, channel.getClass().getName());
        }
    }

    @Test
    void corpusModelsReadToTheSameGraphAsFromDisk() throws IOException {
        List<String> files = Corpus.files("generated", "legacy");
        assertTrue(files.size() > 20, "the corpus: " + files);
        for (String name : files) {
            Path disk = Corpus.file(name);
            String expected;
            try {
                NirFile read = NirReader.read(disk);
                expected = GraphView.toJson(GraphView.success(read.root())) + read.version() + read.warnings();
            } catch (NirException e) {
                expected = e.detail();
            }
            String actual;
            ReadableFile archived = ReadableFile.of(zip.getPath("/" + name.replace('/', '_')));
            Files.copy(disk, zip.getPath(archived.name()));
            try {
                NirFile read = NirReader.read(archived);
                actual = GraphView.toJson(GraphView.success(read.root())) + read.version() + read.warnings();
            } catch (NirException e) {
                assertTrue(e.getMessage().startsWith(archived.name() + ": "), e.getMessage());
                actual = e.detail();
            }
            assertEquals(expected, actual, name);
        }
    }

    @Test
    void hostileAndTruncatedFilesGetTheSameRefusal() throws IOException {
        List<Path> files = new java.util.ArrayList<>();
        try (var listing = Files.list(BadFilesTest.HOSTILE)) {
            listing.filter(p -> p.toString().endsWith(".nir")).sorted().forEach(files::add);
        }
        byte[] lif = Files.readAllBytes(Corpus.file("generated/lif.nir"));
        Path truncated = dir.resolve("truncated.nir");
        Files.write(truncated, Arrays.copyOf(lif, lif.length / 2));
        files.add(truncated);
        assertTrue(files.size() > 5, files.toString());
        for (Path file : files) {
            NirException fromDisk = assertThrows(NirException.class, () -> NirReader.read(file), file.toString());
            ReadableFile archived = inArchive(file);
            NirException fromArchive = assertThrows(NirException.class, () -> NirReader.read(archived), file.toString());
            assertEquals(archived.name() + ": " + fromDisk.detail(), fromArchive.getMessage(), file.toString());
            assertEquals(fromDisk.kind(), fromArchive.kind(), file.toString());
            assertEquals(1, fromArchive.getMessage().lines().count(), fromArchive.getMessage());
        }
    }

    /** A file elsewhere over the limit is refused in one line, naming the size and the limit. */
    @Test
    void aFileOverTheLimitIsRefused() throws IOException {
        byte[] lif = Files.readAllBytes(Corpus.file("generated/lif.nir"));
        byte[] padded = Arrays.copyOf(lif, 8 << 20); // HDF5 ignores bytes after the end its superblock records
        Files.write(zip.getPath("/big.nir"), padded);
        ReadLimits small = new ReadLimits(1 << 20, 1 << 20, 32, 1000, 1000);
        assertEquals(2 << 20, small.maxFileBytes());
        NirReader reader = new NirReader(true, small);
        NirException e = assertThrows(NirException.class, () -> reader.readFile(ReadableFile.of(zip.getPath("/big.nir"))));
        assertEquals(NirException.Kind.LIMIT, e.kind(), e.getMessage());
        assertEquals("/big.nir: files over 2097152 bytes are not read into memory (8388608 bytes)", e.getMessage());
        // The same file on disk is mapped, not copied: the limit on copies does not apply.
        Path onDisk = dir.resolve("big.nir");
        Files.write(onDisk, padded);
        assertEquals(reader.readFile(Corpus.file("generated/lif.nir")).warnings(), reader.readFile(onDisk).warnings());
    }

    /**
     * The copy's size is checked before anything of that size is allocated (measured on a local channel: a ZIP
     * archive's own channel copies an entry whole when it is opened), and the channel's size is not trusted.
     */
    @Test
    void theCopyIsBoundedAndExact() throws IOException {
        Path file = dir.resolve("eight-mib");
        Files.write(file, new byte[8 << 20]);
        try (FileChannel channel = FileChannel.open(file)) {
            com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long before = mx.getCurrentThreadAllocatedBytes();
            Hdf5Files.TooLargeException e = assertThrows(Hdf5Files.TooLargeException.class,
                    () -> Hdf5Files.readWhole(channel, channel.size(), 1 << 20));
            long allocated = mx.getCurrentThreadAllocatedBytes() - before;
            assertTrue(allocated < 1 << 20, "allocated " + allocated + " bytes to refuse it");
            assertEquals(8 << 20, e.size());
            IOException shorter = assertThrows(IOException.class, () -> Hdf5Files.readWhole(channel, 9 << 20, 16 << 20));
            assertTrue(shorter.getMessage().startsWith("the file ended after 8388608 of the 9437184 bytes"),
                    shorter.getMessage());
            IOException longer = assertThrows(IOException.class, () -> Hdf5Files.readWhole(channel, 7 << 20, 16 << 20));
            assertTrue(longer.getMessage().startsWith("the file holds more than the 7340032 bytes"), longer.getMessage());
            assertEquals(8 << 20, Hdf5Files.readWhole(channel, 8 << 20, 8 << 20).remaining());
        }
    }
}
