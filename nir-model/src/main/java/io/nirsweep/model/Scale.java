package io.nirsweep.model;

import java.util.Map;

/** Element-wise scaling: y(t) = x(t) ⊙ s. */
public record Scale(NdArray scale, Metadata metadata) implements Elementwise {
    public Scale {
        Checks.required(scale, "scale");
    }

    @Override
    public NdArray shapeParameter() {
        return scale;
    }

    @Override
    public Map<String, Param> storedParams() {
        return Checks.params("scale", scale);
    }

    @Override
    public Scale withMetadata(Metadata m) {
        return new Scale(scale, m);
    }
}
