package io.nirsweep.sim.io;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

/** Test helpers: the fixture folders, hand-made {@code .npy} bytes, and measuring what a read allocates. */
final class Fixtures {

    private Fixtures() {
    }

    /** A folder or file under {@code src/test/resources/io/}. */
    static Path resource(String relative) {
        URL url = Fixtures.class.getResource("/io/" + relative);
        assertNotNull(url, "missing test resource io/" + relative);
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A {@code .npy} file of the given version whose header text is used verbatim (no padding added). */
    static byte[] npy(int major, String header, byte[] data) {
        byte[] text = header.getBytes(major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        return npy(major, 0, text, text.length, data);
    }

    /** A {@code .npy} file with an arbitrary version, header bytes and declared header length. */
    static byte[] npy(int major, int minor, byte[] header, long declaredLength, byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, (byte) minor});
        ByteBuffer length = ByteBuffer.allocate(major == 1 ? 2 : 4).order(ByteOrder.LITTLE_ENDIAN);
        if (major == 1) {
            length.putShort((short) declaredLength);
        } else {
            length.putInt((int) declaredLength);
        }
        out.writeBytes(length.array());
        out.writeBytes(header);
        out.writeBytes(data);
        return out.toByteArray();
    }

    /** The header dict NumPy would write for a descr and shape text such as {@code (2, 3)}. */
    static String dict(String descr, String shape) {
        return "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }\n";
    }

    /** Little-endian float32 bytes. */
    static byte[] floats(float... values) {
        ByteBuffer out = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            out.putFloat(v);
        }
        return out.array();
    }

    static Path write(Path folder, String name, byte[] bytes) {
        try {
            return Files.write(folder.resolve(name), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path write(Path folder, String name, String text) {
        return write(folder, name, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Bytes this thread allocates while {@code action} runs, whether it returns or throws. */
    static long allocatedBy(Runnable action) {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assertTrue(mx.isThreadAllocatedMemorySupported() && mx.isThreadAllocatedMemoryEnabled(),
                "this JVM cannot measure allocations");
        long before = mx.getCurrentThreadAllocatedBytes();
        try {
            action.run();
        } catch (RuntimeException expected) {
            // the caller checks what was thrown separately
        }
        return mx.getCurrentThreadAllocatedBytes() - before;
    }

    /** Runs a read that must fail, returning its exception (a JUnit assertThrows that keeps the type). */
    static ArrayFileException refused(Supplier<?> read) {
        try {
            Object result = read.get();
            throw new AssertionError("expected a refusal, got " + result);
        } catch (ArrayFileException e) {
            return e;
        }
    }
}
