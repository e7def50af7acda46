package io.nirsweep.sim.simulators.spyx;

import io.nirsweep.sim.neuron.FloatNeurons;
import io.nirsweep.sim.neuron.Integration;
import io.nirsweep.sim.neuron.MembraneState;
import io.nirsweep.sim.neuron.MembraneStep;
import io.nirsweep.sim.neuron.NeuronParams;
import io.nirsweep.sim.neuron.NeuronStep;
import io.nirsweep.sim.neuron.NeuronStepFactory;
import io.nirsweep.sim.neuron.Precision;
import io.nirsweep.sim.neuron.Reset;
import io.nirsweep.sim.neuron.Scheme;
import io.nirsweep.sim.neuron.SpikeTest;

/**
 * Spyx's neurons (docs/platforms.md §4.3): the spike is decided from the membrane the previous step left, before the
 * step's input arrives, and θ comes off by subtraction — before the decay, after it, or both, as the node's
 * {@link ResetTiming} says. Forward Euler with the synaptic current first, state in float32 as JAX keeps it:
 *
 * <pre>
 *   s_t = [v_{t−1} &gt; θ]                         (emitted at the start of step t)
 *   BEFORE_DECAY:  v ← integrate(x, v − θ·s)
 *   AFTER_DECAY:   v ← integrate(x, v) − θ·s
 *   TWICE:         v ← integrate(x, v − θ·s) − θ·s
 * </pre>
 *
 * Each spiking layer adds one step of latency; a recurrent map sees this step's spikes.
 *
 * @param timing when θ comes off the membrane
 */
record PreviousStepSpikes(ResetTiming timing) implements NeuronStepFactory {
    /** The integration (and the step of non-spiking neurons). */
    static final FloatNeurons BASE = new FloatNeurons(Scheme.EULER_CURRENT_FIRST, SpikeTest.GREATER, Reset.SUBTRACT,
            Precision.FLOAT32);

    /** When a spike emitted at the start of a step takes θ off the membrane. */
    enum ResetTiming {
        /** v ← β·(v − θ·s) + x: before the decay (Spyx's RCuBaLIF). */
        BEFORE_DECAY,
        /** v ← β·v + x − θ·s: after the decay (Spyx's LIF and IF). */
        AFTER_DECAY,
        /** v ← β·(v − θ·s) + i − θ·s: both (Spyx's non-recurrent CuBaLIF, which subtracts θ twice per spike). */
        TWICE
    }

    @Override
    public NeuronStep<?> create(String node, NeuronParams p, double dt) {
        if (!p.spiking()) {
            return BASE.create(node, p, dt);
        }
        return new Step(p, BASE.integration(p, dt), timing);
    }

    @Override
    public Summary summary() {
        Summary s = BASE.summary();
        return new Summary(s.integrator(), "v_{t−1} > θ (decided before the step's input)", s.reset(),
                s.spikesPerStep(), s.numbers(), "+1 step per spiking layer");
    }

    /** One sample's membranes and currents, and the spikes emitted at the start of this step. */
    static final class State extends MembraneState {
        final float[] emitted;

        State(int n, boolean cuba) {
            super(n, cuba);
            emitted = new float[n];
        }
    }

    private static final class Step extends MembraneStep<State> {
        private final Integration integration;
        private final ResetTiming timing;

        Step(NeuronParams p, Integration integration, ResetTiming timing) {
            super(p);
            this.integration = integration;
            this.timing = timing;
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
                s.emitted[k] = s.v[k] > th[k] ? 1f : 0f;
            }
            System.arraycopy(s.emitted, 0, y, 0, y.length);
        }

        @Override
        public void step(float[] x, State s, float[] y) {
            double[] v = s.v;
            float[] e = s.emitted;
            double[] th = p.vThreshold();
            if (timing != ResetTiming.AFTER_DECAY) {
                for (int k = 0; k < v.length; k++) {
                    if (e[k] != 0f) {
                        v[k] = (float) (v[k] - th[k]);
                    }
                }
            }
            integration.integrate(x, v, s.i);
            if (timing != ResetTiming.BEFORE_DECAY) {
                for (int k = 0; k < v.length; k++) {
                    v[k] = (float) (v[k] - e[k] * th[k]);
                }
            }
        }
    }
}
