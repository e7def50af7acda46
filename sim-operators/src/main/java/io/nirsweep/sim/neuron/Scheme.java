package io.nirsweep.sim.neuron;

/** How neuron state advances over one step of length dt with the input held constant. */
public enum Scheme {
    /** {@link ExactNeuronStep}: exact exponential integration, threshold crossings located within the step. */
    EXACT("exact exponential, crossings located within the step"),
    /** {@link ForwardEuler}: every derivative evaluated at the start of the step. */
    EULER("forward Euler (derivatives at the start of the step)"),
    /** {@link CurrentFirstEuler}: forward Euler, a synaptic current updated first and seen by the membrane. */
    EULER_CURRENT_FIRST("forward Euler, synaptic current updated first"),
    /** {@link ExactDecay}: exact decay with a forward-Euler input gain. */
    EXACT_DECAY_EULER_INPUT("exact decay, forward-Euler input gain"),
    /** {@link ExactMembrane}: exact membrane for the step's input, Euler synapse first, test at the end. */
    EXACT_MEMBRANE("exact membrane decay, Euler synapse first; test at the end of the step");

    public final String summary;

    Scheme(String summary) {
        this.summary = summary;
    }

    /**
     * The sub-threshold update of this scheme (not {@link #EXACT}, whose step fires within the step).
     *
     * @param synapseRest what a synaptic current relaxes to, per neuron (NIR: 0)
     */
    public Integration integration(NeuronParams p, double dt, Precision precision, double[] synapseRest) {
        boolean float32 = precision == Precision.FLOAT32;
        return switch (this) {
            case EULER -> new ForwardEuler(p, dt, float32, synapseRest);
            case EULER_CURRENT_FIRST -> new CurrentFirstEuler(p, dt, float32, synapseRest);
            case EXACT_DECAY_EULER_INPUT -> new ExactDecay(p, dt, float32);
            case EXACT_MEMBRANE -> new ExactMembrane(p, dt, float32, synapseRest);
            case EXACT -> throw new IllegalArgumentException("exact integration fires within the step: "
                    + "use ExactNeuronStep");
        };
    }
}
