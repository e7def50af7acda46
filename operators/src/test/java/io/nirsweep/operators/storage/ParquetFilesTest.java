package io.nirsweep.operators.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nirsweep.operators.parquet.ParquetTables;
import io.nirsweep.operators.parquet.RowFiles;
import io.nirsweep.operators.parquet.SpikeRow;
import io.nirsweep.operators.parquet.TableRows;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Parquet adapters over {@link Storage}, on local files (ParquetTablesTest writes through them too: a failing
 * write leaves no file and keeps the earlier one) through Beam's local file system (the code path every
 * scheme takes: Beam cannot open a file of a ZIP archive's java.nio file system, so no other one is at hand here).
 */
class ParquetFilesTest {
    @TempDir
    Path dir;

    private static List<SpikeRow> spikes(int n) {
        List<SpikeRow> rows = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            rows.add(new SpikeRow("s", "c" + t % 3, t % 5, "lif", t % 17, t, 1 + t % 2));
        }
        return rows;
    }

    @Test
    void aFileWrittenByPlainPathAndByFileUriIsTheSameAndReadsBackAndMergesThroughStorage() throws Exception {
        Path plain = dir.resolve("plain/spikes/part-0.parquet");
        Path uri = dir.resolve("uri/spikes/part-0.parquet");
        assertEquals(5000, ParquetTables.writeSpikes(ParquetFiles.target(Storage.file(plain.toString())),
                spikes(5000)));
        assertEquals(5000, ParquetTables.writeSpikes(ParquetFiles.target(Storage.file(uri.toUri().toString())),
                spikes(5000)));
        assertEquals(-1, Files.mismatch(plain, uri), "the same bytes wherever the file is named from");
        try (Stream<Path> left = Files.list(plain.getParent())) {
            assertEquals(List.of(plain), left.toList(), "no temporary file is left");
        }

        // a report reads footer first, then the row groups: every read goes through a seekable Storage channel
        List<SpikeRow> read = new ArrayList<>();
        TableRows.forEachSpike(Stream.of(plain, uri).map(p -> ParquetFiles.input(Storage.file(p.toString()))).toList(),
                read::add);
        assertEquals(10_000, read.size());
        assertEquals(spikes(5000), read.subList(5000, 10_000));

        // the merge reads row files through Storage streams, named by a path or a file URI alike
        Path rows = dir.resolve("work/part-0.rows");
        Files.createDirectories(rows.getParent());
        try (java.io.OutputStream out = Files.newOutputStream(rows)) {
            RowFiles.writeSpikes(out, spikes(5000));
        }
        Path merged = dir.resolve("merged/part-00000.parquet");
        List<RowFiles.Part> parts = List.of(ParquetFiles.rowFile(Storage.file(rows.toString())),
                ParquetFiles.rowFile(Storage.file(rows.toUri().toString())));
        assertEquals(10_000, ParquetTables.merge(parts, ParquetFiles.target(Storage.file(merged.toUri().toString()))));
        Path direct = dir.resolve("direct/part-00000.parquet");
        List<SpikeRow> twice = new ArrayList<>(spikes(5000));
        twice.addAll(spikes(5000));
        ParquetTables.writeSpikes(ParquetFiles.target(Storage.file(direct.toString())), twice);
        assertArrayEquals(Files.readAllBytes(direct), Files.readAllBytes(merged));
    }

    @Test
    void anInputFileSeeksAndKnowsItsLength() throws Exception {
        Path file = Files.write(dir.resolve("bytes.bin"), new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
        InputFile input = ParquetFiles.input(Storage.file(file.toUri().toString()));
        assertEquals(10, input.getLength());
        assertEquals(file.toString(), input.toString());
        try (SeekableInputStream in = input.newStream()) {
            in.seek(7);
            assertEquals(7, in.getPos());
            assertEquals(7, in.read());
            byte[] two = new byte[2];
            in.seek(2);
            in.readFully(two);
            assertArrayEquals(new byte[] {2, 3}, two);
            assertEquals(4, in.getPos());
        }
        InputFile missing = ParquetFiles.input(Storage.file(dir.resolve("missing.parquet").toString()));
        assertThrows(NoSuchFileException.class, missing::newStream);
    }
}
