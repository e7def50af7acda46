package io.nirsweep.model;

import java.util.Map;

/**
 * Leaky integrate-and-fire: τ·dv/dt = (v_leak − v) + R·I; z = H(v − v_threshold) (strict &gt;);
 * v ← v_reset when z = 1. Output: z. {@code v_reset} defaults to zeros (files before reference v1.0.6).
 */
public record LIF(NdArray tau, NdArray r, NdArray vLeak, NdArray vThreshold, NdArray vReset, Metadata metadata)
        implements Elementwise {
    public LIF {
        vReset = vReset != null ? vReset : Neurons.zerosLike(Checks.required(vThreshold, "v_threshold"));
        Checks.sameShape(new String[] {"tau", "r", "v_leak", "v_threshold", "v_reset"},
                tau, r, vLeak, vThreshold, vReset);
    }

    @Override
    public NdArray shapeParameter() {
        return r;
    }

    @Override
    public Map<String, Param> storedParams() {
        return Checks.params("tau", tau, "r", r, "v_leak", vLeak, "v_threshold", vThreshold, "v_reset", vReset);
    }

    @Override
    public LIF withMetadata(Metadata m) {
        return new LIF(tau, r, vLeak, vThreshold, vReset, m);
    }
}
