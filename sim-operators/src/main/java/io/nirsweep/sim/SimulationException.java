package io.nirsweep.sim;

import io.nirsweep.model.MessageText;

/** A graph, input or option the engine cannot run, naming the node (as {@code outer/inner}) when there is one. */
public final class SimulationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String node;

    public SimulationException(String node, String problem) {
        super(node == null ? problem : "node " + MessageText.quotePath(node) + ": " + problem);
        this.node = node;
    }

    /** The node concerned, or null. */
    public String node() {
        return node;
    }
}
