package io.nirsweep.sim.neuron;

/** What a spike does to the membrane. */
public enum Reset {
    /** v ← v_reset (NIR ≥ 1.0.6; zero in older files). */
    TO_V_RESET("v ← v_reset"),
    /** v ← 0 whatever the file's v_reset (importers that never read it). */
    TO_ZERO("v ← 0 (v_reset ignored)"),
    /** v ← v − v_threshold (NIR ≤ 1.0.5 docstrings; "subtract" resets). */
    SUBTRACT("v ← v − θ"),
    /** n = ⌊v/θ⌋ spikes when the test passes, v ← v − n·θ: several spikes per step. */
    SUBTRACT_ALL("n = ⌊v/θ⌋ spikes, v ← v − n·θ");

    public final String summary;

    Reset(String summary) {
        this.summary = summary;
    }

    /** The membrane right after a spike: v_reset, or zeros (also for subtraction at an exact crossing, θ − θ). */
    double[] resetValues(NeuronParams p) {
        return this == TO_V_RESET ? p.vReset() : new double[p.size()];
    }

    /** The end-of-step test and reset for spiking neurons. */
    Firing firing(NeuronParams p, SpikeTest test, Precision precision, double maxSpikes) {
        boolean strict = test == SpikeTest.GREATER;
        boolean float32 = precision == Precision.FLOAT32;
        return switch (this) {
            case TO_V_RESET, TO_ZERO -> new Firing.ResetToValue(p.vThreshold(), resetValues(p), strict);
            case SUBTRACT -> new Firing.SubtractThreshold(p.vThreshold(), strict, float32);
            case SUBTRACT_ALL -> new Firing.SubtractAll(p.vThreshold(), strict, float32, maxSpikes);
        };
    }
}
