package io.nirsweep.model;

import java.util.Map;

/**
 * Integrate-and-fire: dv/dt = R·I; z = H(v − v_threshold) (strict &gt;); v ← v_reset when z = 1. Output: z.
 * Files written before reference v1.0.6 have no {@code v_reset}; it defaults to zeros.
 */
public record IF(NdArray r, NdArray vThreshold, NdArray vReset, Metadata metadata) implements Elementwise {
    public IF {
        vReset = vReset != null ? vReset : Neurons.zerosLike(Checks.required(vThreshold, "v_threshold"));
        Checks.sameShape(new String[] {"r", "v_threshold", "v_reset"}, r, vThreshold, vReset);
    }

    @Override
    public NdArray shapeParameter() {
        return r;
    }

    @Override
    public Map<String, Param> storedParams() {
        return Checks.params("r", r, "v_threshold", vThreshold, "v_reset", vReset);
    }

    @Override
    public IF withMetadata(Metadata m) {
        return new IF(r, vThreshold, vReset, m);
    }
}
