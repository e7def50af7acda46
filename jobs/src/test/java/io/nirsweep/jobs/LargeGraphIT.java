package io.nirsweep.jobs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.nirsweep.model.LargeFan;
import io.nirsweep.model.NirGraph;
import io.nirsweep.model.hdf5.NirWriter;
import io.nirsweep.sim.io.Npy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file with a million edges (the default limit) through {@code validate} and {@code simulate}: reading,
 * inference, the type check and compiling are linear in the edges. The bound is generous for a shared machine;
 * on an idle one each command takes seconds (README), where inference alone took 26 s at 10^5 edges before.
 */
class LargeGraphIT {
    private static final Duration BOUND = Duration.ofSeconds(120);

    @TempDir
    Path tmp;

    @Test
    void millionEdgeFileValidatesAndSimulates() throws Exception {
        NirGraph g = LargeFan.WIDE.ofScales();
        Path file = tmp.resolve("million.nir");
        NirWriter.write(g, file);
        Cli validate = assertTimeoutPreemptively(BOUND, () -> Cli.run("validate", file.toString()));
        assertEquals(0, validate.exitCode(), validate.err());
        assertEquals(List.of(file + ": ok (" + g.nodes().size() + " nodes, " + g.edges().size() + " edges)"),
                validate.out().lines().toList());
        Path input = tmp.resolve("x.npy");
        Npy.write(input, new int[] {2, 1}, new float[] {1, 0});
        Path out = tmp.resolve("out.npy");
        Cli simulate = assertTimeoutPreemptively(BOUND, () -> Cli.run("simulate", "--model", file.toString(),
                "--input", input.toString(), "--backend", "euler", "--out", out.toString()));
        assertEquals(0, simulate.exitCode(), simulate.err());
        assertArrayEquals(new int[] {2, 1, 1}, Npy.read(out).shape());
    }
}
