package io.nirsweep.operators.inputs;

import io.nirsweep.model.ZipArchives;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nirsweep.model.NirGraph;
import io.nirsweep.model.ReadableFile;
import io.nirsweep.model.hdf5.NirReader;
import io.nirsweep.model.json.GraphView;
import io.nirsweep.operators.storage.Storage;
import io.nirsweep.sim.io.Csv;
import io.nirsweep.sim.io.Npy;
import io.nirsweep.sim.io.NpyFile;
import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Input sets and models at every kind of location the readers take: a plain path, a {@code file:} URI (through
 * {@link Storage}, as a sweep's workers open them), and for NIRData a ZIP archive's file system, whose channels
 * are not {@link FileChannel}s (the path of files in an object store).
 */
class LocationsTest {
    @TempDir
    Path dir;

    private static void assertSameSamples(InputSet expected, InputSet actual) {
        assertEquals(expected.samples(), actual.samples());
        assertEquals(expected.steps(), actual.steps());
        assertArrayEquals(expected.sampleShape(), actual.sampleShape());
        for (int i = 0; i < expected.samples(); i++) {
            assertArrayEquals(expected.sample(i), actual.sample(i), "sample " + i);
        }
        assertEquals(expected.hasLabels(), actual.hasLabels());
        for (int i = 0; expected.hasLabels() && i < expected.samples(); i++) {
            assertEquals(expected.label(i), actual.label(i), "label " + i);
        }
    }

    @Test
    void npySetsFromFileUrisAndPatterns() {
        Npy.write(dir.resolve("a.npy"), new int[] {3, 2, 4}, NpyInputSetTest.counting(24, 0));
        Npy.write(dir.resolve("b.npy"), new int[] {3, 1, 4}, NpyInputSetTest.counting(12, 100));
        Npy.write(dir.resolve("labels.npy"), new int[] {3}, new float[] {7, 8, 9});
        InputSet plain = InputSets.open(new InputSpec.Npy("set", dir + "/[ab].npy",
                dir + "/labels.npy"));
        // A URI %-escapes the pattern's brackets (RFC 3986 reserves them); the decoded path is the pattern.
        InputSet uris = InputSets.open(new InputSpec.Npy("set", dir.toUri() + "%5Bab%5D.npy",
                dir.resolve("labels.npy").toUri().toString()));
        assertEquals(3, uris.samples());
        assertSameSamples(plain, uris);
        InputSet one = InputSets.open(new InputSpec.Npy("set", dir.resolve("b.npy").toUri().toString(), null));
        assertArrayEquals(plain.sample(2), one.sample(0));
        InputSet raw = InputSets.open(new InputSpec.Npy("set", dir.toUri() + "[ab].npy", null)); // taken as written
        assertEquals(3, raw.samples());
    }

    @Test
    void csvSetFromAFileUriPattern() throws IOException {
        Files.writeString(dir.resolve("s1.csv"), "t,x\n0,1\n1,2\n");
        Files.writeString(dir.resolve("s2.csv"), "t,x\n0,3\n1,4\n");
        Files.writeString(dir.resolve("labels.csv"), "5\n6\n");
        InputSet plain = InputSets.open(new InputSpec.Csv("csv", dir + "/s*.csv", dir + "/labels.csv"));
        InputSet uris = InputSets.open(new InputSpec.Csv("csv", dir.toUri() + "s*.csv",
                dir.resolve("labels.csv").toUri().toString()));
        assertSameSamples(plain, uris);
        assertArrayEquals(new float[] {3, 4}, uris.sample(1));
        assertEquals(Integer.valueOf(6), uris.label(1));
    }

    @Test
    void nmnistLabelsComeFromTheFoldersOfUris() throws IOException {
        Path file = Files.createDirectories(dir.resolve("Test/4")).resolve("00001.bin");
        Files.write(file, new byte[] {1, 2, (byte) 0x80, 0, 10}); // x 1, y 2, polarity 1, at 10 µs
        InputSet set = InputSets.open(new InputSpec.Nmnist("n", dir.toUri() + "Test/*/*.bin", 1000, null, null));
        assertEquals(Integer.valueOf(4), set.label(0));
        assertEquals(1f, set.sample(0)[(34 + 2) * 34 + 1]);
        assertEquals("4", Labels.parentFolderName("gs://bucket/Test/4/00001.bin"));
        assertEquals("", Labels.parentFolderName("gs://bucket"));
        assertEquals("", Labels.parentFolderName("x.bin"));
        assertEquals(List.of(4, 7), java.util.Arrays.stream(Labels.fromFolders(List.of(
                Storage.readable(Storage.file(file.toUri().toString())),
                ReadableFile.of(dir.resolve("Train/7/2.bin"))))).boxed().toList());
    }

    @Test
    void nirDataFromAFileUriAndFromAnArchive() throws IOException {
        Path example = NirDataInputSetTest.resource("nirdata_example.nirdata.h5");
        InputSpec.NirData spec = new InputSpec.NirData("d", example.toString(), "lif", "events", 0.001, null, null);
        InputSet plain = InputSets.open(spec);
        InputSet uri = InputSets.open(new InputSpec.NirData("d", example.toUri().toString(), "lif", "events", 0.001,
                null, null));
        assertSameSamples(plain, uri);
        try (FileSystem zip = ZipArchives.create(dir.resolve("d.zip"))) {
            Path copy = zip.getPath("/example.h5");
            Files.copy(example, copy);
            try (SeekableByteChannel channel = ReadableFile.of(copy).open()) {
                assertFalse(channel instanceof FileChannel);
            }
            for (String observable : List.of("spikes", "voltage", "events", "current")) {
                Double dt = observable.equals("events") || observable.equals("current") ? 0.001 : null;
                InputSpec.NirData one = new InputSpec.NirData("d", example.toString(), "lif", observable, dt, null,
                        null);
                InputSet archived = NirDataInputSet.open(one, List.of(ReadableFile.of(copy)),
                        InputSets.DEFAULT_MAX_SAMPLE_ELEMENTS);
                assertSameSamples(InputSets.open(one), archived);
            }
            Files.write(zip.getPath("/empty.h5"), new byte[0]);
            InputException e = assertThrows(InputException.class, () -> NirDataInputSet.open(spec,
                    List.of(ReadableFile.of(zip.getPath("/empty.h5"))), InputSets.DEFAULT_MAX_SAMPLE_ELEMENTS));
            assertEquals(1, e.getMessage().lines().count(), e.getMessage());
            assertTrue(e.getMessage().startsWith("/empty.h5: "), e.getMessage());
        }
    }

    @Test
    void readersTakeFileUrisThroughStorage() throws IOException {
        Path npy = dir.resolve("x.npy");
        Npy.write(npy, new int[] {2, 3}, NpyInputSetTest.counting(6, 1));
        ReadableFile viaUri = Storage.readable(Storage.file(npy.toUri().toString()));
        assertEquals(npy.toString(), viaUri.name());
        assertArrayEquals(Npy.read(npy).values(), Npy.read(viaUri, 100).values());
        float[] out = new float[3];
        NpyFile.open(viaUri).read(3, 3, out);
        assertArrayEquals(new float[] {4, 5, 6}, out);
        Path csv = Files.writeString(dir.resolve("x.csv"), "1,2\n3,4\n");
        assertArrayEquals(Csv.read(csv).values(), Csv.read(Storage.readable(Storage.file("file:" + csv)), 100).values());
    }

    /** Models as a sweep's workers read them: the cell's location through {@link Storage}. */
    @Test
    void aModelReadsTheSameFromAPathAndAFileUri() {
        Path model = Path.of(System.getProperty("nirsweep.corpus", "../nir-model/src/test/resources/nir-corpus"))
                .resolve("generated/lif.nir").toAbsolutePath().normalize();
        NirGraph fromPath = NirReader.read(model).graph();
        NirGraph fromUri = NirReader.read(Storage.readable(Storage.file(model.toUri().toString()))).graph();
        assertEquals(GraphView.toJson(GraphView.success(fromPath)), GraphView.toJson(GraphView.success(fromUri)));
        Path missing = dir.resolve("missing.nir");
        assertEquals(missing + ": no such file", assertThrows(io.nirsweep.model.NirException.class,
                () -> NirReader.read(Storage.readable(Storage.file(missing.toUri().toString())))).getMessage());
        assertEquals(dir + ": is a folder, not a NIR file", assertThrows(io.nirsweep.model.NirException.class,
                () -> NirReader.read(Storage.readable(Storage.file(dir.toUri().toString())))).getMessage());
    }

    @Test
    void aSchemeNoFileSystemRegistersIsOneLine() {
        InputException e = assertThrows(InputException.class,
                () -> InputSets.open(new InputSpec.Npy("set", "nosuch://bucket/x.npy", null)));
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        assertTrue(e.getMessage().startsWith("input set 'set': cannot list the files of 'nosuch://bucket/x.npy': no"
                + " file system for nosuch://"), e.getMessage());
        InputException labels = assertThrows(InputException.class,
                () -> Labels.read("nosuch://bucket/labels.npy", 3));
        assertTrue(labels.getMessage().startsWith("nosuch://bucket/labels.npy: "), labels.getMessage());
    }
}
