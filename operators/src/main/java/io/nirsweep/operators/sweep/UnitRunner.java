package io.nirsweep.operators.sweep;

import io.nirsweep.hardware.target.Chips;
import io.nirsweep.hardware.target.MappingReport;
import io.nirsweep.model.NirGraph;
import io.nirsweep.model.hdf5.NirReader;
import io.nirsweep.model.transform.Rescale;
import io.nirsweep.operators.inputs.InputSet;
import io.nirsweep.operators.inputs.InputSets;
import io.nirsweep.operators.parquet.CellRow;
import io.nirsweep.operators.parquet.MappingRow;
import io.nirsweep.operators.parquet.SpikeRow;
import io.nirsweep.operators.parquet.TraceRow;
import io.nirsweep.operators.storage.Storage;
import io.nirsweep.sim.backend.Backend;
import io.nirsweep.sim.backend.Backends;
import io.nirsweep.sim.engine.GraphCompiler;
import io.nirsweep.sim.engine.Program;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Simulates one work unit as one batch and turns the recordings into table rows. Each runner opens a graph or
 * an input set once and keeps it (keyed by file and digest) for the units that follow, and keeps the programs it
 * compiled, the most recently used ones ({@link CompiledPrograms}): a worker makes one runner
 * ({@link SimulateUnitsFn} in its {@code @Setup}) and lets it go with the worker. A unit that cannot run
 * — a model that does not read, a backend that refuses it, an impossible parameter — becomes one {@code failed}
 * cell row per sample with the reason, so the sweep goes on. A cell whose backend is a chip target also gets its
 * row of the mapping table (whether and how the model fits), from its first unit, whether it runs or not.
 */
public final class UnitRunner {
    // Concurrent so that one runner may serve several threads (the plain loop of the sweep-overhead benchmark).
    private final Map<String, NirGraph> graphs = new ConcurrentHashMap<>();
    private final Map<String, InputSet> inputs = new ConcurrentHashMap<>();
    private final CompiledPrograms programs;

    /** A runner whose compiled programs are kept within {@link CompiledPrograms#DEFAULT_BUDGET_BYTES}. */
    public UnitRunner() {
        this(CompiledPrograms.DEFAULT_BUDGET_BYTES);
    }

    /** A runner that keeps compiled programs within {@code programBudgetBytes} ({@link CompiledPrograms}). */
    UnitRunner(long programBudgetBytes) {
        this.programs = new CompiledPrograms(programBudgetBytes);
    }

    /**
     * The rows of one unit.
     *
     * @param mapping the cell's row of the mapping table, in the cell's first unit when its backend is a chip
     *     target and the model could be mapped; otherwise empty
     */
    public record Result(List<SpikeRow> spikes, List<TraceRow> traces, List<CellRow> cells,
            List<MappingRow> mapping) {
        public Result {
            mapping = List.copyOf(mapping);
        }

        /** A unit with no mapping row. */
        public Result(List<SpikeRow> spikes, List<TraceRow> traces, List<CellRow> cells) {
            this(spikes, traces, cells, List.of());
        }

        Result with(List<MappingRow> rows) {
            return new Result(spikes, traces, cells, rows);
        }
    }

    /** The version id the backend of that name reproduces ({@code cells.backend_version}), or "unknown". */
    static String backendVersion(String name) {
        Backend b = Backends.byName(name);
        return b == null ? "unknown" : b.version().id();
    }

    public Result run(WorkUnit unit) {
        Cell c = unit.cell();
        long start = System.nanoTime();
        List<MappingRow> mapping = mapping(unit);
        InputSet input;
        try {
            input = input(c);
        } catch (RuntimeException e) {
            return failed(unit, null, oneLine(e), start).with(mapping);
        }
        try {
            return simulate(unit, input, start).with(mapping);
        } catch (RuntimeException e) {
            // a model that does not fit its chip lands here: ChipRules.apply refuses it with the broken limits
            return failed(unit, input, oneLine(e), start).with(mapping);
        }
    }

    /**
     * The cell's mapping row, written by its first unit only (so once per cell, and again identically by a retry):
     * the report of {@link Chips#map} on the model at the cell's parameter point. Empty for a backend that is not a
     * chip, and when the model cannot be mapped at all (it does not read, the target refuses the weight width, a
     * parameter is impossible): the cell's rows then fail with that reason.
     */
    private List<MappingRow> mapping(WorkUnit unit) {
        Cell c = unit.cell();
        if (unit.from() != 0) {
            return List.of();
        }
        try {
            Backend backend = Backends.require(c.backend());
            if (!Chips.isChip(backend)) {
                return List.of();
            }
            backend.requireWeightBits(c.weightBits()); // before the model is read, as in simulate
            MappingReport report = Chips.map(Rescale.apply(graph(c), c.tauScale(), c.thresholdScale()), backend,
                    c.dt(), c.weightBits());
            return List.of(Mappings.row(c, report));
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    /** The cell's model, read once per worker wherever it is kept (a path, a {@code file:} URI, any scheme). */
    private NirGraph graph(Cell c) {
        return graphs.computeIfAbsent(c.modelPath() + "#" + c.modelSha256(),
                k -> NirReader.read(Storage.readable(Storage.file(c.modelPath()))).graph());
    }

    private Result simulate(WorkUnit unit, InputSet input, long start) {
        Cell c = unit.cell();
        Backend backend = Backends.require(c.backend());
        backend.requireWeightBits(c.weightBits()); // before the model is read: the cheapest refusal first
        Recording rec = record(unit, backend, input, null);
        Program program = rec.program();
        Map<String, float[]> out = rec.values();
        List<String> record = rec.nodes();
        int steps = rec.steps();
        int batch = unit.size();
        double wallMs = (System.nanoTime() - start) / 1e6 / batch;
        List<SpikeRow> spikes = new ArrayList<>();
        List<TraceRow> traces = new ArrayList<>();
        for (String node : record) {
            float[] v = out.get(node);
            int n = program.size(node);
            boolean spiking = program.isSpiking(node);
            for (int t = 0; t < steps; t++) {
                for (int b = 0; b < batch; b++) {
                    int base = (t * batch + b) * n;
                    for (int k = 0; k < n; k++) {
                        float value = v[base + k];
                        if (spiking && value != 0) {
                            spikes.add(new SpikeRow(c.sweepId(), c.cellId(), unit.from() + b, node, k, t, (int) value));
                        } else if (!spiking && c.traces()) {
                            traces.add(new TraceRow(c.sweepId(), c.cellId(), unit.from() + b, node, k, t, value));
                        }
                    }
                }
            }
        }
        List<CellRow> cells = new ArrayList<>();
        String output = program.outputs().isEmpty() ? null : program.outputs().get(0);
        for (int b = 0; b < batch; b++) {
            int[] counts = new int[0];
            Integer predicted = null;
            if (output != null) {
                float[] v = out.containsKey(output) ? out.get(output) : null;
                if (v != null) {
                    int n = program.size(output);
                    double[] sums = new double[n];
                    for (int t = 0; t < steps; t++) {
                        for (int k = 0; k < n; k++) {
                            sums[k] += v[(t * batch + b) * n + k];
                        }
                    }
                    if (program.isSpiking(output)) {
                        counts = new int[n];
                        for (int k = 0; k < n; k++) {
                            counts[k] = (int) sums[k];
                        }
                    }
                    predicted = argmax(sums);
                }
            }
            cells.add(new CellRow(c.sweepId(), c.cellId(), unit.from() + b, c.modelName(), c.modelSha256(),
                    c.backend(), backendVersion(c.backend()), c.paramsJson(), program.dt(), c.inputName(),
                    input.label(unit.from() + b), steps, counts, predicted,
                    "ok", null, wallMs, c.engineVersion()));
        }
        return new Result(spikes, traces, cells);
    }

    /**
     * What one unit's samples did under a backend: the compiled program, the steps run, the nodes recorded and their
     * values ({@link Program#simulate}: time-major, {@code [t][sample][neuron]}).
     */
    public record Recording(Program program, int steps, List<String> nodes, Map<String, float[]> values) {}

    /**
     * Runs a unit's samples under {@code backend} — the cell's own, or another built for an experiment (the
     * equivalence report's walk from one backend to another) — recording {@code nodes}, or the cell's recorded
     * nodes when null.
     *
     * @param input the cell's input set, opened
     * @throws RuntimeException saying why the model, backend or input cannot run (one line)
     */
    public Recording record(WorkUnit unit, Backend backend, InputSet input, List<String> nodes) {
        return recordPicked(unit, backend, input, p -> nodes != null ? nodes
                : unit.cell().record().isEmpty() ? p.outputs() : unit.cell().record());
    }

    /**
     * The same, recording the nodes {@code nodes} picks from the compiled program (say, every spiking node), so a
     * caller that needs the program to choose them compiles once.
     */
    public Recording recordPicked(WorkUnit unit, Backend backend, InputSet input,
            java.util.function.Function<Program, List<String>> nodes) {
        Cell c = unit.cell();
        NirGraph graph = graph(c);
        Program program = programs.get(CompiledPrograms.Key.of(c, backend), () -> CompiledPrograms.bytesOf(graph),
                () -> GraphCompiler.compile(Rescale.apply(graph, c.tauScale(), c.thresholdScale()), backend, c.dt(),
                        c.weightBits()));
        if (program.inputs().size() != 1) {
            throw new IllegalArgumentException("the model has " + program.inputs().size()
                    + " Input nodes; a sweep feeds exactly one");
        }
        String inputNode = program.inputs().get(0);
        int size = program.size(inputNode);
        int perStep = 1;
        for (int d : input.sampleShape()) {
            perStep *= d;
        }
        if (perStep != size) {
            throw new IllegalArgumentException("input set '" + c.inputName() + "' has samples of shape "
                    + java.util.Arrays.toString(input.sampleShape()) + " per step; the model input '" + inputNode
                    + "' takes " + program.shape(inputNode));
        }
        int steps = c.steps() != null ? c.steps() : input.steps();
        int batch = unit.size();
        float[] x = new float[Math.multiplyExact(Math.multiplyExact(steps, batch), size)];
        for (int b = 0; b < batch; b++) {
            float[] sample = input.sample(unit.from() + b);
            int available = Math.min(steps, sample.length / size);
            for (int t = 0; t < available; t++) {
                System.arraycopy(sample, t * size, x, (t * batch + b) * size, size);
            }
        }
        List<String> record = nodes.apply(program);
        for (String node : record) {
            if (!program.hasNode(node)) {
                throw new IllegalArgumentException("record: the model has no node '" + node + "'");
            }
        }
        return new Recording(program, steps, record, program.simulate(List.of(x), steps, batch, record, List.of(), 1));
    }

    /** This runner's compiled programs, for tests. */
    CompiledPrograms programs() {
        return programs;
    }

    /** The cell's input set, opened once per runner. */
    public InputSet input(Cell c) {
        return inputs.computeIfAbsent(c.input().toString(), k -> InputSets.open(c.input()));
    }

    /** Lowest index of the largest value, or null for none. */
    static Integer argmax(double[] values) {
        if (values.length == 0) {
            return null;
        }
        int best = 0;
        for (int k = 1; k < values.length; k++) {
            if (values[k] > values[best]) {
                best = k;
            }
        }
        return best;
    }

    private static Result failed(WorkUnit unit, InputSet input, String reason, long start) {
        Cell c = unit.cell();
        double wallMs = (System.nanoTime() - start) / 1e6 / unit.size();
        List<CellRow> cells = new ArrayList<>();
        for (int s = unit.from(); s < unit.to(); s++) {
            Integer label = null;
            if (input != null) {
                try {
                    label = input.label(s);
                } catch (RuntimeException e) {
                    label = null; // the reason already says what is wrong with the input
                }
            }
            cells.add(new CellRow(c.sweepId(), c.cellId(), s, c.modelName(), c.modelSha256(), c.backend(),
                    backendVersion(c.backend()), c.paramsJson(), null, c.inputName(), label,
                    c.steps() == null ? 0 : c.steps(), new int[0], null,
                    "failed", reason, wallMs, c.engineVersion()));
        }
        return new Result(List.of(), List.of(), cells);
    }

    /** The first line of an exception's message, with its kind when it has no message. */
    public static String oneLine(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }
}
