package io.nirsweep.operators.parquet;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.BiConsumer;
import org.apache.parquet.schema.MessageType;

/**
 * Row files: a table's rows as a sweep's units leave them in its work folder, in a compact binary form that costs
 * little to write and is read once, by {@link ParquetTables#merge}, which encodes them into the partition's one
 * Parquet file. Parquet's encoding (dictionaries, statistics, compression, a footer) is paid once per row, in the
 * merge, instead of twice; and a unit's file is a plain stream, not a Parquet writer's set-up.
 *
 * <p>The format (version 1; integers are unsigned LEB128 varints unless said otherwise):
 * <ul>
 *   <li>the magic {@code NIRROWS1} (8 bytes), then the table's name (its length, then UTF-8);
 *   <li>each row: a byte 1, then its columns in the order of the table's schema ({@link ParquetTables}), an
 *       optional column preceded by a byte 0 (null, nothing follows) or 1. STRING: a string reference; INT32 and
 *       INT64: zigzag varints; FLOAT and DOUBLE: their IEEE bits, 4 or 8 bytes big-endian; BOOLEAN: a byte 0 or 1;
 *       a LIST: its element count, then the elements;
 *   <li>a string reference: the index of a string the file defined before, or the next index, followed by a new
 *       string: its length and its UTF-8 bytes;
 *   <li>after the last row: a byte 0 and the number of rows; nothing after that.
 * </ul>
 * A reader checks every byte against this (a truncated, padded or otherwise damaged file is refused naming it) and
 * allocates only for bytes it has read, up to {@link #MAX_STRING_BYTES} per string and {@link #MAX_STRINGS} strings
 * per file.
 */
public final class RowFiles {
    static final byte[] MAGIC = "NIRROWS1".getBytes(StandardCharsets.US_ASCII);
    /** Longest string a row file may hold (an error message or parameter text is far shorter). */
    static final int MAX_STRING_BYTES = 1 << 24;
    /** Most distinct strings per file (a unit's sweep, cells, nodes, parameters and messages). */
    static final int MAX_STRINGS = 1 << 20;
    /** Bytes buffered before they go to the stream. */
    private static final int BUFFER = 1 << 16;

    private RowFiles() {}

    /** A row file to read: where its bytes come from, and its name for messages. */
    public interface Part {
        InputStream open() throws IOException;

        String name();
    }

    /** Writes {@code rows} of the spikes table as a row file to {@code out} (not closed); the number of rows. */
    public static long writeSpikes(OutputStream out, Iterable<? extends SpikeRow> rows) throws IOException {
        return write(out, ParquetTables.SPIKES_SCHEMA, ParquetTables::encodeSpike, rows);
    }

    /** Writes {@code rows} of the traces table as a row file to {@code out} (not closed); the number of rows. */
    public static long writeTraces(OutputStream out, Iterable<? extends TraceRow> rows) throws IOException {
        return write(out, ParquetTables.TRACES_SCHEMA, ParquetTables::encodeTrace, rows);
    }

    /** Writes {@code rows} of the cells table as a row file to {@code out} (not closed); the number of rows. */
    public static long writeCells(OutputStream out, Iterable<? extends CellRow> rows) throws IOException {
        return write(out, ParquetTables.CELLS_SCHEMA, ParquetTables::encodeCell, rows);
    }

    /** Writes {@code rows} of the mapping table as a row file to {@code out} (not closed); the number of rows. */
    public static long writeMapping(OutputStream out, Iterable<? extends MappingRow> rows) throws IOException {
        return write(out, ParquetTables.MAPPING_SCHEMA, ParquetTables::encodeMapping, rows);
    }

    private static <T> long write(OutputStream out, MessageType schema, BiConsumer<FieldWriter, T> encoder,
            Iterable<? extends T> rows) throws IOException {
        Objects.requireNonNull(rows, "rows");
        Writer w = new Writer(schema);
        w.bytes(MAGIC);
        w.string(schema.getName().getBytes(StandardCharsets.UTF_8));
        long count = 0;
        for (T row : rows) {
            if (row == null) {
                throw new NullPointerException("row " + count + " of table " + schema.getName() + " is null");
            }
            w.put(1);
            w.startRow();
            encoder.accept(w, row);
            w.endRow();
            count++;
            if (w.size >= BUFFER) {
                w.drainTo(out);
            }
        }
        w.put(0);
        w.varint(count);
        w.drainTo(out);
        out.flush();
        return count;
    }

    /** {@link FieldWriter} into a row file's bytes, buffered in memory until drained. */
    private static final class Writer extends FieldWriter {
        private byte[] buffer = new byte[BUFFER + 1024];
        private int size;
        private final Map<String, Integer> strings = new HashMap<>();
        /** Per column its last string and that string's index: rows of one unit repeat them. */
        private final String[] lastString;
        private final int[] lastIndex;

        Writer(MessageType schema) {
            super(schema);
            lastString = new String[schema.getFieldCount()];
            lastIndex = new int[schema.getFieldCount()];
        }

        void drainTo(OutputStream out) throws IOException {
            out.write(buffer, 0, size);
            size = 0;
        }

        private void room(int bytes) {
            if (size + bytes > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + bytes));
            }
        }

        void put(int b) {
            room(1);
            buffer[size++] = (byte) b;
        }

        void bytes(byte[] b) {
            room(b.length);
            System.arraycopy(b, 0, buffer, size, b.length);
            size += b.length;
        }

        void varint(long v) {
            room(10);
            while ((v & ~0x7FL) != 0) {
                buffer[size++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            buffer[size++] = (byte) v;
        }

        void string(byte[] utf8) {
            varint(utf8.length);
            bytes(utf8);
        }

        private void reference(int at, String value) {
            if (value.equals(lastString[at])) {
                varint(lastIndex[at]);
                return;
            }
            Integer known = strings.get(value);
            int index;
            if (known != null) {
                index = known;
                varint(index);
            } else {
                byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
                if (utf8.length > MAX_STRING_BYTES || strings.size() >= MAX_STRINGS) {
                    throw new IllegalArgumentException("a row file holds strings of at most " + MAX_STRING_BYTES
                            + " bytes, " + MAX_STRINGS + " of them; got " + utf8.length + " bytes as string "
                            + (strings.size() + 1));
                }
                index = strings.size();
                strings.put(value, index);
                varint(index);
                string(utf8);
            }
            lastString[at] = value;
            lastIndex[at] = index;
        }

        @Override
        void beginRow() {
            // the row's marker byte is written by the loop, before the encoder runs
        }

        @Override
        void finishRow() {
            // nothing ends a row: the columns are fixed by the schema
        }

        @Override
        void putNull(int at) {
            put(0);
        }

        private void present(int at) {
            if (isOptional(at)) {
                put(1);
            }
        }

        @Override
        void putString(int at, String column, String value) {
            present(at);
            reference(at, value);
        }

        @Override
        void putInt32(int at, String column, int value) {
            present(at);
            varint(Integer.toUnsignedLong((value << 1) ^ (value >> 31)));
        }

        @Override
        void putInt64(int at, String column, long value) {
            present(at);
            varint((value << 1) ^ (value >> 63));
        }

        @Override
        void putFloat(int at, String column, float value) {
            present(at);
            int bits = Float.floatToRawIntBits(value);
            room(4);
            for (int shift = 24; shift >= 0; shift -= 8) {
                buffer[size++] = (byte) (bits >>> shift);
            }
        }

        @Override
        void putDouble(int at, String column, double value) {
            present(at);
            long bits = Double.doubleToRawLongBits(value);
            room(8);
            for (int shift = 56; shift >= 0; shift -= 8) {
                buffer[size++] = (byte) (bits >>> shift);
            }
        }

        @Override
        void putBoolean(int at, String column, boolean value) {
            present(at);
            put(value ? 1 : 0);
        }

        @Override
        void putStringList(int at, String column, List<String> values) {
            present(at);
            varint(values.size());
            for (String v : values) {
                Objects.requireNonNull(v, "an element of column " + column);
                reference(at, v);
            }
        }

        @Override
        void putInt32List(int at, String column, int[] values) {
            present(at);
            varint(values.length);
            for (int v : values) {
                varint(Integer.toUnsignedLong((v << 1) ^ (v >> 31)));
            }
        }
    }

    /** The table a row file holds: its header's name. */
    static String table(Part part) throws IOException {
        try (Source in = new Source(part)) {
            return in.header();
        }
    }

    /**
     * The rows of several row files of one table, file after file in the order given: an iterator that stops at each
     * row, whose columns {@link #replay} then hands to a {@link FieldWriter}. Reading throws
     * {@link UncheckedIOException} naming the file that cannot be read or is not a whole row file of the table.
     */
    static final class Reader implements Iterable<Reader>, java.io.Closeable {
        private final List<? extends Part> parts;
        private final MessageType schema;
        private final FieldWriter.Kind[] kinds;
        private final boolean[] optional;
        private final String[] names;
        private int nextPart;
        private Source in;
        private boolean rowPending;

        Reader(List<? extends Part> parts, MessageType schema) {
            this.parts = List.copyOf(parts);
            this.schema = schema;
            this.kinds = FieldWriter.Kind.of(schema);
            this.optional = FieldWriter.optional(schema);
            this.names = new String[kinds.length];
            for (int k = 0; k < kinds.length; k++) {
                names[k] = schema.getFieldName(k);
                if (optional[k] && kinds[k] != FieldWriter.Kind.STRING && kinds[k] != FieldWriter.Kind.INT32
                        && kinds[k] != FieldWriter.Kind.DOUBLE) {
                    throw new IllegalArgumentException("table " + schema.getName() + ": optional column " + names[k]
                            + " of kind " + kinds[k] + " (the tables' writers take nulls of strings, INT32, DOUBLE)");
                }
            }
        }

        @Override
        public Iterator<Reader> iterator() {
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    try {
                        return advance();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }

                @Override
                public Reader next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    rowPending = false;
                    return Reader.this;
                }
            };
        }

        /** Moves to the next row's columns, opening and finishing files on the way; false after the last file. */
        private boolean advance() throws IOException {
            while (!rowPending) {
                if (in == null) {
                    if (nextPart == parts.size()) {
                        return false;
                    }
                    in = new Source(parts.get(nextPart++));
                    String table = in.header();
                    if (!table.equals(schema.getName())) {
                        throw in.damaged("holds rows of table " + table + ", not of " + schema.getName());
                    }
                }
                int marker = in.readByte();
                if (marker == 1) {
                    rowPending = true;
                    in.rows++;
                } else if (marker == 0) {
                    in.finish();
                    in.close();
                    in = null;
                } else {
                    throw in.damaged("a row starts with byte " + marker);
                }
            }
            return true;
        }

        /** Hands the columns of the row the iterator stopped at to {@code out}, in schema order. */
        void replay(FieldWriter out) {
            try {
                for (int k = 0; k < kinds.length; k++) {
                    String name = names[k];
                    if (optional[k] && !in.flag("presence")) {
                        switch (kinds[k]) { // the kinds the constructor lets be optional
                            case STRING -> out.string(name, null);
                            case INT32 -> out.int32(name, (Integer) null);
                            default -> out.float64(name, (Double) null);
                        }
                        continue;
                    }
                    switch (kinds[k]) {
                        case STRING -> out.string(name, in.string());
                        case INT32 -> out.int32(name, in.int32());
                        case INT64 -> out.int64(name, in.int64());
                        case FLOAT -> out.float32(name, Float.intBitsToFloat((int) in.fixed(4)));
                        case DOUBLE -> out.float64(name, Double.longBitsToDouble(in.fixed(8)));
                        case BOOLEAN -> out.bool(name, in.flag(name));
                        case INT32_LIST -> out.int32List(name, in.int32s());
                        case STRING_LIST -> out.stringList(name, in.strings());
                        default -> throw new IllegalStateException(kinds[k].toString());
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws IOException {
            if (in != null) {
                in.close();
                in = null;
            }
        }
    }

    /** One row file's bytes, read through a buffer, every read checked. */
    private static final class Source implements java.io.Closeable {
        private final Part part;
        private final InputStream stream;
        private final byte[] buffer = new byte[BUFFER];
        private int position;
        private int limit;
        private long consumed;
        private long rows;
        private final List<String> strings = new ArrayList<>();
        private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder();

        Source(Part part) throws IOException {
            this.part = part;
            this.stream = part.open();
        }

        IOException damaged(String what) {
            return new IOException(part.name() + ": not a whole row file: " + what + " (at byte " + (consumed
                    + position) + ")");
        }

        String header() throws IOException {
            for (byte b : MAGIC) {
                if (readByte() != (b & 0xFF)) {
                    throw new IOException(part.name() + ": not a row file (it does not start with "
                            + new String(MAGIC, StandardCharsets.US_ASCII) + ")");
                }
            }
            return decode(bytes(length(256)));
        }

        int readByte() throws IOException {
            if (position == limit) {
                consumed += limit;
                position = 0;
                limit = Math.max(0, stream.read(buffer));
                if (limit == 0) {
                    throw damaged("it ends early");
                }
            }
            return buffer[position++] & 0xFF;
        }

        long varint(int maxBytes) throws IOException {
            long v = 0;
            for (int k = 0; k < maxBytes; k++) {
                int b = readByte();
                v |= (long) (b & 0x7F) << (7 * k);
                if ((b & 0x80) == 0) {
                    return v;
                }
            }
            throw damaged("a number longer than " + maxBytes + " bytes");
        }

        private int length(int max) throws IOException {
            long n = varint(10);
            if (n < 0 || n > max) {
                throw damaged("a length of " + n + ", more than " + max);
            }
            return (int) n;
        }

        int int32() throws IOException {
            long zigzag = varint(5);
            if (zigzag > 0xFFFFFFFFL) {
                throw damaged("an INT32 out of range");
            }
            int v = (int) zigzag;
            return (v >>> 1) ^ -(v & 1);
        }

        long int64() throws IOException {
            long v = varint(10);
            return (v >>> 1) ^ -(v & 1);
        }

        long fixed(int bytes) throws IOException {
            long v = 0;
            for (int k = 0; k < bytes; k++) {
                v = (v << 8) | readByte();
            }
            return v;
        }

        boolean flag(String what) throws IOException {
            int b = readByte();
            if (b > 1) {
                throw damaged("a " + what + " byte of " + b);
            }
            return b == 1;
        }

        /** {@code n} bytes, allocated as they arrive. */
        private byte[] bytes(int n) throws IOException {
            byte[] out = new byte[Math.min(n, BUFFER)];
            int filled = 0;
            while (filled < n) {
                if (filled == out.length) {
                    out = Arrays.copyOf(out, Math.min(n, out.length * 2));
                }
                if (position == limit) {
                    readByte(); // refills, or refuses a file that ends here
                    position--;
                }
                int take = Math.min(n - filled, Math.min(out.length - filled, limit - position));
                System.arraycopy(buffer, position, out, filled, take);
                position += take;
                filled += take;
            }
            return out;
        }

        private String decode(byte[] bytes) throws IOException {
            try {
                return utf8.decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException e) {
                throw damaged("a string that is not UTF-8");
            }
        }

        String string() throws IOException {
            long index = varint(5);
            if (index < strings.size()) {
                return strings.get((int) index);
            }
            if (index > strings.size() || strings.size() >= MAX_STRINGS) {
                throw damaged("string " + index + " of the " + strings.size() + " defined before it");
            }
            String s = decode(bytes(length(MAX_STRING_BYTES)));
            strings.add(s);
            return s;
        }

        int[] int32s() throws IOException {
            long n = varint(5);
            int[] values = new int[(int) Math.min(n, 64)];
            for (long k = 0; k < n; k++) { // each element is at least a byte of the file: grows with what is read
                if (k == values.length) {
                    values = Arrays.copyOf(values, (int) Math.min(n, Math.min(Integer.MAX_VALUE - 8, 2L * k)));
                }
                values[(int) k] = int32();
            }
            return values;
        }

        List<String> strings() throws IOException {
            long n = varint(5);
            List<String> values = new ArrayList<>();
            for (long k = 0; k < n; k++) {
                values.add(string());
            }
            return values;
        }

        /** After the end marker: the row count, and nothing more. */
        void finish() throws IOException {
            long count = varint(10);
            if (count != rows) {
                throw damaged("it says " + count + " rows, it holds " + rows);
            }
            if (position < limit || stream.read() != -1) {
                throw damaged("bytes after its end");
            }
        }

        @Override
        public void close() throws IOException {
            stream.close();
        }
    }
}
