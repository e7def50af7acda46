package org.apache.parquet;

import java.util.Map;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.format.converter.ParquetMetadataConverter;

/**
 * Read options that need no Hadoop: {@link ParquetReadOptions.Builder}'s constructor makes a Hadoop codec factory
 * before any setter can replace it, which fails with {@code NoClassDefFoundError} when Hadoop is not on the class
 * path (parquet-java 1.18.1). Its constructor is package-private, hence this class in parquet's own package: it
 * passes the builder's defaults, with the codec factory given and no filter (every row is read).
 */
public final class LocalReadOptions {
    /** The builder's default largest buffer allocated at once (8 MiB). */
    private static final int MAX_ALLOCATION = 8 * 1024 * 1024;

    private LocalReadOptions() {}

    public static ParquetReadOptions of(CompressionCodecFactory codecs) {
        return new ParquetReadOptions(false, true, true, true, true, false, true, false, false, FilterCompat.NOOP,
                ParquetMetadataConverter.NO_FILTER, codecs, new HeapByteBufferAllocator(), MAX_ALLOCATION, Map.of(),
                null, null, new PlainParquetConfiguration());
    }
}
