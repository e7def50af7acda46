package io.nirsweep.sim.simulators.snntorch;

import io.nirsweep.sim.neuron.FloatNeurons;
import io.nirsweep.sim.neuron.Integration;
import io.nirsweep.sim.neuron.NeuronParams;
import io.nirsweep.sim.neuron.NeuronStep;
import io.nirsweep.sim.neuron.ResetVariant;

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
 * step subtracts again and adds θ back if it does not fire. A reset option of the recombination axis "reset"
 * ({@link FloatNeurons#withReset}); the integration, spike test and number type are the other choices'.
 */
enum SnntorchSubtract implements ResetVariant {
    BOOKKEEPING;

    @Override
    public String summary() {
        return "v ← v − θ, with snnTorch's r = [v_prev > θ] bookkeeping";
    }

    @Override
    public NeuronStep<?> create(NeuronParams p, Integration integration, FloatNeurons choices) {
        return new Step(p, integration, choices);
    }

    private static final class Step extends SnntorchFiringStep {
        Step(NeuronParams p, Integration integration, FloatNeurons choices) {
            super(p, integration, choices);
        }

        @Override
        public void step(float[] x, State s, float[] y) {
            double[] th = p.vThreshold();
            double[] v = s.v;
            float[] r = s.previous;
            for (int k = 0; k < v.length; k++) {
                r[k] = v[k] > th[k] ? 1f : 0f;
            }
            integration.integrate(x, v, s.i);
            for (int k = 0; k < v.length; k++) {
                double vk = round(v[k] - r[k] * th[k]);
                boolean fired = fires(vk, th[k]);
                float spike = fired ? 1f : 0f;
                v[k] = round(vk - (spike - r[k]) * th[k]);
                y[k] = spike;
            }
        }
    }
}
