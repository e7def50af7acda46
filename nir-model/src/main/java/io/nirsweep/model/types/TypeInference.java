package io.nirsweep.model.types;

import io.nirsweep.model.AvgPool2d;
import io.nirsweep.model.Conv1d;
import io.nirsweep.model.Conv2d;
import io.nirsweep.model.Edge;
import io.nirsweep.model.Flatten;
import io.nirsweep.model.Input;
import io.nirsweep.model.MessageText;
import io.nirsweep.model.NirException;
import io.nirsweep.model.NirGraph;
import io.nirsweep.model.NirNode;
import io.nirsweep.model.Output;
import io.nirsweep.model.Shape;
import io.nirsweep.model.SumPool2d;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Shape inference and type checking of NIR graphs, following the reference's algorithm (spec §5.3) step by
 * step, with two deliberate corrections:
 *
 * <ul>
 *   <li>Conv2d output sizes use each dimension's own kernel size (the reference uses kH twice), and Conv input
 *       channels are weight.shape[1]·groups (the reference forgets groups). Where the reference would compute
 *       something else, a warning says so.
 *   <li>Shapes set by inference are checked again, so a channel mismatch into an inferred Conv is refused.
 * </ul>
 *
 * <p>Reading can add nodes, as the reference does: a root that is not an Input gets an Input named
 * {@code input_<root>}, a leaf that is not an Output an Output named {@code output_<leaf>} (with {@code _0},
 * {@code _1}, ... on a name clash). Where the reference iterates a hash set, we use node order.
 */
public final class TypeInference {
    private TypeInference() {}

    /** Infers every unknown shape, adds missing Input/Output nodes, then type-checks every edge. */
    public static NirGraph inferAndCheck(NirGraph graph, Consumer<String> warnings) {
        NirGraph inferred = infer(graph, null);
        check(inferred, null, warnings);
        return inferred;
    }

    private static String path(String prefix, String name) {
        return prefix == null ? name : prefix + "/" + name;
    }

    static NirGraph infer(NirGraph graph, String prefix) {
        if (graph.nodes().isEmpty()) {
            return graph;
        }
        Map<String, NirNode> nodes = new LinkedHashMap<>(graph.nodes());
        List<Edge> edges = new ArrayList<>(graph.edges());
        nodes.replaceAll((name, node) -> node instanceof NirGraph sub ? infer(sub, path(prefix, name)) : node);
        addMissingInputs(nodes, edges, prefix);
        propagate(nodes, edges, prefix);
        addMissingOutputs(nodes, edges, prefix);
        return graph.with(nodes, edges);
    }

    private static void addMissingInputs(Map<String, NirNode> nodes, List<Edge> edges, String prefix) {
        Set<String> targets = new HashSet<>();
        edges.forEach(e -> targets.add(e.target()));
        for (String name : List.copyOf(nodes.keySet())) {
            NirNode node = nodes.get(name);
            if (targets.contains(name) || node instanceof Input) {
                continue;
            }
            Shape in = singlePort(node.inputType(), name, "input", prefix);
            if (in == null) {
                throw NirException.type(path(prefix, name), "root node of type " + node.typeName()
                        + " is not an Input node and has no known input shape, so the graph input cannot be"
                        + " inferred; add an Input node");
            }
            String input = unique(nodes, "input_" + name);
            nodes.put(input, Input.of(in.dims()));
            edges.add(new Edge(input, name));
        }
    }

    /**
     * The reference's work list, edge for edge, in linear time. When an edge into a node is popped for the
     * first time, the node's out-edges to unseen targets are pushed on top and all popped (their targets seen)
     * before anything pushed earlier; no edge into the node is pushed again once it is seen. So a later pop of
     * an edge into the same node would push nothing, and its out-edges are scanned once only, not once per
     * in-edge (10^6 in × 10^6 out would be 10^12 steps).
     */
    private static void propagate(Map<String, NirNode> nodes, List<Edge> edges, String prefix) {
        Map<String, List<Edge>> outgoing = new HashMap<>();
        List<Edge> work = new ArrayList<>();
        for (Edge e : edges) {
            outgoing.computeIfAbsent(e.source(), s -> new ArrayList<>()).add(e);
            if (nodes.get(e.source()) instanceof Input) {
                work.add(e);
            }
        }
        if (work.isEmpty()) {
            throw NirException.type(prefix, "no Input node to start shape inference from (is the graph's input"
                    + " inside a cycle?); add an Input node");
        }
        Ports ports = new Ports(prefix);
        Set<String> seen = new HashSet<>();
        while (!work.isEmpty()) {
            Edge e = work.remove(work.size() - 1); // LIFO, as the reference
            NirNode post = nodes.get(e.target());
            Shape preOut = ports.output(e.source(), nodes.get(e.source()));
            Shape postIn = ports.input(e.target(), post);
            if (postIn == null && preOut != null) {
                nodes.put(e.target(), withInput(post, preOut, path(prefix, e.target())));
            } else if (postIn != null && preOut != null && !postIn.equals(preOut)) {
                throw mismatch(e, preOut, postIn, prefix);
            }
            if (!seen.add(e.target())) {
                continue;
            }
            for (Edge next : outgoing.getOrDefault(e.target(), List.of())) {
                if (!seen.contains(next.target())) {
                    work.add(next);
                }
            }
        }
    }

    private static void addMissingOutputs(Map<String, NirNode> nodes, List<Edge> edges, String prefix) {
        Set<String> sources = new HashSet<>();
        edges.forEach(e -> sources.add(e.source()));
        List<String> leaves = nodes.keySet().stream().filter(n -> !sources.contains(n)).toList();
        if (leaves.isEmpty()) {
            throw NirException.type(prefix, "no node is a leaf (every node feeds another), so the graph output"
                    + " cannot be inferred; add an Output node");
        }
        for (String name : leaves) {
            NirNode node = nodes.get(name);
            if (node instanceof Output) {
                continue;
            }
            Shape out = singlePort(node.outputType(), name, "output", prefix);
            if (out == null) {
                throw NirException.type(path(prefix, name), "leaf node of type " + node.typeName()
                        + " has no known output shape, so the graph output cannot be inferred");
            }
            String output = unique(nodes, "output_" + name);
            nodes.put(output, Output.of(out));
            edges.add(new Edge(name, output));
        }
    }

    /**
     * Every edge joins an output and an input of the same shape, and every parameter value is one the
     * dynamics can run with ({@link ParameterValues}); nested graphs are checked too.
     */
    static void check(NirGraph graph, String prefix, Consumer<String> warnings) {
        graph.nodes().forEach((name, node) -> {
            if (node instanceof NirGraph sub) {
                check(sub, path(prefix, name), warnings);
            } else {
                ParameterValues.check(node, path(prefix, name));
            }
            ReferenceDifferences.note(node, path(prefix, name), warnings);
        });
        Ports ports = new Ports(prefix);
        for (Edge e : graph.edges()) {
            Shape preOut = ports.output(e.source(), graph.node(e.source()));
            Shape postIn = ports.input(e.target(), graph.node(e.target()));
            if (preOut == null) {
                throw NirException.type(path(prefix, e.source()), "output shape unknown (nothing upstream defines"
                        + " it), on edge " + e);
            }
            if (postIn == null) {
                throw NirException.type(path(prefix, e.target()), "input shape unknown, on edge " + e);
            }
            if (!preOut.equals(postIn)) {
                throw mismatch(e, preOut, postIn, prefix);
            }
        }
    }

    private static NirException mismatch(Edge e, Shape out, Shape in, String prefix) {
        return NirException.type(path(prefix, e.target()), "type mismatch on edge " + e + ": "
                + MessageText.quote(e.source()) + " outputs " + out + " but " + MessageText.quote(e.target())
                + " takes " + in);
    }

    /**
     * The one input and output shape of each node an edge joins. A nested graph's ports are found by a walk
     * over its children, so they are found once per graph, not once per edge (a file may wire a big sub-graph
     * with a million edges).
     */
    private static final class Ports {
        private final String prefix;
        private final Map<NirGraph, Shape> graphInputs = new IdentityHashMap<>();
        private final Map<NirGraph, Shape> graphOutputs = new IdentityHashMap<>();

        Ports(String prefix) {
            this.prefix = prefix;
        }

        Shape input(String name, NirNode node) {
            if (node instanceof NirGraph g) {
                return graphInputs.computeIfAbsent(g, x -> singlePort(x.inputType(), name, "input", prefix));
            }
            return node.inputShape();
        }

        Shape output(String name, NirNode node) {
            if (node instanceof NirGraph g) {
                return graphOutputs.computeIfAbsent(g, x -> singlePort(x.outputType(), name, "output", prefix));
            }
            return node.outputShape();
        }
    }

    /** The one shape of a port map; null when unknown. Graph nodes with several ports cannot be wired. */
    private static Shape singlePort(Map<String, Shape> ports, String name, String direction, String prefix) {
        if (ports == null || ports.isEmpty()) {
            return null;
        }
        if (ports.size() > 1) {
            throw NirException.type(path(prefix, name), "a graph node with " + ports.size() + " " + direction
                    + " ports " + ports.keySet() + " cannot be connected by an edge (NIR has no port addressing)");
        }
        return ports.values().iterator().next();
    }

    /** The node with its unknown input shape set, as the reference's inference does. */
    private static NirNode withInput(NirNode node, Shape in, String path) {
        try {
            if (node instanceof Output o) {
                return Output.of(in).withMetadata(o.metadata());
            } else if (node instanceof Conv1d c) {
                return c.withInputLength(spatial(in, 2, "Conv1d", path)[1]);
            } else if (node instanceof Conv2d c) {
                int[] d = spatial(in, 3, "Conv2d", path);
                return c.withInputSize(d[1], d[2]);
            } else if (node instanceof SumPool2d p) {
                return p.withInput(in);
            } else if (node instanceof AvgPool2d p) {
                return p.withInput(in);
            } else if (node instanceof Flatten f) {
                return f.withInput(in);
            } else if (node instanceof NirGraph) {
                throw NirException.type(path, "a graph node without Input nodes cannot take an edge");
            }
            throw new IllegalStateException(node.typeName() + " always knows its input shape");
        } catch (NirException e) {
            throw e.node() == null ? e.inNode(path) : e;
        }
    }

    private static int[] spatial(Shape in, int rank, String type, String path) {
        if (in.rank() != rank) {
            throw NirException.type(path, type + " needs a " + (rank == 2 ? "[C, N]" : "[C, H, W]")
                    + " input, gets " + in);
        }
        return in.dims();
    }

    /** {@code base}, or {@code base_0}, {@code base_1}, ... whichever is free. */
    private static String unique(Map<String, NirNode> nodes, String base) {
        if (!nodes.containsKey(base)) {
            return base;
        }
        for (int i = 0; ; i++) {
            if (!nodes.containsKey(base + "_" + i)) {
                return base + "_" + i;
            }
        }
    }
}
