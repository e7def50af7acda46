package io.nirsweep.hardware.loihi;

import io.nirsweep.sim.neuron.IntegerNeuronStep;
import io.nirsweep.sim.neuron.IntegerState;
import io.nirsweep.sim.neuron.NeuronParams;
import io.nirsweep.sim.neuron.NeuronStep;
import io.nirsweep.sim.neuron.NeuronStepFactory;

/**
 * Lava's bit-accurate LIF process (the fixed-point model of Loihi 2, {@code PyLifModelBitAcc}; docs/platforms.md
 * §4.7) behind the 1×1 Dense the paper's converter puts in front of it, with the converter's integer parameters:
 * dv = ⌊dt/τ·4095⌋, du = ⌊1.0·4095⌋ (no current memory), vth = ⌊θ·131071⌋ &gt;&gt; 9, Dense weight w = ⌊dt/τ·256⌋
 * (8 bit). With a = w·[x ≠ 0] the Dense's (binary-input) output:
 *
 * <pre>
 *   u ← wrap24(rz(u·(4096 − (du + 1))) + (a &lt;&lt; 6))        rz: |p| &gt;&gt; 12 with the sign restored
 *   v ← clip24(rz(v·(4096 − dv)) + u)
 *   spike when v &gt; vth &lt;&lt; 6, then v ← 0
 * </pre>
 *
 * The membrane is reported in these integer units (E1: θ = 0.1 → 1600). The update is {@link LoihiCompartment}'s.
 */
public record LoihiLif() implements NeuronStepFactory {
    /** The converter's integers for one neuron: decays dv, du (of 4096), threshold vth, Dense weight w. */
    public record Integers(long dv, long du, long vth, long weight) {
        public static Integers of(double tau, double theta, double dt) {
            float gain = (float) (dt / (float) tau);
            return new Integers((long) (gain * 4095), (long) (1.0 * 4095), (long) (theta * 131071) >> 9,
                    Math.min(255, Math.max(-256, (long) (gain * 256))));
        }
    }

    @Override
    public NeuronStep<?> create(String node, NeuronParams p, double dt) {
        return new Step(p, dt);
    }

    @Override
    public Summary summary() {
        return new Summary("Loihi 2 LIF: 12-bit decays, 24-bit u and v, products rounded toward zero", "v > θ",
                "v ← 0 (v_reset ignored)", "at most one", "8-bit weights, 24-bit integer u and v", "");
    }

    private static final class Step extends IntegerNeuronStep {
        private final long[] currentDecay; // du + 1
        private final long[] voltageDecay; // dv
        private final long[] weight; // the LIF's own Dense
        private final long[] threshold; // vth << 6

        Step(NeuronParams p, double dt) {
            super(p.size(), 1);
            int n = p.size();
            currentDecay = new long[n];
            voltageDecay = new long[n];
            weight = new long[n];
            threshold = new long[n];
            for (int k = 0; k < n; k++) {
                Integers q = Integers.of(p.tau()[k], p.vThreshold()[k], dt);
                currentDecay[k] = q.du() + 1;
                voltageDecay[k] = q.dv();
                weight[k] = q.weight();
                threshold[k] = q.vth() << 6;
            }
        }

        @Override
        public void step(float[] x, IntegerState s, float[] y) {
            for (int k = 0; k < size; k++) {
                long a = x[k] != 0f ? weight[k] : 0;
                boolean fired = LoihiCompartment.update(s.current, s.voltage, k, a, currentDecay[k], voltageDecay[k],
                        0, threshold[k]);
                y[k] = fired ? 1f : 0f;
            }
        }
    }
}
