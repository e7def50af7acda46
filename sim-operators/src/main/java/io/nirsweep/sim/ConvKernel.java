package io.nirsweep.sim;

import java.util.Arrays;

/**
 * Conv1d and Conv2d (a 1-d convolution is a 2-d one of height 1), PyTorch semantics: cross-correlation,
 * symmetric zero padding, stride, dilation, groups. Event-driven: each non-zero input scatters its weights into
 * the outputs it reaches, so silent inputs cost nothing. The scatter writes a channels-last scratch buffer
 * (contiguous over output channels, so the inner loop vectorises) which is then transposed into NIR's
 * channels-first output, with the bias added.
 */
final class ConvKernel extends Kernel<float[]> {
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
    private final float[] weights; // [ci][ky][kx][co within the group]
    private final float[] bias; // [co]

    /**
     * @param weight PyTorch layout [C_out][C_in/groups][kH][kW], flattened
     * @param geometry {inC, H, W, outC, outH, outW, kH, kW, strideY, strideX, padTop, padLeft, dilY, dilX, groups}
     */
    ConvKernel(float[] weight, float[] bias, int[] geometry) {
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
        this.weights = new float[weight.length];
        for (int co = 0; co < outChannels; co++) {
            int g = co / outPerGroup;
            for (int cig = 0; cig < inPerGroup; cig++) {
                int ci = g * inPerGroup + cig;
                for (int ky = 0; ky < kernelHeight; ky++) {
                    for (int kx = 0; kx < kernelWidth; kx++) {
                        float w = weight[((co * inPerGroup + cig) * kernelHeight + ky) * kernelWidth + kx];
                        weights[((ci * kernelHeight + ky) * kernelWidth + kx) * outPerGroup + co % outPerGroup] = w;
                    }
                }
            }
        }
    }

    /** The scratch buffer: one channels-last output per sample. */
    @Override
    float[] newState(int batch) {
        return new float[Math.multiplyExact(batch, outSize)];
    }

    @Override
    void step(float[] in, float[] out, float[] scratch, int b0, int b1) {
        for (int b = b0; b < b1; b++) {
            int inBase = b * inSize;
            int sBase = b * outSize;
            Arrays.fill(scratch, sBase, sBase + outSize, 0f);
            for (int ci = 0; ci < inChannels; ci++) {
                int groupOut = (ci / inPerGroup) * outPerGroup;
                for (int iy = 0; iy < height; iy++) {
                    int row = inBase + (ci * height + iy) * width;
                    for (int ix = 0; ix < width; ix++) {
                        float x = in[row + ix];
                        if (x != 0f) {
                            scatter(x, ci, iy, ix, groupOut, scratch, sBase);
                        }
                    }
                }
            }
            int outBase = b * outSize;
            int plane = outHeight * outWidth;
            for (int p = 0; p < plane; p++) {
                int s = sBase + p * outChannels;
                for (int co = 0; co < outChannels; co++) {
                    out[outBase + co * plane + p] = scratch[s + co] + bias[co];
                }
            }
        }
    }

    /** Adds x·w to every output position the input (ci, iy, ix) falls into. */
    private void scatter(float x, int ci, int iy, int ix, int groupOut, float[] scratch, int sBase) {
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
                int s = sBase + (oy * outWidth + ox) * outChannels + groupOut;
                int w = ((ci * kernelHeight + ky) * kernelWidth + kx) * outPerGroup;
                for (int c = 0; c < outPerGroup; c++) {
                    scratch[s + c] += x * weights[w + c];
                }
            }
        }
    }
}
