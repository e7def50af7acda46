package io.nirsweep.jobs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nirsweep.model.Corpus;
import io.nirsweep.sim.io.Csv;
import io.nirsweep.sim.io.Npy;
import io.nirsweep.sim.io.NpyArray;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code simulate} and {@code backends} as docs/cli.md fixes them. */
class SimulateCommandTest {
    static final String LIF = Corpus.file("external/neuromorphs_NIR/paper/01_lif/lif_norse.nir").toString();

    @TempDir
    Path tmp;

    /** Column 0 of the paper's exact LIF reference: the published input pulse train, one sample. */
    private Path pulseTrain() throws Exception {
        NpyArray reference = Csv.read(Path.of("../sim-operators/src/test/resources/paper-artifacts/01_lif/lif_exact.csv"));
        float[] x = new float[reference.dim(0)];
        for (int t = 0; t < x.length; t++) {
            x[t] = reference.get(3 * t);
        }
        Path in = tmp.resolve("pulses.npy");
        Npy.write(in, new int[] {x.length, 1}, x);
        return in;
    }

    @Test
    void exactBackendFiresAtThePublishedSteps() throws Exception {
        Path out = tmp.resolve("out/");
        Cli cli = Cli.run("simulate", "--model", LIF, "--input", pulseTrain().toString(), "--backend", "exact",
                "--record", "1", "--record-state", "--out", out + "/");
        assertEquals(0, cli.exitCode(), cli.err());
        NpyArray spikes = Npy.read(out.resolve("1.npy"));
        assertArrayEquals(new int[] {1000, 1, 1}, spikes.shape());
        List<Integer> at = new ArrayList<>();
        for (int t = 0; t < 1000; t++) {
            if (spikes.get(t) != 0) {
                at.add(t);
            }
        }
        assertEquals(List.of(460, 510, 710, 760), at);
        assertTrue(Files.exists(out.resolve("1.v.npy")));
        assertTrue(cli.err().contains("simulated 1000 steps x 1 samples in"), cli.err());
        assertTrue(cli.err().contains(", 4 output spikes"), cli.err());
        assertTrue(cli.err().matches("(?s).*the engine warmed up on \\d+ synthetic steps in \\d+ ms while the input was read.*"),
                cli.err());
    }

    /**
     * A sparse spike file is read into its non-zero elements, an analog one (all non-zero) densely: both give what
     * the engine computes from the dense array, over more steps than the file has (silence after it).
     */
    @Test
    void spikeAndAnalogFilesGiveWhatTheEngineComputesFromTheDenseArray() throws Exception {
        io.nirsweep.model.NirGraph graph = io.nirsweep.model.hdf5.NirReader.read(Path.of(LIF)).graph();
        io.nirsweep.sim.engine.Program program = io.nirsweep.sim.engine.GraphCompiler.compile(graph,
                io.nirsweep.sim.backend.Backends.require("euler"), 1e-4);
        java.util.Random random = new java.util.Random(3);
        int steps = 700;
        int batch = 3;
        for (boolean analog : new boolean[] {false, true}) {
            float[] x = new float[steps * batch];
            for (int k = 0; k < x.length; k++) {
                x[k] = analog ? (float) (1 + random.nextDouble()) : random.nextDouble() < 0.05 ? 1f : 0f;
            }
            Path in = tmp.resolve(analog ? "analog.npy" : "spikes.npy");
            Npy.write(in, new int[] {steps, batch, 1}, x);
            Path out = tmp.resolve(analog ? "analog-out.npy" : "spikes-out.npy");
            Cli cli = Cli.run("simulate", "--model", LIF, "--input", in.toString(), "--backend", "euler", "--record",
                    "1", "--steps", "900", "--out", out.toString());
            assertEquals(0, cli.exitCode(), cli.err());
            float[] longer = java.util.Arrays.copyOf(x, 900 * batch);
            float[] expected = program.simulate(List.of(longer), 900, batch, List.of("1"), List.of(), 1).get("1");
            assertArrayEquals(expected, Npy.read(out).values(), analog ? "analog" : "spikes");
        }
    }

    @Test
    void defaultRecordsTheOutputNodeToCsv() throws Exception {
        Path out = tmp.resolve("o.csv");
        Cli cli = Cli.run("simulate", "--model", LIF, "--input", pulseTrain().toString(), "--backend", "euler",
                "--steps", "500", "--out", out.toString());
        assertEquals(0, cli.exitCode(), cli.err());
        List<String> lines = Files.readAllLines(out);
        assertEquals("t,output[0]", lines.get(0));
        assertEquals(501, lines.size());
        assertEquals("460,1", lines.get(461));
    }

    /**
     * --dt native: Norse's from_nir default, 1e-3 s, said on stderr; the file written is byte for byte the one of
     * --dt 0.001. A backend without a dt of its own, and a dt that is neither seconds nor native: one line, exit 2,
     * nothing written.
     */
    @Test
    void nativeDtRunsAtTheImportersOwnAndSaysSo() throws Exception {
        Path own = tmp.resolve("own.npy");
        Cli cli = Cli.run("simulate", "--model", LIF, "--input", pulseTrain().toString(), "--backend", "norse",
                "--dt", "native", "--out", own.toString());
        assertEquals(0, cli.exitCode(), cli.err());
        assertTrue(cli.err().contains(LIF + ": the norse backend runs at its own dt = 0.001 s (see `nirsweep explain"
                + " --dt native`)"), cli.err());
        Path given = tmp.resolve("given.npy");
        assertEquals(0, Cli.run("simulate", "--model", LIF, "--input", pulseTrain().toString(), "--backend", "norse",
                "--dt", "0.001", "--out", given.toString()).exitCode());
        assertArrayEquals(Files.readAllBytes(given), Files.readAllBytes(own));
        Cli refused = Cli.run("simulate", "--model", LIF, "--input", pulseTrain().toString(), "--backend", "euler",
                "--dt", "native", "--out", tmp.resolve("none.npy").toString());
        assertEquals(2, refused.exitCode());
        assertEquals(List.of("nirsweep: " + LIF + ": the euler backend has no dt of its own: give dt in seconds"),
                refused.errorLines());
        assertFalse(Files.exists(tmp.resolve("none.npy")));
        Cli bad = Cli.run("simulate", "--model", LIF, "--input", pulseTrain().toString(), "--backend", "norse",
                "--dt", "fast", "--out", tmp.resolve("none.npy").toString());
        assertEquals(List.of("nirsweep: --dt: dt must be a positive number of seconds or 'native', is 'fast'"),
                bad.errorLines());
    }

    @Test
    void badRequestsGiveExitTwoAndOneLine() throws Exception {
        String in = pulseTrain().toString();
        String out = tmp.resolve("x.npy").toString();
        List<String[]> bad = List.of(
                new String[] {"simulate", "--model", LIF, "--input", in, "--backend", "frobnitz", "--out", out},
                new String[] {"simulate", "--model", LIF, "--input", in, "--backend", "exact", "--record", "ghost",
                    "--out", out},
                new String[] {"simulate", "--model", LIF, "--input", in, "--backend", "exact", "--out", "x.txt"},
                new String[] {"simulate", "--model", LIF, "--input", tmp.resolve("missing.npy").toString(), "--backend",
                    "exact", "--out", out},
                new String[] {"simulate", "--model", LIF, "--input", in, "--backend", "exact", "--dt", "-1", "--out",
                    out},
                new String[] {"simulate", "--model", LIF, "--input", in, "--backend", "norse", "--dt", "fast", "--out",
                    out},
                new String[] {"simulate", "--model", LIF, "--input", in, "--backend", "exact", "--dt", "native",
                    "--out", out},
                new String[] {"simulate", "--model", Corpus.file("bad/truncated.nir").toString(), "--input", in,
                    "--backend", "exact", "--out", out});
        for (String[] args : bad) {
            Cli cli = Cli.run(args);
            assertEquals(2, cli.exitCode(), String.join(" ", args) + "\n" + cli.err());
            assertEquals(1, cli.errorLines().size(), cli.err());
        }
    }

    @Test
    void inputOfTheWrongShapeIsNamed() throws Exception {
        Path in = tmp.resolve("wrong.npy");
        Npy.write(in, new int[] {10, 3}, new float[30]);
        Cli cli = Cli.run("simulate", "--model", LIF, "--input", in.toString(), "--backend", "exact", "--out",
                tmp.resolve("y.npy").toString());
        assertEquals(2, cli.exitCode());
        assertTrue(cli.err().contains("shape [10, 3] does not fit the model input [1]"), cli.err());
    }

    @Test
    void backendsListsEachWithItsKindAndVersion() {
        Cli cli = Cli.run("backends");
        assertEquals(0, cli.exitCode());
        assertTrue(cli.out().lines().anyMatch(l -> l.startsWith("snntorch ") && l.contains("simulator")
                && l.contains(" 40ad136 ") && l.contains("snnTorch 40ad136 (0.7.0+164), the NIR paper's")), cli.out());
        // defined in hardware-sinks, found through the plug-in point like the simulators
        assertTrue(cli.out().lines().anyMatch(l -> l.startsWith("lava-fixed ") && l.contains("hardware")
                && l.contains("PyLifModelBitAcc")), cli.out());
        assertTrue(cli.out().lines().anyMatch(l -> l.startsWith("exact") && l.contains("simulator")), cli.out());
        assertTrue(cli.out().lines().anyMatch(l -> l.startsWith("euler") && l.contains("simulator")), cli.out());
    }

    @Test
    void parquetOutIsTheSpikesTable() throws Exception {
        Path out = tmp.resolve("spikes.parquet");
        Cli cli = Cli.run("simulate", "--model", LIF, "--input", pulseTrain().toString(), "--backend", "exact",
                "--record", "1", "--out", out.toString());
        assertEquals(0, cli.exitCode(), cli.err());
        try (java.sql.Connection db = java.sql.DriverManager.getConnection("jdbc:duckdb:");
                java.sql.ResultSet rs = db.createStatement().executeQuery("SELECT string_agg(t::VARCHAR, ',' ORDER BY t),"
                        + " any_value(node), any_value(sweep_id), sum(count) FROM read_parquet('" + out + "')")) {
            rs.next();
            assertEquals("460,510,710,760", rs.getString(1));
            assertEquals("1", rs.getString(2));
            assertEquals("simulate", rs.getString(3));
            assertEquals(4, rs.getInt(4));
        }
    }
}
