package io.nirsweep.model;

import java.util.Map;

/**
 * Current-based LIF: τ_syn·dI/dt = −I + w_in·S; τ_mem·dv/dt = (v_leak − v) + R·I;
 * z = H(v − v_threshold) (strict &gt;); v ← v_reset when z = 1. Output: z. {@code v_reset} defaults to
 * zeros, {@code w_in} to 1 broadcast to the neuron shape (files before reference v1.0).
 */
public record CubaLIF(NdArray tauSyn, NdArray tauMem, NdArray r, NdArray vLeak, NdArray vThreshold,
        NdArray vReset, NdArray wIn, Metadata metadata) implements Elementwise {
    public CubaLIF {
        Checks.required(vThreshold, "v_threshold");
        vReset = vReset != null ? vReset : Neurons.zerosLike(vThreshold);
        wIn = Neurons.broadcastWIn(vThreshold, wIn);
        Checks.sameShape(new String[] {"tau_syn", "tau_mem", "r", "v_leak", "v_threshold", "v_reset", "w_in"},
                tauSyn, tauMem, r, vLeak, vThreshold, vReset, wIn);
    }

    @Override
    public NdArray shapeParameter() {
        return vThreshold;
    }

    @Override
    public Map<String, Param> storedParams() {
        return Checks.params("tau_syn", tauSyn, "tau_mem", tauMem, "r", r, "v_leak", vLeak,
                "v_threshold", vThreshold, "v_reset", vReset, "w_in", wIn);
    }

    @Override
    public CubaLIF withMetadata(Metadata m) {
        return new CubaLIF(tauSyn, tauMem, r, vLeak, vThreshold, vReset, wIn, m);
    }
}
