package io.nirsweep.operators.storage;

import io.nirsweep.operators.parquet.ParquetTables;
import io.nirsweep.operators.parquet.RowFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.parquet.io.DelegatingSeekableInputStream;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.io.SeekableInputStream;

/**
 * Parquet files at any {@link Storage} location: the {@link ParquetTables.Target} the sweep writes its tables to, the
 * {@link InputFile} a report reads them from, and the {@link RowFiles.Part} the sweep merges its units' rows from. A target writes through {@link Storage#write} (a hidden temporary file
 * renamed into place once the writer has finished, deleted if it fails), so a Parquet file appears whole or not at
 * all wherever it is; an input file reads through {@link Storage#open}'s seekable channel, which is what parquet's
 * footer-first reading needs.
 */
public final class ParquetFiles {
    private ParquetFiles() {}

    /** The Parquet file to write at {@code file}, atomically. */
    public static ParquetTables.Target target(ResourceId file) {
        String name = Storage.name(file);
        return new ParquetTables.Target() {
            @Override
            public void write(Body body) throws IOException {
                Storage.write(file, out -> body.writeTo(new StreamOutputFile(out, name)));
            }

            @Override
            public String name() {
                return name;
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }

    /** The row file ({@link RowFiles}) to read at {@code file}, named by its location. */
    public static RowFiles.Part rowFile(ResourceId file) {
        String name = Storage.name(file);
        return new RowFiles.Part() {
            @Override
            public InputStream open() throws IOException {
                return Storage.newInputStream(file);
            }

            @Override
            public String name() {
                return name;
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }

    /** The Parquet file to read at {@code file}; its {@code toString()} is the location, for messages. */
    public static InputFile input(ResourceId file) {
        String name = Storage.name(file);
        return new InputFile() {
            @Override
            public long getLength() throws IOException {
                try (SeekableByteChannel channel = Storage.open(file)) {
                    return channel.size();
                }
            }

            @Override
            public SeekableInputStream newStream() throws IOException {
                SeekableByteChannel channel = Storage.open(file);
                return new DelegatingSeekableInputStream(Channels.newInputStream(channel)) {
                    @Override
                    public long getPos() throws IOException {
                        return channel.position();
                    }

                    @Override
                    public void seek(long newPos) throws IOException {
                        channel.position(newPos);
                    }
                };
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }

    /**
     * The one file parquet's writer creates, over the stream {@link Storage#write} gives (which it closes itself,
     * then renames): the position is the bytes written so far.
     */
    private static final class StreamOutputFile implements OutputFile {
        private final OutputStream out;
        private final String name;
        private boolean created;

        StreamOutputFile(OutputStream out, String name) {
            this.out = out;
            this.name = name;
        }

        @Override
        public PositionOutputStream create(long blockSizeHint) {
            if (created) {
                throw new IllegalStateException(name + ": a Parquet file is written once per write");
            }
            created = true;
            return new PositionOutputStream() {
                private long position;

                @Override
                public long getPos() {
                    return position;
                }

                @Override
                public void write(int b) throws IOException {
                    out.write(b);
                    position++;
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                    position += len;
                }

                @Override
                public void flush() throws IOException {
                    out.flush();
                }

                @Override
                public void close() throws IOException {
                    out.flush(); // Storage.write closes the stream, then renames the file into place
                }
            };
        }

        @Override
        public PositionOutputStream createOrOverwrite(long blockSizeHint) {
            return create(blockSizeHint);
        }

        @Override
        public boolean supportsBlockSize() {
            return false;
        }

        @Override
        public long defaultBlockSize() {
            return 0;
        }

        @Override
        public String getPath() {
            return name;
        }
    }
}
