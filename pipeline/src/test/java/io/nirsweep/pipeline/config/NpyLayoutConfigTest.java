package io.nirsweep.pipeline.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nirsweep.operators.inputs.InputSpec;
import io.nirsweep.operators.inputs.InputSpec.Npy.Layout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code layout} key of an npy input set: time-major unless the config says sample-major. */
class NpyLayoutConfigTest {
    @TempDir
    Path dir;

    /** A config of one input set {@code x} of that kind, with the extra lines given (indented as its keys). */
    private Path config(String kind, String extraLines) throws IOException {
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve("data/x." + kind), "");
        Files.writeString(dir.resolve("a.nir"), "");
        Path config = dir.resolve("sweep.yaml");
        Files.writeString(config, """
                models: [a.nir]
                inputs:
                  - name: x
                """ + "    kind: " + kind + "\n    path: data/x." + kind + "\n" + extraLines + "backends: [exact]\n");
        return config;
    }

    private Path config(String layoutLine) throws IOException {
        return config("npy", layoutLine);
    }

    private Layout layout(String layoutLine) throws IOException {
        return ((InputSpec.Npy) SweepConfig.load(config(layoutLine)).inputs().get(0)).layout();
    }

    @Test
    void timeMajorByDefaultAndSampleMajorOnlyWhenSaid() throws IOException {
        assertEquals(Layout.TIME_MAJOR, layout(""));
        assertEquals(Layout.TIME_MAJOR, layout("    layout: time-major\n"));
        assertEquals(Layout.SAMPLE_MAJOR, layout("    layout: sample-major\n"));
    }

    @Test
    void anUnknownLayoutIsRefusedAtItsLine() throws IOException {
        Path config = config("    layout: batch-first\n");
        ConfigException e = assertThrows(ConfigException.class, () -> SweepConfig.load(config));
        assertEquals(config + " line 6: inputs[0].layout: unknown layout 'batch-first' (known: time-major [T, B,"
                + " *shape], sample-major [N, T, *shape])", e.getMessage());
        assertEquals(6, e.line());
        assertEquals("inputs[0].layout", e.key());
    }

    @Test
    void layoutIsAnNpyKeyOnly() throws IOException {
        Path config = config("csv", "    layout: time-major\n");
        ConfigException e = assertThrows(ConfigException.class, () -> SweepConfig.load(config));
        assertEquals(6, e.line());
        assertEquals("inputs[0].layout", e.key());
    }
}
