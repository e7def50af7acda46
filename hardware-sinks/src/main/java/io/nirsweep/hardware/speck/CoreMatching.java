package io.nirsweep.hardware.speck;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Sinabs' assignment of layers to cores (synsense/sinabs, commit 904eb89, {@code sinabs/backend/dynapcnn/mapping.py}:
 * {@code make_flow_graph}, {@code edmonds}, {@code recover_mapping}): a flow network source → layer (capacity 1) →
 * every core the layer fits (capacity 1) → sink (capacity 1), and Edmonds–Karp: breadth-first searches for an
 * augmenting path, edges visited in the order the graph lists them (a node's forward edges in layer or core
 * order, the reverse edges where {@code make_flow_graph} appends them), until none is left. The same edge order
 * gives the same assignment as sinabs. The graph has at most 2 + layers + 9 nodes: a layer count beyond the cores is
 * refused before matching.
 */
public final class CoreMatching {
    private CoreMatching() {}

    private static final class Edge {
        final int s;
        final int t;
        final int cap;
        int flow;
        Edge rev;

        Edge(int s, int t, int cap) {
            this.s = s;
            this.t = t;
            this.cap = cap;
        }
    }

    /**
     * @param candidates per layer (in layer order) the cores it fits, in core order ({@code find_chip_layers})
     * @param cores the number of cores
     * @return per layer its core, or −1 for a layer the maximum matching leaves out (sinabs then raises "No valid
     *     mapping found")
     */
    public static int[] assign(List<int[]> candidates, int cores) {
        int layers = candidates.size();
        int offset = layers + 1;
        int sink = layers + cores + 1;
        List<List<Edge>> graph = new ArrayList<>();
        for (int k = 0; k <= sink; k++) {
            graph.add(new ArrayList<>());
        }
        for (int i = 0; i < layers; i++) {
            link(graph, 0, i + 1);
        }
        for (int i = 0; i < layers; i++) {
            for (int core : candidates.get(i)) {
                link(graph, i + 1, core + offset);
            }
        }
        for (int c = offset; c < sink; c++) {
            link(graph, c, sink);
        }
        while (true) {
            Edge[] pred = new Edge[graph.size()];
            ArrayDeque<Integer> queue = new ArrayDeque<>(List.of(0));
            while (!queue.isEmpty()) {
                int cur = queue.poll();
                for (Edge e : graph.get(cur)) {
                    if (pred[e.t] == null && e.t != 0 && e.cap > e.flow) {
                        pred[e.t] = e;
                        queue.add(e.t);
                    }
                }
            }
            if (pred[sink] == null) {
                break;
            }
            // every residual capacity is 1 (forward: 1 − 0, reverse: 0 − (−1)): each path carries one unit
            for (Edge e = pred[sink]; e != null; e = pred[e.s]) {
                e.flow += 1;
                e.rev.flow -= 1;
            }
        }
        int[] core = new int[layers];
        Arrays.fill(core, -1);
        for (int i = 0; i < layers; i++) {
            for (Edge e : graph.get(i + 1)) {
                if (e.flow == 1) {
                    core[i] = e.t - offset;
                }
            }
        }
        return core;
    }

    private static void link(List<List<Edge>> graph, int s, int t) {
        Edge forward = new Edge(s, t, 1);
        Edge backward = new Edge(t, s, 0);
        forward.rev = backward;
        backward.rev = forward;
        graph.get(s).add(forward);
        graph.get(t).add(backward);
    }
}
