package io.nirsweep.operators.parquet;

import io.nirsweep.model.MessageText;
import io.nirsweep.operators.equivalence.report.EquivalenceReport;
import java.io.IOException;
import java.util.Objects;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/**
 * Writes one Parquet file of the {@code spikes}, {@code traces}, {@code cells} or {@code mapping} table
 * (docs/data-model.md) from rows, with no Hadoop at run time.
 *
 * <p>Each file goes to a {@link Target}, which puts it in place whole or not at all: the sweep's target
 * ({@code storage.ParquetFiles}) writes a hidden temporary file beside the file ({@code .<name>.<random>.tmp},
 * which no {@code *.parquet} glob matches) and renames it into place, replacing a file of the same name. A reader
 * therefore sees either no file or a complete one, and a retried task that writes the same rows under the same name
 * changes nothing. If writing fails (an I/O error, or the row iterator throws), no file appears.
 *
 * <p>The same rows in the same order give byte-identical files: the footer holds no timestamp, its key-value
 * metadata is fixed, and {@code created_by} is parquet-java's version string
 * ({@code parquet-mr version 1.18.1 (build ...)}), which changes only with the library.
 */
public final class ParquetTables {

    /** Folder of the spikes table under a sweep's output folder. */
    public static final String SPIKES = "spikes";
    /** Folder of the traces table under a sweep's output folder. */
    public static final String TRACES = "traces";
    /** Folder of the cells table under a sweep's output folder. */
    public static final String CELLS = "cells";
    /** Folder of the mapping table (one row per cell of a chip target) under a sweep's output folder. */
    public static final String MAPPING = "mapping";

    /** The spikes table; {@code backend} and {@code model} are partition columns, not stored in the files. */
    public static final MessageType SPIKES_SCHEMA = MessageTypeParser.parseMessageType("""
            message spikes {
              required binary sweep_id (STRING);
              required binary cell_id (STRING);
              required int32 sample;
              required binary node (STRING);
              required int32 neuron;
              required int32 t;
              required int32 count;
            }""");

    /** The traces table: the spikes table's keys and a FLOAT {@code value} instead of {@code count}. */
    public static final MessageType TRACES_SCHEMA = MessageTypeParser.parseMessageType("""
            message traces {
              required binary sweep_id (STRING);
              required binary cell_id (STRING);
              required int32 sample;
              required binary node (STRING);
              required int32 neuron;
              required int32 t;
              required float value;
            }""");

    /**
     * The cells table. {@code output_counts} uses the standard three-level list layout; it is required (an empty
     * list, never null, when there are no counts) and so are its elements, as the data model has no nulls there.
     */
    public static final MessageType CELLS_SCHEMA = MessageTypeParser.parseMessageType("""
            message cells {
              required binary sweep_id (STRING);
              required binary cell_id (STRING);
              required int32 sample;
              required binary model (STRING);
              required binary model_sha256 (STRING);
              required binary backend (STRING);
              required binary backend_version (STRING);
              required binary params (STRING);
              optional double dt;
              required binary input (STRING);
              optional int32 label;
              required int32 steps;
              required group output_counts (LIST) {
                repeated group list {
                  required int32 element;
                }
              }
              optional int32 predicted;
              required binary status (STRING);
              optional binary error (STRING);
              required double wall_ms;
              required binary engine_version (STRING);
            }""");

    /**
     * The mapping table: one row per cell whose backend is a chip target. {@code violations} is a required list
     * (empty when the model fits) of required strings; the relative errors are null when the conversion quantises
     * no parameter of that kind, {@code placement} when the model does not fit.
     */
    public static final MessageType MAPPING_SCHEMA = MessageTypeParser.parseMessageType("""
            message mapping {
              required binary sweep_id (STRING);
              required binary cell_id (STRING);
              required binary model (STRING);
              required binary model_sha256 (STRING);
              required binary target (STRING);
              required binary params (STRING);
              required double dt;
              required boolean fits;
              required group violations (LIST) {
                repeated group list {
                  required binary element (STRING);
                }
              }
              optional double weight_max_relative_error;
              optional double weight_mean_relative_error;
              optional double threshold_max_relative_error;
              optional double decay_max_relative_error;
              optional binary placement (STRING);
              required binary resources (STRING);
            }""");

    /** Folder of the equivalence table under a report's output folder. */
    public static final String EQUIVALENCE = "equivalence";

    /**
     * The equivalence table of a report (docs/equivalence.md): one row per (model, input set, parameter point,
     * backend pair, recorded node). Means are null where they are undefined (NaN in the report), the first
     * divergence's columns where the node never diverged.
     */
    public static final MessageType EQUIVALENCE_SCHEMA = MessageTypeParser.parseMessageType("""
            message equivalence {
              required binary model (STRING);
              required binary input (STRING);
              required binary params (STRING);
              required binary backend_a (STRING);
              required binary backend_b (STRING);
              required binary node (STRING);
              required int64 samples;
              optional double identical_bin_fraction;
              optional double count_agreement;
              optional double count_correlation;
              optional double van_rossum;
              optional double van_rossum_max;
              required int64 diverging_samples;
              optional int32 first_step;
              optional int32 first_sample;
              optional int32 first_neuron;
              optional double class_agreement;
            }""");

    /** The compression used when none is given: the smallest files of the three (docs/infra-notes.md §4). */
    public static final ParquetCompression DEFAULT_COMPRESSION = ParquetCompression.ZSTD;

    private ParquetTables() {
    }

    /**
     * Where one Parquet file is written, all or nothing: {@link #write} hands the body an {@link OutputFile} and puts
     * the file in place only once the body has returned; when the body throws, no file appears and what was at the
     * target stays. (This package knows no file system: the sweep's targets are in {@code storage.ParquetFiles}.)
     */
    public interface Target {
        /** What writes the file's bytes into the {@link OutputFile} given (which it may create once). */
        @FunctionalInterface
        interface Body {
            void writeTo(OutputFile file) throws IOException;
        }

        void write(Body body) throws IOException;

        /** The file as messages name it. */
        String name();
    }

    /**
     * The relative folder {@code <table>/backend=<b>/model=<m>/} of one partition of the spikes or traces table,
     * values escaped Hive-style; see {@link HivePartitions#tableDir}.
     */
    public static String partition(String table, String backend, String model) {
        return HivePartitions.tableDir(table, backend, model);
    }

    /** {@link #writeSpikes(Target, Iterable, ParquetCompression)} with {@link #DEFAULT_COMPRESSION}. */
    public static long writeSpikes(Target file, Iterable<? extends SpikeRow> rows) throws IOException {
        return writeSpikes(file, rows, DEFAULT_COMPRESSION);
    }

    /**
     * Writes {@code rows} as one file of the spikes table, atomically (see the class comment). The file belongs in
     * a partition folder {@link HivePartitions#spikesDir};
     *
     * @return the number of rows written
     * @throws IOException if the file cannot be written; the message names the file
     */
    public static long writeSpikes(Target file, Iterable<? extends SpikeRow> rows, ParquetCompression compression)
            throws IOException {
        return write(file, new RowWriteSupport<>(SPIKES_SCHEMA, ParquetTables::encodeSpike), rows, compression);
    }

    /** {@link #writeTraces(Target, Iterable, ParquetCompression)} with {@link #DEFAULT_COMPRESSION}. */
    public static long writeTraces(Target file, Iterable<? extends TraceRow> rows) throws IOException {
        return writeTraces(file, rows, DEFAULT_COMPRESSION);
    }

    /**
     * Writes {@code rows} as one file of the traces table, atomically (see the class comment). The file belongs in
     * a partition folder {@link HivePartitions#tracesDir};
     *
     * @return the number of rows written
     * @throws IOException if the file cannot be written; the message names the file
     */
    public static long writeTraces(Target file, Iterable<? extends TraceRow> rows, ParquetCompression compression)
            throws IOException {
        return write(file, new RowWriteSupport<>(TRACES_SCHEMA, ParquetTables::encodeTrace), rows, compression);
    }

    /** {@link #writeCells(Target, Iterable, ParquetCompression)} with {@link #DEFAULT_COMPRESSION}. */
    public static long writeCells(Target file, Iterable<? extends CellRow> rows) throws IOException {
        return writeCells(file, rows, DEFAULT_COMPRESSION);
    }

    /**
     * Writes {@code rows} as one file of the cells table ({@code cells/part-*.parquet}), atomically (see the class
     * comment);
     *
     * @return the number of rows written
     * @throws IOException if the file cannot be written; the message names the file
     */
    public static long writeCells(Target file, Iterable<? extends CellRow> rows, ParquetCompression compression)
            throws IOException {
        return write(file, new RowWriteSupport<>(CELLS_SCHEMA, ParquetTables::encodeCell), rows, compression);
    }

    /** {@link #writeMapping(Target, Iterable, ParquetCompression)} with {@link #DEFAULT_COMPRESSION}. */
    public static long writeMapping(Target file, Iterable<? extends MappingRow> rows) throws IOException {
        return writeMapping(file, rows, DEFAULT_COMPRESSION);
    }

    /**
     * Writes {@code rows} as one file of the mapping table ({@code mapping/part-*.parquet}), atomically (see the
     * class comment);
     *
     * @return the number of rows written
     * @throws IOException if the file cannot be written; the message names the file
     */
    public static long writeMapping(Target file, Iterable<? extends MappingRow> rows, ParquetCompression compression)
            throws IOException {
        return write(file, new RowWriteSupport<>(MAPPING_SCHEMA, ParquetTables::encodeMapping), rows, compression);
    }

    /**
     * Writes {@code rows} as one file of a report's equivalence table ({@code equivalence/part-*.parquet}),
     * atomically (see the class comment).
     *
     * @return the number of rows written
     * @throws IOException if the file cannot be written; the message names the file
     */
    public static long writeEquivalence(Target file, Iterable<? extends EquivalenceReport.PairRow> rows)
            throws IOException {
        return write(file, new RowWriteSupport<>(EQUIVALENCE_SCHEMA, ParquetTables::encodeEquivalence), rows,
                DEFAULT_COMPRESSION);
    }

    /**
     * Writes the rows of {@code parts} (row files of one table, {@link RowFiles}) as one Parquet file of that table,
     * atomically (see the class comment): the parts in the order given, each part's rows in its order, in row groups
     * of parquet-java's default size ({@link ParquetWriter#DEFAULT_BLOCK_SIZE}, 128 MiB). The file is the one
     * {@code write<Table>} makes of the same rows: the same parts in the same order give the same bytes. The parts
     * are only read: deleting them is the caller's business.
     *
     * @return the number of rows written
     * @throws IOException if a part cannot be read, is not a whole row file, or holds another table than the first;
     *     or the file cannot be written. The message names the file.
     * @throws IllegalArgumentException if {@code parts} is empty
     */
    public static long merge(java.util.List<? extends RowFiles.Part> parts, Target file) throws IOException {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("no row files to merge into " + file.name());
        }
        String table = RowFiles.table(parts.get(0));
        MessageType schema = java.util.stream.Stream.of(SPIKES_SCHEMA, TRACES_SCHEMA, CELLS_SCHEMA, MAPPING_SCHEMA)
                .filter(s -> s.getName().equals(table)).findFirst()
                .orElseThrow(() -> new IOException(parts.get(0).name() + ": not a row file of the sweep's tables"
                        + " (spikes, traces, cells, mapping): it holds table " + MessageText.quote(table)));
        try (RowFiles.Reader rows = new RowFiles.Reader(parts, schema)) {
            return write(file, new RowWriteSupport<RowFiles.Reader>(schema, (fields, row) -> row.replay(fields)), rows,
                    DEFAULT_COMPRESSION);
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
    }

    static void encodeSpike(FieldWriter out, SpikeRow row) {
        out.string("sweep_id", row.sweepId());
        out.string("cell_id", row.cellId());
        out.int32("sample", row.sample());
        out.string("node", row.node());
        out.int32("neuron", row.neuron());
        out.int32("t", row.t());
        out.int32("count", row.count());
    }

    static void encodeTrace(FieldWriter out, TraceRow row) {
        out.string("sweep_id", row.sweepId());
        out.string("cell_id", row.cellId());
        out.int32("sample", row.sample());
        out.string("node", row.node());
        out.int32("neuron", row.neuron());
        out.int32("t", row.t());
        out.float32("value", row.value());
    }

    static void encodeCell(FieldWriter out, CellRow row) {
        out.string("sweep_id", row.sweepId());
        out.string("cell_id", row.cellId());
        out.int32("sample", row.sample());
        out.string("model", row.model());
        out.string("model_sha256", row.modelSha256());
        out.string("backend", row.backend());
        out.string("backend_version", row.backendVersion());
        out.string("params", row.params());
        out.float64("dt", row.dt());
        out.string("input", row.input());
        out.int32("label", row.label());
        out.int32("steps", row.steps());
        out.int32List("output_counts", row.outputCounts());
        out.int32("predicted", row.predicted());
        out.string("status", row.status());
        out.string("error", row.error());
        out.float64("wall_ms", row.wallMs());
        out.string("engine_version", row.engineVersion());
    }

    static void encodeMapping(FieldWriter out, MappingRow row) {
        out.string("sweep_id", row.sweepId());
        out.string("cell_id", row.cellId());
        out.string("model", row.model());
        out.string("model_sha256", row.modelSha256());
        out.string("target", row.target());
        out.string("params", row.params());
        out.float64("dt", row.dt());
        out.bool("fits", row.fits());
        out.stringList("violations", row.violations());
        out.float64("weight_max_relative_error", row.weightMaxRelativeError());
        out.float64("weight_mean_relative_error", row.weightMeanRelativeError());
        out.float64("threshold_max_relative_error", row.thresholdMaxRelativeError());
        out.float64("decay_max_relative_error", row.decayMaxRelativeError());
        out.string("placement", row.placement());
        out.string("resources", row.resources());
    }

    private static void encodeEquivalence(FieldWriter out, EquivalenceReport.PairRow row) {
        out.string("model", row.cell().model());
        out.string("input", row.cell().input());
        out.string("params", row.cell().params());
        out.string("backend_a", row.backendA());
        out.string("backend_b", row.backendB());
        out.string("node", row.node());
        out.int64("samples", row.samples());
        out.float64("identical_bin_fraction", defined(row.identicalBinFraction()));
        out.float64("count_agreement", defined(row.countAgreement()));
        out.float64("count_correlation", defined(row.countCorrelation()));
        out.float64("van_rossum", defined(row.vanRossum()));
        out.float64("van_rossum_max", defined(row.vanRossumMax()));
        out.int64("diverging_samples", row.divergingSamples());
        out.int32("first_step", row.firstStep());
        out.int32("first_sample", row.firstSample());
        out.int32("first_neuron", row.firstNeuron());
        out.float64("class_agreement", defined(row.classAgreement()));
    }

    /** NaN (undefined) as null. */
    private static Double defined(double v) {
        return Double.isNaN(v) ? null : v;
    }

    private static <T> long write(Target file, org.apache.parquet.hadoop.api.WriteSupport<T> support,
            Iterable<? extends T> rows, ParquetCompression compression) throws IOException {
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(compression, "compression");
        long[] count = {0};
        try {
            file.write(out -> {
                try (ParquetWriter<T> writer = new RowWriteSupport.Builder<>(out, support)
                        .withConf(new PlainParquetConfiguration())
                        .withCodecFactory(new LocalCodecFactory())
                        .withCompressionCodec(compression.codec())
                        .withWriteMode(ParquetFileWriter.Mode.CREATE)
                        .build()) {
                    for (T row : rows) {
                        if (row == null) {
                            throw new NullPointerException("row " + count[0] + " for " + file.name() + " is null");
                        }
                        writer.write(row);
                        count[0]++;
                    }
                }
            });
            return count[0];
        } catch (IOException e) {
            throw new IOException("cannot write Parquet file " + file.name() + ": " + e.getMessage(), e);
        }
    }
}
