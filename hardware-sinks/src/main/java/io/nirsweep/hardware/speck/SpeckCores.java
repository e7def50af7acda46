package io.nirsweep.hardware.speck;

/**
 * Speck's (DynapCNN's) nine cores and sinabs' memory formulas (synsense/sinabs, commit 904eb89).
 *
 * <p>Per core, sinabs' {@code DynapcnnConfigBuilder.get_constraints} ({@code sinabs/backend/dynapcnn/chips/dynapcnn.py},
 * shared by the Speck 2e/2f builders in {@code chips/speck2e.py}, {@code chips/speck2f.py}) gives kernel memory
 * 16/16/16/32/32/64/64/16/16 Ki entries, neuron memory 64/64/64/32/32/16/16/16/16 Ki and bias memory 1 Ki. A
 * layer's needs are {@code DynapcnnLayer.memory_summary} ({@code sinabs/backend/dynapcnn/dynapcnn_layer.py}):
 * kernel K = c_in · 2^(⌈log2(kx·ky)⌉ + ⌈log2 c_out⌉), neurons N = c_out · 2^(⌈log2 h⌉ + ⌈log2 w⌉) of the
 * convolution's output (before pooling), bias = c_out (the layer always has a bias after sinabs' NIR import).
 * A layer fits a core when all three fit ({@code LayerConstraints.fits} in {@code mapping.py}).
 */
public final class SpeckCores {
    /** Where the constants are. */
    public static final String CONSTRAINTS = "synsense/sinabs sinabs/backend/dynapcnn/chips/dynapcnn.py "
            + "get_constraints";
    /** Where the formulas are. */
    public static final String MEMORY = "synsense/sinabs sinabs/backend/dynapcnn/dynapcnn_layer.py memory_summary";

    /** Number of cores: {@code get_constraints} lists nine. */
    public static final int CORES = 9;
    private static final long KI = 1024;
    private static final long[] KERNEL = {16 * KI, 16 * KI, 16 * KI, 32 * KI, 32 * KI, 64 * KI, 64 * KI, 16 * KI,
        16 * KI};
    private static final long[] NEURON = {64 * KI, 64 * KI, 64 * KI, 32 * KI, 32 * KI, 16 * KI, 16 * KI, 16 * KI,
        16 * KI};
    private static final long BIAS = KI;

    private SpeckCores() {}

    public static long kernelMemory(int core) {
        return KERNEL[core];
    }

    public static long neuronMemory(int core) {
        return NEURON[core];
    }

    public static long biasMemory(int core) {
        return BIAS;
    }

    /** The largest kernel memory of any core (cores 5 and 6). */
    public static long largestKernelMemory() {
        return 64 * KI;
    }

    /** The largest neuron memory of any core (cores 0–2). */
    public static long largestNeuronMemory() {
        return 64 * KI;
    }

    /** ⌈log2 n⌉ for n ≥ 1, as {@code np.ceil(np.log2(n))} (exact for integers: powers of two give their exponent). */
    static int ceilLog2(long n) {
        if (n < 1) {
            throw new IllegalArgumentException("log2 of " + n);
        }
        return 64 - Long.numberOfLeadingZeros(n - 1);
    }

    /** K = c_in · 2^(⌈log2(kx·ky)⌉ + ⌈log2 c_out⌉), {@link Long#MAX_VALUE} when that overflows a long. */
    public static long kernelEntries(long cIn, long kx, long ky, long cOut) {
        return shiftSaturated(cIn, ceilLog2(productSaturated(kx, ky)) + ceilLog2(cOut));
    }

    /** N = c_out · 2^(⌈log2 h⌉ + ⌈log2 w⌉), {@link Long#MAX_VALUE} when that overflows a long. */
    public static long neuronEntries(long cOut, long h, long w) {
        return shiftSaturated(cOut, ceilLog2(h) + ceilLog2(w));
    }

    /** a·b for a, b ≥ 0, {@link Long#MAX_VALUE} when it overflows. */
    static long productSaturated(long a, long b) {
        return Math.multiplyHigh(a, b) != 0 || a * b < 0 ? Long.MAX_VALUE : a * b;
    }

    /**
     * n · 2^k for n ≥ 0, saturated: Java's {@code <<} keeps only k mod 64 and drops high bits, so a declared
     * 2^31 × 2^31 map would otherwise come out small (or negative) and fit.
     */
    static long shiftSaturated(long n, int k) {
        return n == 0 ? 0 : k >= Long.numberOfLeadingZeros(n) ? Long.MAX_VALUE : n << k;
    }

    /** One layer's memory needs. */
    public record Needs(long kernel, long neurons, long bias) {
        /** {@code LayerConstraints.fits}: all three within the core's memories. */
        public boolean fits(int core) {
            return kernel <= KERNEL[core] && neurons <= NEURON[core] && bias <= BIAS;
        }
    }
}
