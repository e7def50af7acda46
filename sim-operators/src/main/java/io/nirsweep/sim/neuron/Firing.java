package io.nirsweep.sim.neuron;

/**
 * The end of a step: the spike test on the integrated membrane, the reset, and the step's output y — one
 * implementation per rule, each a pure update of one sample's v in place. Tests and resets select rather than
 * branch: spikes are rare and random.
 */
public interface Firing {
    /** Tests, resets and writes the output for one sample. */
    void fire(double[] v, float[] y);

    /** Non-spiking neurons: y = v. */
    Firing MEMBRANE = (v, y) -> {
        for (int k = 0; k < v.length; k++) {
            y[k] = (float) v[k];
        }
    };

    /** s = [v &gt; θ] (or ≥); where s: v ← the reset value (v_reset, or 0). */
    record ResetToValue(double[] threshold, double[] resetValue, boolean strict) implements Firing {
        @Override
        public void fire(double[] v, float[] y) {
            double[] th = threshold;
            double[] after = resetValue;
            for (int k = 0; k < v.length; k++) {
                double vk = v[k];
                boolean fired = strict ? vk > th[k] : vk >= th[k];
                v[k] = fired ? after[k] : vk;
                y[k] = fired ? 1f : 0f;
            }
        }
    }

    /** s = [v &gt; θ] (or ≥); where s: v ← v − θ. */
    record SubtractThreshold(double[] threshold, boolean strict, boolean float32) implements Firing {
        @Override
        public void fire(double[] v, float[] y) {
            double[] th = threshold;
            for (int k = 0; k < v.length; k++) {
                double vk = v[k];
                boolean fired = strict ? vk > th[k] : vk >= th[k];
                double after = float32 ? (float) (vk - th[k]) : vk - th[k];
                v[k] = fired ? after : vk;
                y[k] = fired ? 1f : 0f;
            }
        }
    }

    /**
     * Several spikes per step: when the test passes, n = min(cap, max(1, ⌊v/θ⌋)) with v/θ in the state's number
     * type, v ← v − n·θ, y = n.
     *
     * @param maxSpikes the most spikes counted (and θ subtracted for) in one step; 0: no cap
     */
    record SubtractAll(double[] threshold, boolean strict, boolean float32, double maxSpikes) implements Firing {
        @Override
        public void fire(double[] v, float[] y) {
            double[] th = threshold;
            double cap = maxSpikes > 0 ? maxSpikes : Double.MAX_VALUE;
            for (int k = 0; k < v.length; k++) {
                double vk = v[k];
                boolean fired = strict ? vk > th[k] : vk >= th[k];
                double ratio = float32 ? (float) (vk / th[k]) : vk / th[k];
                double count = fired ? Math.min(cap, Math.max(1, Math.floor(ratio))) : 0;
                double after = vk - count * th[k];
                v[k] = float32 ? (float) after : after;
                y[k] = (float) count;
            }
        }
    }
}
