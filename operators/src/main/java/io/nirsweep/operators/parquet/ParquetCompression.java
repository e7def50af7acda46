package io.nirsweep.operators.parquet;

import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * The page compressions the writers support: exactly those {@link LocalCodecFactory} implements without Hadoop.
 * Parquet's other codecs (GZIP, LZ4, BROTLI, ...) would need Hadoop's codec classes at run time.
 */
public enum ParquetCompression {
    /** No compression: the largest files, the fastest to write. */
    UNCOMPRESSED(CompressionCodecName.UNCOMPRESSED),
    /** Snappy (raw blocks, as Parquet stores them), via snappy-java. */
    SNAPPY(CompressionCodecName.SNAPPY),
    /** Zstandard at level 3 (parquet-java's default), via zstd-jni: the default, the smallest files. */
    ZSTD(CompressionCodecName.ZSTD);

    private final CompressionCodecName codec;

    ParquetCompression(CompressionCodecName codec) {
        this.codec = codec;
    }

    CompressionCodecName codec() {
        return codec;
    }
}
