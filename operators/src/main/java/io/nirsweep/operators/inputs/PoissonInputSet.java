package io.nirsweep.operators.inputs;

import java.util.List;

/**
 * Generated spike trains: element k of sample i (k the time-major flat index) is 1 when the k-th draw of the
 * sample's stream is below {@code rate}, else 0.
 *
 * <p>The generator is SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number generators",
 * OOPSLA 2014), written out here rather than borrowed from {@link java.util.SplittableRandom} so that the
 * samples are fixed by this code alone, on any JVM: sample i's stream starts from
 * {@code mix64(mix64(seed) + i)}; each draw adds the golden gamma {@code 0x9E3779B97F4A7C15} to the state and
 * takes {@code mix64(state) >>> 11} as a 53-bit fraction of 1. A sample thus depends on {@code (seed, i)} only, not
 * on which other samples were generated before it, nor on the thread or worker that asks.
 */
final class PoissonInputSet extends BaseInputSet {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private final double rate;
    private final long seed;

    private PoissonInputSet(InputSpec.Poisson spec, int[] shape, int[] labels) {
        super(spec.name(), spec.samples(), spec.steps(), shape, labels);
        this.rate = spec.rate();
        this.seed = spec.seed();
    }

    static PoissonInputSet open(InputSpec.Poisson spec, long maxSampleElements) {
        List<Integer> dims = spec.shape();
        int[] shape = new int[dims.size()];
        long size = spec.steps();
        for (int i = 0; i < shape.length; i++) {
            shape[i] = dims.get(i);
            size = size > Long.MAX_VALUE / shape[i] ? Long.MAX_VALUE : size * shape[i];
        }
        if (size > maxSampleElements) {
            throw new InputException("input set '" + spec.name() + "': one sample of " + spec.steps() + " steps x "
                    + dims + " has " + size + " elements, more than the limit of " + maxSampleElements);
        }
        int[] labels = spec.labels() == null ? null : Labels.read(spec.labels(), spec.samples());
        return new PoissonInputSet(spec, shape, labels);
    }

    @Override
    float[] read(int index) {
        float[] out = new float[steps() * sampleSize()];
        long state = mix64(mix64(seed) + index);
        for (int k = 0; k < out.length; k++) {
            state += GOLDEN_GAMMA;
            double u = (mix64(state) >>> 11) * 0x1.0p-53;
            out[k] = u < rate ? 1f : 0f;
        }
        return out;
    }

    /** SplitMix64's output function (David Stafford's "Mix13" variant of MurmurHash3's finaliser). */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
