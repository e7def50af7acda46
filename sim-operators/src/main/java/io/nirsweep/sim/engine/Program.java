package io.nirsweep.sim.engine;

import io.nirsweep.model.MessageText;
import io.nirsweep.model.Shape;
import io.nirsweep.sim.SimulationException;
import io.nirsweep.sim.backend.Backend;
import io.nirsweep.sim.backend.Import;
import io.nirsweep.sim.kernel.ActiveInputs;
import io.nirsweep.sim.kernel.Kernel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A compiled graph: immutable, shareable across threads. Per-batch state lives in a {@link Run}. Each step
 * first lets the nodes whose output does not wait for the step's input emit it (neurons that decide on the
 * previous step's membrane, connections that send what they received the step before), then
 * computes the nodes in topological order; a node's input is the sum of its incoming edges — the source's value
 * of this step, or of the previous step on a delayed edge (one that closes a cycle, or a latency of the backend).
 */
public final class Program {
    /** One scheduled node. */
    record Op(String name, Shape shape, Kernel<?> kernel, boolean isInput, int[] sources, boolean[] delayed) {
        int size() {
            return kernel.outSize;
        }
    }

    private final List<Op> ops;
    private final List<String> inputs;
    private final List<String> outputs;
    private final Backend backend;
    private final double dt;
    private final Map<String, Integer> index = new LinkedHashMap<>();
    private final boolean[] keepsPrevious;
    private final boolean[] spiking;
    private final boolean[] decidesFirst;
    /** Nodes whose output some consumer reads as its non-zero positions: listed once per step, after the node. */
    private final boolean[] listsActive;
    /** Nodes that read their one (undelayed) source's listed non-zero positions. */
    private final boolean[] readsListed;
    private final int[] inputOps;

    private final List<Import.Note> notes;

    Program(List<Op> ops, List<String> inputs, List<String> outputs, Backend backend, double dt,
            List<Import.Note> notes) {
        this.notes = List.copyOf(notes);
        this.ops = List.copyOf(ops);
        this.inputs = List.copyOf(inputs);
        this.outputs = List.copyOf(outputs);
        this.backend = backend;
        this.dt = dt;
        this.keepsPrevious = new boolean[ops.size()];
        this.spiking = new boolean[ops.size()];
        this.decidesFirst = new boolean[ops.size()];
        this.listsActive = new boolean[ops.size()];
        this.readsListed = new boolean[ops.size()];
        for (int k = 0; k < ops.size(); k++) {
            index.put(ops.get(k).name(), k);
            Op op = ops.get(k);
            for (int e = 0; e < op.sources().length; e++) {
                if (op.delayed()[e]) {
                    keepsPrevious[op.sources()[e]] = true;
                }
            }
            decidesFirst[k] = op.kernel().decidesBeforeInput();
            if (!op.isInput() && op.kernel().readsActiveInputs() && op.sources().length == 1 && !op.delayed()[0]) {
                readsListed[k] = true;
                listsActive[op.sources()[0]] = true;
            }
        }
        this.inputOps = inputs.stream().mapToInt(index::get).toArray();
        markSpiking();
    }

    /**
     * Which nodes output spike counts: spiking kernels, and pass-through nodes (Output, Flatten, inner ports) all
     * of whose sources do. Computed as a least fixpoint over the edges, not in execution order: a source may run
     * after its consumer (a node that decides its output before its input, or a delayed edge), and a cycle of
     * pass-throughs with no spiking source stays non-spiking. A work list visits each edge once, so the time is
     * linear in the graph whatever order the nodes were scheduled in.
     */
    private void markSpiking() {
        int n = ops.size();
        int[] notYetSpiking = new int[n];
        int[] consumerCount = new int[n + 1];
        for (Op op : ops) {
            for (int src : op.sources()) {
                consumerCount[src + 1]++;
            }
        }
        for (int k = 0; k < n; k++) {
            consumerCount[k + 1] += consumerCount[k];
        }
        int[] consumers = new int[consumerCount[n]];
        int[] filled = Arrays.copyOf(consumerCount, n);
        int[] work = new int[n];
        int queued = 0;
        for (int k = 0; k < n; k++) {
            Op op = ops.get(k);
            notYetSpiking[k] = op.sources().length;
            for (int src : op.sources()) {
                consumers[filled[src]++] = k;
            }
            if (op.kernel().spiking()) {
                spiking[k] = true;
                work[queued++] = k;
            }
        }
        for (int next = 0; next < queued; next++) {
            int src = work[next];
            for (int e = consumerCount[src]; e < consumerCount[src + 1]; e++) {
                int k = consumers[e];
                if (--notYetSpiking[k] == 0 && !spiking[k] && ops.get(k).kernel().passesThrough()) {
                    spiking[k] = true;
                    work[queued++] = k;
                }
            }
        }
    }

    public Backend backend() {
        return backend;
    }

    /** The step length the program runs at (the backend's importer may fix its own). */
    public double dt() {
        return dt;
    }

    /** What the backend's importer changed in the graph, node by node (what {@code nirsweep explain} prints). */
    public List<Import.Note> notes() {
        return notes;
    }

    /** The root graph's Input node names, in node order. */
    public List<String> inputs() {
        return inputs;
    }

    /** The root graph's Output node names, in node order. */
    public List<String> outputs() {
        return outputs;
    }

    /** Every node name ({@code outer/inner}), in execution order. */
    public List<String> nodes() {
        return Collections.unmodifiableList(ops.stream().map(Op::name).toList());
    }

    /** True when the program has a node of this name ({@code outer/inner}). */
    public boolean hasNode(String name) {
        return index.containsKey(name);
    }

    /** Some node names for a message saying which nodes there are (a short line, however large the graph). */
    public String nodeListing() {
        return MessageText.listed(index.keySet(), 20);
    }

    /** The edges delivered one step late (they close cycles, or the backend delays them), as "source -> target". */
    public List<String> delayedEdges() {
        List<String> out = new ArrayList<>();
        for (Op op : ops) {
            for (int e = 0; e < op.sources().length; e++) {
                if (op.delayed()[e]) {
                    out.add(ops.get(op.sources()[e]).name() + " -> " + op.name());
                }
            }
        }
        return out;
    }

    private Op op(String name) {
        Integer k = index.get(name);
        if (k == null) {
            throw new SimulationException(name, "no such node (nodes: " + nodeListing() + ")");
        }
        return ops.get(k);
    }

    public Shape shape(String node) {
        return op(node).shape();
    }

    public int size(String node) {
        return op(node).size();
    }

    /** True when the node outputs spike counts (a spiking neuron or Threshold, or a pass-through of them). */
    public boolean isSpiking(String node) {
        return spiking[index.get(op(node).name())];
    }

    /** True when the node has a membrane (a neuron). */
    public boolean hasMembrane(String node) {
        return op(node).kernel().hasMembrane();
    }

    /** Fresh state for {@code batch} samples. */
    public Run start(int batch) {
        return new Run(batch);
    }

    /**
     * Simulates {@code steps} steps of a batch from zero state and records node outputs (and membranes).
     *
     * @param input per root Input node (in {@link #inputs()} order) its values, time-major
     *     {@code [t][b][i]} flattened: {@code steps * batch * size} floats
     * @param record nodes whose output to record
     * @param recordMembrane neuron nodes whose membrane to record (after the step's reset)
     * @param threads worker threads; samples are split in contiguous ranges, results do not depend on it
     * @return per recorded node its values {@code [t][b][i]} flattened; membranes under "name#v"
     */
    public Map<String, float[]> simulate(List<float[]> input, int steps, int batch, List<String> record,
            List<String> recordMembrane, int threads) {
        if (input.size() != inputs.size()) {
            throw new SimulationException(null, "the graph has " + inputs.size() + " inputs " + inputs + ", got "
                    + input.size() + " input arrays");
        }
        List<Feed> feeds = new ArrayList<>();
        for (int k = 0; k < inputs.size(); k++) {
            int size = size(inputs.get(k));
            long expected = (long) steps * batch * size;
            if (input.get(k).length != expected) {
                throw new SimulationException(inputs.get(k), "input holds " + input.get(k).length + " values, "
                        + steps + " steps x " + batch + " samples x " + size + " needs " + expected);
            }
            feeds.add(denseFeed(input.get(k), batch, size, listsActive[inputOps[k]]));
        }
        return run(feeds, steps, batch, record, recordMembrane, threads);
    }

    /**
     * {@link #simulate}, the input given as its non-zero elements per step and sample ({@link InputEvents}): the
     * program writes them into the Input node and hands their positions to the weighted nodes that read it, with
     * no dense copy of the input and no scan for its spikes. Every number computed is the same as from the dense
     * array.
     */
    public Map<String, float[]> simulateEvents(List<InputEvents> input, List<String> record,
            List<String> recordMembrane, int threads) {
        if (input.size() != inputs.size() || input.isEmpty()) {
            throw new SimulationException(null, "the graph has " + inputs.size() + " inputs " + inputs + ", got "
                    + input.size() + " input event sets");
        }
        int steps = input.get(0).steps();
        int batch = input.get(0).batch();
        List<Feed> feeds = new ArrayList<>();
        for (int k = 0; k < inputs.size(); k++) {
            InputEvents events = input.get(k);
            if (events.steps() != steps || events.batch() != batch || events.size() != size(inputs.get(k))) {
                throw new SimulationException(inputs.get(k), "input events hold " + events.steps() + " steps x "
                        + events.batch() + " samples x " + events.size() + ", the node takes " + size(inputs.get(k))
                        + " per sample over " + steps + " steps x " + batch + " samples");
            }
            feeds.add(eventFeed(events));
        }
        return run(feeds, steps, batch, record, recordMembrane, threads);
    }

    /**
     * Puts one Input node's values of step t, samples [b0, b1), into its output; where the program lists the node's
     * non-zero positions ({@code listed} not null), lists them.
     */
    private interface Feed {
        void feed(int t, int b0, int b1, float[] out, ActiveInputs listed);
    }

    private static Feed denseFeed(float[] values, int batch, int size, boolean list) {
        return (t, b0, b1, out, listed) -> {
            System.arraycopy(values, (t * batch + b0) * size, out, b0 * size, (b1 - b0) * size);
            if (list) {
                listed.find(out, b0, b1);
            }
        };
    }

    /** Clears last step's events of each sample (the listed positions), writes this step's and lists them. */
    private static Feed eventFeed(InputEvents events) {
        int size = events.size();
        int[] position = events.positions();
        float[] value = events.values();
        return (t, b0, b1, out, listed) -> {
            for (int b = b0; b < b1; b++) {
                int base = b * size;
                int[] last = listed.positions(b);
                for (int k = 0; k < listed.count(b); k++) {
                    out[base + last[k]] = 0f;
                }
                int first = events.first(t, b);
                int end = events.end(t, b);
                for (int e = first; e < end; e++) {
                    out[base + position[e]] = value[e];
                }
                listed.set(b, position, first, end - first);
            }
        };
    }

    private Map<String, float[]> run(List<Feed> feeds, int steps, int batch, List<String> record,
            List<String> recordMembrane, int threads) {
        Map<String, float[]> recorded = new LinkedHashMap<>();
        for (String name : record) {
            recorded.put(name, new float[Math.multiplyExact(Math.multiplyExact(steps, batch), size(name))]);
        }
        for (String name : recordMembrane) {
            if (!hasMembrane(name)) {
                throw new SimulationException(name, "has no membrane to record (not a neuron)");
            }
            recorded.put(name + "#v", new float[Math.multiplyExact(Math.multiplyExact(steps, batch), size(name))]);
        }
        Run run = start(batch);
        int workers = Math.max(1, Math.min(threads, batch));
        if (workers == 1) {
            run.steps(feeds, steps, 0, batch, recorded);
            return recorded;
        }
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                int b0 = (int) ((long) batch * w / workers);
                int b1 = (int) ((long) batch * (w + 1) / workers);
                done.add(pool.submit(() -> run.steps(feeds, steps, b0, b1, recorded)));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SimulationException(null, "interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return recorded;
    }

    /**
     * The synaptic events (one weight applied to one non-zero input) a run of this input performs, for
     * throughput reports: the run is repeated here with every node recorded, and each weighted kernel counts the
     * non-zero inputs it received.
     */
    public long synapticEvents(List<float[]> input, int steps, int batch) {
        Map<String, float[]> all = simulate(input, steps, batch, nodes(), List.of(), 1);
        float[][] byOp = all.values().toArray(float[][]::new);
        long events = 0;
        for (int k = 0; k < ops.size(); k++) {
            Op op = ops.get(k);
            int size = op.kernel().inSize;
            if (op.isInput()) {
                continue;
            }
            float[] in = new float[size];
            for (int t = 0; t < steps; t++) {
                for (int b = 0; b < batch; b++) {
                    java.util.Arrays.fill(in, 0f);
                    for (int e = 0; e < op.sources().length; e++) {
                        int src = op.sources()[e];
                        int at = op.delayed()[e] ? t - 1 : t;
                        if (at >= 0) {
                            for (int i = 0; i < size; i++) {
                                in[i] += byOp[src][(at * batch + b) * size + i];
                            }
                        }
                    }
                    events += op.kernel().synapticEvents(in, 0);
                }
            }
        }
        return events;
    }

    /** The state of one batch: every node's output of this and (where needed) the previous step. */
    public final class Run {
        private final int batch;
        private final float[][] out;
        private final float[][] previous;
        private final float[][] summed;
        private final Object[] state;
        private final ActiveInputs[] active;

        Run(int batch) {
            this.batch = batch;
            int n = ops.size();
            out = new float[n][];
            previous = new float[n][];
            summed = new float[n][];
            state = new Object[n];
            active = new ActiveInputs[n];
            for (int k = 0; k < n; k++) {
                Op op = ops.get(k);
                out[k] = new float[Math.multiplyExact(batch, op.size())];
                if (keepsPrevious[k]) {
                    previous[k] = new float[out[k].length];
                }
                if (needsSum(op)) {
                    summed[k] = new float[Math.multiplyExact(batch, op.kernel().inSize)];
                }
                state[k] = op.kernel().newState(batch);
                if (listsActive[k] || op.isInput()) { // an event feed clears last step's input by its list
                    active[k] = new ActiveInputs(batch, op.size());
                }
            }
        }

        private boolean needsSum(Op op) {
            return !op.isInput() && !(op.sources().length == 1 && !op.delayed()[0]);
        }

        /** Runs steps 0..steps-1 for samples [b0, b1), reading inputs and writing recordings of that range. */
        void steps(List<Feed> feeds, int steps, int b0, int b1, Map<String, float[]> recorded) {
            int[] recordedOps = recorded.keySet().stream()
                    .mapToInt(k -> index.get(k.endsWith("#v") ? k.substring(0, k.length() - 2) : k)).toArray();
            float[][] targets = recorded.values().toArray(float[][]::new);
            boolean[] membrane = new boolean[recordedOps.length];
            int r = 0;
            for (String key : recorded.keySet()) {
                membrane[r++] = key.endsWith("#v");
            }
            Feed[] feed = feeds.toArray(Feed[]::new);
            for (int t = 0; t < steps; t++) {
                for (int k = 0; k < inputOps.length; k++) {
                    feed[k].feed(t, b0, b1, out[inputOps[k]], active[inputOps[k]]);
                }
                step(b0, b1);
                for (int q = 0; q < recordedOps.length; q++) {
                    int size = ops.get(recordedOps[q]).size();
                    int at = (t * batch + b0) * size;
                    if (membrane[q]) {
                        for (int b = b0; b < b1; b++) {
                            for (int k = 0; k < size; k++) {
                                targets[q][at + (b - b0) * size + k] = (float) membraneOf(recordedOps[q], b, k);
                            }
                        }
                    } else {
                        System.arraycopy(out[recordedOps[q]], b0 * size, targets[q], at, (b1 - b0) * size);
                    }
                }
            }
        }

        @SuppressWarnings("unchecked")
        private double membraneOf(int op, int b, int k) {
            return ((Kernel<Object>) ops.get(op).kernel()).membrane(state[op], b, k);
        }

        /** One step for samples [b0, b1); the caller has put this step's input into the Input nodes. */
        @SuppressWarnings("unchecked")
        void step(int b0, int b1) {
            for (int k = 0; k < ops.size(); k++) { // outputs that do not wait for this step's input come first
                if (decidesFirst[k]) {
                    ((Kernel<Object>) ops.get(k).kernel()).emit(out[k], state[k], b0, b1);
                    if (listsActive[k]) {
                        active[k].find(out[k], b0, b1);
                    }
                }
            }
            for (int k = 0; k < ops.size(); k++) {
                Op op = ops.get(k);
                if (op.isInput()) {
                    continue;
                }
                float[] in;
                if (summed[k] == null) {
                    in = out[op.sources()[0]];
                } else {
                    in = summed[k];
                    int size = op.kernel().inSize;
                    Arrays.fill(in, b0 * size, b1 * size, 0f);
                    for (int e = 0; e < op.sources().length; e++) {
                        float[] src = op.delayed()[e] ? previous[op.sources()[e]] : out[op.sources()[e]];
                        for (int j = b0 * size; j < b1 * size; j++) {
                            in[j] += src[j];
                        }
                    }
                }
                Kernel<Object> kernel = (Kernel<Object>) op.kernel();
                if (readsListed[k]) {
                    kernel.stepOnActive(in, active[op.sources()[0]], out[k], state[k], b0, b1);
                } else {
                    kernel.step(in, out[k], state[k], b0, b1);
                }
                if (listsActive[k] && !decidesFirst[k]) {
                    active[k].find(out[k], b0, b1);
                }
            }
            for (int k = 0; k < ops.size(); k++) {
                if (previous[k] != null) {
                    int size = ops.get(k).size();
                    System.arraycopy(out[k], b0 * size, previous[k], b0 * size, (b1 - b0) * size);
                }
            }
        }
    }
}
