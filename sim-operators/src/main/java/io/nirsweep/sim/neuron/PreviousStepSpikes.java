package io.nirsweep.sim.neuron;

/**
 * Spikes decided from the membrane the previous step left, before the step's input arrives
 * ({@link SpikeTiming#PREVIOUS_STEP}; Spyx's neurons, docs/platforms.md §4.3). The reset then acts before the decay,
 * after it, or — for a subtract reset — both, as the {@link ResetTiming} says; integration, test, reset and number
 * type are the {@link FloatNeurons} choices:
 *
 * <pre>
 *   s_t = test(v_{t−1})                                    (emitted at the start of step t; a count under SUBTRACT_ALL)
 *   BEFORE_DECAY:  v ← integrate(x, reset(v, s))
 *   AFTER_DECAY:   v ← reset(integrate(x, v), s)
 *   TWICE:         v ← integrate(x, v − θ·s) − θ·s
 * </pre>
 *
 * reset(v, s) is v − s·θ for the subtract resets, v_reset (or 0) where s for the others. Each spiking layer adds one
 * step of latency; a recurrent map sees this step's spikes, so a loop needs no delayed edge.
 */
final class PreviousStepSpikes extends MembraneStep<PreviousStepSpikes.State> {
    private final Integration integration;
    private final ResetTiming timing;
    private final boolean strict;
    private final boolean float32;
    private final boolean subtract;
    private final boolean count;
    private final double cap;
    private final double[] resetValue;

    PreviousStepSpikes(NeuronParams p, Integration integration, FloatNeurons c) {
        super(p);
        this.integration = integration;
        this.timing = c.resetTiming();
        this.strict = c.test() == SpikeTest.GREATER;
        this.float32 = c.precision() == Precision.FLOAT32;
        this.subtract = c.reset() == Reset.SUBTRACT || c.reset() == Reset.SUBTRACT_ALL;
        this.count = c.reset() == Reset.SUBTRACT_ALL;
        this.cap = c.maxSpikes() > 0 ? c.maxSpikes() : Double.MAX_VALUE;
        this.resetValue = c.reset().resetValues(p);
    }

    /** One sample's membranes and currents, and the spikes emitted at the start of this step. */
    static final class State extends MembraneState {
        final float[] emitted;

        State(int n, boolean cuba) {
            super(n, cuba);
            emitted = new float[n];
        }
    }

    @Override
    public State newState() {
        return new State(p.size(), p.cuba());
    }

    @Override
    public boolean decidesBeforeInput() {
        return true;
    }

    @Override
    public void emit(State s, float[] y) {
        double[] th = p.vThreshold();
        for (int k = 0; k < y.length; k++) {
            double vk = s.v[k];
            boolean fired = strict ? vk > th[k] : vk >= th[k];
            double n = 1;
            if (count && fired) {
                double ratio = float32 ? (float) (vk / th[k]) : vk / th[k];
                n = Math.min(cap, Math.max(1, Math.floor(ratio)));
            }
            s.emitted[k] = fired ? (float) n : 0f;
        }
        System.arraycopy(s.emitted, 0, y, 0, y.length);
    }

    @Override
    public void step(float[] x, State s, float[] y) {
        double[] v = s.v;
        float[] e = s.emitted;
        if (timing != ResetTiming.AFTER_DECAY) {
            for (int k = 0; k < v.length; k++) {
                if (e[k] != 0f) {
                    v[k] = subtract ? round(v[k] - e[k] * p.vThreshold()[k]) : resetValue[k];
                }
            }
        }
        integration.integrate(x, v, s.i);
        if (timing == ResetTiming.BEFORE_DECAY) {
            return;
        }
        for (int k = 0; k < v.length; k++) {
            if (subtract) {
                v[k] = round(v[k] - e[k] * p.vThreshold()[k]);
            } else if (e[k] != 0f) {
                v[k] = resetValue[k];
            }
        }
    }

    private double round(double x) {
        return float32 ? (float) x : x;
    }
}
