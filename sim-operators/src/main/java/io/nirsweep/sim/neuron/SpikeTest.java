package io.nirsweep.sim.neuron;

/** When a neuron spikes, tested on the membrane at the end of the step (after integration). */
public enum SpikeTest {
    /** v &gt; v_threshold, as NIR's Heaviside H(v − θ) defines it. */
    GREATER("v > θ"),
    /** v ≥ v_threshold. */
    GREATER_OR_EQUAL("v ≥ θ");

    public final String summary;

    SpikeTest(String summary) {
        this.summary = summary;
    }
}
