package io.nirsweep.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nirsweep.model.Corpus;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code explain}: what a backend does to a model, or the one line naming the node it refuses. */
class ExplainCommandTest {
    static final String BRAILLE = "../sim-operators/src/test/resources/paper-artifacts/03_rnn/"
            + "braille_noDelay_bias_zero.nir";

    @Test
    void saysWhatTheImporterChanges() {
        Cli cli = Cli.run("explain", "--backend", "rockpool", BRAILLE);
        assertEquals(0, cli.exitCode(), cli.err());
        List<String> lines = cli.out().lines().toList();
        assertTrue(lines.get(0).contains("under 'rockpool'"), cli.out());
        assertEquals("  reproduces       Rockpool as the NIR paper ran it (2023) (simulator)", lines.get(1));
        assertEquals("  version          rockpool@paper-2023 (what 'rockpool' stands for)", lines.get(2));
        assertTrue(lines.get(3).startsWith("  evidence         the published Rockpool activity of E3"), lines.get(3));
        assertTrue(lines.contains("  lif1.w_rec: bias dropped: Rockpool's recurrent LIFTorch has no bias for w_rec"
                + " (it warns)"), cli.out());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("  lif1.lif: w_in 2.22222 → ")), cli.out());
        assertTrue(lines.contains("  lif1.lif -> lif1.w_rec"), cli.out());
    }

    @Test
    void aVersionNamedIsTheOneExplained() {
        Cli cli = Cli.run("explain", "--backend", "snntorch@0.9.4", BRAILLE);
        assertEquals(0, cli.exitCode(), cli.err());
        List<String> lines = cli.out().lines().toList();
        assertTrue(lines.get(0).contains("under 'snntorch@0.9.4': snnTorch 0.9.4 import_from_nir"), cli.out());
        assertEquals("  version          snntorch@0.9.4", lines.get(2));
        assertTrue(lines.contains("  lif1.lif: recurrent CubaLIF → snn.RSynaptic of 0.9.4: its same-step reset is lost;"
                + " v ← 0 one step after a spike, after that step's input (no two spikes in a row)"), cli.out());
        Cli unknown = Cli.run("explain", "--backend", "snntorch@9.9", BRAILLE);
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.err().contains("no backend 'snntorch@9.9' (have: exact, euler, snntorch, snntorch@0.9.4,"),
                unknown.err());
    }

    @Test
    void snntorchFixesItsOwnDt() {
        Cli cli = Cli.run("explain", "--backend", "snntorch", "--dt", "0.001", BRAILLE);
        assertEquals(0, cli.exitCode(), cli.err());
        assertTrue(cli.out().contains("  dt               0.0001 s"), cli.out());
        assertTrue(cli.out().contains("dt 0.001 s → 0.0001 s: snnTorch's importer"), cli.out());
    }

    /** --dt native: the importer's own dt, where it comes from, or the one line of a backend that has none. */
    @Test
    void nativeDtIsTheImportersOwn() {
        Cli norse = Cli.run("explain", "--backend", "norse", "--dt", "native", BRAILLE);
        assertEquals(0, norse.exitCode(), norse.err());
        assertTrue(norse.out().contains("  dt               0.001 s (its own: --dt native)"), norse.out());
        assertTrue(norse.out().contains("  dt native → 0.001 s: Norse's from_nir(graph, dt=0.001) default"
                + " (norse/torch/utils/import_nir.py)"), norse.out());
        // Rockpool's guess 1e-4/(2 − β) per layer: output β = 0.55 (the run's), hidden β = 0.9 (its own, kept)
        Cli rockpool = Cli.run("explain", "--backend", "rockpool", "--dt", "native", BRAILLE);
        assertEquals(0, rockpool.exitCode(), rockpool.err());
        assertTrue(rockpool.out().contains("  dt native → 6.89655e-05 s: Rockpool's guess min(τ/(1 + r)) in float32"
                + " for 'lif2', the smallest of its modules'"), rockpool.out());
        assertTrue(rockpool.out().contains("  lif1.lif: Rockpool runs this module at its own guess dt = 9.09091e-05 s"),
                rockpool.out());
        Cli exact = Cli.run("explain", "--backend", "exact", "--dt", "native", BRAILLE);
        assertEquals(2, exact.exitCode());
        assertEquals(List.of("nirsweep: " + BRAILLE + ": the exact backend has no dt of its own: give dt in seconds"),
                exact.errorLines());
    }

    @Test
    void aRefusedNodeIsOneLineAndExitTwo() {
        String lif = Corpus.file("external/neuromorphs_NIR/paper/01_lif/lif_norse.nir").toString();
        Cli cli = Cli.run("explain", "--backend", "lava-dl", lif);
        assertEquals(2, cli.exitCode());
        assertEquals(List.of("nirsweep: " + lif + ": node '1': the lava-dl backend cannot run it: the paper's lava-dl"
                + " converter raises NotImplementedError('LIF not implemented yet in lava-dl')"), cli.errorLines());
    }

    @Test
    void simulateRefusesWhatTheBackendCannotRun() {
        Cli cli = Cli.run("simulate", "--model", BRAILLE, "--input",
                "../sim-operators/src/test/resources/paper-artifacts/03_rnn/derived/ds_test_sample0_input.csv",
                "--backend", "sinabs", "--out", "unused.npy");
        assertEquals(2, cli.exitCode());
        assertEquals(1, cli.errorLines().size(), cli.err());
        assertTrue(cli.errorLines().get(0).contains("node 'lif1.lif': the sinabs backend cannot run it: Sinabs'"
                + " importer has no conversion for CubaLIF"), cli.err());
    }

    @Test
    void simulateWarnsWhenTheBackendFixesItsOwnDt(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) {
        Cli cli = Cli.run("simulate", "--model", BRAILLE, "--input",
                "../sim-operators/src/test/resources/paper-artifacts/03_rnn/derived/ds_test_sample0_input.csv",
                "--backend", "snntorch", "--dt", "0.001", "--record", "lif1.lif", "--out", tmp.resolve("s.npy").toString());
        assertEquals(0, cli.exitCode(), cli.err());
        assertTrue(cli.err().contains("warning: " + BRAILLE + ": the snntorch backend runs at dt = 0.0001 s, not --dt"
                + " 0.001 s"), cli.err());
    }

    @Test
    void unknownBackendListsTheKnownOnes() {
        Cli cli = Cli.run("explain", "--backend", "loihi9", BRAILLE);
        assertEquals(2, cli.exitCode());
        assertTrue(cli.err().contains("no backend 'loihi9' (have: exact, euler, snntorch"), cli.err());
    }
}
