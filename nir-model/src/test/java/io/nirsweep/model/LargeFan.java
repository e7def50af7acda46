package io.nirsweep.model;

import java.util.function.Supplier;

/**
 * A big graph of tiny nodes, for the tests that bound how long reading, checking and compiling take: every step
 * on that path must be linear (or n log n) in the edges a file declares. Input {@code in} [1] feeds {@code s0};
 * each of the nodes {@code s0 … s(n−1)} feeds the next {@code fan} ones, so every node but the first sums up to
 * {@code fan} inputs; {@code s(n−1)} is left for the caller to continue.
 */
public record LargeFan(int nodes, int fan) {
    /** Edges of a graph under the default read limit of 10^6 that both fans come close to. */
    public static final int NEARLY_A_MILLION = 999_800;
    /** 10,050 nodes feeding the next 100: 999,951 edges (with {@code in}), and a file of about 115 MB. */
    public static final LargeFan WIDE = new LargeFan(10_050, 100);
    /**
     * 90,900 nodes feeding the next 11: 999,835 edges (with {@code in}), and nearly the most nodes a file may
     * hold, so that work per node per edge (10^11 steps) cannot hide inside a test's time bound.
     */
    public static final LargeFan DEEP = new LargeFan(90_900, 11);

    public NirGraph.Builder builder(Supplier<NirNode> node) {
        NirGraph.Builder b = NirGraph.builder().node("in", Input.of(1));
        for (int i = 0; i < nodes; i++) {
            b.node("s" + i, node.get());
        }
        b.edge("in", "s0");
        for (int i = 0; i < nodes; i++) {
            for (int k = 1; k <= fan && i + k < nodes; k++) {
                b.edge("s" + i, "s" + (i + k));
            }
        }
        return b;
    }

    /** The last node of the fan. */
    public String last() {
        return "s" + (nodes - 1);
    }

    /** The fan of Scale [1] nodes, ending in an Output {@code out}. */
    public NirGraph ofScales() {
        NdArray half = NdArray.ofDoubles(DType.FLOAT32, new int[] {1}, new double[] {0.5});
        return builder(() -> new Scale(half, Metadata.EMPTY)).node("out", Output.of(Shape.of(1)))
                .edge(last(), "out").build();
    }
}
