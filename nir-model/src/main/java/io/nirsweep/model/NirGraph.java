package io.nirsweep.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A graph of named nodes and ordered directed edges between names of this graph. Nodes may be graphs
 * themselves (nested to any depth). Edges are identity connections; several edges into one node are summed;
 * cycles express recurrence. Its ports are its Input and Output children.
 *
 * <p>Every edge must name nodes of this graph (upstream NIR PR #188; the reference snapshot fails with a raw
 * KeyError). Duplicate edges are kept, as the reference snapshot does.
 */
public record NirGraph(Map<String, NirNode> nodes, List<Edge> edges, Metadata metadata) implements NirNode {
    public NirGraph {
        Map<String, NirNode> copy = new LinkedHashMap<>();
        // Each name's one instance: edges read from a file hold their own copies of the names, a million of them
        // in a big graph; sharing the node's instance frees those and makes later look-ups compare by identity.
        Map<String, String> names = new HashMap<>();
        for (Map.Entry<String, NirNode> e : nodes.entrySet()) {
            String name = Checks.required(e.getKey(), "node name");
            if (name.isEmpty() || name.indexOf('/') >= 0 || name.indexOf('\0') >= 0) {
                throw NirException.format("node name " + MessageText.quote(name) + " is empty or contains '/' or NUL");
            }
            copy.put(name, Checks.required(e.getValue(), "node " + MessageText.quote(name)));
            names.put(name, name);
        }
        nodes = Collections.unmodifiableMap(copy);
        List<Edge> shared = new ArrayList<>(edges.size());
        for (Edge edge : edges) {
            String source = names.get(edge.source());
            String target = names.get(edge.target());
            if (source == null || target == null) {
                throw NirException.format("edge " + edge + " refers to a node "
                        + MessageText.quote(source == null ? edge.source() : edge.target())
                        + " that the graph does not have");
            }
            shared.add(source == edge.source() && target == edge.target() ? edge : new Edge(source, target));
        }
        edges = Collections.unmodifiableList(shared);
        metadata = metadata == null ? Metadata.EMPTY : metadata;
    }

    public static NirGraph of(Map<String, NirNode> nodes, List<Edge> edges) {
        return new NirGraph(nodes, edges, Metadata.EMPTY);
    }

    /** Starts a graph built node by node (names in insertion order). */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a graph: {@code NirGraph.builder().node("in", Input.of(3)).node("lif", lif).chain("in", "lif").build()}. */
    public static final class Builder {
        private final Map<String, NirNode> nodes = new LinkedHashMap<>();
        private final List<Edge> edges = new ArrayList<>();
        private Metadata metadata = Metadata.EMPTY;

        private Builder() {}

        public Builder node(String name, NirNode node) {
            if (nodes.putIfAbsent(name, node) != null) {
                throw new IllegalArgumentException("node " + MessageText.quote(name) + " added twice");
            }
            return this;
        }

        public Builder edge(String source, String target) {
            edges.add(new Edge(source, target));
            return this;
        }

        /** Edges between consecutive names. */
        public Builder chain(String... names) {
            for (int k = 1; k < names.length; k++) {
                edge(names[k - 1], names[k]);
            }
            return this;
        }

        public Builder metadata(Metadata m) {
            metadata = m;
            return this;
        }

        public NirGraph build() {
            return new NirGraph(nodes, edges, metadata);
        }
    }

    public NirNode node(String name) {
        return nodes.get(name);
    }

    /** The same graph with other nodes and edges (same metadata). */
    public NirGraph with(Map<String, NirNode> newNodes, List<Edge> newEdges) {
        return new NirGraph(newNodes, newEdges, metadata);
    }

    @Override
    public String typeName() {
        return "NIRGraph";
    }

    /** Input children by name, in node order; null when the graph has none (as the reference reports). */
    @Override
    public Map<String, Shape> inputType() {
        Map<String, Shape> m = ports(Input.class);
        return m.isEmpty() ? null : m;
    }

    /** Output children by name, in node order; empty when the graph has none. */
    @Override
    public Map<String, Shape> outputType() {
        return ports(Output.class);
    }

    private Map<String, Shape> ports(Class<? extends NirNode> kind) {
        Map<String, Shape> m = new LinkedHashMap<>();
        nodes.forEach((name, node) -> {
            if (kind.isInstance(node)) {
                m.put(name, node.outputShape());
            }
        });
        return Collections.unmodifiableMap(m);
    }

    /** The single input port's shape, or null when there is not exactly one known. */
    @Override
    public Shape inputShape() {
        Map<String, Shape> in = inputType();
        return in != null && in.size() == 1 ? in.values().iterator().next() : null;
    }

    /** The single output port's shape, or null when there is not exactly one known. */
    @Override
    public Shape outputShape() {
        Map<String, Shape> out = outputType();
        return out.size() == 1 ? out.values().iterator().next() : null;
    }

    /** A graph stores no parameters of its own: its children and edges are separate groups. */
    @Override
    public Map<String, Param> storedParams() {
        return Map.of();
    }

    @Override
    public NirGraph withMetadata(Metadata m) {
        return new NirGraph(nodes, edges, m);
    }
}
