package io.nirsweep.hardware.plugin;

import io.nirsweep.sim.backend.Backend;
import io.nirsweep.sim.backend.BackendProvider;
import io.nirsweep.sim.backend.ImportRules;
import io.nirsweep.sim.neuron.IntegerNeuronStep;
import io.nirsweep.sim.neuron.IntegerState;
import io.nirsweep.sim.neuron.NeuronKind;
import io.nirsweep.sim.neuron.NeuronParams;
import io.nirsweep.sim.neuron.NeuronStep;
import io.nirsweep.sim.neuron.NeuronStepFactory;
import java.util.List;

/**
 * A made-up chip, registered by this module's test resources ({@code META-INF/services}) the way any module adds a
 * backend: its IF neuron counts input events in an integer, v ← v + [x ≠ 0], and fires when v ≥ ⌈θ⌉, then v ← 0.
 * It runs IF nodes only; its importer refuses nothing else itself (the compiler refuses the kinds it lacks).
 */
public final class CountingChip implements BackendProvider {
    public static final Backend COUNTING_CHIP = new Backend("test-counting-chip", Backend.Kind.HARDWARE,
            "a test chip: IF neurons count input events",
            new io.nirsweep.sim.backend.Version("test", "none (a test of the plug-in point)", "a test chip"),
            NeuronKind.these(new CountingIf(), NeuronKind.IF), ImportRules.NONE, Backend.CycleDelay.CLOSING_EDGE);

    @Override
    public List<Backend> backends() {
        return List.of(COUNTING_CHIP);
    }

    /** v ← v + [x ≠ 0]; s = [v ≥ ⌈θ⌉]; where s: v ← 0. */
    record CountingIf() implements NeuronStepFactory {
        @Override
        public NeuronStep<?> create(String node, NeuronParams p, double dt) {
            long[] threshold = new long[p.size()];
            for (int k = 0; k < threshold.length; k++) {
                threshold[k] = (long) Math.ceil(p.vThreshold()[k]);
            }
            return new IntegerNeuronStep(threshold.length, 1) {
                @Override
                public void step(float[] x, IntegerState s, float[] y) {
                    for (int k = 0; k < size; k++) {
                        long v = s.voltage[k] + (x[k] != 0f ? 1 : 0);
                        boolean fired = v >= threshold[k];
                        s.voltage[k] = fired ? 0 : v;
                        y[k] = fired ? 1f : 0f;
                    }
                }
            };
        }

        @Override
        public Summary summary() {
            return new Summary("event count", "v ≥ ⌈θ⌉", "v ← 0", "at most one", "integers", "");
        }
    }
}
