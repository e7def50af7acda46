package io.nirsweep.model.hdf5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.nirsweep.model.Corpus;
import io.nirsweep.model.Edge;
import io.nirsweep.model.NirException;
import io.nirsweep.model.NirException.Kind;
import io.nirsweep.model.NirGraph;
import io.nirsweep.model.Shape;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every malformed file is refused with the right {@link NirException}: corpus {@code bad/} (one row per file
 * below, checked against the reference's expected views), and the hostile files of
 * {@code src/test/resources/hostile} (small files that claim gigabytes, 200 levels of nesting or a cycle of
 * HDF5 links; see its README.md), which must be refused quickly and before anything big is allocated.
 */
class BadFilesTest {

    /** What a refusal must say. {@code node} is a regex over the whole node path, null for a file-level one. */
    record Expect(Kind kind, String node, String parameter, String says) {
        static Expect of(Kind kind, String node, String parameter, String says) {
            return new Expect(kind, node == null ? null : Pattern.quote(node), parameter, says);
        }

        Expect nodePattern(String regex) {
            return new Expect(kind, regex, parameter, says);
        }

        /** How {@code got} differs from this expectation; empty when it matches. */
        List<String> mismatches(Outcome got) {
            List<String> out = new ArrayList<>();
            if (got.kind() != kind) {
                out.add("kind " + got.kind() + ", expected " + kind);
            }
            if (node == null ? got.node() != null : got.node() == null || !got.node().matches(node)) {
                out.add("node " + got.node() + ", expected " + (node == null ? "none (file-level)" : "/" + node + "/"));
            }
            if (parameter == null ? got.parameter() != null : !parameter.equals(got.parameter())) {
                out.add("parameter " + got.parameter() + ", expected " + parameter);
            }
            if (says != null && (got.problem() == null || !got.problem().contains(says))) {
                out.add("problem does not mention \"" + says + "\"");
            }
            // The one-line message names what the fields name, so a user sees it without --json.
            if (got.node() != null && !got.message().contains("'" + got.node() + "'")) {
                out.add("message does not name the node '" + got.node() + "'");
            }
            if (got.parameter() != null && !got.message().contains("'" + got.parameter() + "'")) {
                out.add("message does not name the parameter '" + got.parameter() + "'");
            }
            return out;
        }
    }

    /** The parts of a refusal (or, from a child JVM, of a crash: kind null, problem = the throwable). */
    record Outcome(Kind kind, String node, String parameter, String problem, String message) {
        static Outcome of(NirException e) {
            return new Outcome(e.kind(), e.node(), e.parameter(), e.problem(), e.getMessage());
        }

        @Override
        public String toString() {
            return message;
        }
    }

    // ---------------------------------------------------------------------------------------------------
    // corpus bad/

    /** One row per file of corpus {@code bad/}, type checking on. */
    static final Map<String, Expect> BAD = Map.ofEntries(
            Map.entry("affine_bias_mismatch.nir", Expect.of(Kind.VALUE, "affine", "bias", "[5]")),
            Map.entry("conv_bad_padding_string.nir", Expect.of(Kind.VALUE, "conv2d", "padding", "'full'")),
            Map.entry("cycle_without_input.nir", Expect.of(Kind.TYPE, null, null, "Input")),
            Map.entry("dangling_edge.nir", Expect.of(Kind.FORMAT, null, null, "'ghost'")),
            Map.entry("edges_numeric.nir", Expect.of(Kind.FORMAT, null, "edges", "pre-0.1")),
            Map.entry("edges_three_columns.nir", Expect.of(Kind.FORMAT, null, "edges", "[2, 3]")),
            Map.entry("empty_file.nir", Expect.of(Kind.IO, null, null, "empty")),
            Map.entry("extra_unknown_param.nir", Expect.of(Kind.FORMAT, "lif", "refractory_time", "LIF")),
            Map.entry("identity_node.nir", Expect.of(Kind.FORMAT, "id", null, "'Identity'")),
            Map.entry("legacy_v0_0_1_layout.nir", Expect.of(Kind.FORMAT, null, null, "pre-0.1")),
            Map.entry("lif_param_shape_mismatch.nir", Expect.of(Kind.VALUE, "lif", "r", "[4]")),
            // The file's Linear node is named "scale".
            Map.entry("linear_weight_1d.nir", Expect.of(Kind.VALUE, "scale", "weight", "2")),
            Map.entry("linear_weight_shape_mismatch.nir", Expect.of(Kind.TYPE, "linear", null, "[4]")),
            Map.entry("missing_node_group.nir", Expect.of(Kind.FORMAT, null, null, "/node")),
            Map.entry("missing_required_param.nir", Expect.of(Kind.FORMAT, "lif", "tau", "missing")),
            Map.entry("missing_type_node.nir", Expect.of(Kind.FORMAT, "lif", null, "'type'")),
            Map.entry("missing_type_root.nir", Expect.of(Kind.FORMAT, null, null, "'type'")),
            Map.entry("nested_dangling_edge.nir", Expect.of(Kind.FORMAT, "sub", null, "'lif'")),
            Map.entry("not_hdf5.nir", Expect.of(Kind.IO, null, null, "HDF5")),
            Map.entry("output_shape_mismatch.nir", Expect.of(Kind.TYPE, "output", null, "[4]")),
            Map.entry("truncated.nir", Expect.of(Kind.IO, null, null, "HDF5")),
            Map.entry("type_not_string.nir", Expect.of(Kind.FORMAT, "lif", null, "string")),
            Map.entry("unknown_node_type.nir", Expect.of(Kind.FORMAT, "lif", null, "'FooBarNeuron'")));

    /** Bad files that load with type checking off (the reference loads them too). */
    static final Set<String> LOAD_WITHOUT_TYPE_CHECK = Set.of(
            "cycle_without_input.nir", "linear_weight_shape_mismatch.nir", "output_shape_mismatch.nir");

    /** Bad files the reference loads with type checking off, but we refuse whatever the flag says. */
    static final Map<String, String> STRICTER_THAN_REFERENCE = Map.of(
            "dangling_edge.nir", "an edge naming no node is refused always (upstream PR #188)",
            "affine_bias_mismatch.nir", "a bias that does not match the weight is refused always");

    static Stream<String> badFiles() {
        return Corpus.files("bad").stream().map(f -> f.substring("bad/".length()));
    }

    @Test
    void everyBadFileHasExactlyOneRow() {
        assertEquals(new TreeSet<>(BAD.keySet()), badFiles().collect(Collectors.toCollection(TreeSet::new)),
                "BAD must have one row per file of corpus bad/");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void badFileIsRefusedWithTypeChecking(String name) {
        Path file = Corpus.file("bad/" + name);
        NirException e = assertThrows(NirException.class, () -> NirReader.read(file), name + " was read");
        assertRefusal(name, file, BAD.get(name), e);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void badFileWithoutTypeChecking(String name) {
        Path file = Corpus.file("bad/" + name);
        NirReader lenient = new NirReader(false, ReadLimits.DEFAULT);
        if (LOAD_WITHOUT_TYPE_CHECK.contains(name)) {
            NirFile read = lenient.readFile(file);
            assertSameGraph(Corpus.expected("bad/" + name).get("read_type_check_false").get("graph"), read.graph(),
                    name);
            return;
        }
        // Everything else is refused exactly as with type checking: the flag only skips shape inference.
        NirException off = assertThrows(NirException.class, () -> lenient.readFile(file), name + " was read");
        NirException on = assertThrows(NirException.class, () -> NirReader.read(file));
        assertEquals(on.kind(), off.kind(), name);
        assertEquals(on.getMessage(), off.getMessage(), name);
        assertRefusal(name, file, BAD.get(name), off);
    }

    /** We load without type checking exactly what the reference does, less the documented stricter cases. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void lenientReadAgreesWithTheReference(String name) {
        JsonNode reference = Corpus.expected("bad/" + name);
        boolean referenceLoads = reference.get("read_type_check_false").get("ok").asBoolean();
        boolean referenceLoadsChecked = reference.get("read_type_check_true").get("ok").asBoolean();
        boolean referenceShouldLoad =
                LOAD_WITHOUT_TYPE_CHECK.contains(name) || STRICTER_THAN_REFERENCE.containsKey(name);
        assertEquals(referenceLoads, referenceShouldLoad,
                name + ": reference read(type_check=False) ok=" + referenceLoads);
        if (referenceLoadsChecked) {
            assertTrue(STRICTER_THAN_REFERENCE.containsKey(name),
                    name + ": a bad file the reference reads with type checking must be a documented divergence");
        }
    }

    private static void assertRefusal(String name, Path file, Expect expect, NirException e) {
        assertNotNull(expect, "no row for " + name);
        String message = e.getMessage();
        assertFalse(message.contains("\n") || message.contains("\r"), name + ": message is not one line: " + message);
        assertTrue(message.startsWith(file + ": "), name + ": message does not start with the file path: " + message);
        assertEquals(file.toString(), e.file(), name + ": file()");
        assertNotNull(e.problem(), name + ": problem()");
        List<String> wrong = expect.mismatches(Outcome.of(e));
        assertTrue(wrong.isEmpty(), name + ": " + wrong + " in: " + message);
    }

    /** Node names and edges (in file order) as the reference read them; recursing into nested graphs. */
    private static void assertSameGraph(JsonNode expected, NirGraph graph, String where) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = expected.get("nodes").fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        assertEquals(new TreeSet<>(names), new TreeSet<>(graph.nodes().keySet()), where + ": node names");
        List<Edge> edges = new ArrayList<>();
        for (JsonNode edge : expected.get("edges")) {
            edges.add(new Edge(edge.get(0).asText(), edge.get(1).asText()));
        }
        assertEquals(edges, graph.edges(), where + ": edges");
        for (String name : names) {
            JsonNode child = expected.get("nodes").get(name);
            assertEquals(child.get("type").asText(), graph.node(name).typeName(), where + "/" + name + ": type");
            if (graph.node(name) instanceof NirGraph sub) {
                assertSameGraph(child, sub, where + "/" + name);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------
    // hostile files

    static final Path HOSTILE = Path.of("src/test/resources/hostile");

    /**
     * Bytes a refusal may allocate, far below every claim. Refusing deep_nesting.nir allocates about 17 MiB
     * (jhdf rebuilds each group's path string from the root, for 33 levels); the others less than 1 MiB.
     */
    static final long ALLOCATION_BUDGET = 64L << 20;

    /** Heap of the child JVM that must refuse every hostile file too (far below anything they claim). */
    static final String CHILD_HEAP = "-Xmx128m";

    /** One row per file of {@code hostile/}. */
    static final Map<String, Expect> HOSTILE_FILES = Map.ofEntries(
            Map.entry("huge_weight.nir", Expect.of(Kind.LIMIT, "linear", "weight", "array limit")),
            Map.entry("huge_chunk.nir", Expect.of(Kind.LIMIT, "linear", "weight", "chunk")),
            // Never-written datasets (all fill value) count with their declared size against the file limit.
            Map.entry("many_small_arrays.nir", Expect.of(Kind.LIMIT, "l5", "weight", "file limit")),
            // The refusal names the first graph beyond the limit: the 33rd nested 'sub'.
            Map.entry("deep_nesting.nir", Expect.of(Kind.LIMIT, null, null, "32").nodePattern("(sub/){32}sub")),
            // FORMAT, not LIMIT: no limit makes a graph that contains itself readable, and a LimitError tells
            // the user to raise a bound.
            Map.entry("group_cycle.nir", Expect.of(Kind.FORMAT, "loop", null, "cycle")),
            Map.entry("many_edges_claim.nir", Expect.of(Kind.LIMIT, null, "edges", "1000000")),
            // A fixed-length string counts with its declared length.
            Map.entry("huge_string_claim.nir", Expect.of(Kind.LIMIT, "lif", "metadata/note", "limit")),
            // A header claiming more than the file holds is damage, not a size to raise a limit for.
            Map.entry("huge_header_claim.nir", Expect.of(Kind.FORMAT, null, null, "beyond the end of the file")),
            // Overlapping B-tree leaves claim 1.2 million link records: refused at the first leaf, whose
            // records exceed the 4,000 the header counts, before any record is kept.
            Map.entry("dense_btree_overlap.nir", Expect.of(Kind.FORMAT, "lif", null, "more records than its header")),
            // Sharing is allowed (deep_nesting shares nodes); 2^30 paths through shared groups are not.
            Map.entry("metadata_dag.nir", Expect.of(Kind.LIMIT, "lif", null, "shared by hard links")));

    static Stream<String> hostileFiles() throws IOException {
        try (Stream<Path> s = Files.list(HOSTILE)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".nir")).sorted().toList().stream();
        }
    }

    @Test
    void everyHostileFileHasExactlyOneRowAndIsSmall() throws IOException {
        assertEquals(new TreeSet<>(HOSTILE_FILES.keySet()),
                hostileFiles().collect(Collectors.toCollection(TreeSet::new)));
        for (String name : HOSTILE_FILES.keySet()) {
            assertTrue(Files.size(HOSTILE.resolve(name)) < 100_000, name + " must stay under 100 KB");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileFiles")
    @Timeout(value = 10, threadMode = ThreadMode.SEPARATE_THREAD)
    void hostileFileIsRefusedBeforeAllocating(String name) {
        Path file = HOSTILE.resolve(name);
        NirException e = assertThrows(NirException.class, () -> allocatedBy(() -> NirReader.read(file)),
                name + " was read");
        assertRefusal(name, file, HOSTILE_FILES.get(name), e);
        // allocatedBy records its figure before the exception leaves it.
        assertTrue(lastAllocation.get() < ALLOCATION_BUDGET,
                name + ": refusing it allocated " + (lastAllocation.get() >> 20) + " MiB");
    }

    /** The same without type checking: every hostile file is refused while reading, before any type check. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileFiles")
    @Timeout(value = 10, threadMode = ThreadMode.SEPARATE_THREAD)
    void hostileFileIsRefusedWithoutTypeChecking(String name) {
        Path file = HOSTILE.resolve(name);
        NirException off = assertThrows(NirException.class,
                () -> new NirReader(false, ReadLimits.DEFAULT).readFile(file), name + " was read");
        assertRefusal(name, file, HOSTILE_FILES.get(name), off);
    }

    /**
     * Every hostile file, in a fresh JVM whose heap ({@value #CHILD_HEAP}) is far smaller than anything the
     * files claim: a reader that allocates what a file claims dies there with OutOfMemoryError instead.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileFiles")
    @Timeout(value = 60, threadMode = ThreadMode.SEPARATE_THREAD)
    void hostileFileIsRefusedInASmallHeap(String name) throws Exception {
        Path file = HOSTILE.resolve(name).toAbsolutePath();
        Outcome got = readInChildJvm(file);
        Expect expect = HOSTILE_FILES.get(name);
        List<String> wrong = got.kind() == null ? List.of("not refused: " + got.problem()) : expect.mismatches(got);
        assertTrue(wrong.isEmpty(), name + ": " + wrong + " in: " + got);
        assertTrue(got.message().startsWith(file + ": "), name + ": " + got);
    }

    @Test
    @Timeout(value = 10, threadMode = ThreadMode.SEPARATE_THREAD)
    void depthLimitIsConfigurable() {
        Path file = HOSTILE.resolve("deep_nesting.nir");
        // The file nests 199 graphs below its root; a limit of d refuses the (d+1)-th.
        for (int depth : new int[] {1, 5, 198}) {
            NirReader reader = new NirReader(true, ReadLimits.DEFAULT.withMaxDepth(depth));
            NirException e = assertThrows(NirException.class, () -> reader.readFile(file), "depth " + depth);
            assertEquals(Kind.LIMIT, e.kind(), e.getMessage());
            assertEquals(depth + 1, e.node().split("/").length, "depth " + depth + ": " + e.getMessage());
            assertTrue(e.problem().contains(Integer.toString(depth)), e.getMessage());
        }
    }

    /** With the limit raised to the file's 199 nested graphs, the file reads, and type inference runs through it. */
    @Test
    @Timeout(value = 20, threadMode = ThreadMode.SEPARATE_THREAD)
    void deepNestingReadsWithARaisedDepthLimit() {
        Path file = HOSTILE.resolve("deep_nesting.nir");
        NirGraph graph = new NirReader(true, ReadLimits.DEFAULT.withMaxDepth(199)).readFile(file).graph();
        int levels = 1;
        while (graph.node("sub") instanceof NirGraph sub) {
            assertEquals(Set.of("input", "sub", "output"), graph.nodes().keySet(), "level " + levels);
            assertEquals(List.of(new Edge("input", "sub"), new Edge("sub", "output")), graph.edges());
            graph = sub;
            levels++;
        }
        assertEquals(200, levels);
        assertEquals(Set.of("input", "output"), graph.nodes().keySet());
        assertEquals(Shape.of(2), graph.inputShape());
        assertEquals(Shape.of(2), graph.outputShape());
    }

    /** A file over 2 GiB (sparse: lif.nir then zeros) is refused in one line, before jhdf opens it. */
    @Test
    @Timeout(value = 10, threadMode = ThreadMode.SEPARATE_THREAD)
    void aFileOver2GiBIsRefused(@TempDir Path dir) throws IOException {
        Path big = Files.copy(Corpus.file("generated/lif.nir"), dir.resolve("big.nir"));
        try (RandomAccessFile raf = new RandomAccessFile(big.toFile(), "rw")) {
            raf.setLength(1L << 31);
        }
        NirException e = assertThrows(NirException.class, () -> NirReader.read(big));
        assertEquals(Kind.LIMIT, e.kind(), e.getMessage());
        assertTrue(e.problem().startsWith("files over 2 GiB are not read"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }

    /**
     * Only failures inside jhdf (and our HDF5 listing) mean "not a readable HDF5 file"; an exception from our
     * own code is a bug and must stay one (an internal error, exit 1), not become a refusal of the file.
     */
    @Test
    void ourOwnExceptionsAreNotBlamedOnTheFile() {
        NirReader reader = new NirReader(true, ReadLimits.DEFAULT);
        NullPointerException bug = assertThrows(NullPointerException.class, () -> reader.readFile((Path) null));
        assertFalse(String.valueOf(bug.getMessage()).contains("HDF5"), bug.toString());
    }

    /** Every caller of the reader (validate, sweep units, the planner) says the same of a folder. */
    @Test
    void aFolderIsNamedAsSuch(@TempDir Path dir) {
        NirException e = assertThrows(NirException.class, () -> NirReader.read(dir));
        assertEquals(Kind.IO, e.kind(), e.getMessage());
        assertEquals(dir + ": is a folder, not a NIR file", e.getMessage());
    }

    // ---------------------------------------------------------------------------------------------------
    // helpers

    private static final ThreadLocal<Long> lastAllocation = ThreadLocal.withInitial(() -> Long.MAX_VALUE);

    /** Runs {@code read}, recording in {@link #lastAllocation} how many bytes this thread allocated meanwhile. */
    private static long allocatedBy(Supplier<?> read) {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assertTrue(mx.isThreadAllocatedMemorySupported() && mx.isThreadAllocatedMemoryEnabled(),
                "this JVM cannot measure allocations");
        long before = mx.getCurrentThreadAllocatedBytes();
        try {
            read.get();
        } finally {
            lastAllocation.set(mx.getCurrentThreadAllocatedBytes() - before);
        }
        return lastAllocation.get();
    }

    /** Reads {@code file} in a child JVM ({@link ChildRead}) with a small heap; at most 50 s. */
    private static Outcome readInChildJvm(Path file) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(java.toString(), CHILD_HEAP, "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), ChildRead.class.getName(), file.toString())
                .redirectErrorStream(true);
        Path out = Files.createTempFile("BadFilesTest-child", ".txt");
        try {
            Process child = pb.redirectOutput(out.toFile()).start();
            child.getOutputStream().close();
            if (!child.waitFor(50, TimeUnit.SECONDS)) {
                child.destroyForcibly().waitFor();
                fail("the child JVM reading " + file + " did not finish in 50 s");
            }
            return parseChildOutput(Files.readString(out, StandardCharsets.UTF_8), child.exitValue());
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private static Outcome parseChildOutput(String text, int exit) {
        String result = text.lines().filter(l -> l.startsWith(ChildRead.MARK)).reduce((a, b) -> b).orElse(null);
        if (result == null) {
            // Killed, or died before printing (OutOfMemoryError thrown outside our catch, for example).
            return new Outcome(null, null, null, "exit " + exit + ": " + text.strip(), text.strip());
        }
        String[] f = result.substring(ChildRead.MARK.length()).split("\t", -1);
        if (!f[0].equals("refused")) {
            return new Outcome(null, null, null, f[1], f[1]);
        }
        return new Outcome(Kind.valueOf(f[1]), ChildRead.orNull(f[2]), ChildRead.orNull(f[3]), f[4], f[5]);
    }

    /** Entry point of the child JVM: reads one file and prints one tab-separated result line. */
    public static final class ChildRead {
        static final String MARK = "BadFilesTest.result\t";

        public static void main(String[] args) {
            String line;
            try {
                NirReader.read(Path.of(args[0]));
                line = "read\tthe file was read";
            } catch (NirException e) {
                line = String.join("\t", "refused", e.kind().name(), orEmpty(e.node()), orEmpty(e.parameter()),
                        clean(e.problem()), clean(e.getMessage()));
            } catch (Throwable t) { // OutOfMemoryError is the point here
                line = "crashed\t" + clean(t.toString());
            }
            System.out.println(MARK + line);
        }

        static String orEmpty(String s) {
            return s == null ? "" : s;
        }

        static String orNull(String s) {
            return s.isEmpty() ? null : s;
        }

        static String clean(String s) {
            return s.replace('\t', ' ').replace("\n", "\\n").replace("\r", "\\r");
        }
    }
}
