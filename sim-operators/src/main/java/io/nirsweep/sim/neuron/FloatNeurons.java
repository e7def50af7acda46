package io.nirsweep.sim.neuron;

/**
 * The floating-point neuron steps, composed from named choices: an integration {@link Scheme}, a {@link SpikeTest}, a
 * {@link Reset} and a {@link Precision}, and three rules an importer may add for one node — a floor under the
 * membrane, a cap on the spikes counted per step, a synaptic current that relaxes to v_leak instead of 0. A backend
 * names one value for all its neuron kinds; an importer's rule replaces it for one node with a variant
 * ({@link #withFloor}, {@link #withMaxSpikes}, {@link #withSynapseRestingAtVLeak}), and says so in a note.
 *
 * @param floor the lowest membrane after the reset, per neuron, or null for none
 * @param maxSpikes the most spikes counted per step under {@link Reset#SUBTRACT_ALL}; 0: no cap
 * @param synapseRestsAtVLeak a synaptic current relaxes to the neuron's v_leak instead of 0
 */
public record FloatNeurons(Scheme scheme, SpikeTest test, Reset reset, Precision precision, double[] floor,
        double maxSpikes, boolean synapseRestsAtVLeak) implements NeuronStepFactory {
    public FloatNeurons {
        if (scheme == Scheme.EXACT && (floor != null || maxSpikes != 0 || synapseRestsAtVLeak)) {
            throw new IllegalArgumentException("exact integration takes no floor, spike cap or moved synapse rest");
        }
    }

    /** These choices, without floor, cap or moved synapse rest. */
    public FloatNeurons(Scheme scheme, SpikeTest test, Reset reset, Precision precision) {
        this(scheme, test, reset, precision, null, 0, false);
    }

    public FloatNeurons withFloor(double[] f) {
        return new FloatNeurons(scheme, test, reset, precision, f, maxSpikes, synapseRestsAtVLeak);
    }

    public FloatNeurons withMaxSpikes(double cap) {
        return new FloatNeurons(scheme, test, reset, precision, floor, cap, synapseRestsAtVLeak);
    }

    public FloatNeurons withSynapseRestingAtVLeak() {
        return new FloatNeurons(scheme, test, reset, precision, floor, maxSpikes, true);
    }

    @Override
    public NeuronStep<?> create(String node, NeuronParams p, double dt) {
        if (scheme == Scheme.EXACT) {
            if (reset == Reset.TO_V_RESET) {
                ExactNeuronStep.requireResetBelowThreshold(node, p);
            }
            return new ExactNeuronStep(node, p, dt, test, p.spiking() ? reset.resetValues(p) : null, precision);
        }
        return new FloatNeuronStep(p, integration(p, dt), firing(p), floor);
    }

    /** The sub-threshold update these choices give for one node's parameters. */
    public Integration integration(NeuronParams p, double dt) {
        double[] rest = synapseRestsAtVLeak ? p.vLeak() : new double[p.size()];
        return scheme.integration(p, dt, precision, rest);
    }

    /** The test and reset these choices give for one node's parameters ({@link Firing#MEMBRANE} if it does not spike). */
    public Firing firing(NeuronParams p) {
        return p.spiking() ? reset.firing(p, test, precision, maxSpikes) : Firing.MEMBRANE;
    }

    @Override
    public Summary summary() {
        String spikes = scheme == Scheme.EXACT || reset == Reset.SUBTRACT_ALL ? "several (count)" : "at most one";
        return new Summary(scheme.summary, test.summary, reset.summary, spikes, precision.summary, "");
    }
}
