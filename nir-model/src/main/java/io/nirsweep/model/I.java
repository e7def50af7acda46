package io.nirsweep.model;

import java.util.Map;

/** Integrator: dv/dt = R·I. Output: v. */
public record I(NdArray r, Metadata metadata) implements Elementwise {
    public I {
        Checks.required(r, "r");
    }

    @Override
    public NdArray shapeParameter() {
        return r;
    }

    @Override
    public Map<String, Param> storedParams() {
        return Checks.params("r", r);
    }

    @Override
    public I withMetadata(Metadata m) {
        return new I(r, m);
    }
}
