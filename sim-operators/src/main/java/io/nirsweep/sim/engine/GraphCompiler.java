package io.nirsweep.sim.engine;

import io.nirsweep.model.Affine;
import io.nirsweep.model.AvgPool2d;
import io.nirsweep.model.Conv1d;
import io.nirsweep.model.Conv2d;
import io.nirsweep.model.Delay;
import io.nirsweep.model.Edge;
import io.nirsweep.model.Flatten;
import io.nirsweep.model.Input;
import io.nirsweep.model.Linear;
import io.nirsweep.model.NdArray;
import io.nirsweep.model.NirGraph;
import io.nirsweep.model.NirNode;
import io.nirsweep.model.Output;
import io.nirsweep.model.Param;
import io.nirsweep.model.Scale;
import io.nirsweep.model.Shape;
import io.nirsweep.model.SumPool2d;
import io.nirsweep.model.Threshold;
import io.nirsweep.model.types.ParameterValues;
import io.nirsweep.sim.SimulationException;
import io.nirsweep.sim.backend.Backend;
import io.nirsweep.sim.backend.FlatGraph;
import io.nirsweep.sim.backend.Import;
import io.nirsweep.sim.backend.StepLength;
import io.nirsweep.sim.kernel.ConvKernel;
import io.nirsweep.sim.kernel.Kernel;
import io.nirsweep.sim.kernel.Kernels;
import io.nirsweep.sim.kernel.NeuronKernel;
import io.nirsweep.sim.kernel.Wrapped;
import io.nirsweep.sim.neuron.NeuronParams;
import io.nirsweep.sim.neuron.NeuronStepFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns a type-checked NIR graph into an executable {@link Program} for one backend and dt: sub-graphs inlined,
 * nodes scheduled in topological order by a depth-first walk from the inputs (in node and edge order), and every
 * edge that closes a cycle — an edge back to a node still on the walk's stack — marked to deliver its source's
 * value of the previous step.
 */
public final class GraphCompiler {
    /** Most values a Delay node may hold back per sample (its delay lines are allocated up front). */
    public static final int MAX_DELAYED_VALUES = 1 << 24;

    private GraphCompiler() {}

    /**
     * @param graph a graph read with type checking (every shape known)
     * @param dt the step length in seconds
     * @throws SimulationException naming the node the engine cannot run
     * @throws io.nirsweep.model.NirException naming the node and parameter whose value no dynamics can run with
     */
    public static Program compile(NirGraph graph, Backend backend, double dt) {
        return compile(graph, backend, dt, null);
    }

    /**
     * The same, with a sweep's {@code weight_bits} handed to the backend, which quantises the weights as its
     * platform does or refuses.
     *
     * @param weightBits the weights' width in bits, or null to keep the file's
     */
    public static Program compile(NirGraph graph, Backend backend, double dt, Integer weightBits) {
        return compile(graph, backend, givenDt(dt), weightBits);
    }

    /** A dt given in seconds, or the refusal of one that is not positive and finite. */
    public static StepLength givenDt(double seconds) {
        try {
            return StepLength.seconds(seconds);
        } catch (IllegalArgumentException e) {
            throw new SimulationException(null, e.getMessage());
        }
    }

    /**
     * The same, with the step length given in seconds or asked of the backend's importer: {@link StepLength#NATIVE}
     * runs at the dt the importer uses when its user passes none, and is refused, naming the backend, when it has
     * none.
     */
    public static Program compile(NirGraph graph, Backend backend, StepLength dt, Integer weightBits) {
        backend.requireWeightBits(weightBits);
        // Read without the type check, or rescaled by a sweep, a graph may hold τ = 0 or NaN: no result, refused.
        ParameterValues.check(graph);
        FlatGraph flat = FlatGraph.of(graph);
        if (flat.inputs().isEmpty()) {
            throw new SimulationException(null, "the graph has no Input node");
        }
        Import imp = new Import(flat, backend, dt, weightBits);
        backend.rules().apply(imp);
        double stepDt = imp.dt();
        Map<String, Kernel<?>> kernels = new HashMap<>();
        flat.nodes().keySet().forEach(name -> {
            Kernel<?> k = kernel(name, imp.node(name), stepDt, imp);
            k = imp.hasBinaryInput(name) ? new Wrapped.BinaryInput(k) : k;
            k = imp.inputCap(name) != null ? new Wrapped.CappedInput(k, imp.inputCap(name)) : k;
            kernels.put(name, imp.hasLateOutput(name) ? new Wrapped.LateOutput(k) : k);
        });
        // Edges that do not order the schedule: delivered late by the platform, or leaving a node that decides its
        // output before it takes its input.
        Set<Edge> free = new HashSet<>(imp.lateEdges());
        for (Edge e : flat.edges()) {
            if (kernels.get(e.source()).decidesBeforeInput()) {
                free.add(e);
            }
        }
        List<String> order = new ArrayList<>();
        List<Edge> delayed = new ArrayList<>();
        List<Edge> ordering = flat.edges().stream().filter(e -> !free.contains(e)).toList();
        schedule(flat, ordering, order, delayed);
        if (backend.cycleDelay() == Backend.CycleDelay.NEURON_OUTPUT && moveDelaysToNeuronOutputs(flat, imp, delayed)) {
            order = reorder(flat, order, delayed, free);
        }
        Set<Edge> lateOnes = new HashSet<>(delayed);
        lateOnes.addAll(imp.lateEdges());
        Map<String, Integer> index = new HashMap<>();
        for (int k = 0; k < order.size(); k++) {
            index.put(order.get(k), k);
        }
        List<Program.Op> ops = new ArrayList<>();
        for (String name : order) {
            NirNode node = imp.node(name);
            List<Integer> sources = new ArrayList<>();
            List<Boolean> late = new ArrayList<>();
            for (Edge e : imp.edgesInto(name)) {
                sources.add(index.get(e.source()));
                late.add(lateOnes.contains(e));
            }
            boolean isInput = node instanceof Input && flat.inputs().contains(name);
            ops.add(new Program.Op(name, node.outputShape(), kernels.get(name), isInput,
                    sources.stream().mapToInt(Integer::intValue).toArray(), toArray(late)));
        }
        return new Program(ops, flat.inputs(), flat.outputs(), backend, stepDt, imp.notes());
    }

    private static boolean[] toArray(List<Boolean> list) {
        boolean[] a = new boolean[list.size()];
        for (int k = 0; k < a.length; k++) {
            a[k] = list.get(k);
        }
        return a;
    }

    /**
     * For each delayed edge map → neuron where the map is an Affine/Linear fed only by that neuron, delays the
     * edge neuron → map instead. Returns whether anything moved.
     */
    private static boolean moveDelaysToNeuronOutputs(FlatGraph g, Import imp, List<Edge> delayed) {
        boolean moved = false;
        for (int k = 0; k < delayed.size(); k++) {
            Edge e = delayed.get(k);
            NirNode map = g.nodes().get(e.source());
            List<Edge> intoMap = imp.edgesInto(e.source());
            if ((map instanceof Affine || map instanceof Linear) && intoMap.size() == 1
                    && intoMap.get(0).source().equals(e.target())) {
                delayed.set(k, intoMap.get(0));
                moved = true;
            }
        }
        return moved;
    }

    /** Edges grouped by their source or target name, each group in edge order. */
    private static Map<String, List<Edge>> bySide(List<Edge> edges, Function<Edge, String> side) {
        Map<String, List<Edge>> groups = new HashMap<>();
        for (Edge e : edges) {
            groups.computeIfAbsent(side.apply(e), n -> new ArrayList<>()).add(e);
        }
        return groups;
    }

    /**
     * A topological order of the same-step edges, ties kept in the earlier order (Kahn's algorithm: of the nodes
     * that wait for nothing, always the earliest in {@code previous} next).
     */
    private static List<String> reorder(FlatGraph g, List<String> previous, List<Edge> delayed, Set<Edge> free) {
        Set<Edge> notOrdering = new HashSet<>(delayed);
        notOrdering.addAll(free);
        Map<String, Integer> position = new HashMap<>();
        for (String n : previous) {
            position.put(n, position.size());
        }
        int[] waiting = new int[previous.size()];
        List<Edge> ordering = g.edges().stream().filter(e -> !notOrdering.contains(e)).toList();
        for (Edge e : ordering) {
            waiting[position.get(e.target())]++;
        }
        Map<String, List<Edge>> out = bySide(ordering, Edge::source);
        PriorityQueue<Integer> ready = new PriorityQueue<>();
        for (int k = 0; k < waiting.length; k++) {
            if (waiting[k] == 0) {
                ready.add(k);
            }
        }
        List<String> order = new ArrayList<>();
        while (!ready.isEmpty()) {
            String next = previous.get(ready.poll());
            order.add(next);
            for (Edge e : out.getOrDefault(next, List.of())) {
                int target = position.get(e.target());
                if (--waiting[target] == 0) {
                    ready.add(target);
                }
            }
        }
        if (order.size() < previous.size()) {
            throw new SimulationException(null, "a cycle without a delayed edge remains");
        }
        return order;
    }

    /** Depth-first from each Input (then from anything not reached), edges in file order; reverse postorder. */
    private static void schedule(FlatGraph g, List<Edge> edges, List<String> order, List<Edge> delayed) {
        Map<String, List<Edge>> out = bySide(edges, Edge::source);
        Map<String, Integer> mark = new HashMap<>(); // 1 = on the stack, 2 = done
        List<String> post = new ArrayList<>();
        List<String> starts = new ArrayList<>(g.inputs());
        starts.addAll(g.nodes().keySet());
        for (String start : starts) {
            if (!mark.containsKey(start)) {
                visit(start, out, mark, post, delayed);
            }
        }
        for (int k = post.size() - 1; k >= 0; k--) {
            order.add(post.get(k));
        }
    }

    private static void visit(String node, Map<String, List<Edge>> out, Map<String, Integer> mark, List<String> post,
            List<Edge> delayed) {
        // An explicit stack: graphs may be deep chains, and recursion depth must not depend on the file.
        record Frame(String node, int nextEdge) {}
        List<Frame> stack = new ArrayList<>();
        stack.add(new Frame(node, 0));
        mark.put(node, 1);
        while (!stack.isEmpty()) {
            Frame top = stack.remove(stack.size() - 1);
            List<Edge> edges = out.getOrDefault(top.node(), List.of());
            int k = top.nextEdge();
            if (k == edges.size()) {
                mark.put(top.node(), 2);
                post.add(top.node());
                continue;
            }
            stack.add(new Frame(top.node(), k + 1));
            Edge e = edges.get(k);
            Integer m = mark.get(e.target());
            if (m == null) {
                mark.put(e.target(), 1);
                stack.add(new Frame(e.target(), 0));
            } else if (m == 1) {
                delayed.add(e); // closes a cycle: deliver the previous step's value
            }
        }
    }

    private static Kernel<?> kernel(String name, NirNode node, double dt, Import imp) {
        Shape in = node.inputShape();
        Shape out = node.outputShape();
        if (in == null || out == null) {
            throw new SimulationException(name, "shape unknown; read the graph with type checking");
        }
        int inSize = Math.toIntExact(in.elementCount());
        if (node instanceof Input || node instanceof Output || node instanceof Flatten) {
            return new Kernels.Identity(inSize);
        }
        if (node instanceof Affine a) {
            return dense(name, a.weight(), imp.biasDropped(name) ? null : a.bias());
        }
        if (node instanceof Linear l) {
            return dense(name, l.weight(), null);
        }
        if (node instanceof Scale s) {
            return new Kernels.ScaleKernel(floats(s.scale()));
        }
        if (node instanceof Threshold t) {
            return new Kernels.ThresholdKernel(floats(t.threshold()));
        }
        if (node instanceof Delay d) {
            int[] steps = new int[d.delay().size()];
            long total = 0;
            for (int k = 0; k < steps.length; k++) {
                double s = Math.rint(d.delay().getDouble(k) / dt);
                total += (long) Math.min(s, MAX_DELAYED_VALUES + 1.0);
                if (total > MAX_DELAYED_VALUES) {
                    throw new SimulationException(name, "delays of " + d.delay().getDouble(k) + " s and more are "
                            + "more than " + MAX_DELAYED_VALUES + " delayed values per sample at dt = " + dt + " s");
                }
                steps[k] = (int) s;
            }
            return new Kernels.DelayKernel(steps);
        }
        if (node instanceof Conv2d c) {
            int[] w = c.weight().shape();
            int[] stride = c.strideHW();
            int[] dil = c.dilationHW();
            int[] pad = padding(name, c.padding(), new int[] {w[2], w[3]}, dil, stride);
            float[] bias = imp.biasDropped(name) ? new float[c.bias().size()] : floats(c.bias());
            return new ConvKernel(floats(c.weight()), bias, new int[] {in.dim(0), in.dim(1), in.dim(2),
                out.dim(0), out.dim(1), out.dim(2), w[2], w[3], stride[0], stride[1], pad[0], pad[1], dil[0], dil[1],
                c.groupCount()});
        }
        if (node instanceof Conv1d c) {
            int[] w = c.weight().shape();
            int stride = c.stride().intValue();
            int dil = c.dilation().intValue();
            int pad = padding(name, c.padding(), new int[] {w[2]}, new int[] {dil}, new int[] {stride})[0];
            return new ConvKernel(floats(c.weight()), floats(c.bias()), new int[] {in.dim(0), 1, in.dim(1),
                out.dim(0), 1, out.dim(1), 1, w[2], 1, stride, 0, pad, 1, dil, c.groupCount()});
        }
        if (node instanceof SumPool2d p) {
            return pool(p.kernelSize(), p.stride(), p.padding(), in, out, false);
        }
        if (node instanceof AvgPool2d p) {
            return pool(p.kernelSize(), p.stride(), p.padding(), in, out, true);
        }
        NeuronParams params = imp.params(name);
        if (params != null) {
            NeuronStepFactory step = imp.step(name);
            if (step == null) {
                throw imp.refuse(name, "it has no neuron step for " + node.typeName() + " nodes");
            }
            return new NeuronKernel<>(step.create(name, params, dt));
        }
        throw new SimulationException(name, "the engine cannot run a " + node.typeName() + " node");
    }

    /** PyTorch's padding: explicit sizes, "valid" = 0, "same" = half of d·(k − 1) before (stride 1 only). */
    private static int[] padding(String name, Param padding, int[] kernel, int[] dilation, int[] stride) {
        int[] pad = new int[kernel.length];
        if (padding instanceof Param.Text t) {
            if (t.value().equals("same")) {
                for (int k = 0; k < kernel.length; k++) {
                    if (stride[k] != 1) {
                        throw new SimulationException(name, "padding 'same' with stride " + stride[k]
                                + " is undefined (PyTorch refuses it)");
                    }
                    pad[k] = dilation[k] * (kernel[k] - 1) / 2;
                }
            }
            return pad;
        }
        NdArray a = (NdArray) padding;
        for (int k = 0; k < kernel.length; k++) {
            pad[k] = Math.toIntExact(a.getLong(a.size() == 1 ? 0 : k));
        }
        return pad;
    }

    private static Kernel<?> pool(NdArray kernel, NdArray stride, NdArray padding, Shape in, Shape out,
            boolean average) {
        return new Kernels.Pool(in.dims(), out.dims(), pair(kernel), pair(stride), pair(padding), average);
    }

    private static int[] pair(NdArray a) {
        return a.size() == 1 ? new int[] {a.intValue(), a.intValue()} : a.toIntArray();
    }

    private static Kernel<?> dense(String name, NdArray weight, NdArray bias) {
        int[] w = weight.shape();
        if (w.length != 2) {
            throw new SimulationException(name, "the engine runs 2-d weights only, this one has shape "
                    + java.util.Arrays.toString(w));
        }
        int nOut = w[0];
        int nIn = w[1];
        float[][] rows = new float[nIn][nOut];
        for (int o = 0; o < nOut; o++) {
            for (int i = 0; i < nIn; i++) {
                rows[i][o] = (float) weight.getDouble(o * nIn + i);
            }
        }
        return new Kernels.Dense(rows, bias == null ? null : floats(bias), nIn, nOut);
    }

    private static float[] floats(NdArray a) {
        float[] f = new float[a.size()];
        for (int k = 0; k < f.length; k++) {
            f[k] = (float) a.getDouble(k);
        }
        return f;
    }
}
