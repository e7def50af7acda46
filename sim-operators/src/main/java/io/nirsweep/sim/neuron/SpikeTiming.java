package io.nirsweep.sim.neuron;

/**
 * Which membrane the spike test reads. NIR's equations test the membrane the step's input has just moved; some
 * simulators test the membrane the previous step left, before the input arrives, which adds one step of latency
 * per spiking layer and lets a loop close without a delayed edge.
 */
public enum SpikeTiming {
    /** s_t = [v_t &gt; θ], v_t after the step's input: the step's output waits for its input. */
    SAME_STEP("decided from this step's membrane, after its input"),
    /** s_t = [v_{t−1} &gt; θ], emitted at the start of step t ({@link PreviousStepSpikes}). */
    PREVIOUS_STEP("decided from the previous step's membrane (+1 step per spiking layer)");

    public final String summary;

    SpikeTiming(String summary) {
        this.summary = summary;
    }
}
