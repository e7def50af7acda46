package io.nirsweep.sim.neuron;

/** The number type floating-point neuron state is kept in (weights and activations are float32 throughout). */
public enum Precision {
    /** State in float64. */
    FLOAT64("float32 weights and activations, float64 state"),
    /** State rounded to float32 after every update, as PyTorch and JAX simulators keep it. */
    FLOAT32("float32 throughout");

    public final String summary;

    Precision(String summary) {
        this.summary = summary;
    }
}
