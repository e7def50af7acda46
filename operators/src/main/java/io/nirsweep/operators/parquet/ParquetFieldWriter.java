package io.nirsweep.operators.parquet;

import java.util.List;
import java.util.function.IntConsumer;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

/**
 * {@link FieldWriter} into Parquet's {@link RecordConsumer}. A null of an {@code optional} column writes nothing,
 * which is how Parquet stores null. A string column keeps the bytes of its last value: consecutive rows of one unit
 * repeat their sweep, cell and node, and are not encoded again.
 */
final class ParquetFieldWriter extends FieldWriter {

    private final RecordConsumer out;
    private final String[] lastString;
    private final Binary[] lastBinary;

    ParquetFieldWriter(RecordConsumer out, MessageType schema) {
        super(schema);
        this.out = out;
        this.lastString = new String[schema.getFieldCount()];
        this.lastBinary = new Binary[schema.getFieldCount()];
    }

    @Override
    void beginRow() {
        out.startMessage();
    }

    @Override
    void finishRow() {
        out.endMessage();
    }

    @Override
    void putNull(int at) {
        // Parquet stores a null as no value
    }

    @Override
    void putString(int at, String column, String value) {
        out.startField(column, at);
        out.addBinary(binary(at, value));
        out.endField(column, at);
    }

    /** The value's UTF-8 bytes; the last value's again if it is equal (a Binary from a String is immutable). */
    private Binary binary(int at, String value) {
        if (!value.equals(lastString[at])) {
            lastString[at] = value;
            lastBinary[at] = Binary.fromString(value);
        }
        return lastBinary[at];
    }

    @Override
    void putInt32(int at, String column, int value) {
        out.startField(column, at);
        out.addInteger(value);
        out.endField(column, at);
    }

    @Override
    void putInt64(int at, String column, long value) {
        out.startField(column, at);
        out.addLong(value);
        out.endField(column, at);
    }

    @Override
    void putFloat(int at, String column, float value) {
        out.startField(column, at);
        out.addFloat(value);
        out.endField(column, at);
    }

    @Override
    void putDouble(int at, String column, double value) {
        out.startField(column, at);
        out.addDouble(value);
        out.endField(column, at);
    }

    @Override
    void putBoolean(int at, String column, boolean value) {
        out.startField(column, at);
        out.addBoolean(value);
        out.endField(column, at);
    }

    @Override
    void putStringList(int at, String column, List<String> values) {
        list(at, column, values.size(), k -> out.addBinary(Binary.fromString(values.get(k))));
    }

    @Override
    void putInt32List(int at, String column, int[] values) {
        list(at, column, values.length, k -> out.addInteger(values[k]));
    }

    /**
     * A {@code LIST} in the standard three-level layout ({@code <column> (LIST) { repeated group list { required
     * <type> element; } }}), element {@code k} written by {@code element}. An empty list is the group with no
     * {@code list} field, which readers keep apart from null.
     */
    private void list(int at, String column, int size, IntConsumer element) {
        out.startField(column, at);
        out.startGroup();
        if (size > 0) {
            out.startField("list", 0);
            for (int k = 0; k < size; k++) {
                out.startGroup();
                out.startField("element", 0);
                element.accept(k);
                out.endField("element", 0);
                out.endGroup();
            }
            out.endField("list", 0);
        }
        out.endGroup();
        out.endField(column, at);
    }
}
