package io.nirsweep.sim.simulators.lavadl;

import io.nirsweep.sim.neuron.IntegerNeuronStep;
import io.nirsweep.sim.neuron.IntegerState;
import io.nirsweep.sim.neuron.NeuronParams;
import io.nirsweep.sim.neuron.NeuronStep;
import io.nirsweep.sim.neuron.NeuronStepFactory;

/**
 * lava-dl's CUBA neuron in fixed point, as the paper's converter sets it up (docs/platforms.md §4.7). State is held as
 * integers at the state scale S = 64·scale — scale 64 for a CubaLIF (S = 4096), 4096 for an IF (S = 262144) — and
 * decays as 12-bit integers d = round(decay·4096):
 *
 * <pre>
 *   i_t = rz(i_{t−1}·(4096 − d_i)) + trunc(S·g·x_t)      rz(p) = sign(p)·(|p| &gt;&gt; 12): rounds toward zero
 *   v_t = rz(v_{t−1}·(4096 − d_v)) + i_t
 *   spike when v_t ≥ S·θ_q + 0.01, θ_q = trunc(θ·scale)/scale;  then v_t ← 0 (the current is never reset)
 * </pre>
 *
 * CubaLIF: d_i = dt/τ_syn, d_v = dt/τ_mem, input gain g = w_in·dt/τ_syn (float32, the converter's identity
 * weights). IF: d_i = 1 (no current memory), d_v = 0, g = 1, threshold θ·R. The membrane is reported as v/S.
 */
record FixedPointCuba() implements NeuronStepFactory {
    @Override
    public NeuronStep<?> create(String node, NeuronParams p, double dt) {
        return new Step(p, dt);
    }

    @Override
    public Summary summary() {
        return new Summary("lava-dl CUBA: 12-bit decays, integer states, products rounded toward zero",
                "v ≥ θ_q + 0.01/S (θ quantised to 1/scale)", "v ← 0 (v_reset ignored)", "at most one",
                "integer states (1/4096, IF 1/262144), float32 weights", "");
    }

    private static final class Step extends IntegerNeuronStep {
        private final long stateScale;
        private final long[] currentKeep; // 4096 − d_i
        private final long[] voltageKeep; // 4096 − d_v
        private final float[] gain;
        private final long[] threshold; // S·θ_q

        Step(NeuronParams p, double dt) {
            super(p.size(), 64.0 * (p.cuba() ? 64 : 4096));
            int n = p.size();
            boolean cuba = p.cuba();
            long scale = cuba ? 64 : 4096;
            stateScale = 64 * scale;
            currentKeep = new long[n];
            voltageKeep = new long[n];
            gain = new float[n];
            threshold = new long[n];
            for (int k = 0; k < n; k++) {
                double currentDecay = cuba ? (float) (dt / p.tauSyn()[k]) : 1.0;
                double voltageDecay = cuba ? (float) (dt / p.tau()[k]) : 0.0;
                currentKeep[k] = 4096 - Math.round(currentDecay * 4096);
                voltageKeep[k] = 4096 - Math.round(voltageDecay * 4096);
                gain[k] = cuba ? (float) p.wIn()[k] * (float) (dt / p.tauSyn()[k]) : 1f;
                double theta = cuba ? p.vThreshold()[k] : p.vThreshold()[k] * p.r()[k];
                threshold[k] = 64 * (long) (theta * scale); // S·trunc(θ·scale)/scale
            }
        }

        @Override
        public void step(float[] x, IntegerState s, float[] y) {
            long[] i = s.current;
            long[] v = s.voltage;
            for (int k = 0; k < size; k++) {
                float input = gain[k] * x[k];
                i[k] = IntegerState.towardZero(i[k] * currentKeep[k]) + (long) (stateScale * (double) input);
                v[k] = IntegerState.towardZero(v[k] * voltageKeep[k]) + i[k];
                boolean fired = v[k] > threshold[k]; // v ≥ S·θ_q + 0.01 for integer v
                v[k] = fired ? 0 : v[k];
                y[k] = fired ? 1f : 0f;
            }
        }
    }
}
