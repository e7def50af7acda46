package io.nirsweep.sim.backend;

import io.nirsweep.model.Edge;
import io.nirsweep.model.Input;
import io.nirsweep.model.NirGraph;
import io.nirsweep.model.NirNode;
import io.nirsweep.model.Output;
import io.nirsweep.sim.SimulationException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A graph with its sub-graphs inlined: every primitive under its {@code outer/inner} path; an edge into a
 * sub-graph goes to the sub-graph's Input node, an edge out of it leaves from its Output node (inner ports stay
 * as pass-through nodes). Only the root's Input and Output nodes are the program's ports.
 */
public record FlatGraph(Map<String, NirNode> nodes, List<Edge> edges, List<String> inputs, List<String> outputs) {

    public static FlatGraph of(NirGraph root) {
        Map<String, NirNode> nodes = new LinkedHashMap<>();
        List<Edge> edges = new ArrayList<>();
        inline(root, "", nodes, edges);
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        root.nodes().forEach((name, node) -> {
            if (node instanceof Input) {
                inputs.add(name);
            } else if (node instanceof Output) {
                outputs.add(name);
            }
        });
        return new FlatGraph(nodes, edges, inputs, outputs);
    }

    private static void inline(NirGraph g, String prefix, Map<String, NirNode> nodes, List<Edge> edges) {
        g.nodes().forEach((name, node) -> {
            if (node instanceof NirGraph sub) {
                inline(sub, prefix + name + "/", nodes, edges);
            } else {
                nodes.put(prefix + name, node);
            }
        });
        // A sub-graph's port is found by a walk over its children: once per sub-graph, not once per edge.
        Map<String, String> entries = new HashMap<>();
        Map<String, String> exits = new HashMap<>();
        for (Edge e : g.edges()) {
            edges.add(new Edge(exits.computeIfAbsent(e.source(), n -> port(g, prefix, n, false)),
                    entries.computeIfAbsent(e.target(), n -> port(g, prefix, n, true))));
        }
    }

    /** The flat name an edge end refers to: the node itself, or a sub-graph's single Input/Output node. */
    private static String port(NirGraph g, String prefix, String name, boolean into) {
        if (!(g.node(name) instanceof NirGraph sub)) {
            return prefix + name;
        }
        Map<String, ?> ports = into ? sub.inputType() : sub.outputType();
        if (ports == null || ports.size() != 1) {
            throw new SimulationException(prefix + name, "a sub-graph needs exactly one " + (into ? "Input" : "Output")
                    + " node to be connected, has " + (ports == null ? 0 : ports.size()));
        }
        return prefix + name + "/" + ports.keySet().iterator().next();
    }
}
