package io.nirsweep.sim.simulators.snntorch;

import io.nirsweep.sim.neuron.FloatNeurons;
import io.nirsweep.sim.neuron.Integration;
import io.nirsweep.sim.neuron.NeuronParams;
import io.nirsweep.sim.neuron.NeuronStep;
import io.nirsweep.sim.neuron.ResetVariant;

/**
 * snnTorch 0.9.4's {@code RSynaptic} with {@code reset_mechanism="zero"}, {@code reset_delay=False}
 * (docs/platforms.md §4.1, {@code snntorch/_neurons/rsynaptic.py} since commit 4db294e): the immediate reset is
 * computed into a local the forward pass discards, so only the delayed zero reset is left, and it comes after the
 * decay and the input of the step that follows a spike:
 *
 * <pre>
 *   v ← integrate(x, v);   v ← v·(1 − s_prev);   s = [v &gt; θ]
 * </pre>
 *
 * The membrane of a spike step stays unreset; the next step's whole membrane, that step's input included, is zeroed,
 * so a neuron cannot fire on two consecutive steps. The synaptic current is never reset. The integration, spike test
 * and number type are the other choices'.
 */
enum SnntorchDelayedReset implements ResetVariant {
    ZERO;

    @Override
    public String summary() {
        return "v ← 0 one step after a spike, after that step's decay and input (snnTorch 0.9.4's RSynaptic)";
    }

    @Override
    public NeuronStep<?> create(NeuronParams p, Integration integration, FloatNeurons choices) {
        return new Step(p, integration, choices);
    }

    private static final class Step extends SnntorchFiringStep {
        Step(NeuronParams p, Integration integration, FloatNeurons choices) {
            super(p, integration, choices);
        }

        /** Zero needs no rounding in float32: the reset either keeps v or makes it 0. */
        @Override
        public void step(float[] x, State s, float[] y) {
            double[] th = p.vThreshold();
            double[] v = s.v;
            float[] spiked = s.previous;
            integration.integrate(x, v, s.i);
            for (int k = 0; k < v.length; k++) {
                if (spiked[k] != 0) {
                    v[k] = 0;
                }
                spiked[k] = fires(v[k], th[k]) ? 1f : 0f;
                y[k] = spiked[k];
            }
        }
    }
}
