package io.nirsweep.sim.neuron;

/**
 * When a spike decided from the previous step's membrane ({@link SpikeTiming#PREVIOUS_STEP}) resets the membrane,
 * relative to the step's decay and input. With {@link SpikeTiming#SAME_STEP} the reset follows the test, so the next
 * decay sees the reset membrane: {@link #BEFORE_DECAY} is the only timing there (an importer's per-node
 * {@link NeuronModifier.ResetAt} is then inert; as a backend's own choice another timing is refused).
 */
public enum ResetTiming {
    /** v ← integrate(x, reset(v)): before the decay. */
    BEFORE_DECAY("reset before the decay"),
    /** v ← reset(integrate(x, v)): after the decay and the input. */
    AFTER_DECAY("reset after the decay"),
    /** v ← integrate(x, v − θ·s) − θ·s: θ subtracted before and after (subtract reset only). */
    TWICE("θ subtracted before and after the decay (twice per spike)");

    public final String summary;

    ResetTiming(String summary) {
        this.summary = summary;
    }
}
