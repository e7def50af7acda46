package io.nirsweep.model.types;

import io.nirsweep.model.NdArray;
import io.nirsweep.model.NirException;
import io.nirsweep.model.NirGraph;
import io.nirsweep.model.NirNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Values no dynamics can run with, refused where the type check runs (so by {@code validate}, {@code simulate}
 * and sweeps alike): a time constant that is not finite and positive (τ = 0 divides by zero, τ &lt; 0 makes the
 * leak grow without bound) and NaN or ±∞ in any numeric parameter. The reference reads such files and every
 * simulator then computes NaN. Without type checking they are read as stored, as the reference does (a real
 * Spyx file stores negative τ).
 */
public final class ParameterValues {
    /** The parameters that divide a derivative: τ·dv/dt = ... */
    private static final Set<String> TIME_CONSTANTS = Set.of("tau", "tau_mem", "tau_syn");

    private ParameterValues() {}

    /**
     * Refuses the first impossible value in the node or, for a graph, in any node nested in it: for whoever runs
     * a graph that may not have been type-checked (read without it, or rescaled by a sweep).
     */
    public static void check(NirNode root) {
        record Entry(String path, NirNode node) {}
        // An explicit stack: how deep graphs nest is up to the file.
        List<Entry> pending = new ArrayList<>(List.of(new Entry(null, root)));
        while (!pending.isEmpty()) {
            Entry e = pending.remove(pending.size() - 1);
            if (e.node() instanceof NirGraph g) {
                g.nodes().forEach((name, child) -> pending.add(new Entry(e.path() == null ? name
                        : e.path() + "/" + name, child)));
            } else {
                check(e.node(), e.path());
            }
        }
    }

    /** Refuses the primitive's first impossible value, naming the node path (null: the root) and the parameter. */
    static void check(NirNode node, String path) {
        node.storedParams().forEach((key, param) -> {
            if (param instanceof NdArray a) {
                try {
                    check(a, key, TIME_CONSTANTS.contains(key));
                } catch (NirException e) {
                    throw path == null ? e : e.inNode(path);
                }
            }
        });
    }

    private static void check(NdArray a, String key, boolean timeConstant) {
        if (!timeConstant && !a.dtype().isFloating()) {
            return; // integers are always finite
        }
        for (int i = 0; i < a.size(); i++) {
            double v = a.getDouble(i);
            if (timeConstant && !(v > 0 && v < Double.POSITIVE_INFINITY)) {
                throw NirException.value(key, "must be finite and > 0 (a time constant, in seconds), has " + v
                        + at(a, i));
            }
            if (!Double.isFinite(v)) {
                throw NirException.value(key, "must be finite, has " + v + at(a, i));
            }
        }
    }

    private static String at(NdArray a, int i) {
        return a.size() == 1 ? "" : " at index " + i;
    }
}
