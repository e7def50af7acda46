package io.nirsweep.jobs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nirsweep.model.Corpus;
import io.nirsweep.sim.io.Npy;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How many steps {@code simulate} runs: an input without steps is named as such, not blamed on --steps. */
class SimulateStepsTest {
    private static final String LIF = Corpus.file("external/neuromorphs_NIR/paper/01_lif/lif_norse.nir").toString();

    @TempDir
    Path tmp;

    @Test
    void inputWithoutStepsIsNamedAndSilenceRunsWithSteps() throws Exception {
        Path empty = tmp.resolve("empty.npy");
        Npy.write(empty, new int[] {0, 1}, new float[0]);
        String out = tmp.resolve("out.npy").toString();
        Cli noSteps = Cli.run("simulate", "--model", LIF, "--input", empty.toString(), "--backend", "euler",
                "--out", out);
        assertEquals(2, noSteps.exitCode(), noSteps.err());
        assertEquals(List.of("nirsweep: " + empty + ": the input has no time steps (shape [0, 1]); give at least"
                + " one step, or --steps to run on silence"), noSteps.errorLines());
        Cli silence = Cli.run("simulate", "--model", LIF, "--input", empty.toString(), "--backend", "euler",
                "--steps", "3", "--out", out);
        assertEquals(0, silence.exitCode(), silence.err());
        assertArrayEquals(new int[] {3, 1, 1}, Npy.read(Path.of(out)).shape());
    }

    @Test
    void stepsBelowOneAreBlamedOnSteps() throws Exception {
        Path one = tmp.resolve("one.npy");
        Npy.write(one, new int[] {1, 1}, new float[] {1});
        Cli cli = Cli.run("simulate", "--model", LIF, "--input", one.toString(), "--backend", "euler",
                "--steps", "0", "--out", tmp.resolve("out.npy").toString());
        assertEquals(2, cli.exitCode(), cli.err());
        assertEquals(List.of("nirsweep: --steps must be at least 1"), cli.errorLines());
    }
}
