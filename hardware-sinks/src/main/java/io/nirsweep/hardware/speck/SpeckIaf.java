package io.nirsweep.hardware.speck;

import io.nirsweep.hardware.target.Fixed;
import io.nirsweep.sim.SimulationException;
import io.nirsweep.sim.neuron.IntegerNeuronStep;
import io.nirsweep.sim.neuron.IntegerState;
import io.nirsweep.sim.neuron.NeuronParams;
import io.nirsweep.sim.neuron.NeuronStep;
import io.nirsweep.sim.neuron.NeuronStepFactory;

/**
 * One Speck core's integrate-and-fire neurons over one time bin, in the integers sinabs' discretisation sets
 * (θ = threshold_high, θ_low = threshold_low, {@code return_to_zero}; {@code chips/dynapcnn.py}
 * {@code get_dynapcnn_layer_config_dict}), stepped as sinabs simulates a discretised {@code DynapcnnNetwork} on the
 * CPU (IAF with MultiSpike and MembraneSubtract, floor after the reset: {@code sinabs/layers/functional/lif.py}
 * {@code lif_forward_single}, α = 1). With x the bin's input — Σ w·(events) + b, integers — per neuron:
 *
 * <pre>
 *   v ← v + x
 *   n = ⌊v / θ⌋ when v ≥ θ, else 0          (spikes in this bin)
 *   v ← v − n·θ   (or 0 when n &gt; 0 and return_to_zero)
 *   v ← max(v, θ_low)
 * </pre>
 *
 * After the step θ_low ≤ v &lt; θ ≤ 32767 and θ_low ≥ −32768 (the scale keeps both thresholds in 16 bits), so
 * the stored state always fits the chip's 16-bit register; {@link #STATE_BITS} saturation is applied as the
 * register's bound and never moves it. v + x itself is not bounded here: the chip never holds it (it adds one
 * event's weight at a time and fires at once, {@link PerEventCore}) — this is the step approximation's main
 * difference from the chip, described there.
 *
 * <p>x comes from the engine's float32 kernels: exact while every partial sum stays below 2^24 in magnitude. The
 * step refuses a non-integer or larger x (event counts must be integers; a larger sum may already be rounded).
 *
 * @param threshold θ (threshold_high), ≥ 1
 * @param low θ_low (threshold_low)
 * @param returnToZero the config's {@code return_to_zero} (false for the subtract reset sinabs' NIR import sets)
 */
public record SpeckIaf(long threshold, long low, boolean returnToZero) implements NeuronStepFactory {
    /** The neuron state's width: {@code DYNAPCNN_STATE_PRECISION_BITS} in {@code discretize.py}. */
    public static final int STATE_BITS = Discretize.STATE_BITS;
    /** 2^24: float32 holds every integer below it exactly. */
    static final double EXACT = 0x1p24;

    public SpeckIaf {
        if (threshold < 1 || threshold > Fixed.maxSigned(STATE_BITS) || low < Fixed.minSigned(STATE_BITS)
                || low > 0) {
            throw new IllegalArgumentException("thresholds " + threshold + "/" + low + " outside the 16-bit state");
        }
    }

    @Override
    public NeuronStep<?> create(String node, NeuronParams p, double dt) {
        return new Step(node, p.size(), this);
    }

    @Override
    public Summary summary() {
        return new Summary("IAF on integers, no leak (bias per bin)", "v ≥ θ", returnToZero ? "v ← 0"
                : "v ← v − n·θ, then v ← max(v, θ_low)", "⌊v/θ⌋ per bin", "8-bit weights, 16-bit state", "");
    }

    /** The step: pure in (x, state), the state in chip integers (the membrane is reported in them). */
    static final class Step extends IntegerNeuronStep {
        private final String node;
        private final SpeckIaf q;

        Step(String node, int size, SpeckIaf q) {
            super(size, 1);
            this.node = node;
            this.q = q;
        }

        @Override
        public void step(float[] x, IntegerState s, float[] y) {
            long[] v = s.voltage;
            for (int k = 0; k < size; k++) {
                float in = x[k];
                if (in != Math.rint(in) || Math.abs(in) >= EXACT) {
                    throw new SimulationException(node, "input " + in + " to neuron " + k + " is not an exact "
                            + "integer sum: Speck's input is event counts, and float32 sums are exact below 2^24");
                }
                long u = v[k] + (long) in;
                long n = u >= q.threshold ? u / q.threshold : 0;
                u = n > 0 && q.returnToZero ? 0 : u - n * q.threshold;
                v[k] = Fixed.saturate(Math.max(u, q.low), STATE_BITS);
                y[k] = n;
            }
        }
    }
}
