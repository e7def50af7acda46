package io.nirsweep.model.transform;

import io.nirsweep.model.CubaLI;
import io.nirsweep.model.CubaLIF;
import io.nirsweep.model.IF;
import io.nirsweep.model.LI;
import io.nirsweep.model.LIF;
import io.nirsweep.model.NdArray;
import io.nirsweep.model.NirGraph;
import io.nirsweep.model.NirNode;
import io.nirsweep.model.Threshold;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parameter-sweep variants of a graph: every time constant (τ, τ_mem, τ_syn) multiplied by one factor and every
 * threshold (v_threshold, Threshold θ) by another, in nested graphs too. Dtypes are kept (a float32 τ stays
 * float32); a factor of 1 returns the graph unchanged.
 */
public final class Rescale {
    private Rescale() {}

    public static NirGraph apply(NirGraph graph, double tauScale, double thresholdScale) {
        if (!(tauScale > 0) || !(thresholdScale > 0) || Double.isInfinite(tauScale)
                || Double.isInfinite(thresholdScale)) {
            throw new IllegalArgumentException("scales must be positive and finite, got tau_scale " + tauScale
                    + ", threshold_scale " + thresholdScale);
        }
        if (tauScale == 1 && thresholdScale == 1) {
            return graph;
        }
        Map<String, NirNode> nodes = new LinkedHashMap<>();
        graph.nodes().forEach((name, node) -> nodes.put(name, node(node, tauScale, thresholdScale)));
        return graph.with(nodes, graph.edges());
    }

    private static NirNode node(NirNode n, double tau, double th) {
        if (n instanceof NirGraph g) {
            return apply(g, tau, th);
        }
        if (n instanceof LI x) {
            return new LI(times(x.tau(), tau), x.r(), x.vLeak(), x.metadata());
        }
        if (n instanceof LIF x) {
            return new LIF(times(x.tau(), tau), x.r(), x.vLeak(), times(x.vThreshold(), th), x.vReset(), x.metadata());
        }
        if (n instanceof IF x) {
            return new IF(x.r(), times(x.vThreshold(), th), x.vReset(), x.metadata());
        }
        if (n instanceof CubaLI x) {
            return new CubaLI(times(x.tauSyn(), tau), times(x.tauMem(), tau), x.r(), x.vLeak(), x.wIn(), x.metadata());
        }
        if (n instanceof CubaLIF x) {
            return new CubaLIF(times(x.tauSyn(), tau), times(x.tauMem(), tau), x.r(), x.vLeak(),
                    times(x.vThreshold(), th), x.vReset(), x.wIn(), x.metadata());
        }
        if (n instanceof Threshold x) {
            return new Threshold(times(x.threshold(), th), x.metadata());
        }
        return n;
    }

    /** a·f, keeping a float dtype; an integer array becomes float64 (a scaled integer is rarely an integer). */
    private static NdArray times(NdArray a, double f) {
        if (f == 1) {
            return a;
        }
        double[] v = a.toDoubleArray();
        for (int k = 0; k < v.length; k++) {
            v[k] *= f;
        }
        return NdArray.ofDoubles(a.dtype().isFloating() ? a.dtype() : io.nirsweep.model.DType.FLOAT64, a.shape(), v);
    }
}
