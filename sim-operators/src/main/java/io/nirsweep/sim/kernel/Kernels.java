package io.nirsweep.sim.kernel;

import java.util.Arrays;

/** The stateless kernels and delay lines: plumbing, linear maps, pooling, thresholds. */
public final class Kernels {
    private Kernels() {}

    /** y = x: Input, Output and Flatten (C-order flattening does not move data). */
    public static final class Identity extends Kernel<Void> {
        public Identity(int size) {
            super(size, size);
        }

        @Override
        public boolean passesThrough() {
            return true;
        }

        @Override
        public Void newState(int batch) {
            return null;
        }

        @Override
        public void step(float[] in, float[] out, Void state, int b0, int b1) {
            System.arraycopy(in, b0 * inSize, out, b0 * outSize, (b1 - b0) * inSize);
        }
    }

    /**
     * y = W·x + b (Affine; Linear without b). Event-driven: each non-zero input adds its weight row (x times it)
     * to the output, so silent inputs — most of them, when they are spikes — cost nothing, and a dense input
     * simply visits every row. Rows are separate arrays and each sample sums into its own array, both indexed
     * from 0, because that is the loop shape the JIT vectorises. The non-zero inputs come from the program when
     * it has found them for every consumer ({@link #stepOnActive}), else the kernel finds them itself.
     */
    public static final class Dense extends Kernel<float[][]> {
        private final float[][] rows; // [in][out]
        private final float[] bias; // [out] or null

        public Dense(float[][] rows, float[] bias, int inSize, int outSize) {
            super(inSize, outSize);
            this.rows = rows;
            this.bias = bias;
        }

        /** One accumulator per sample. */
        @Override
        public float[][] newState(int batch) {
            return new float[batch][outSize];
        }

        /** Finds each sample's non-zero inputs itself, into one list reused across the samples of the call. */
        @Override
        public void step(float[] in, float[] out, float[][] sums, int b0, int b1) {
            int[] listed = new int[inSize + 1];
            for (int b = b0; b < b1; b++) {
                int count = ActiveInputs.find(in, b * inSize, inSize, listed);
                sample(in, b, listed, count, sums[b], out);
            }
        }

        @Override
        public boolean readsActiveInputs() {
            return true;
        }

        @Override
        public void stepOnActive(float[] in, ActiveInputs active, float[] out, float[][] sums, int b0, int b1) {
            for (int b = b0; b < b1; b++) {
                sample(in, b, active.positions(b), active.count(b), sums[b], out);
            }
        }

        /** Sample b: its sum starts at the bias, takes the listed inputs' rows and is copied to the output. */
        private void sample(float[] in, int b, int[] listed, int count, float[] sum, float[] out) {
            if (bias == null) {
                Arrays.fill(sum, 0f);
            } else {
                System.arraycopy(bias, 0, sum, 0, outSize);
            }
            accumulate(in, b * inSize, listed, count, sum);
            System.arraycopy(sum, 0, out, b * outSize, outSize);
        }

        /** sum += Σ x_i·W_i over the listed inputs, in their order; two spikes at a time: one pass for both rows. */
        private void accumulate(float[] in, int base, int[] listed, int count, float[] sum) {
            int a = 0;
            for (; a + 1 < count; a += 2) {
                int i = listed[a];
                int k = listed[a + 1];
                if (in[base + i] == 1f && in[base + k] == 1f) {
                    addTwo(sum, rows[i], rows[k]);
                } else {
                    addScaled(sum, rows[i], in[base + i]);
                    addScaled(sum, rows[k], in[base + k]);
                }
            }
            if (a < count) {
                addScaled(sum, rows[listed[a]], in[base + listed[a]]);
            }
        }

        @Override
        public long synapticEvents(float[] in, int offset) {
            long n = 0;
            for (int i = 0; i < inSize; i++) {
                n += in[offset + i] != 0f ? outSize : 0;
            }
            return n;
        }

        private static void addTwo(float[] sum, float[] row, float[] other) {
            for (int j = 0; j < sum.length; j++) {
                sum[j] += row[j] + other[j];
            }
        }

        private static void addScaled(float[] sum, float[] row, float x) {
            for (int j = 0; j < sum.length; j++) {
                sum[j] += x * row[j];
            }
        }
    }

    /** y = x ⊙ s. */
    public static final class ScaleKernel extends Kernel<Void> {
        private final float[] scale;

        public ScaleKernel(float[] scale) {
            super(scale.length, scale.length);
            this.scale = scale;
        }

        @Override
        public Void newState(int batch) {
            return null;
        }

        @Override
        public void step(float[] in, float[] out, Void state, int b0, int b1) {
            int n = scale.length;
            for (int b = b0; b < b1; b++) {
                for (int i = 0; i < n; i++) {
                    out[b * n + i] = in[b * n + i] * scale[i];
                }
            }
        }
    }

    /** z = 1 if x &gt; θ else 0 (NIR Threshold: Heaviside, strict). */
    public static final class ThresholdKernel extends Kernel<Void> {
        private final float[] threshold;

        public ThresholdKernel(float[] threshold) {
            super(threshold.length, threshold.length);
            this.threshold = threshold;
        }

        @Override
        public Void newState(int batch) {
            return null;
        }

        @Override
        public void step(float[] in, float[] out, Void state, int b0, int b1) {
            int n = threshold.length;
            for (int b = b0; b < b1; b++) {
                for (int i = 0; i < n; i++) {
                    out[b * n + i] = in[b * n + i] > threshold[i] ? 1f : 0f;
                }
            }
        }

        @Override
        public boolean spiking() {
            return true;
        }
    }

    /**
     * y(t) = x(t − τ) with τ rounded to whole steps, d = round(τ / dt) per element (a delay below half a step is
     * none). Each element keeps a ring of its last d inputs, zero before the first step.
     */
    public static final class DelayKernel extends Kernel<DelayKernel.Lines> {
        private final int[] steps;
        private final int[] offsets; // start of each element's ring inside a sample's block
        private final int ringsPerSample;

        public static final class Lines {
            final float[] rings;
            final int[] position; // per sample: the step count modulo nothing (rings index with % length)

            Lines(int batch, int ringsPerSample) {
                rings = new float[Math.multiplyExact(batch, ringsPerSample)];
                position = new int[batch];
            }
        }

        public DelayKernel(int[] steps) {
            super(steps.length, steps.length);
            this.steps = steps;
            this.offsets = new int[steps.length];
            int total = 0;
            for (int i = 0; i < steps.length; i++) {
                offsets[i] = total;
                total = Math.addExact(total, steps[i]);
            }
            this.ringsPerSample = total;
        }

        @Override
        public Lines newState(int batch) {
            return new Lines(batch, ringsPerSample);
        }

        @Override
        public void step(float[] in, float[] out, Lines lines, int b0, int b1) {
            int n = steps.length;
            for (int b = b0; b < b1; b++) {
                int t = lines.position[b]++;
                int base = b * ringsPerSample;
                for (int i = 0; i < n; i++) {
                    int d = steps[i];
                    float x = in[b * n + i];
                    if (d == 0) {
                        out[b * n + i] = x;
                    } else {
                        int slot = base + offsets[i] + t % d;
                        out[b * n + i] = lines.rings[slot]; // written d steps ago
                        lines.rings[slot] = x;
                    }
                }
            }
        }
    }

    /**
     * SumPool2d / AvgPool2d over [C, H, W]: y[c,i,j] = Σ_{m,n} x_pad[c, i·sH + m, j·sW + n] (divided by kH·kW
     * for the average, padded zeros counted, as PyTorch's default does).
     */
    public static final class Pool extends Kernel<Void> {
        private final int channels;
        private final int height;
        private final int width;
        private final int outHeight;
        private final int outWidth;
        private final int[] kernel;
        private final int[] stride;
        private final int[] padding;
        private final float divisor;

        public Pool(int[] input, int[] output, int[] kernel, int[] stride, int[] padding, boolean average) {
            super(input[0] * input[1] * input[2], output[0] * output[1] * output[2]);
            this.channels = input[0];
            this.height = input[1];
            this.width = input[2];
            this.outHeight = output[1];
            this.outWidth = output[2];
            this.kernel = kernel;
            this.stride = stride;
            this.padding = padding;
            this.divisor = average ? kernel[0] * kernel[1] : 1f;
        }

        @Override
        public Void newState(int batch) {
            return null;
        }

        @Override
        public void step(float[] in, float[] out, Void state, int b0, int b1) {
            boolean unpadded = padding[0] == 0 && padding[1] == 0;
            for (int b = b0; b < b1; b++) {
                int inBase = b * inSize;
                int outBase = b * outSize;
                for (int c = 0; c < channels; c++) {
                    for (int oy = 0; oy < outHeight; oy++) {
                        for (int ox = 0; ox < outWidth; ox++) {
                            float sum = unpadded ? windowInside(in, inBase, c, oy, ox) : windowPadded(in, inBase, c, oy, ox);
                            out[outBase + (c * outHeight + oy) * outWidth + ox] = sum / divisor;
                        }
                    }
                }
            }
        }

        /** Without padding every window lies inside the input: no bounds to test. */
        private float windowInside(float[] in, int inBase, int c, int oy, int ox) {
            float sum = 0f;
            int row = inBase + (c * height + oy * stride[0]) * width + ox * stride[1];
            for (int m = 0; m < kernel[0]; m++, row += width) {
                for (int n = 0; n < kernel[1]; n++) {
                    sum += in[row + n];
                }
            }
            return sum;
        }

        private float windowPadded(float[] in, int inBase, int c, int oy, int ox) {
            float sum = 0f;
            for (int m = 0; m < kernel[0]; m++) {
                int y = oy * stride[0] + m - padding[0];
                if (y < 0 || y >= height) {
                    continue;
                }
                int row = inBase + (c * height + y) * width;
                for (int n = 0; n < kernel[1]; n++) {
                    int x = ox * stride[1] + n - padding[1];
                    if (x >= 0 && x < width) {
                        sum += in[row + x];
                    }
                }
            }
            return sum;
        }
    }
}
