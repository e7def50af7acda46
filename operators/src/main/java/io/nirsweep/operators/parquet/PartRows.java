package io.nirsweep.operators.parquet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.parquet.LocalReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;

/**
 * The rows of several part files of one table, file after file in the order given and each file's rows in its
 * order, read one row group at a time (so a reader holds one row group, not the table, in memory) with no Hadoop at
 * run time. Every part must have the schema of the first: parts of one table written by {@link ParquetTables}.
 * Messages name a part by its {@code toString()}, which the sweep's input files ({@code storage.ParquetFiles}) make
 * their location.
 */
final class PartRows implements Iterable<Group>, java.io.Closeable {
    private final List<InputFile> parts;
    private final MessageType schema;
    /** The part being read, if any: closed by {@link #close} when a write stops before the last row. */
    private ParquetFileReader reading;

    PartRows(List<? extends InputFile> parts) throws IOException {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("no part files to read");
        }
        this.parts = List.copyOf(parts);
        try (ParquetFileReader first = open(parts.get(0))) {
            this.schema = first.getFooter().getFileMetaData().getSchema();
        }
    }

    /** The schema every part has. */
    MessageType schema() {
        return schema;
    }

    private static ParquetFileReader open(InputFile part) throws IOException {
        return ParquetFileReader.open(part, LocalReadOptions.of(new LocalCodecFactory()));
    }

    /** Reading throws {@link UncheckedIOException} naming the part that cannot be read. */
    @Override
    public Iterator<Group> iterator() {
        return new Iterator<>() {
            private int nextPart;
            private ParquetFileReader reader;
            private InputFile part;
            private RecordReader<Group> records;
            private long left;

            @Override
            public boolean hasNext() {
                try {
                    while (left == 0) {
                        PageReadStore rowGroup = reader == null ? null : reader.readNextRowGroup();
                        if (rowGroup != null) {
                            records = new ColumnIOFactory().getColumnIO(schema)
                                    .getRecordReader(rowGroup, new GroupRecordConverter(schema));
                            left = rowGroup.getRowCount();
                            continue;
                        }
                        if (reader != null) {
                            reader.close();
                            reader = null;
                            reading = null;
                        }
                        if (nextPart == parts.size()) {
                            return false;
                        }
                        part = parts.get(nextPart++);
                        reader = open(part);
                        reading = reader;
                        MessageType own = reader.getFooter().getFileMetaData().getSchema();
                        if (!own.equals(schema)) {
                            throw new IllegalArgumentException(part + " is not a part of the same table as "
                                    + parts.get(0) + ": its schema is " + own.getName() + ", not " + schema.getName());
                        }
                    }
                    return true;
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read Parquet file " + part + ": " + e.getMessage(), e);
                }
            }

            @Override
            public Group next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                left--;
                return records.read();
            }
        };
    }

    @Override
    public void close() throws IOException {
        if (reading != null) {
            reading.close();
            reading = null;
        }
    }
}
