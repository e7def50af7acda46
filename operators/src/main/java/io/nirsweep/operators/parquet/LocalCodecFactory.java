package io.nirsweep.operators.parquet;

import com.github.luben.zstd.Zstd;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.xerial.snappy.Snappy;

/**
 * Page compression without Hadoop. Parquet's own {@code CodecFactory} goes through Hadoop's codec classes and fails
 * with {@code NoClassDefFoundError} when Hadoop is not on the class path (docs/infra-notes.md §4); snappy-java and
 * zstd-jni,
 * which parquet-hadoop brings anyway, do the same work directly. Both produce what Parquet readers expect: raw
 * Snappy blocks and Zstandard frames. Compression is a pure function of the bytes, so files are reproducible.
 */
final class LocalCodecFactory implements CompressionCodecFactory {

    /** Parquet's own default Zstandard level. */
    static final int ZSTD_LEVEL = 3;

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        return new Compressor(supported(codec));
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        return new Decompressor(supported(codec));
    }

    @Override
    public void release() {
        // nothing pooled: every compressor works on heap arrays
    }

    private static CompressionCodecName supported(CompressionCodecName codec) {
        return switch (codec) {
            case UNCOMPRESSED, SNAPPY, ZSTD -> codec;
            default -> throw new IllegalArgumentException(
                    "Parquet codec " + codec + " is not supported without Hadoop (use UNCOMPRESSED, SNAPPY or ZSTD)");
        };
    }

    /** The bytes of a page as one array, which is what snappy-java's and zstd-jni's one-shot calls take. */
    private static byte[] array(BytesInput bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.toIntExact(bytes.size()));
        bytes.writeAllTo(out);
        return out.toByteArray();
    }

    /** Compresses whole pages: Parquet hands over one page at a time, so streaming would gain nothing. */
    private record Compressor(CompressionCodecName codec) implements BytesInputCompressor {

        @Override
        public BytesInput compress(BytesInput bytes) throws IOException {
            return switch (codec) {
                case SNAPPY -> BytesInput.from(Snappy.compress(array(bytes)));
                case ZSTD -> BytesInput.from(Zstd.compress(array(bytes), ZSTD_LEVEL));
                default -> bytes;
            };
        }

        @Override
        public CompressionCodecName getCodecName() {
            return codec;
        }

        @Override
        public void release() {
            // stateless
        }
    }

    /** The inverse of {@link Compressor}; the writers never call it, but the interface is one for both ways. */
    private record Decompressor(CompressionCodecName codec) implements BytesInputDecompressor {

        @Override
        public BytesInput decompress(BytesInput bytes, int uncompressedSize) throws IOException {
            byte[] out = switch (codec) {
                case SNAPPY -> Snappy.uncompress(array(bytes));
                case ZSTD -> Zstd.decompress(array(bytes), uncompressedSize);
                default -> array(bytes);
            };
            if (out.length != uncompressedSize) {
                throw new IOException(codec + " page decompressed to " + out.length + " bytes, the page header says "
                        + uncompressedSize);
            }
            return BytesInput.from(out);
        }

        @Override
        public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int decompressedSize)
                throws IOException {
            byte[] compressed = new byte[compressedSize];
            input.duplicate().get(compressed);
            output.put(array(decompress(BytesInput.from(compressed), decompressedSize)));
        }

        @Override
        public void release() {
            // stateless
        }
    }
}
