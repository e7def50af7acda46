package io.nirsweep.operators.parquet;

import java.util.List;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;

/**
 * Writes one row's fields in schema order, each call naming its column and checked against the schema (position,
 * type, and that a required column gets a value), so an encoder that drifts from the schema fails on the first row
 * instead of silently shifting values into the wrong columns. Two writers share the checks and the tables'
 * encoders: {@link ParquetFieldWriter} into a Parquet file, {@link RowFiles}' into a row file of the sweep's work
 * folder.
 */
abstract class FieldWriter {

    /** What a column holds: the few kinds the tables use. */
    enum Kind {
        STRING, INT32, INT64, FLOAT, DOUBLE, BOOLEAN, INT32_LIST, STRING_LIST;

        /**
         * The kind of each column of {@code schema}, in order.
         *
         * @throws IllegalArgumentException on a column of another kind (a programming error in a schema)
         */
        static Kind[] of(MessageType schema) {
            Kind[] kinds = new Kind[schema.getFieldCount()];
            for (int k = 0; k < kinds.length; k++) {
                kinds[k] = of(schema.getType(k), schema.getName());
            }
            return kinds;
        }

        private static Kind of(Type column, String table) {
            if (column.isPrimitive()) {
                return primitive(column, table);
            }
            GroupType list = column.asGroupType();
            if (column.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation
                    && list.getFieldCount() == 1 && list.getType(0).isRepetition(Type.Repetition.REPEATED)
                    && !list.getType(0).isPrimitive() && list.getType(0).asGroupType().getFieldCount() == 1) {
                Type element = list.getType(0).asGroupType().getType(0);
                Kind kind = element.isRepetition(Type.Repetition.REQUIRED) ? primitive(element, table) : null;
                if (kind == INT32) {
                    return INT32_LIST;
                }
                if (kind == STRING) {
                    return STRING_LIST;
                }
            }
            throw new IllegalArgumentException("table " + table + ": column " + column.getName() + " is " + column
                    + ", which the table writers do not write");
        }

        private static Kind primitive(Type column, String table) {
            PrimitiveTypeName type = column.asPrimitiveType().getPrimitiveTypeName();
            switch (type) {
                case BINARY:
                    if (column.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation) {
                        return STRING;
                    }
                    break;
                case INT32:
                    return INT32;
                case INT64:
                    return INT64;
                case FLOAT:
                    return FLOAT;
                case DOUBLE:
                    return DOUBLE;
                case BOOLEAN:
                    return BOOLEAN;
                default:
                    break;
            }
            throw new IllegalArgumentException("table " + table + ": column " + column.getName() + " is " + column
                    + ", which the table writers do not write");
        }
    }

    private final MessageType schema;
    private final Kind[] kinds;
    private final boolean[] optional;
    private int index;

    FieldWriter(MessageType schema) {
        this.schema = schema;
        this.kinds = Kind.of(schema);
        this.optional = optional(schema);
    }

    /** Which columns of {@code schema} are {@code optional} (may be null), in order. */
    static boolean[] optional(MessageType schema) {
        boolean[] optional = new boolean[schema.getFieldCount()];
        for (int k = 0; k < optional.length; k++) {
            optional[k] = schema.getType(k).isRepetition(Type.Repetition.OPTIONAL);
        }
        return optional;
    }

    /** Whether the column at {@code at} is {@code optional} (may be null). */
    final boolean isOptional(int at) {
        return optional[at];
    }

    final void startRow() {
        index = 0;
        beginRow();
    }

    final void endRow() {
        if (index != kinds.length) {
            throw new IllegalStateException("wrote " + index + " of the " + kinds.length + " columns of table "
                    + schema.getName());
        }
        finishRow();
    }

    final void string(String column, String value) {
        int at = expect(column, Kind.STRING, value == null);
        if (value != null) {
            putString(at, column, value);
        } else {
            putNull(at);
        }
        index++;
    }

    final void int32(String column, int value) {
        putInt32(expect(column, Kind.INT32, false), column, value);
        index++;
    }

    /** A nullable INT32: null in an {@code optional} column. */
    final void int32(String column, Integer value) {
        int at = expect(column, Kind.INT32, value == null);
        if (value != null) {
            putInt32(at, column, value);
        } else {
            putNull(at);
        }
        index++;
    }

    final void int64(String column, long value) {
        putInt64(expect(column, Kind.INT64, false), column, value);
        index++;
    }

    final void float32(String column, float value) {
        putFloat(expect(column, Kind.FLOAT, false), column, value);
        index++;
    }

    final void float64(String column, double value) {
        putDouble(expect(column, Kind.DOUBLE, false), column, value);
        index++;
    }

    /** A nullable DOUBLE: null in an {@code optional} column. */
    final void float64(String column, Double value) {
        int at = expect(column, Kind.DOUBLE, value == null);
        if (value != null) {
            putDouble(at, column, value);
        } else {
            putNull(at);
        }
        index++;
    }

    final void bool(String column, boolean value) {
        putBoolean(expect(column, Kind.BOOLEAN, false), column, value);
        index++;
    }

    /** A {@code LIST<STRING>} of required elements; empty is not null. */
    final void stringList(String column, List<String> values) {
        putStringList(expect(column, Kind.STRING_LIST, false), column, values);
        index++;
    }

    /** A {@code LIST<INT32>} of required elements; empty is not null. */
    final void int32List(String column, int[] values) {
        putInt32List(expect(column, Kind.INT32_LIST, false), column, values);
        index++;
    }

    /** The column's position, checked: it is the next one, of this kind, and optional if the value is null. */
    private int expect(String column, Kind kind, boolean isNull) {
        if (index >= kinds.length || !schema.getFieldName(index).equals(column)) {
            throw new IllegalStateException("column " + column + " written at position " + index + " of table "
                    + schema.getName() + ", whose column there is "
                    + (index < kinds.length ? schema.getFieldName(index) : "none"));
        }
        if (kinds[index] != kind) {
            throw new IllegalStateException("column " + column + " of table " + schema.getName() + " holds "
                    + kinds[index] + ", written as " + kind);
        }
        if (isNull && !optional[index]) {
            throw new IllegalStateException("column " + column + " of table " + schema.getName()
                    + " is required, got null");
        }
        return index;
    }

    abstract void beginRow();

    abstract void finishRow();

    /** An optional column's null. */
    abstract void putNull(int at);

    abstract void putString(int at, String column, String value);

    abstract void putInt32(int at, String column, int value);

    abstract void putInt64(int at, String column, long value);

    abstract void putFloat(int at, String column, float value);

    abstract void putDouble(int at, String column, double value);

    abstract void putBoolean(int at, String column, boolean value);

    abstract void putStringList(int at, String column, List<String> values);

    abstract void putInt32List(int at, String column, int[] values);
}
