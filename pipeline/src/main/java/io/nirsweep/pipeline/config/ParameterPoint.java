package io.nirsweep.pipeline.config;

import io.nirsweep.operators.inputs.InputSpec;
import io.nirsweep.sim.backend.StepLength;
import java.io.Serializable;

/**
 * One point of a sweep's parameter grid.
 *
 * @param dt             seconds per simulation step, or {@code native}: the backend importer's own
 * @param tauScale       factor applied to every time constant of the model, &gt; 0
 * @param thresholdScale factor applied to every threshold of the model, &gt; 0
 * @param weightBits     weight width for hardware targets (2 to 32), or null for weights as stored
 * @param inputSeed      seed of generated input sets, or null for points of an input set that is read from files
 *                       (whose samples no seed changes)
 */
public record ParameterPoint(StepLength dt, double tauScale, double thresholdScale, Integer weightBits, Long inputSeed)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * The point as canonical JSON, the {@code params} column of the results: keys sorted, no spaces, numbers in
     * their shortest form ({@link CanonicalJson}), absent values as {@code null}. For example
     * <pre>{"dt":0.0001,"input_seed":null,"tau_scale":1,"threshold_scale":1.5,"weight_bits":8}</pre>
     * Equal points give equal text, whatever the config wrote ({@code 1e-4} or {@code 0.0001}); the importer's own
     * dt is the string {@code "native"}.
     */
    public String canonicalJson() {
        return "{\"dt\":" + (dt.isNative() ? "\"" + StepLength.NATIVE_WORD + "\"" : CanonicalJson.number(dt.seconds()))
                + ",\"input_seed\":" + (inputSeed == null ? "null" : inputSeed.toString())
                + ",\"tau_scale\":" + CanonicalJson.number(tauScale)
                + ",\"threshold_scale\":" + CanonicalJson.number(thresholdScale)
                + ",\"weight_bits\":" + (weightBits == null ? "null" : weightBits.toString())
                + "}";
    }

    /** The input set as this point runs it: seeded with {@link #inputSeed()} when it is generated. */
    public InputSpec input(InputSpec spec) {
        return spec.seeded() && inputSeed != null ? spec.withSeed(inputSeed) : spec;
    }
}
