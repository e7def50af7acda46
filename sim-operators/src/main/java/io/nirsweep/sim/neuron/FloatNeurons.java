package io.nirsweep.sim.neuron;

import io.nirsweep.sim.SimulationException;

/**
 * The floating-point neuron steps, composed from named choices: an integration {@link Scheme}, a {@link SpikeTest},
 * a {@link SpikeTiming} (with its {@link ResetTiming}), a {@link Reset} or a simulator's {@link ResetVariant}, and a
 * {@link Precision}; and three rules an importer may add for one node — a floor under the membrane, a cap on the
 * spikes counted per step, a synaptic current that relaxes to v_leak instead of 0. A backend names one value for all
 * its neuron kinds; an importer's rule modifies it for one node ({@link #modified}, with a {@link NeuronModifier}),
 * so the node keeps the backend's other choices. Combinations that make no sense are refused with one line
 * ({@link #refusal}).
 *
 * @param floor the lowest membrane after the reset, per neuron, or null for none
 * @param maxSpikes the most spikes counted per step under {@link Reset#SUBTRACT_ALL}; 0: no cap
 * @param synapseRestsAtVLeak a synaptic current relaxes to the neuron's v_leak instead of 0
 * @param timing which membrane the spike test reads
 * @param resetTiming when the reset acts relative to the decay ({@link ResetTiming#BEFORE_DECAY} in the same step)
 * @param variant a reset rule declared by a simulator's package, replacing {@code reset}'s, or null
 */
public record FloatNeurons(Scheme scheme, SpikeTest test, Reset reset, Precision precision, double[] floor,
        double maxSpikes, boolean synapseRestsAtVLeak, SpikeTiming timing, ResetTiming resetTiming,
        ResetVariant variant) implements NeuronStepFactory {
    public FloatNeurons {
        String refusal = refusal(scheme, reset, floor, maxSpikes, synapseRestsAtVLeak, timing, resetTiming, variant);
        if (refusal != null) {
            throw new IllegalArgumentException(refusal);
        }
    }

    /** These choices, spikes decided in the same step, without floor, cap or moved synapse rest. */
    public FloatNeurons(Scheme scheme, SpikeTest test, Reset reset, Precision precision) {
        this(scheme, test, reset, precision, null, 0, false);
    }

    /** These choices, spikes decided in the same step. */
    public FloatNeurons(Scheme scheme, SpikeTest test, Reset reset, Precision precision, double[] floor,
            double maxSpikes, boolean synapseRestsAtVLeak) {
        this(scheme, test, reset, precision, floor, maxSpikes, synapseRestsAtVLeak, SpikeTiming.SAME_STEP,
                ResetTiming.BEFORE_DECAY, null);
    }

    /**
     * Why these choices make no step, in one line, or null when they do:
     * <ul>
     *   <li>exact integration locates the crossing inside the step and resets there: no floor, spike cap, moved
     *       synapse rest, previous-step test or simulator's reset;
     *   <li>exact decay with an Euler input gain has no synaptic resting value to move;
     *   <li>a simulator's reset variant decides in the same step and sets no floor;
     *   <li>a membrane floor is applied after a same-step reset only;
     *   <li>a reset after the decay exists only for spikes decided from the previous step; subtracting θ twice
     *       needs the subtract reset.
     * </ul>
     */
    public static String refusal(Scheme scheme, Reset reset, double[] floor, double maxSpikes,
            boolean synapseRestsAtVLeak, SpikeTiming timing, ResetTiming resetTiming, ResetVariant variant) {
        if (scheme == Scheme.EXACT) {
            if (floor != null) {
                return "exact integration takes no membrane floor (it resets at the crossing inside the step)";
            }
            if (maxSpikes != 0) {
                return "exact integration takes no cap on spikes per step";
            }
            if (synapseRestsAtVLeak) {
                return "exact integration keeps NIR's synapse resting at 0";
            }
            if (timing == SpikeTiming.PREVIOUS_STEP) {
                return "exact integration locates the crossing inside the step: the spike cannot be decided from "
                        + "the previous step's membrane";
            }
            if (variant != null) {
                return "exact integration resets at the crossing: it cannot run '" + variant.summary() + "'";
            }
        }
        if (scheme == Scheme.EXACT_DECAY_EULER_INPUT && synapseRestsAtVLeak) {
            return "exact decay with an Euler input gain has no synaptic resting value to move";
        }
        if (variant != null && timing == SpikeTiming.PREVIOUS_STEP) {
            return "'" + variant.summary() + "' decides its spike in the same step";
        }
        if (variant != null && floor != null) {
            return "'" + variant.summary() + "' takes no membrane floor";
        }
        if (floor != null && timing == SpikeTiming.PREVIOUS_STEP) {
            return "a membrane floor is applied after a same-step reset only, not with spikes decided from the "
                    + "previous step";
        }
        if (resetTiming != ResetTiming.BEFORE_DECAY && timing != SpikeTiming.PREVIOUS_STEP) {
            return "'" + resetTiming.summary + "' needs spikes decided from the previous step's membrane";
        }
        if (resetTiming == ResetTiming.TWICE && (reset != Reset.SUBTRACT || variant != null)) {
            return "'" + resetTiming.summary + "' needs the plain subtract reset";
        }
        return null;
    }

    public FloatNeurons withFloor(double[] f) {
        return new FloatNeurons(scheme, test, reset, precision, f, maxSpikes, synapseRestsAtVLeak, timing,
                resetTiming, variant);
    }

    public FloatNeurons withMaxSpikes(double cap) {
        return new FloatNeurons(scheme, test, reset, precision, floor, cap, synapseRestsAtVLeak, timing, resetTiming,
                variant);
    }

    public FloatNeurons withSynapseRestingAtVLeak() {
        return new FloatNeurons(scheme, test, reset, precision, floor, maxSpikes, true, timing, resetTiming, variant);
    }

    /** The same with another integrator. */
    public FloatNeurons withScheme(Scheme s) {
        return new FloatNeurons(s, test, reset, precision, floor, maxSpikes, synapseRestsAtVLeak, timing, resetTiming,
                variant);
    }

    /** The same with another spike test. */
    public FloatNeurons withTest(SpikeTest t) {
        return new FloatNeurons(scheme, t, reset, precision, floor, maxSpikes, synapseRestsAtVLeak, timing,
                resetTiming, variant);
    }

    /** The same with another spike timing and reset timing. */
    public FloatNeurons withTiming(SpikeTiming t, ResetTiming rt) {
        return new FloatNeurons(scheme, test, reset, precision, floor, maxSpikes, synapseRestsAtVLeak, t, rt,
                variant);
    }

    /** The same with another reset ({@code v}: a simulator's variant, or null for {@code r}'s rule). */
    public FloatNeurons withReset(Reset r, ResetVariant v) {
        return new FloatNeurons(scheme, test, r, precision, floor, maxSpikes, synapseRestsAtVLeak, timing,
                resetTiming, v);
    }

    /** The same in another number type. */
    public FloatNeurons withPrecision(Precision p) {
        return new FloatNeurons(scheme, test, reset, p, floor, maxSpikes, synapseRestsAtVLeak, timing, resetTiming,
                variant);
    }

    @Override
    public NeuronStepFactory modified(String node, NeuronModifier m) {
        try {
            if (m instanceof NeuronModifier.Floor f) {
                return withFloor(f.floor());
            }
            if (m instanceof NeuronModifier.MaxSpikes c) {
                return withMaxSpikes(c.cap());
            }
            if (m instanceof NeuronModifier.ResetAt r) {
                return timing == SpikeTiming.SAME_STEP ? this : withTiming(timing, r.timing());
            }
            if (m instanceof NeuronModifier.ResetAs r) {
                return withReset(r.reset(), r.variant());
            }
            return withSynapseRestingAtVLeak();
        } catch (IllegalArgumentException e) {
            throw new SimulationException(node, e.getMessage());
        }
    }

    @Override
    public NeuronStep<?> create(String node, NeuronParams p, double dt) {
        if (scheme == Scheme.EXACT) {
            if (reset == Reset.TO_V_RESET) {
                ExactNeuronStep.requireResetBelowThreshold(node, p);
            }
            return new ExactNeuronStep(node, p, dt, test, p.spiking() ? reset.resetValues(p) : null, precision);
        }
        if (p.spiking() && timing == SpikeTiming.PREVIOUS_STEP) {
            return new PreviousStepSpikes(p, integration(p, dt), this);
        }
        if (p.spiking() && variant != null) {
            return variant.create(p, integration(p, dt), this);
        }
        return new FloatNeuronStep(p, integration(p, dt), firing(p), floor);
    }

    /** The sub-threshold update these choices give for one node's parameters. */
    public Integration integration(NeuronParams p, double dt) {
        double[] rest = synapseRestsAtVLeak ? p.vLeak() : new double[p.size()];
        return scheme.integration(p, dt, precision, rest);
    }

    /** The test and reset of these choices for one node's parameters ({@link Firing#MEMBRANE} if it does not spike). */
    public Firing firing(NeuronParams p) {
        return p.spiking() ? reset.firing(p, test, precision, maxSpikes) : Firing.MEMBRANE;
    }

    /** The reset in words: the variant's, or the rule's. */
    public String resetSummary() {
        return variant != null ? variant.summary() : reset.summary;
    }

    /** The spike test in words, with the membrane it reads. */
    public String testSummary() {
        return timing == SpikeTiming.PREVIOUS_STEP
                ? test.summary.replaceFirst("^v ", "v_{t−1} ") + " (decided before the step's input)"
                : test.summary;
    }

    @Override
    public Summary summary() {
        boolean several = variant == null && (scheme == Scheme.EXACT || reset == Reset.SUBTRACT_ALL);
        return new Summary(scheme.summary, testSummary(), resetSummary(), several ? "several (count)" : "at most one",
                precision.summary, timing == SpikeTiming.PREVIOUS_STEP ? "+1 step per spiking layer" : "");
    }
}
