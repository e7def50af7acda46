package io.nirsweep.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nirsweep.model.Edge;
import io.nirsweep.model.Input;
import io.nirsweep.model.NdArray;
import io.nirsweep.model.NirGraph;
import io.nirsweep.model.NirNode;
import io.nirsweep.model.Output;
import io.nirsweep.model.Shape;
import io.nirsweep.model.Threshold;
import io.nirsweep.model.hdf5.NirReader;
import io.nirsweep.model.hdf5.NirWriter;
import io.nirsweep.model.hdf5.ReadLimits;
import io.nirsweep.sim.io.Npy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --max-depth} is capped at {@link ReadLimits#MAX_DEPTH}: every command that reads a graph works on a
 * file nested exactly that deep, on a thread with the default stack size, and a deeper request is one line
 * with exit 2 (issue 9: {@code --max-depth 10001} on a 10,000-level file overflowed the stack).
 */
class DepthCapTest {
    static final int CAP = ReadLimits.MAX_DEPTH;

    @TempDir
    static Path tmp;

    static Path deep;

    /** The root graph and CAP graphs nested in it ({@code sub/sub/...}); the innermost thresholds its input. */
    @BeforeAll
    static void writeDeepFile() {
        Map<String, NirNode> innermost = new LinkedHashMap<>();
        innermost.put("input", Input.of(1));
        innermost.put("spike", new Threshold(NdArray.vector(0.5), io.nirsweep.model.Metadata.EMPTY));
        innermost.put("output", Output.of(Shape.of(1)));
        NirGraph graph = NirGraph.of(innermost, List.of(new Edge("input", "spike"), new Edge("spike", "output")));
        for (int level = 0; level < CAP; level++) {
            Map<String, NirNode> nodes = new LinkedHashMap<>();
            nodes.put("input", Input.of(1));
            nodes.put("sub", graph);
            nodes.put("output", Output.of(Shape.of(1)));
            graph = NirGraph.of(nodes, List.of(new Edge("input", "sub"), new Edge("sub", "output")));
        }
        deep = tmp.resolve("deep.nir");
        NirWriter.write(graph, deep);
    }

    @Test
    @Timeout(120)
    void everyCommandWorksAtTheCap() throws Exception {
        String depth = Integer.toString(CAP);
        assertOk(onDefaultStack("inspect", "--max-depth", depth, deep.toString()));
        Cli json = onDefaultStack("inspect", "--json", "--max-depth", depth, deep.toString());
        assertOk(json);
        assertTrue(json.out().strip().startsWith("{"), json.out());
        assertOk(onDefaultStack("validate", "--max-depth", depth, deep.toString()));

        Path converted = tmp.resolve("converted.nir");
        assertOk(onDefaultStack("convert", "--max-depth", depth, deep.toString(), converted.toString()));
        NirGraph back = new NirReader(true, ReadLimits.DEFAULT.withMaxDepth(CAP)).readFile(converted).graph();
        int levels = 0;
        while (back.node("sub") instanceof NirGraph sub) {
            back = sub;
            levels++;
        }
        assertEquals(CAP, levels);

        Path input = tmp.resolve("x.npy");
        Npy.write(input, new int[] {4, 1}, new float[] {0, 1, 0, 1});
        Path out = tmp.resolve("spikes.npy");
        assertOk(onDefaultStack("simulate", "--max-depth", depth, "--model", deep.toString(), "--input",
                input.toString(), "--backend", "exact", "--out", out.toString()));
        assertTrue(Files.size(out) > 0);
    }

    @Test
    @Timeout(60)
    void aFileDeeperThanTheLimitIsOneLimitLine() throws Exception {
        Cli cli = onDefaultStack("validate", "--max-depth", Integer.toString(CAP - 1), deep.toString());
        assertEquals(Main.USER_ERROR, cli.exitCode(), cli.err());
        assertEquals(1, cli.err().lines().count(), cli.err());
        assertTrue(cli.err().contains("deeper than the limit of " + (CAP - 1)), cli.err());
    }

    @Test
    void aDepthOverTheCapIsOneLine() throws Exception {
        for (String depth : new String[] {Integer.toString(CAP + 1), "10001"}) {
            Cli cli = onDefaultStack("validate", "--max-depth", depth, deep.toString());
            assertEquals(Main.USER_ERROR, cli.exitCode(), cli.err());
            assertEquals(List.of("nirsweep: --max-depth " + depth + " is over the maximum of " + CAP
                    + " levels (every command walks nesting recursively)"), cli.err().lines().toList());
        }
    }

    private static void assertOk(Cli cli) {
        assertEquals(Main.OK, cli.exitCode(), cli.err());
        assertTrue(cli.errorLines().stream().noneMatch(l -> l.contains("Exception") || l.contains("Error")),
                cli.err());
    }

    /** Runs the command line on a fresh thread with the JVM's default stack size (as the launcher's main). */
    private static Cli onDefaultStack(String... args) throws InterruptedException {
        AtomicReference<Cli> result = new AtomicReference<>();
        AtomicReference<Throwable> crash = new AtomicReference<>();
        Thread t = new Thread(() -> result.set(Cli.run(args)), "default-stack");
        t.setUncaughtExceptionHandler((thread, e) -> crash.set(e));
        t.start();
        t.join();
        if (crash.get() != null) {
            throw new AssertionError(String.join(" ", args) + " crashed", crash.get());
        }
        return result.get();
    }
}
