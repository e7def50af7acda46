package io.nirsweep.sim.io;

import io.nirsweep.model.ZipArchives;
import static io.nirsweep.sim.io.Fixtures.refused;
import static io.nirsweep.sim.io.Fixtures.resource;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.nirsweep.model.ReadableFile;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The array readers on files of a ZIP archive's file system, whose channels are not {@link FileChannel}s (as an
 * object store's are not): they read the same values, and refuse the same files with the same problem, naming the
 * file as the archive does.
 */
class ArchiveReadTest {
    @TempDir
    Path dir;
    private FileSystem zip;

    @BeforeEach
    void openArchive() throws IOException {
        zip = ZipArchives.create(dir.resolve("arrays.zip"));
    }

    @AfterEach
    void closeArchive() throws IOException {
        zip.close();
    }

    private ReadableFile archived(Path file) throws IOException {
        return ZipArchives.copyInto(zip, file);
    }

    @Test
    void everyNumpyFixtureReadsAsFromDisk() throws IOException {
        List<String> names = NpyTest.numpyFixtures().map(NpyTest.Expected::file).toList();
        for (String name : names) {
            Path disk = resource("npy/" + name);
            ReadableFile inZip = archived(disk);
            try (SeekableByteChannel channel = inZip.open()) {
                assertFalse(channel instanceof FileChannel, channel.getClass().getName());
            }
            NpyArray expected = Npy.read(disk);
            NpyArray actual = Npy.read(inZip, ArrayFiles.DEFAULT_MAX_ELEMENTS);
            assertArrayEquals(expected.shape(), actual.shape(), name);
            assertEquals(expected.dtype(), actual.dtype(), name);
            assertArrayEquals(expected.values(), actual.values(), name);
        }
    }

    /** Positional reads (one sample of a time-major array, strided) through a channel that is not a file's. */
    @Test
    void stridedReadsOfAnArchivedFileMatchTheDisk() throws IOException {
        int[] shape = {6, 5, 4};
        float[] values = new float[6 * 5 * 4];
        for (int i = 0; i < values.length; i++) {
            values[i] = i * 0.5f;
        }
        Path disk = dir.resolve("series.npy");
        Npy.write(disk, shape, values);
        NpyFile fromDisk = NpyFile.open(disk);
        NpyFile fromZip = NpyFile.open(archived(disk));
        assertEquals("/series.npy", fromZip.file());
        assertArrayEquals(fromDisk.shape(), fromZip.shape());
        for (int sample = 0; sample < 5; sample++) {
            float[] expected = new float[6 * 4];
            float[] actual = new float[6 * 4];
            fromDisk.read(sample * 4L, 4, 5 * 4L, 6, expected);
            fromZip.read(sample * 4L, 4, 5 * 4L, 6, actual);
            assertArrayEquals(expected, actual, "sample " + sample);
            assertEquals(values[sample * 4 + 5 * 4], actual[4], "step 1 of sample " + sample);
        }
    }

    @Test
    void damagedArraysGetTheSameProblem() throws IOException {
        Path good = dir.resolve("good.npy");
        Npy.write(good, new int[] {10}, new float[10]);
        byte[] bytes = Files.readAllBytes(good);
        for (Path bad : List.of(Fixtures.write(dir, "cut.npy", Arrays.copyOf(bytes, bytes.length - 1)),
                Fixtures.write(dir, "longer.npy", Arrays.copyOf(bytes, bytes.length + 5)),
                Fixtures.write(dir, "magic.npy", "not numpy"),
                Fixtures.write(dir, "huge.npy", Fixtures.npy(1, Fixtures.dict("<f4", "(1099511627776,)"),
                        new byte[0])))) {
            ArrayFileException fromDisk = refused(() -> Npy.read(bad));
            ReadableFile inZip = archived(bad);
            ArrayFileException fromZip = refused(() -> Npy.read(inZip, ArrayFiles.DEFAULT_MAX_ELEMENTS));
            assertEquals(fromDisk.problem(), fromZip.problem(), bad.toString());
            assertEquals(inZip.name() + ": " + fromDisk.problem(), fromZip.getMessage());
            ArrayFileException opened = refused(() -> NpyFile.open(inZip));
            assertEquals(refused(() -> NpyFile.open(bad)).problem(), opened.problem(), bad.toString());
        }
    }

    @Test
    void csvReadsAndRefusesAsFromDisk() throws IOException {
        Path good = Fixtures.write(dir, "sample.csv", "t,x[0],x[1]\n0,1.5,2\n1,-0.25,1e-3\n");
        ReadableFile inZip = archived(good);
        NpyArray expected = Csv.read(good);
        NpyArray actual = Csv.read(inZip, ArrayFiles.DEFAULT_MAX_ELEMENTS);
        assertArrayEquals(expected.shape(), actual.shape());
        assertArrayEquals(expected.values(), actual.values());
        assertArrayEquals(expected.values(), ArrayFiles.read(inZip, ArrayFiles.DEFAULT_MAX_ELEMENTS).values());

        Path bad = Fixtures.write(dir, "bad.csv", "t,x\n0,1\n1,oops\n");
        ArrayFileException fromDisk = refused(() -> Csv.read(bad));
        ReadableFile badInZip = archived(bad);
        ArrayFileException fromZip = refused(() -> ArrayFiles.read(badInZip, ArrayFiles.DEFAULT_MAX_ELEMENTS));
        assertEquals("/bad.csv, line 3, column 2: " + fromDisk.problem(), fromZip.getMessage());
    }

    @Test
    void missingFilesAndFoldersAreNamed() throws IOException {
        Files.createDirectory(zip.getPath("/folder.npy"));
        assertEquals("/folder.npy: is a folder, not an array file",
                refused(() -> Npy.read(ReadableFile.of(zip.getPath("/folder.npy")), 10)).getMessage());
        assertEquals("/missing.csv: cannot read: no such file or folder",
                refused(() -> ArrayFiles.read(ReadableFile.of(zip.getPath("/missing.csv")), 10)).getMessage());
        assertEquals("/x.txt: unknown array file type: the name must end in .npy or .csv",
                refused(() -> ArrayFiles.read(ReadableFile.of(zip.getPath("/x.txt")), 10)).getMessage());
    }
}
