package io.nirsweep.model.hdf5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The HDF5 library's own {@code h5dump} (Debian package hdf5-tools), run from tests as an independent reader. */
final class H5Dump {
    private H5Dump() {}

    /** Runs h5dump; fails unless it exits 0 with nothing on stderr. */
    static String run(Path dir, Object... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(h5dumpExecutable());
        for (Object argument : arguments) {
            command.add(argument.toString());
        }
        Path out = Files.createTempFile(dir, "h5dump", ".out");
        Path err = Files.createTempFile(dir, "h5dump", ".err");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                fail("h5dump timed out: " + command);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for h5dump", e);
        }
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), command + " failed:\n" + stderr);
        assertEquals("", stderr, command + " reported errors");
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    static String h5dumpExecutable() {
        for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(entry, "h5dump");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        Path debian = Path.of("/usr/bin/h5dump");
        if (Files.isExecutable(debian)) {
            return debian.toString();
        }
        return fail("h5dump is required by these tests but was not found on PATH or at /usr/bin/h5dump;"
                + " install it (Debian/Ubuntu: apt-get install hdf5-tools)");
    }

    static String withoutFileName(String dump) {
        return dump.substring(dump.indexOf('\n') + 1);
    }

    /** Drops the lines giving contiguous data addresses, the only layout difference from h5py's files. */
    static String withoutAddresses(String dump) {
        return dump.replaceAll("(?m)^ *OFFSET \\d+\n", "");
    }
}
