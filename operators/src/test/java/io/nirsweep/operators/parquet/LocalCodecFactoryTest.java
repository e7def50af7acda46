package io.nirsweep.operators.parquet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

final class LocalCodecFactoryTest {

    private static final byte[] PAGE = "block/lif block/lif block/lif λ 0123456789".repeat(200)
            .getBytes(StandardCharsets.UTF_8);

    private static byte[] bytes(BytesInput input) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        input.writeAllTo(out);
        return out.toByteArray();
    }

    @ParameterizedTest
    @EnumSource(ParquetCompression.class)
    void compressThenDecompressGivesThePageBack(ParquetCompression compression) throws Exception {
        CompressionCodecFactory factory = new LocalCodecFactory();
        CompressionCodecFactory.BytesInputCompressor compressor = factory.getCompressor(compression.codec());
        assertEquals(compression.codec(), compressor.getCodecName());
        byte[] compressed = bytes(compressor.compress(BytesInput.from(PAGE)));
        assertArrayEquals(compressed, bytes(compressor.compress(BytesInput.from(PAGE))), "deterministic");

        CompressionCodecFactory.BytesInputDecompressor decompressor = factory.getDecompressor(compression.codec());
        assertArrayEquals(PAGE, bytes(decompressor.decompress(BytesInput.from(compressed), PAGE.length)));
        ByteBuffer out = ByteBuffer.allocate(PAGE.length);
        decompressor.decompress(ByteBuffer.wrap(compressed), compressed.length, out, PAGE.length);
        assertArrayEquals(PAGE, out.array());
    }

    @Test
    void aPageOfTheWrongSizeIsAnError() throws Exception {
        LocalCodecFactory factory = new LocalCodecFactory();
        byte[] compressed = bytes(factory.getCompressor(CompressionCodecName.SNAPPY).compress(BytesInput.from(PAGE)));
        assertEquals("SNAPPY page decompressed to " + PAGE.length + " bytes, the page header says 7",
                assertThrows(java.io.IOException.class, () -> factory.getDecompressor(CompressionCodecName.SNAPPY)
                        .decompress(BytesInput.from(compressed), 7)).getMessage());
    }

    @Test
    void codecsThatNeedHadoopAreRefused() {
        assertEquals("Parquet codec GZIP is not supported without Hadoop (use UNCOMPRESSED, SNAPPY or ZSTD)",
                assertThrows(IllegalArgumentException.class,
                        () -> new LocalCodecFactory().getCompressor(CompressionCodecName.GZIP)).getMessage());
    }
}
