package io.nirsweep.model;

import java.util.Map;

/**
 * Current-based leaky integrator: τ_syn·dI/dt = −I + w_in·S; τ_mem·dv/dt = (v_leak − v) + R·I. Output: v.
 * {@code w_in} defaults to 1 and is broadcast to the neuron shape, as the reference constructor does.
 */
public record CubaLI(NdArray tauSyn, NdArray tauMem, NdArray r, NdArray vLeak, NdArray wIn, Metadata metadata)
        implements Elementwise {
    public CubaLI {
        wIn = Neurons.broadcastWIn(Checks.required(vLeak, "v_leak"), wIn);
        Checks.sameShape(new String[] {"tau_syn", "tau_mem", "r", "v_leak", "w_in"}, tauSyn, tauMem, r, vLeak, wIn);
    }

    @Override
    public NdArray shapeParameter() {
        return vLeak;
    }

    @Override
    public Map<String, Param> storedParams() {
        return Checks.params("tau_syn", tauSyn, "tau_mem", tauMem, "r", r, "v_leak", vLeak, "w_in", wIn);
    }

    @Override
    public CubaLI withMetadata(Metadata m) {
        return new CubaLI(tauSyn, tauMem, r, vLeak, wIn, m);
    }
}
