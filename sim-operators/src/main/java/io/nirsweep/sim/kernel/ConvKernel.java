package io.nirsweep.sim.kernel;


/**
 * Conv1d and Conv2d (a 1-d convolution is a 2-d one of height 1), PyTorch semantics: cross-correlation,
 * symmetric zero padding, stride, dilation, groups. Event-driven: each non-zero input scatters its weights into
 * the outputs it reaches, so silent inputs cost nothing. The scatter accumulates channels-last (one small
 * array of output channels per position, so the inner loop vectorises); the result is then transposed into
 * NIR's channels-first output, with the bias added.
 */
public final class ConvKernel extends Kernel<float[][][]> {
    private final int inChannels;
    private final int height;
    private final int width;
    private final int outChannels;
    private final int outHeight;
    private final int outWidth;
    private final int kernelHeight;
    private final int kernelWidth;
    private final int strideY;
    private final int strideX;
    private final int padTop;
    private final int padLeft;
    private final int dilationY;
    private final int dilationX;
    private final int inPerGroup;
    private final int outPerGroup;
    private final float[][] weights; // [(ci·kH + ky)·kW + kx][co within the group]
    private final float[] bias; // [co]

    /**
     * @param weight PyTorch layout [C_out][C_in/groups][kH][kW], flattened
     * @param geometry {inC, H, W, outC, outH, outW, kH, kW, strideY, strideX, padTop, padLeft, dilY, dilX, groups}
     */
    public ConvKernel(float[] weight, float[] bias, int[] geometry) {
        super(geometry[0] * geometry[1] * geometry[2], geometry[3] * geometry[4] * geometry[5]);
        inChannels = geometry[0];
        height = geometry[1];
        width = geometry[2];
        outChannels = geometry[3];
        outHeight = geometry[4];
        outWidth = geometry[5];
        kernelHeight = geometry[6];
        kernelWidth = geometry[7];
        strideY = geometry[8];
        strideX = geometry[9];
        padTop = geometry[10];
        padLeft = geometry[11];
        dilationY = geometry[12];
        dilationX = geometry[13];
        int groups = geometry[14];
        inPerGroup = inChannels / groups;
        outPerGroup = outChannels / groups;
        this.bias = bias;
        this.weights = new float[inChannels * kernelHeight * kernelWidth][outPerGroup];
        for (int co = 0; co < outChannels; co++) {
            int g = co / outPerGroup;
            for (int cig = 0; cig < inPerGroup; cig++) {
                int ci = g * inPerGroup + cig;
                for (int ky = 0; ky < kernelHeight; ky++) {
                    for (int kx = 0; kx < kernelWidth; kx++) {
                        float w = weight[((co * inPerGroup + cig) * kernelHeight + ky) * kernelWidth + kx];
                        weights[(ci * kernelHeight + ky) * kernelWidth + kx][co % outPerGroup] = w;
                    }
                }
            }
        }
    }

    /**
     * The scratch of each sample: per output position and group, the group's output channels
     * ({@code [b][(oy·OW + ox)·groups + g][c]}); accumulators and weight vectors are separate arrays indexed
     * from 0, the loop shape the JIT vectorises.
     */
    @Override
    public float[][][] newState(int batch) {
        int groups = outChannels / outPerGroup;
        return new float[batch][outHeight * outWidth * groups][outPerGroup];
    }

    @Override
    public void step(float[] in, float[] out, float[][][] scratch, int b0, int b1) {
        int groups = outChannels / outPerGroup;
        int plane = outHeight * outWidth;
        int[] active = new int[inSize + 1];
        for (int b = b0; b < b1; b++) {
            float[][] acc = scratch[b];
            for (int q = 0; q < acc.length; q++) { // start every position from its group's biases
                System.arraycopy(bias, (q % groups) * outPerGroup, acc[q], 0, outPerGroup);
            }
            int inBase = b * inSize;
            // Gather the non-zero inputs without branching on each one (spikes are rare and random).
            int count = 0;
            for (int j = 0; j < inSize; j++) {
                active[count] = j;
                count += in[inBase + j] != 0f ? 1 : 0;
            }
            int channelSize = height * width;
            for (int a = 0; a < count; a++) {
                int j = active[a];
                int ci = j / channelSize;
                int iy = (j % channelSize) / width;
                int ix = j % width;
                scatter(in[inBase + j], ci, iy, ix, ci / inPerGroup, groups, acc);
            }
            int outBase = b * outSize;
            for (int p = 0; p < plane; p++) {
                for (int g = 0; g < groups; g++) {
                    float[] a = acc[p * groups + g];
                    int co = g * outPerGroup;
                    for (int c = 0; c < outPerGroup; c++) {
                        out[outBase + (co + c) * plane + p] = a[c];
                    }
                }
            }
        }
    }

    @Override
    public long synapticEvents(float[] in, int offset) {
        long n = 0;
        for (int ci = 0; ci < inChannels; ci++) {
            for (int iy = 0; iy < height; iy++) {
                for (int ix = 0; ix < width; ix++) {
                    if (in[offset + (ci * height + iy) * width + ix] != 0f) {
                        n += (long) reach(iy, ix) * outPerGroup;
                    }
                }
            }
        }
        return n;
    }

    /** How many output positions the input at (iy, ix) contributes to. */
    private int reach(int iy, int ix) {
        int positions = 0;
        for (int ky = 0; ky < kernelHeight; ky++) {
            int ny = iy + padTop - ky * dilationY;
            if (ny < 0 || ny % strideY != 0 || ny / strideY >= outHeight) {
                continue;
            }
            for (int kx = 0; kx < kernelWidth; kx++) {
                int nx = ix + padLeft - kx * dilationX;
                if (nx >= 0 && nx % strideX == 0 && nx / strideX < outWidth) {
                    positions++;
                }
            }
        }
        return positions;
    }

    /** Adds x·w to every output position the input (ci, iy, ix) falls into. */
    private void scatter(float x, int ci, int iy, int ix, int group, int groups, float[][] acc) {
        for (int ky = 0; ky < kernelHeight; ky++) {
            int ny = iy + padTop - ky * dilationY;
            if (ny < 0 || ny % strideY != 0) {
                continue;
            }
            int oy = ny / strideY;
            if (oy >= outHeight) {
                continue;
            }
            for (int kx = 0; kx < kernelWidth; kx++) {
                int nx = ix + padLeft - kx * dilationX;
                if (nx < 0 || nx % strideX != 0) {
                    continue;
                }
                int ox = nx / strideX;
                if (ox >= outWidth) {
                    continue;
                }
                float[] a = acc[(oy * outWidth + ox) * groups + group];
                float[] w = weights[(ci * kernelHeight + ky) * kernelWidth + kx];
                if (x == 1f) {
                    for (int c = 0; c < a.length; c++) {
                        a[c] += w[c];
                    }
                } else {
                    for (int c = 0; c < a.length; c++) {
                        a[c] += x * w[c];
                    }
                }
            }
        }
    }
}
