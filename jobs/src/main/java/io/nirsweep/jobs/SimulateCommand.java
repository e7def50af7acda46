package io.nirsweep.jobs;

import io.nirsweep.model.MessageText;
import io.nirsweep.model.NirGraph;
import io.nirsweep.model.Shape;
import io.nirsweep.operators.parquet.ParquetTables;
import io.nirsweep.operators.parquet.SpikeRow;
import io.nirsweep.operators.storage.ParquetFiles;
import io.nirsweep.operators.storage.Storage;
import io.nirsweep.sim.SimulationException;
import io.nirsweep.sim.backend.Backend;
import io.nirsweep.sim.backend.Backends;
import io.nirsweep.sim.backend.StepLength;
import io.nirsweep.sim.engine.InputEvents;
import io.nirsweep.sim.engine.Program;
import io.nirsweep.sim.engine.WarmUp;
import io.nirsweep.sim.io.ArrayFileException;
import io.nirsweep.sim.io.ArrayFiles;
import io.nirsweep.sim.io.NpyArray;
import io.nirsweep.sim.io.NpyFile;
import io.nirsweep.sim.io.TimeMajor;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code simulate}: runs a graph on an input array under one backend and writes the recorded nodes. Inputs are
 * time-major, {@code [T, B, *input_shape]} or {@code [T, *input_shape]} (one sample; a CSV is always one sample
 * with the input flattened). Outputs are float32 {@code [T, B, *shape]} (a CSV: one sample, flattened): spike
 * counts for spiking nodes, the value for the others; or, to {@code F.parquet}, the spikes table of docs/data-model.md.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Run a NIR graph on an input (.npy or .csv) under a backend's semantics.")
final class SimulateCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "M.nir", description = "The graph.")
    Path model;

    @Option(names = "--input", required = true, paramLabel = "X", description = ".npy [T, B, *shape] or [T, *shape]; .csv one sample.")
    Path input;

    @Option(names = "--backend", required = true, paramLabel = "B", description = "See `nirsweep backends`.")
    String backendName;

    @Option(names = "--dt", paramLabel = "SECONDS", description = "Step length in seconds, or 'native': the dt the"
            + " backend's importer uses when given none (default: ${DEFAULT-VALUE}).")
    String dt = "1e-4";

    @Option(names = "--steps", paramLabel = "T", description = "Steps to run (default: the input's T; zero input after it).")
    Integer steps;

    @Option(names = "--record", paramLabel = "NODE", description = "A node to record (repeatable; default: the graph's outputs).")
    List<String> record = new ArrayList<>();

    @Option(names = "--record-state", description = "Also record the membranes of recorded neurons (needs --out DIR/).")
    boolean recordState;

    @Option(names = "--out", required = true, paramLabel = "PATH", description = "F.npy or F.csv for one node; DIR/ for one .npy per node.")
    String out;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: the machine's cores).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Mixin
    ReadOptions read;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Backend backend = BackendArgs.backend(backendName);
        if (threads < 1) {
            throw new Main.UserError("--threads must be at least 1");
        }
        NirGraph graph = read.read(model, err).graph();
        StepLength asked = BackendArgs.dt(dt);
        Program program = BackendArgs.compile(model, graph, backend, asked);
        if (asked.isNative()) {
            err.println(model + ": the " + Backends.shortName(backend) + " backend runs at its own dt = "
                    + StepLength.seconds(program.dt()) + " s (see `nirsweep explain --dt native`)");
        } else if (program.dt() != asked.seconds()) {
            err.println("warning: " + model + ": the " + Backends.shortName(backend) + " backend runs at dt = "
                    + StepLength.seconds(program.dt()) + " s, not --dt " + asked
                    + " s (its importer fixes the step; see `nirsweep explain`)");
        }
        if (program.inputs().size() != 1) {
            throw new Main.UserError(model + ": the graph has " + program.inputs().size() + " Input nodes "
                    + program.inputs() + "; simulate feeds exactly one");
        }
        String inputNode = program.inputs().get(0);
        InputFile in = openInput();
        Shape inShape = program.shape(inputNode);
        int[] tb = timeAndBatch(in.shape(), inShape);
        int available = tb[0];
        int batch = tb[1];
        if (steps != null && steps < 1) {
            throw new Main.UserError("--steps must be at least 1");
        }
        int t = steps == null ? available : steps;
        if (t < 1) {
            throw new Main.UserError(input + ": the input has no time steps (shape " + Arrays.toString(in.shape())
                    + "); give at least one step, or --steps to run on silence");
        }
        List<String> nodes = record.isEmpty() ? program.outputs() : record;
        long recorded = 0;
        for (String node : nodes) {
            recorded += program.hasNode(node) ? (long) t * batch * program.size(node) : 0;
        }
        if ((long) t * batch * program.size(inputNode) > ArrayFiles.DEFAULT_MAX_ELEMENTS
                || recorded > ArrayFiles.DEFAULT_MAX_ELEMENTS) {
            throw new Main.UserError("--steps " + t + " x " + batch + " samples would hold more than "
                    + ArrayFiles.DEFAULT_MAX_ELEMENTS + " values; run fewer steps or record fewer nodes");
        }
        for (String node : nodes) {
            if (!program.hasNode(node)) {
                throw new Main.UserError(model + ": --record: no node " + MessageText.quote(node) + " (nodes: "
                        + program.nodeListing() + ")");
            }
        }
        Output target = Output.parse(out, nodes.size(), recordState);
        List<String> membranes = recordState ? nodes.stream().filter(program::hasMembrane).toList() : List.of();
        int size = program.size(inputNode);
        InputValues values;
        double warmedMillis;
        long warmedSteps;
        try (WarmUp warmUp = WarmUp.start(program, in.npy() != null)) {
            values = in.read(Math.min(t, available), t, batch, size);
            warmUp.close();
            warmedMillis = warmUp.millis();
            warmedSteps = warmUp.steps();
        }
        long start = System.nanoTime();
        Map<String, float[]> result = runWithContext(program, values, t, batch, nodes, membranes);
        long elapsed = System.nanoTime() - start;
        if (target.parquet()) {
            target.writeSpikes(program, result, t, batch, Backends.shortName(backend) + "/dt=" + program.dt());
        } else {
            target.write(program, result, t, batch);
        }
        long spikes = 0;
        for (String node : nodes) {
            if (program.isSpiking(node)) {
                for (float s : result.get(node)) {
                    spikes += (long) s;
                }
            }
        }
        double ms = elapsed / 1e6;
        err.printf("simulated %d steps x %d samples in %.1f ms (%.3f ms/step), %d output spikes; the engine warmed up"
                + " on %d synthetic steps in %.0f ms while the input was read%n", t, batch, ms, ms / t, spikes,
                warmedSteps, warmedMillis);
        return Main.OK;
    }

    private Map<String, float[]> runWithContext(Program program, InputValues values, int t, int batch,
            List<String> nodes, List<String> membranes) {
        try {
            return values.events() != null
                    ? program.simulateEvents(List.of(values.events()), nodes, membranes, threads)
                    : program.simulate(List.of(values.dense()), t, batch, nodes, membranes, threads);
        } catch (SimulationException e) {
            throw new Main.UserError(model + " on " + input + ": " + e.getMessage());
        }
    }

    /**
     * The input file with its shape known and its data not yet read: a C-order {@code .npy} is read later chunk by
     * chunk, a CSV or Fortran-order file at once.
     */
    private InputFile openInput() {
        try {
            if (input.getFileName() != null && input.getFileName().toString().toLowerCase(java.util.Locale.ROOT)
                    .endsWith(".npy")) {
                NpyFile npy = NpyFile.open(input);
                // a file beyond the readers' element limit goes to the whole-file reader, which refuses it
                if (!npy.fortranOrder() && npy.elements() <= ArrayFiles.DEFAULT_MAX_ELEMENTS) {
                    return new InputFile(input, npy.shape(), npy, null);
                }
            }
            NpyArray dense = ArrayFiles.read(input);
            return new InputFile(input, Arrays.stream(dense.shape()).asLongStream().toArray(), null, dense);
        } catch (ArrayFileException e) {
            throw new Main.UserError(e.getMessage());
        }
    }

    /** The input's values for the run: its non-zero elements, or (a dense file, or not a C-order .npy) all of them. */
    record InputValues(InputEvents events, float[] dense) {}

    /**
     * An input file whose header is read. A C-order {@code .npy} is read a chunk at a time straight into its
     * non-zero elements ({@link InputEvents}): no dense copy of a large spike array is ever made. A file that turns
     * out more than a quarter non-zero (analog values) is read again densely: its events would take half the dense
     * array's memory or more (a position and a value each) and spare the engine little work.
     */
    record InputFile(Path path, long[] shape, NpyFile npy, NpyArray dense) {
        /** Elements read per chunk (4 MiB of float32). */
        static final int CHUNK = 1 << 20;

        /** The first {@code read} steps of the file, as {@code steps} steps (silence after the file's last). */
        InputValues read(int read, int steps, int batch, int size) {
            long perStep = (long) batch * size;
            if (npy != null) {
                InputEvents.Builder events = new InputEvents.Builder(steps, batch, size);
                long total = read * perStep;
                float[] chunk = new float[(int) Math.min(CHUNK, Math.max(1, total))];
                try {
                    for (long first = 0; first < total; first += chunk.length) {
                        int n = (int) Math.min(chunk.length, total - first);
                        npy.read(first, n, chunk);
                        events.append(chunk, 0, n);
                        if (events.nonZero() > events.appended() / 4) {
                            return new InputValues(null, padded(ArrayFiles.read(path).values(), steps, perStep));
                        }
                    }
                } catch (ArrayFileException e) {
                    throw new Main.UserError(e.getMessage());
                }
                return new InputValues(events.build(), null);
            }
            return new InputValues(null, padded(dense.values(), steps, perStep));
        }
    }

    /** [T, B] of an input array, by docs/cli.md's time-major convention ({@link TimeMajor#forInput}). */
    private int[] timeAndBatch(long[] s, Shape in) {
        TimeMajor layout = TimeMajor.forInput(s, in.dims());
        if (layout == null) {
            throw new Main.UserError(input + ": shape " + Arrays.toString(s) + " does not fit the model input " + in
                    + " (expected [T, B, " + joined(in) + "] or [T, " + joined(in) + "])");
        }
        return new int[] {(int) layout.steps(), (int) layout.samples()};
    }

    private static String joined(Shape s) {
        return Arrays.stream(s.dims()).mapToObj(Integer::toString).collect(Collectors.joining(", "));
    }

    /** The input for {@code t} steps: cut, or extended with silence after its last step. */
    private static float[] padded(float[] values, int t, long perStep) {
        long length = t * perStep;
        return values.length == length ? values : Arrays.copyOf(values, Math.toIntExact(length));
    }

    /**
     * Where the recordings go: one .npy/.csv file for one node, a folder with a file per node (and membrane), or
     * a .parquet file holding the spikes table of docs/data-model.md for this run.
     */
    record Output(Path path, boolean folder, boolean csv, boolean parquet) {
        static Output parse(String out, int nodes, boolean recordState) {
            boolean folder = out.endsWith("/") || Files.isDirectory(Path.of(out));
            Path path = Path.of(out);
            if (folder) {
                return new Output(path, true, false, false);
            }
            String lower = out.toLowerCase(java.util.Locale.ROOT);
            if (lower.endsWith(".parquet")) {
                if (recordState) {
                    throw new Main.UserError("--out " + out + ": the spikes table has no membranes; use --out DIR/");
                }
                return new Output(path, false, false, true);
            }
            if (!lower.endsWith(".npy") && !lower.endsWith(".csv")) {
                throw new Main.UserError("--out " + out + ": expected F.npy, F.csv, F.parquet or a folder DIR/");
            }
            if (nodes != 1 || recordState) {
                throw new Main.UserError("--out " + out + ": " + (recordState ? "--record-state" : nodes + " nodes")
                        + " need a folder, e.g. --out results/");
            }
            return new Output(path, false, lower.endsWith(".csv"), false);
        }

        /** One spike row per (sample, node, neuron, step) with a non-zero count; sweep_id "simulate". */
        void writeSpikes(Program p, Map<String, float[]> result, int t, int batch, String cellId) {
            List<SpikeRow> rows = new ArrayList<>();
            for (Map.Entry<String, float[]> e : result.entrySet()) {
                String node = e.getKey();
                if (!p.isSpiking(node)) {
                    throw new Main.UserError("--out " + path + ": the spikes table takes spiking nodes; '" + node
                            + "' outputs values (record it to .npy or a folder)");
                }
                int n = p.size(node);
                float[] v = e.getValue();
                for (int step = 0; step < t; step++) {
                    for (int b = 0; b < batch; b++) {
                        for (int k = 0; k < n; k++) {
                            int count = (int) v[(step * batch + b) * n + k];
                            if (count > 0) {
                                rows.add(new SpikeRow("simulate", cellId, b, node, k, step, count));
                            }
                        }
                    }
                }
            }
            try {
                ParquetTables.writeSpikes(ParquetFiles.target(Storage.file(path.toString())), rows);
            } catch (IOException ex) {
                throw new Main.UserError("--out " + path + ": " + ex.getMessage());
            }
        }

        void write(Program p, Map<String, float[]> result, int t, int batch) {
            try {
                if (folder) {
                    Files.createDirectories(path);
                }
                for (Map.Entry<String, float[]> e : result.entrySet()) {
                    boolean membrane = e.getKey().endsWith("#v");
                    String node = membrane ? e.getKey().substring(0, e.getKey().length() - 2) : e.getKey();
                    Path file = folder ? path.resolve(node + (membrane ? ".v" : "") + ".npy") : path;
                    if (file.getParent() != null) {
                        Files.createDirectories(file.getParent());
                    }
                    if (csv) {
                        if (batch != 1) {
                            throw new Main.UserError("--out " + path + ": a CSV holds one sample, the input has " + batch);
                        }
                        ArrayFiles.write(file, node, NpyArray.ofFloat32(new int[] {t, (int) p.shape(node).elementCount()},
                                e.getValue()));
                    } else {
                        ArrayFiles.write(file, node, NpyArray.ofFloat32(shape(t, batch, p.shape(node)), e.getValue()));
                    }
                }
            } catch (IOException ex) {
                throw new Main.UserError("--out " + path + ": " + ex.getMessage());
            } catch (ArrayFileException ex) {
                throw new Main.UserError(ex.getMessage());
            }
        }

        /** [T, B, *shape], as docs/cli.md fixes for every output array. */
        private static int[] shape(int t, int batch, Shape node) {
            int[] d = node.dims();
            int[] s = new int[d.length + 2];
            s[0] = t;
            s[1] = batch;
            System.arraycopy(d, 0, s, 2, d.length);
            return s;
        }
    }
}
