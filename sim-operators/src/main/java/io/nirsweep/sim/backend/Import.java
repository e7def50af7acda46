package io.nirsweep.sim.backend;

import io.nirsweep.model.Edge;
import io.nirsweep.model.NirNode;
import io.nirsweep.sim.SimulationException;
import io.nirsweep.sim.neuron.NeuronKind;
import io.nirsweep.sim.neuron.NeuronModifier;
import io.nirsweep.sim.neuron.NeuronParams;
import io.nirsweep.sim.neuron.NeuronStepFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One graph as a platform's importer hands it to the engine: the (flat) graph, the neuron parameters and the
 * neuron step of each node, which the {@link ImportRules} may change, the connections they delay or alter, and a
 * note for every change — what {@code nirsweep explain} prints. Made by the compiler; rules call its methods, the
 * compiler reads the result.
 */
public final class Import {
    /** One thing the importer does, for a user: the node (null for the whole graph) and what and why. */
    public record Note(String node, String text) {
        @Override
        public String toString() {
            return node == null ? text : node + ": " + text;
        }
    }

    private final FlatGraph graph;
    private final Backend backend;
    /** The step length; NaN while a run that asked for the importer's own dt has not been given one. */
    private double dt;
    private final boolean nativeDt;
    private final Integer weightBits;
    private final Map<String, NirNode> replaced = new HashMap<>();
    private final Map<String, NeuronParams> neurons = new LinkedHashMap<>();
    private final Map<String, NeuronStepFactory> steps = new HashMap<>();
    private final Map<String, List<NeuronModifier>> modifiers = new HashMap<>();
    private final Set<String> droppedBiases = new HashSet<>();
    private final Set<Edge> lateEdges = new LinkedHashSet<>();
    private final Set<String> binaryInputs = new HashSet<>();
    private final Map<String, Float> inputCaps = new HashMap<>();
    private final Set<String> lateOutputs = new HashSet<>();
    private final List<Note> notes = new ArrayList<>();
    private final Map<String, List<String>> successors = new HashMap<>();
    private final Map<String, List<String>> predecessors = new HashMap<>();
    private final Map<String, List<Edge>> edgesInto = new HashMap<>();
    private Set<String> cyclic;

    /**
     * @param dt the step length the run asks for: seconds, or {@link StepLength#NATIVE}, which the importer's dt
     *     rules ({@link ImportRule.Role#DEFAULT_TIME_STEP}, {@link ImportRule.Role#TIME_STEP}) must set before
     *     anything reads it
     * @param weightBits the width a sweep asks the weights to be quantised to, or null for the platform's own
     *     (the backend has already accepted it: {@link Backend#requireWeightBits})
     */
    public Import(FlatGraph graph, Backend backend, StepLength dt, Integer weightBits) {
        this.graph = graph;
        this.backend = backend;
        this.nativeDt = dt.isNative();
        this.dt = nativeDt ? Double.NaN : dt.seconds();
        this.weightBits = weightBits;
        for (Edge e : graph.edges()) {
            successors.computeIfAbsent(e.source(), k -> new ArrayList<>()).add(e.target());
            predecessors.computeIfAbsent(e.target(), k -> new ArrayList<>()).add(e.source());
            edgesInto.computeIfAbsent(e.target(), k -> new ArrayList<>()).add(e);
        }
        graph.nodes().forEach((name, node) -> {
            NeuronParams p = NeuronParams.of(node);
            if (p != null) {
                neurons.put(name, p);
            }
        });
    }

    // ---- the graph ----------------------------------------------------------------------------------------

    /** Every node under its flat name ({@code outer/inner} inside sub-graphs), in file order, as the file has it. */
    public Map<String, NirNode> nodes() {
        return graph.nodes();
    }

    /** The node the engine will run: the file's, or what a rule {@linkplain #replace replaced} it with. */
    public NirNode node(String name) {
        NirNode r = replaced.get(name);
        return r != null ? r : graph.nodes().get(name);
    }

    /**
     * The engine runs {@code replacement} in the node's place: a platform's conversion of its parameters, such as
     * weights quantised to the chip's integers. Same node type and the same input and output shapes; the neuron
     * parameters of a neuron node are set with {@link #params(String, NeuronParams)}, not here.
     *
     * @param why what the conversion did, noted for {@code nirsweep explain}
     */
    public void replace(String name, NirNode replacement, String why) {
        NirNode original = graph.nodes().get(name);
        if (original == null || original.getClass() != replacement.getClass()
                || !java.util.Objects.equals(original.inputShape(), replacement.inputShape())
                || !java.util.Objects.equals(original.outputShape(), replacement.outputShape())) {
            throw new IllegalArgumentException("node '" + name + "': a replacement must be a " + (original == null
                    ? "node of the graph" : original.typeName() + " of the same shapes") + ", is "
                    + replacement.typeName());
        }
        replaced.put(name, replacement);
        note(name, why);
    }

    /** The weights' width a sweep asked for, or null for the platform's own. */
    public Integer weightBits() {
        return weightBits;
    }

    /** The backend whose importer this is. */
    public Backend backend() {
        return backend;
    }

    /** True when the node came from a nested sub-graph. */
    public boolean nested(String node) {
        return node.contains("/");
    }

    public List<String> successors(String node) {
        return successors.getOrDefault(node, List.of());
    }

    public List<String> predecessors(String node) {
        return predecessors.getOrDefault(node, List.of());
    }

    /** The edges into the node, in edge order (found once for all nodes: rules ask for many nodes). */
    public List<Edge> edgesInto(String node) {
        return edgesInto.getOrDefault(node, List.of());
    }

    /** True when a directed path leads from the node back to itself. */
    public boolean onCycle(String node) {
        if (cyclic == null) {
            cyclic = cyclicNodes();
        }
        return cyclic.contains(node);
    }

    /**
     * The nodes on some cycle: those whose strongly connected component has more than one node, or a self-loop
     * (Kosaraju's two passes, iterative: the depth of a graph must not depend on the file).
     */
    private Set<String> cyclicNodes() {
        List<String> finished = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String start : graph.nodes().keySet()) {
            if (!seen.add(start)) {
                continue;
            }
            List<String> stack = new ArrayList<>(List.of(start));
            List<Integer> next = new ArrayList<>(List.of(0));
            while (!stack.isEmpty()) {
                int top = stack.size() - 1;
                List<String> out = successors(stack.get(top));
                int i = next.get(top);
                if (i < out.size()) {
                    next.set(top, i + 1);
                    if (seen.add(out.get(i))) {
                        stack.add(out.get(i));
                        next.add(0);
                    }
                } else {
                    finished.add(stack.remove(top));
                    next.remove(top);
                }
            }
        }
        Set<String> cyclic = new HashSet<>();
        Set<String> assigned = new HashSet<>();
        for (int f = finished.size() - 1; f >= 0; f--) {
            String root = finished.get(f);
            if (!assigned.add(root)) {
                continue;
            }
            List<String> component = new ArrayList<>(List.of(root));
            for (int c = 0; c < component.size(); c++) {
                for (String p : predecessors(component.get(c))) {
                    if (assigned.add(p)) {
                        component.add(p);
                    }
                }
            }
            if (component.size() > 1 || successors(root).contains(root)) {
                cyclic.addAll(component);
            }
        }
        return cyclic;
    }

    /** True for an Affine/Linear fed only by one neuron and feeding only that neuron: a recurrent weight matrix. */
    public boolean recurrentMap(String node) {
        NirNode n = graph.nodes().get(node);
        if (!(n instanceof io.nirsweep.model.Affine || n instanceof io.nirsweep.model.Linear)) {
            return false;
        }
        List<String> in = predecessors(node);
        return in.size() == 1 && successors(node).equals(in) && neurons.containsKey(in.get(0));
    }

    /** The recurrent map of a neuron, or null. */
    public String recurrentMapOf(String neuron) {
        for (String s : successors(neuron)) {
            if (recurrentMap(s)) {
                return s;
            }
        }
        return null;
    }

    /**
     * Refuses loops other than a neuron with its own recurrent weight matrix — the only recurrence the
     * simulator's importer recognises.
     */
    public void requireOnlyRecurrentPairs(String who) {
        for (String node : graph.nodes().keySet()) {
            if (onCycle(node) && !recurrentMap(node) && recurrentMapOf(node) == null) {
                throw refuse(node, who + " only runs loops of a neuron and its recurrent Affine/Linear; this node"
                        + " is on another loop");
            }
        }
    }

    /**
     * Refuses branches: apart from a neuron's recurrent map, every node has at most one predecessor and one
     * successor (importers that walk the graph as one chain from input to output).
     */
    public void requireChain(String who) {
        for (String node : graph.nodes().keySet()) {
            if (recurrentMap(node)) {
                continue;
            }
            List<String> out = successors(node).stream().filter(x -> !recurrentMap(x)).toList();
            List<String> in = predecessors(node).stream().filter(x -> !recurrentMap(x)).toList();
            if (out.size() > 1 || in.size() > 1) {
                throw refuse(node, who + " walks the graph as one chain; this node has " + in.size()
                        + " inputs and " + out.size() + " outputs " + out);
            }
        }
    }

    /**
     * The step length the engine will use.
     *
     * @throws SimulationException when the run asked for the importer's own dt and no rule has given one: the
     *     backend has none ({@link #requireDt})
     */
    public double dt() {
        requireDt();
        return dt;
    }

    /**
     * Refuses a run that asked for the importer's own dt when no rule has given one: the backend has no dt of its
     * own (or its rule has not run yet; the dt rules run first).
     */
    public void requireDt() {
        if (Double.isNaN(dt)) {
            throw new SimulationException(null, "the " + Backends.shortName(backend)
                    + " backend has no dt of its own: give dt in seconds");
        }
    }

    /** True when the run asked for the importer's own dt ({@code --dt native}) rather than a number of seconds. */
    public boolean nativeDt() {
        return nativeDt;
    }

    /**
     * The importer sets the step length itself: whatever the run asks for ({@link ImportRule.Role#TIME_STEP}), or
     * as its own when the run asks for none ({@link ImportRule.Role#DEFAULT_TIME_STEP}).
     */
    public void useDt(double value, String why) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("dt must be a positive number of seconds, is " + value);
        }
        if (Double.isNaN(dt)) {
            note(null, "dt native → " + Values.seconds(value) + ": " + why);
        } else if (value != dt) {
            note(null, "dt " + Values.seconds(dt) + " → " + Values.seconds(value) + ": " + why);
        }
        dt = value;
    }

    // ---- neurons ------------------------------------------------------------------------------------------

    /** The neuron nodes, in file order. */
    public List<String> neurons() {
        return List.copyOf(neurons.keySet());
    }

    /** The neuron's parameters as the importer has left them so far, or null for other nodes. */
    public NeuronParams params(String node) {
        return neurons.get(node);
    }

    /** Replaces a neuron's parameters (the rule notes why, with {@link #changed} or {@link #note}). */
    public void params(String node, NeuronParams p) {
        neurons.put(node, p);
    }

    /**
     * The step the neuron will run: the one a rule chose for it, else the backend's for its kind (null when the
     * backend has none), with the rules' {@linkplain #modify modifiers} applied in the order they were made.
     *
     * @throws SimulationException naming the node when the step cannot take a modifier
     */
    public NeuronStepFactory step(String node) {
        NeuronStepFactory chosen = steps.get(node);
        NeuronStepFactory step = chosen != null ? chosen : backend.neuronStep(NeuronKind.of(graph.nodes().get(node)));
        for (NeuronModifier m : modifiers.getOrDefault(node, List.of())) {
            step = step == null ? null : step.modified(node, m);
        }
        return step;
    }

    /**
     * The neuron runs this step instead of its kind's, whatever the backend's choices: a chip's conversion, whose
     * integers belong to this node (the rule notes why). A simulator's rule changes one aspect with {@link #modify}.
     */
    public void step(String node, NeuronStepFactory step) {
        steps.put(node, step);
    }

    /**
     * The neuron runs its step (the backend's, with its integrator, test, reset and number type) changed in one
     * aspect: a membrane floor, a spike cap, another reset for this node (the rule notes why). A later modifier of
     * the same aspect replaces an earlier one.
     */
    public void modify(String node, NeuronModifier m) {
        List<NeuronModifier> list = modifiers.computeIfAbsent(node, k -> new ArrayList<>());
        list.removeIf(x -> x.aspect().equals(m.aspect()));
        list.add(m);
    }

    /**
     * What a rule may change, by (node, aspect): the neuron parameters, step modifiers, chosen steps, replaced nodes,
     * dropped biases, late edges and outputs, binary inputs, and dt (node null). Two states compare cheaply: maps and
     * sets are copied, their values are immutable.
     */
    record State(double dt, Map<String, NeuronParams> neurons, Map<String, List<NeuronModifier>> modifiers,
            Map<String, NeuronStepFactory> steps, Map<String, NirNode> replaced, Set<String> droppedBiases,
            Set<Edge> lateEdges, Set<String> binaryInputs, Map<String, Float> inputCaps, Set<String> lateOutputs) {}

    State state() {
        Map<String, List<NeuronModifier>> mods = new HashMap<>();
        modifiers.forEach((k, v) -> mods.put(k, List.copyOf(v)));
        return new State(dt, new HashMap<>(neurons), mods, new HashMap<>(steps), new HashMap<>(replaced),
                new HashSet<>(droppedBiases), new HashSet<>(lateEdges), new HashSet<>(binaryInputs),
                new HashMap<>(inputCaps), new HashSet<>(lateOutputs));
    }

    /** The (node, aspect) pairs that differ between an earlier state and now; node "" for the whole graph (dt). */
    List<Map.Entry<String, String>> changedSince(State before) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        if (Double.compare(before.dt(), dt) != 0) {
            out.add(Map.entry("", "dt"));
        }
        neurons.forEach((node, p) -> {
            NeuronParams q = before.neurons().get(node);
            if (q != p) {
                for (String param : NeuronParams.NAMES) {
                    if (!java.util.Arrays.equals(q == null ? null : q.get(param), p.get(param))) {
                        out.add(Map.entry(node, param));
                    }
                }
            }
        });
        modifiers.forEach((node, list) -> {
            List<NeuronModifier> old = before.modifiers().getOrDefault(node, List.of());
            for (NeuronModifier m : list) {
                if (!old.contains(m)) {
                    out.add(Map.entry(node, m.aspect()));
                }
            }
        });
        changed(out, before.steps().keySet(), steps.keySet(), before.steps(), steps, "step");
        changed(out, before.replaced().keySet(), replaced.keySet(), before.replaced(), replaced, "parameters");
        changed(out, before.droppedBiases(), droppedBiases, null, null, "bias");
        changed(out, before.binaryInputs(), binaryInputs, null, null, "input");
        changed(out, before.inputCaps().keySet(), inputCaps.keySet(), before.inputCaps(), inputCaps, "input");
        changed(out, before.lateOutputs(), lateOutputs, null, null, "latency");
        for (Edge e : lateEdges) {
            if (!before.lateEdges().contains(e)) {
                out.add(Map.entry(e.target(), "latency"));
            }
        }
        return out;
    }

    private static void changed(List<Map.Entry<String, String>> out, Set<String> before, Set<String> now,
            Map<String, ?> valuesBefore, Map<String, ?> valuesNow, String aspect) {
        for (String node : now) {
            if (!before.contains(node) || valuesNow != null && valuesBefore.get(node) != valuesNow.get(node)) {
                out.add(Map.entry(node, aspect));
            }
        }
    }

    /** The node's bias is not applied (an importer that drops it, e.g. of a recurrent map). */
    public void dropBias(String node, String why) {
        droppedBiases.add(node);
        note(node, "bias dropped: " + why);
    }

    public boolean biasDropped(String node) {
        return droppedBiases.contains(node);
    }

    /** The edge delivers its source's value one step late (a synapse or connection the platform delays). */
    public void delay(Edge edge, String why) {
        if (lateEdges.add(edge)) {
            note(edge.target(), "input from '" + edge.source() + "' arrives 1 step late: " + why);
        }
    }

    /** The edges a rule delayed. */
    public Set<Edge> lateEdges() {
        return lateEdges;
    }

    /** The node reads its input as binary spikes: every non-zero value counts as 1. */
    public void binaryInput(String node, String why) {
        if (binaryInputs.add(node)) {
            note(node, "input read as binary spikes (non-zero → 1): " + why);
        }
    }

    public boolean hasBinaryInput(String node) {
        return binaryInputs.contains(node);
    }

    /** The node reads every input value above {@code cap} as {@code cap} (a chip's most events per step). */
    public void capInput(String node, float cap, String why) {
        if (inputCaps.put(node, cap) == null) {
            String c = Values.show(new double[] {cap});
            note(node, "input above " + c + " read as " + c + ": " + why);
        }
    }

    /** The node's input cap, or null when it reads its input as it is. */
    public Float inputCap(String node) {
        return inputCaps.get(node);
    }

    /** The node sends at step t what it computed at t − 1. */
    public void lateOutput(String node, String why) {
        if (lateOutputs.add(node)) {
            note(node, "output sent 1 step late: " + why);
        }
    }

    public boolean hasLateOutput(String node) {
        return lateOutputs.contains(node);
    }

    // ---- notes and refusals -------------------------------------------------------------------------------

    public void note(String node, String text) {
        notes.add(new Note(node, text));
    }

    /**
     * Notes a parameter change, "name: a → b: why" — unless no value moves by more than a part in 10^6 (a float32
     * file's τ_syn/dt is not exactly w_in: such a change is representation, not semantics).
     */
    public void changed(String node, String param, double[] before, double[] after, String why) {
        for (int k = 0; k < before.length; k++) {
            if (Math.abs(before[k] - after[k]) > 1e-6 * Math.max(Math.abs(before[k]), Math.abs(after[k]))) {
                note(node, param + " " + Values.show(before) + " → " + Values.show(after) + ": " + why);
                return;
            }
        }
    }

    /** Notes a v_reset the importer does not read (it resets to 0, or subtracts θ), when the file sets one. */
    public void vResetUnused(String node, NeuronParams p, String why) {
        if (p != null && p.spiking() && !Values.all(p.vReset(), 0)) {
            note(node, "v_reset " + Values.show(p.vReset()) + " unused: " + why);
        }
    }

    public List<Note> notes() {
        return List.copyOf(notes);
    }

    /** The exception that refuses the graph at this node, saying which backend refuses it and why. */
    public SimulationException refuse(String node, String why) {
        return new SimulationException(node, "the " + Backends.shortName(backend) + " backend cannot run it: "
                + why);
    }

    /** Refuses a padded SumPool2d: the importer's pool ignores padding, so the output would shrink. */
    public void requireUnpadded(String node, io.nirsweep.model.SumPool2d pool, String who) {
        double[] padding = pool.padding().toDoubleArray();
        if (!Values.all(padding, 0)) {
            throw refuse(node, who + " ignores the padding " + Values.show(padding)
                    + ": the pool's output would shrink");
        }
    }

    /** Refuses unless every value of the parameter is the same (importers that keep one value per layer). */
    public void requireUniform(String node, String param, double[] values, String who) {
        if (!Values.uniform(values)) {
            throw refuse(node, who + " needs one " + param + " for the whole layer, this one has "
                    + Values.show(values));
        }
    }

    /** Refuses unless every value of the parameter equals {@code expected} (relative tolerance 1e-5). */
    public void requireValue(String node, String param, double[] values, double[] expected, String who) {
        for (int k = 0; k < values.length; k++) {
            if (Math.abs(values[k] - expected[k]) > 1e-5 * Math.max(Math.abs(expected[k]), 1e-12)) {
                throw refuse(node, who + " requires " + param + " = " + Values.show(expected) + ", this one has "
                        + Values.show(values));
            }
        }
    }
}
