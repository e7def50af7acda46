package io.nirsweep.operators.parquet;

import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

/**
 * Turns one row record into Parquet records of a fixed schema: a direct encoder per table, with no intermediate
 * {@code Group} objects per row.
 *
 * <p>parquet-hadoop's abstract methods take Hadoop's {@link Configuration}; they are implemented (javac needs them)
 * but never called, because every entry point here passes a {@link ParquetConfiguration}, and those overloads are
 * overridden too: their defaults would build a Hadoop configuration. A method whose signature names a missing
 * class loads fine as long as nobody calls it, which is why this runs without Hadoop.
 *
 * <p>The footer's key-value metadata is fixed ({@value #TABLE_KEY} and parquet's {@code writer.model.name}), so
 * the same rows give the same bytes.
 */
final class RowWriteSupport<T> extends WriteSupport<T> {

    /** Footer key naming the table a file belongs to, for whoever finds a part file out of its folder. */
    static final String TABLE_KEY = "nirsweep.table";

    private final MessageType schema;
    private final BiConsumer<FieldWriter, T> encoder;
    private FieldWriter fields;

    RowWriteSupport(MessageType schema, BiConsumer<FieldWriter, T> encoder) {
        this.schema = schema;
        this.encoder = encoder;
    }

    /** Hadoop's entry point, required by the abstract class; the writers never call it. */
    @Override
    @SuppressWarnings("deprecation")
    public WriteContext init(Configuration configuration) {
        return context();
    }

    @Override
    public WriteContext init(ParquetConfiguration configuration) {
        return context();
    }

    private WriteContext context() {
        return context(schema);
    }

    /** The write context of every file of a table: its schema and the fixed footer metadata. */
    static WriteContext context(MessageType schema) {
        return new WriteContext(schema, Map.of(TABLE_KEY, schema.getName()));
    }

    /** The object model name in every file's footer ({@code writer.model.name}). */
    static final String NAME = "nirsweep";

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
        fields = new ParquetFieldWriter(recordConsumer, schema);
    }

    @Override
    public void write(T row) {
        fields.startRow();
        encoder.accept(fields, row);
        fields.endRow();
    }

    /** parquet-hadoop's writer builder bound to one write support (a {@link RowWriteSupport} or a part merge's). */
    static final class Builder<T> extends ParquetWriter.Builder<T, Builder<T>> {

        private final WriteSupport<T> support;

        Builder(OutputFile file, WriteSupport<T> support) {
            super(file);
            this.support = support;
        }

        @Override
        protected Builder<T> self() {
            return this;
        }

        /** Hadoop's entry point, required by the abstract class; {@code build()} calls the other overload. */
        @Override
        @SuppressWarnings("deprecation")
        protected WriteSupport<T> getWriteSupport(Configuration configuration) {
            return support;
        }

        @Override
        protected WriteSupport<T> getWriteSupport(ParquetConfiguration configuration) {
            return support;
        }
    }
}
