package io.nirsweep.model;

/** A directed identity connection between two nodes of the same graph, by name. */
public record Edge(String source, String target) {
    public Edge {
        Checks.required(source, "edge source");
        Checks.required(target, "edge target");
    }

    @Override
    public String toString() {
        return MessageText.quote(source) + " -> " + MessageText.quote(target);
    }
}
