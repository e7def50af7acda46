package io.nirsweep.sim.simulators.snntorch;

import io.nirsweep.sim.neuron.FloatNeurons;
import io.nirsweep.sim.neuron.Integration;
import io.nirsweep.sim.neuron.MembraneState;
import io.nirsweep.sim.neuron.MembraneStep;
import io.nirsweep.sim.neuron.NeuronParams;
import io.nirsweep.sim.neuron.NeuronStep;
import io.nirsweep.sim.neuron.NeuronStepFactory;
import io.nirsweep.sim.neuron.Precision;
import io.nirsweep.sim.neuron.SpikeTest;

/**
 * snnTorch's subtract reset with its bookkeeping ({@code reset_mechanism="subtract"}, {@code reset_delay=False};
 * docs/platforms.md §4.1): with r = [v_prev &gt; θ] of the stored membrane, the integrated membrane first loses r·θ,
 * then
 *
 * <pre>
 *   s = [v &gt; θ];   v ← v − (s − r)·θ
 * </pre>
 *
 * Normally r = 0 and this is a plain subtraction; when a membrane still exceeds θ after a subtraction, the next
 * step subtracts again and adds θ back if it does not fire. The integration, spike test and number type are
 * {@code base}'s; this rule is its reset.
 */
record SnntorchSubtract(FloatNeurons base) implements NeuronStepFactory {
    @Override
    public NeuronStep<?> create(String node, NeuronParams p, double dt) {
        if (!p.spiking()) {
            return base.create(node, p, dt);
        }
        return new Step(p, base.integration(p, dt), base.test() == SpikeTest.GREATER,
                base.precision() == Precision.FLOAT32);
    }

    @Override
    public Summary summary() {
        Summary s = base.summary();
        return new Summary(s.integrator(), s.spikeTest(), "v ← v − θ, with snnTorch's r = [v_prev > θ] bookkeeping",
                "at most one", s.numbers(), s.latency());
    }

    /** One sample's membranes and currents, and r of this step. */
    static final class State extends MembraneState {
        final float[] wasAbove;

        State(int n, boolean cuba) {
            super(n, cuba);
            wasAbove = new float[n];
        }
    }

    private static final class Step extends MembraneStep<State> {
        private final Integration integration;
        private final boolean strict;
        private final boolean float32;

        Step(NeuronParams p, Integration integration, boolean strict, boolean float32) {
            super(p);
            this.integration = integration;
            this.strict = strict;
            this.float32 = float32;
        }

        @Override
        public State newState() {
            return new State(p.size(), p.cuba());
        }

        @Override
        public void step(float[] x, State s, float[] y) {
            double[] th = p.vThreshold();
            double[] v = s.v;
            float[] r = s.wasAbove;
            for (int k = 0; k < v.length; k++) {
                r[k] = v[k] > th[k] ? 1f : 0f;
            }
            integration.integrate(x, v, s.i);
            for (int k = 0; k < v.length; k++) {
                double vk = round(v[k] - r[k] * th[k]);
                boolean fired = strict ? vk > th[k] : vk >= th[k];
                float spike = fired ? 1f : 0f;
                v[k] = round(vk - (spike - r[k]) * th[k]);
                y[k] = spike;
            }
        }

        private double round(double x) {
            return float32 ? (float) x : x;
        }

    }
}
