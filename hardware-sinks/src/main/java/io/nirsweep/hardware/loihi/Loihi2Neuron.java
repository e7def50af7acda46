package io.nirsweep.hardware.loihi;

import io.nirsweep.sim.neuron.NeuronParams;
import io.nirsweep.sim.neuron.NeuronStep;
import io.nirsweep.sim.neuron.NeuronStepFactory;

/**
 * A layer of Loihi 2 compartments with its integers fixed at conversion ({@link LoihiCompartment}'s update), and the
 * chip's readout: each step computes, per neuron k,
 *
 * <pre>
 *   a = ownWeight[k]·[x_k ≠ 0]   (a LIF behind the paper converter's own 1×1 Dense: binary spikes)
 *   a = x_k                      (otherwise: x is the integer sum of the Dense in front, exact in float32)
 *   (u, v, spike) ← LoihiCompartment.update(u, v, a, currentDecay, voltageDecay, bias, threshold)
 * </pre>
 *
 * The membrane reads v / unit, except at a step where the neuron spiked: then it reads
 * {@link #SPIKE_STEP_READOUT} (raw, before the unit) although v is 0 — {@link State#spiked}. This is the
 * <b>spike-step readout quirk</b>: on Loihi 2 hardware the NIR paper's E1 run (the notebook's probe of v) matched
 * Lava's bit-accurate CPU model in every step except the four spike steps, where the chip read 128 instead of 0
 * (docs/platforms.md §2.1, §4.7). Its cause is not explained in the paper or in Lava; the next steps equal the CPU
 * model, so the state is 0 and only the readout differs. It was observed on a LIF; nirsweep applies it to every
 * Loihi 2 compartment's probe, as a property of the chip's readout.
 *
 * @param ownWeight the LIF's own Dense weight per neuron, or null when the input is a Dense sum
 * @param currentDecay d_u = du + 1 per neuron, of 4096
 * @param voltageDecay dv per neuron, of 4096
 * @param bias bias_mant &lt;&lt; bias_exp per neuron
 * @param threshold vth &lt;&lt; 6 per neuron
 * @param unit the integer that reads as a membrane of 1 (1: raw integers)
 */
public record Loihi2Neuron(long[] ownWeight, long[] currentDecay, long[] voltageDecay, long[] bias, long[] threshold,
        double unit) implements NeuronStepFactory {
    /** What the chip's probe read for v at a spike step in E1 (raw integer units). */
    public static final long SPIKE_STEP_READOUT = 128;

    public Loihi2Neuron {
        ownWeight = ownWeight == null ? null : ownWeight.clone();
        currentDecay = currentDecay.clone();
        voltageDecay = voltageDecay.clone();
        bias = bias.clone();
        threshold = threshold.clone();
    }

    public int size() {
        return threshold.length;
    }

    @Override
    public NeuronStep<?> create(String node, NeuronParams p, double dt) {
        if (p.size() != size()) {
            throw new IllegalArgumentException("node '" + node + "': " + p.size() + " neurons, converted "
                    + size());
        }
        return new Step(this);
    }

    @Override
    public Summary summary() {
        return SUMMARY;
    }

    static final Summary SUMMARY = new Summary(
            "Loihi 2 compartment (Lava bit-accurate): 12-bit decays, products rounded toward zero, v sees this"
                    + " step's u",
            "v > vth·64", "v ← 0 (v_reset ignored)", "at most one",
            "8-bit weights, 24-bit u (Lava's wrap) and v (clip); v reads 128 at a spike step", "");

    /**
     * The paper converter's LIF (as {@link LoihiLif} converts it: dv = ⌊dt/τ·4095⌋, du = 4095 so d_u = 4096,
     * vth = ⌊θ·131071⌋ &gt;&gt; 9, own Dense weight ⌊dt/τ·256⌋) with the own weight through Lava's Dense at
     * {@code weightBits} ({@link Loihi2Quantiser#denseWeights}), in raw integer units, made when the graph is compiled
     * from the parameters the converter left.
     */
    public record PaperLif(int weightBits) implements NeuronStepFactory {
        @Override
        public NeuronStep<?> create(String node, NeuronParams p, double dt) {
            return of(p, dt, weightBits).create(node, p, dt);
        }

        public static Loihi2Neuron of(NeuronParams p, double dt, int weightBits) {
            int n = p.size();
            long[] own = new long[n];
            long[] du = new long[n];
            long[] dv = new long[n];
            long[] vth = new long[n];
            for (int k = 0; k < n; k++) {
                LoihiLif.Integers q = LoihiLif.Integers.of(p.tau()[k], p.vThreshold()[k], dt);
                long[] w = {q.weight()};
                Loihi2Quantiser.denseWeights(w, Loihi2Quantiser.SignMode.of(w), weightBits);
                own[k] = w[0];
                du[k] = q.du() + 1;
                dv[k] = q.dv();
                vth[k] = q.vth() << LoihiCompartment.MSB_SHIFT;
            }
            return new Loihi2Neuron(own, du, dv, new long[n], vth, 1);
        }

        @Override
        public Summary summary() {
            return SUMMARY;
        }
    }

    /** One sample's compartments: u, v, and whether each spiked in the last step (for the readout). */
    public static final class State {
        public final long[] current;
        public final long[] voltage;
        public final boolean[] spiked;

        State(int n) {
            current = new long[n];
            voltage = new long[n];
            spiked = new boolean[n];
        }
    }

    private static final class Step implements NeuronStep<State> {
        private final Loihi2Neuron q;

        Step(Loihi2Neuron q) {
            this.q = q;
        }

        @Override
        public int size() {
            return q.size();
        }

        @Override
        public State newState() {
            return new State(q.size());
        }

        @Override
        public void step(float[] x, State s, float[] y) {
            long[] own = q.ownWeight;
            for (int k = 0; k < q.size(); k++) {
                long a = own != null ? (x[k] != 0f ? own[k] : 0) : (long) x[k];
                boolean fired = LoihiCompartment.update(s.current, s.voltage, k, a, q.currentDecay[k],
                        q.voltageDecay[k], q.bias[k], q.threshold[k]);
                s.spiked[k] = fired;
                y[k] = fired ? 1f : 0f;
            }
        }

        @Override
        public boolean spiking() {
            return true;
        }

        @Override
        public double membrane(State s, int k) {
            return (s.spiked[k] ? SPIKE_STEP_READOUT : s.voltage[k]) / q.unit;
        }
    }
}
