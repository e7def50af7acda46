package io.nirsweep.model;

import java.util.Map;

/** Leaky integrator: τ·dv/dt = (v_leak − v) + R·I. Output: v. */
public record LI(NdArray tau, NdArray r, NdArray vLeak, Metadata metadata) implements Elementwise {
    public LI {
        Checks.sameShape(new String[] {"tau", "r", "v_leak"}, tau, r, vLeak);
    }

    @Override
    public NdArray shapeParameter() {
        return r;
    }

    @Override
    public Map<String, Param> storedParams() {
        return Checks.params("tau", tau, "r", r, "v_leak", vLeak);
    }

    @Override
    public LI withMetadata(Metadata m) {
        return new LI(tau, r, vLeak, m);
    }
}
