package io.nirsweep.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nirsweep.model.CubaLIF;
import io.nirsweep.model.DType;
import io.nirsweep.model.Input;
import io.nirsweep.model.LIF;
import io.nirsweep.model.Linear;
import io.nirsweep.model.Metadata;
import io.nirsweep.model.NdArray;
import io.nirsweep.model.NirGraph;
import io.nirsweep.model.NirNode;
import io.nirsweep.model.Output;
import io.nirsweep.model.Shape;
import io.nirsweep.model.Threshold;
import io.nirsweep.model.hdf5.NirWriter;
import io.nirsweep.sim.io.Npy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code validate} (and {@code simulate} without the type check) as docs/cli.md fixes it: exit 0, or 2 with one line
 * per bad file on stderr, {@code nirsweep: }
 * first, naming the file, the node and the parameter; a stack trace only with {@code --debug}.
 */
class ValidateCommandTest {
    @TempDir
    Path tmp;

    private static NdArray v(double value) {
        return NdArray.vector(value);
    }

    private static LIF lifWith(double tau, double threshold) {
        return new LIF(v(tau), v(1), v(0), v(threshold), v(0), Metadata.EMPTY);
    }

    /** Input [1] → {@code name} → Output [1], written by our writer. */
    private Path file(String fileName, String name, NirNode node) {
        Path file = tmp.resolve(fileName);
        NirWriter.write(NirGraph.builder().node("input", Input.of(1)).node(name, node)
                .node("output", Output.of(Shape.of(1))).chain("input", name, "output").build(), file);
        return file;
    }

    /** Exit 2 and exactly one line on stderr, naming the file, the node and the parameter. */
    private static void assertRefused(Cli cli, Path file, String node, String parameter) {
        assertEquals(2, cli.exitCode(), cli.err());
        List<String> lines = cli.err().lines().toList();
        assertEquals(1, lines.size(), cli.err());
        String line = lines.get(0);
        assertTrue(line.startsWith("nirsweep: " + file + ": node '" + node + "', parameter '" + parameter + "': "),
                line);
        assertFalse(line.contains("Exception") || line.contains("\tat "), line);
    }

    @ParameterizedTest(name = "tau = {0}")
    @ValueSource(doubles = {0, -1, Double.NaN, Double.POSITIVE_INFINITY})
    void impossibleTimeConstantsAreRefused(double tau) {
        Path lif = file("lif.nir", "lif", lifWith(tau, 1));
        assertRefused(Cli.run("validate", lif.toString()), lif, "lif", "tau");
        Path cubaMem = file("mem.nir", "cuba", new CubaLIF(v(0.005), v(tau), v(1), v(0), v(1), v(0), v(1),
                Metadata.EMPTY));
        assertRefused(Cli.run("validate", cubaMem.toString()), cubaMem, "cuba", "tau_mem");
        Path cubaSyn = file("syn.nir", "cuba", new CubaLIF(v(tau), v(0.01), v(1), v(0), v(1), v(0), v(1),
                Metadata.EMPTY));
        assertRefused(Cli.run("validate", cubaSyn.toString()), cubaSyn, "cuba", "tau_syn");
    }

    @ParameterizedTest(name = "threshold = {0}")
    @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void nonFiniteThresholdsAreRefused(double threshold) {
        Path lif = file("lif.nir", "lif", lifWith(0.01, threshold));
        assertRefused(Cli.run("validate", lif.toString()), lif, "lif", "v_threshold");
        Path th = file("th.nir", "th", new Threshold(v(threshold), Metadata.EMPTY));
        assertRefused(Cli.run("validate", th.toString()), th, "th", "threshold");
    }

    @Test
    void nanWeightIsRefusedInsideANestedGraph() {
        NdArray weight = NdArray.ofDoubles(DType.FLOAT32, new int[] {2, 1}, new double[] {0.5, Double.NaN});
        NirGraph block = NirGraph.builder().node("input", Input.of(1)).node("w", new Linear(weight, Metadata.EMPTY))
                .node("output", Output.of(Shape.of(2))).chain("input", "w", "output").build();
        Path file = tmp.resolve("nested.nir");
        NirWriter.write(NirGraph.builder().node("input", Input.of(1)).node("block", block)
                .node("output", Output.of(Shape.of(2))).chain("input", "block", "output").build(), file);
        Cli cli = Cli.run("validate", file.toString());
        assertRefused(cli, file, "block/w", "weight");
        assertTrue(cli.err().contains("must be finite, has NaN at index 1"), cli.err());
    }

    @Test
    void withoutTypeCheckValuesAreReadAsStoredButNotSimulated() throws Exception {
        // As the reference reads them (a real Spyx file stores negative τ); the type check is what refuses them.
        Path lif = file("lif.nir", "lif", lifWith(-1, 1));
        Cli cli = Cli.run("validate", "--no-type-check", lif.toString());
        assertEquals(0, cli.exitCode(), cli.err());
        // Compiling refuses them all the same: NaN membranes are no result.
        Path input = tmp.resolve("x.npy");
        Npy.write(input, new int[] {1, 1}, new float[] {1});
        Cli simulate = Cli.run("simulate", "--no-type-check", "--model", lif.toString(), "--input", input.toString(),
                "--backend", "exact", "--out", tmp.resolve("out.npy").toString());
        assertRefused(simulate, lif, "lif", "tau");
    }

    @Test
    void nodeNameWithNewlineAndBellIsEscapedOnOneLine() {
        String name = "evil\nnirsweep: forged line\u0007";
        Path file = file("newline.nir", name, lifWith(0, 1));
        Cli cli = Cli.run("validate", file.toString());
        assertRefused(cli, file, "evil\\nnirsweep: forged line\\u0007", "tau");
        // The same name in a type error (an edge's text) and in inspect's text view: one line each.
        Path mismatch = tmp.resolve("mismatch.nir");
        NirWriter.write(NirGraph.builder().node("input", Input.of(2)).node(name, lifWith(0.01, 1))
                .node("output", Output.of(Shape.of(1))).chain("input", name, "output").build(), mismatch);
        Cli typeError = Cli.run("validate", mismatch.toString());
        assertEquals(2, typeError.exitCode());
        assertEquals(1, typeError.err().lines().count(), typeError.err());
        assertTrue(typeError.err().contains("'evil\\nnirsweep: forged line\\u0007'"), typeError.err());
        Path ok = file("ok.nir", name, lifWith(0.01, 1));
        Cli inspect = Cli.run("inspect", ok.toString());
        assertEquals(0, inspect.exitCode(), inspect.err());
        assertTrue(inspect.out().lines().anyMatch(l -> l.startsWith("  evil\\nnirsweep: forged line\\u0007  LIF")),
                inspect.out());
        assertFalse(inspect.out().lines().anyMatch(l -> l.startsWith("nirsweep: forged")), inspect.out());
    }

    @Test
    void everyBadFileGetsItsOwnLineAndTheGoodOnesStillPass() throws Exception {
        Path good = file("good.nir", "lif", lifWith(0.01, 1));
        Path folder = Files.createDirectory(tmp.resolve("models"));
        Path missing = tmp.resolve("missing.nir");
        Cli cli = Cli.run("validate", good.toString(), folder.toString(), missing.toString());
        assertEquals(2, cli.exitCode());
        assertEquals(List.of(good + ": ok (3 nodes, 2 edges)"), cli.out().lines().toList());
        assertEquals(List.of("nirsweep: " + folder + ": is a folder, not a NIR file",
                "nirsweep: " + missing + ": no such file"), cli.err().lines().toList());
    }

    @Test
    void debugPrintsTheStackTraceWhereverItIsGiven() {
        Path lif = file("lif.nir", "lif", lifWith(0, 1));
        for (List<String> args : List.of(List.of("--debug", "validate", lif.toString()),
                List.of("validate", "--debug", lif.toString()))) {
            Cli cli = Cli.run(args.toArray(String[]::new));
            assertEquals(2, cli.exitCode(), cli.err());
            assertTrue(cli.err().contains("\tat io.nirsweep."), cli.err());
            assertTrue(cli.err().lines().anyMatch(l -> l.startsWith("nirsweep: " + lif + ": node 'lif'")), cli.err());
        }
    }
}
