package io.nirsweep.model.hdf5;

import io.nirsweep.model.ZipArchives;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nirsweep.model.Corpus;
import io.nirsweep.model.NirException;
import io.nirsweep.model.ReadableFile;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded byte mutations of real files (bit flips, byte overwrites, truncations, copied runs): every mutant
 * must either read or be refused with a {@link NirException}, within a time bound. Anything else that escapes
 * the reader (jhdf's own exceptions, IndexOutOfBounds, OutOfMemoryError, StackOverflowError, a hang) fails
 * the test with the seed, the file and the mutation, so that it can be replayed with {@link #mutant}.
 */
class MutatedFilesTest {
    /**
     * Files of different layouts: HDF5 1.6 groups with chunked and contiguous data, metadata, nesting; 1.8
     * groups with links in the header (deep_nesting) and in a fractal heap (dense_links_300).
     */
    static final List<Path> FILES = List.of(
            Corpus.file("generated/auto_io_nodes.nir"),
            Corpus.file("generated/lif.nir"),
            Corpus.file("generated/nested_subgraph.nir"),
            Corpus.file("generated/metadata.nir"),
            Corpus.file("generated/dtypes.nir"),
            Corpus.file("legacy/legacy_v0_1_no_version.nir"),
            BadFilesTest.HOSTILE.resolve("deep_nesting.nir"),
            DenseLinksTest.DIR.resolve("dense_links_300.nir"));

    /** {@code -Dseed=... -Dmutants=...} explore further; 21,000 mutants of seeds 1 and 2 all pass. */
    static final long SEED = Long.getLong("seed", 20_261_207L);
    static final int MUTANTS_PER_FILE = Integer.getInteger("mutants", 300);
    /** Where HDF5 keeps most of its structure (superblock, root headers, B-trees, heaps) in small files. */
    static final int HEADER_BYTES = 4096;
    static final long SECONDS_PER_MUTANT = 5;

    /** One mutation; {@link #apply} is deterministic, so a failure is replayed from its description. */
    record Mutation(String kind, int offset, int value, int length) {
        byte[] apply(byte[] original) {
            byte[] b = Arrays.copyOf(original, kind.equals("truncate") ? offset : original.length);
            switch (kind) {
                case "flip" -> b[offset] ^= (byte) (1 << value);
                case "byte" -> b[offset] = (byte) value;
                case "ones" -> Arrays.fill(b, offset, Math.min(b.length, offset + length), (byte) 0xff);
                case "copy" -> System.arraycopy(original, value, b, offset,
                        Math.min(length, Math.min(b.length - offset, original.length - value)));
                default -> { } // truncate: the copy is already short
            }
            return b;
        }

        static Mutation random(Random random, int size) {
            // Half the mutations land in the first 4 KB, where the structure is; the rest anywhere.
            int offset = random.nextBoolean() ? random.nextInt(Math.min(size, HEADER_BYTES)) : random.nextInt(size);
            return switch (random.nextInt(5)) {
                case 0, 1 -> new Mutation("flip", offset, random.nextInt(8), 1);
                case 2 -> new Mutation("byte", offset, random.nextInt(256), 1);
                case 3 -> new Mutation(random.nextBoolean() ? "ones" : "copy", offset, random.nextInt(size),
                        1 + random.nextInt(16));
                default -> new Mutation("truncate", offset, 0, 0);
            };
        }
    }

    /** The mutant a failure names: {@code mutant(file, mutation)} gives the same bytes again. */
    static byte[] mutant(Path file, Mutation mutation) throws IOException {
        return mutation.apply(Files.readAllBytes(file));
    }

    /** Mutants that once escaped the reader (issue 9, and this test's first runs). */
    static Stream<Arguments> escapedOnce() {
        return Stream.of(
                // jhdf's vlen string reader: NoSuchElementException from the '/version' dataset
                Arguments.of("generated/auto_io_nodes.nir", new Mutation("flip", 888, 0, 1)),
                // a chunk B-tree key of all ones: NegativeArraySizeException in jhdf's chunk assembly
                Arguments.of("generated/lif.nir", new Mutation("ones", 21486, 9513, 11)),
                // a node type with line breaks in it: the refusal quoting it was several lines
                Arguments.of("legacy/legacy_v0_1_no_version.nir", new Mutation("byte", 2616, 188, 1)),
                // an Input shape of [-253]: IllegalArgumentException from Shape, once the reader stopped
                // calling every exception "not a readable HDF5 file"
                Arguments.of("legacy/legacy_v0_1_no_version.nir", new Mutation("ones", 8897, 13887, 8)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("escapedOnce")
    @Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
    void mutantThatEscapedOnceIsRefused(String file, Mutation mutation, @TempDir Path dir) throws Exception {
        Path copy = dir.resolve("mutant.nir");
        Files.write(copy, mutant(Corpus.file(file), mutation));
        try (MutantReader reader = new MutantReader()) {
            String failure = reader.readOrRefuse(copy);
            assertNull(failure, failure);
        }
    }

    /** Issue 9's one-bit flip: a FormatError naming the dataset, with jhdf's exception kept for --debug. */
    @Test
    void theFlippedVersionStringIsAFormatErrorNamingTheDataset(@TempDir Path dir) throws IOException {
        Path copy = dir.resolve("flipped.nir");
        Files.write(copy, mutant(Corpus.file("generated/auto_io_nodes.nir"), new Mutation("flip", 888, 0, 1)));
        NirException e = assertThrows(NirException.class, () -> NirReader.read(copy));
        assertEquals(NirException.Kind.FORMAT, e.kind());
        assertEquals("version", e.parameter());
        assertTrue(e.problem().startsWith("not a readable HDF5 file ("), e.problem());
        assertTrue(e.getMessage().startsWith(copy + ": ") && e.getMessage().lines().count() == 1, e.getMessage());
        assertNotNull(e.getCause(), "jhdf's exception, kept for --debug");
    }

    @Test
    void everyMutantReadsOrIsRefusedWithANirException(@TempDir Path dir) throws Exception {
        Random random = new Random(SEED);
        List<String> failures = new ArrayList<>();
        try (MutantReader reader = new MutantReader()) {
            // A cold JVM's first read (class loading, JIT) must not count against the first mutant's time.
            assertNull(reader.readOrRefuse(FILES.get(0)), "the unmutated " + FILES.get(0));
            for (Path file : FILES) {
                byte[] original = Files.readAllBytes(file);
                for (int i = 0; i < MUTANTS_PER_FILE; i++) {
                    Mutation mutation = Mutation.random(random, original.length);
                    Path copy = dir.resolve("mutant.nir");
                    Files.write(copy, mutation.apply(original));
                    String failure = reader.readOrRefuse(copy);
                    if (failure != null) {
                        failures.add("seed " + SEED + ", " + file.getFileName() + " " + mutation + ": " + failure);
                    }
                }
            }
        }
        assertTrue(failures.isEmpty(), failures.size() + " mutants escaped the reader:\n" + String.join("\n", failures));
    }

    /**
     * The same, through a ZIP archive's file system: its channels are not FileChannels, so the reader copies each
     * file into the heap (the path of files in an object store) instead of mapping it. A third of the mutants.
     */
    @Test
    void everyMutantInAnArchiveReadsOrIsRefusedWithANirException(@TempDir Path dir) throws Exception {
        Random random = new Random(SEED + 1);
        List<String> failures = new ArrayList<>();
        try (MutantReader reader = new MutantReader();
                FileSystem zip = ZipArchives.create(dir.resolve("mutants.zip"))) {
            for (Path file : FILES) {
                byte[] original = Files.readAllBytes(file);
                for (int i = 0; i < MUTANTS_PER_FILE / 3; i++) {
                    Mutation mutation = Mutation.random(random, original.length);
                    Path copy = zip.getPath("/mutant-" + i + ".nir");
                    Files.write(copy, mutation.apply(original));
                    String failure = reader.readOrRefuse(ReadableFile.of(copy));
                    Files.delete(copy);
                    if (failure != null) {
                        failures.add("seed " + (SEED + 1) + ", " + file.getFileName() + " " + mutation + ": " + failure);
                    }
                }
            }
        }
        assertTrue(failures.isEmpty(), failures.size() + " mutants escaped the reader:\n" + String.join("\n", failures));
    }

    /**
     * Reads mutants on a thread of its own, each within {@link #SECONDS_PER_MUTANT}. A read that does not answer
     * in time leaves its thread stuck: the executor is then replaced, so the next mutants still get a thread.
     */
    private static final class MutantReader implements AutoCloseable {
        private ExecutorService executor = newExecutor();

        private static ExecutorService newExecutor() {
            return Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "mutant-reader");
                t.setDaemon(true); // a hung read must not keep the test JVM alive
                return t;
            });
        }

        /** Null when the file was read or refused with a NirException in time; else what happened. */
        String readOrRefuse(Path file) throws InterruptedException {
            return readOrRefuse(ReadableFile.of(file));
        }

        String readOrRefuse(ReadableFile file) throws InterruptedException {
            Future<?> read = executor.submit(() -> NirReader.read(file));
            try {
                read.get(SECONDS_PER_MUTANT, TimeUnit.SECONDS);
                return null;
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof NirException refusal) {
                    return refusal.getMessage().contains("\n") ? "a refusal of more than one line: " + refusal : null;
                }
                return cause + " at " + Arrays.stream(cause.getStackTrace()).limit(4).toList();
            } catch (TimeoutException e) {
                read.cancel(true);
                executor.shutdownNow();
                executor = newExecutor();
                return "no answer in " + SECONDS_PER_MUTANT + " s";
            }
        }

        @Override
        public void close() {
            executor.shutdownNow();
        }
    }
}
