package io.nirsweep.model;

import java.util.Map;

/** Spike on threshold: z(t) = H(x(t) − θ), i.e. 1 when x > θ (strict), else 0. */
public record Threshold(NdArray threshold, Metadata metadata) implements Elementwise {
    public Threshold {
        Checks.required(threshold, "threshold");
    }

    @Override
    public NdArray shapeParameter() {
        return threshold;
    }

    @Override
    public Map<String, Param> storedParams() {
        return Checks.params("threshold", threshold);
    }

    @Override
    public Threshold withMetadata(Metadata m) {
        return new Threshold(threshold, m);
    }
}
