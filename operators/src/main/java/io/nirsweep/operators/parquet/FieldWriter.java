package io.nirsweep.operators.parquet;

import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

/**
 * Writes one row's fields in schema order to Parquet's {@link RecordConsumer}. Each call names its column and is
 * checked against the schema, so an encoder that drifts from the schema fails on the first row instead of
 * silently shifting values into the wrong columns. A null value of an {@code optional} column writes nothing, which
 * is how Parquet stores null.
 */
final class FieldWriter {

    private final RecordConsumer out;
    private final MessageType schema;
    private int index;

    FieldWriter(RecordConsumer out, MessageType schema) {
        this.out = out;
        this.schema = schema;
    }

    void startRow() {
        index = 0;
        out.startMessage();
    }

    void endRow() {
        if (index != schema.getFieldCount()) {
            throw new IllegalStateException("wrote " + index + " of the " + schema.getFieldCount()
                    + " columns of table " + schema.getName());
        }
        out.endMessage();
    }

    void string(String column, String value) {
        if (value != null) {
            out.startField(column, expect(column));
            out.addBinary(Binary.fromString(value));
            out.endField(column, index);
        }
        skip(column);
    }

    void int32(String column, int value) {
        out.startField(column, expect(column));
        out.addInteger(value);
        out.endField(column, index);
        skip(column);
    }

    void int32(String column, Integer value) {
        if (value != null) {
            int32(column, value.intValue());
        } else {
            skip(column);
        }
    }

    void int64(String column, long value) {
        out.startField(column, expect(column));
        out.addLong(value);
        out.endField(column, index);
        skip(column);
    }

    void float32(String column, float value) {
        out.startField(column, expect(column));
        out.addFloat(value);
        out.endField(column, index);
        skip(column);
    }

    void float64(String column, double value) {
        out.startField(column, expect(column));
        out.addDouble(value);
        out.endField(column, index);
        skip(column);
    }

    /** A nullable DOUBLE: null writes nothing (an {@code optional} column). */
    void float64(String column, Double value) {
        if (value != null) {
            float64(column, value.doubleValue());
        } else {
            skip(column);
        }
    }

    void bool(String column, boolean value) {
        out.startField(column, expect(column));
        out.addBoolean(value);
        out.endField(column, index);
        skip(column);
    }

    /** A {@code LIST<STRING>} in the three-level layout of {@link #int32List}; empty is not null. */
    void stringList(String column, java.util.List<String> values) {
        list(column, values.size(), k -> out.addBinary(Binary.fromString(values.get(k))));
    }

    /**
     * A {@code LIST<INT32>} in the standard three-level layout ({@code <column> (LIST) { repeated group list {
     * required int32 element; } }}). An empty list is the group with no {@code list} field, which readers keep apart
     * from null.
     */
    void int32List(String column, int[] values) {
        list(column, values.length, k -> out.addInteger(values[k]));
    }

    /** A three-level {@code LIST} of {@code size} elements, element {@code k} written by {@code element}. */
    private void list(String column, int size, java.util.function.IntConsumer element) {
        out.startField(column, expect(column));
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
        out.endField(column, index);
        skip(column);
    }

    private int expect(String column) {
        if (index >= schema.getFieldCount() || !schema.getFieldName(index).equals(column)) {
            throw new IllegalStateException("column " + column + " written at position " + index + " of table "
                    + schema.getName() + ", whose column there is "
                    + (index < schema.getFieldCount() ? schema.getFieldName(index) : "none"));
        }
        return index;
    }

    private void skip(String column) {
        expect(column);
        index++;
    }
}
