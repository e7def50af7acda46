package io.nirsweep.model;

import java.util.Map;

/**
 * 2-d convolution (PyTorch cross-correlation): y[c_o, i, j] = b[c_o] + Σ_{c_i, m, n} W[c_o, c_i, m, n] ·
 * x_pad[g(c_o)·C_in/groups + c_i, i·s_h + m·d_h, j·s_w + n·d_w]. {@code weight} is
 * (C_out, C_in/groups, kH, kW); stride, padding and dilation are an int or a pair; padding may be
 * {@code "same"} or {@code "valid"}; {@code input_shape} is (H, W) or null while unknown.
 */
public record Conv2d(NdArray inputSize, NdArray weight, NdArray stride, Param padding, NdArray dilation,
        NdArray groups, NdArray bias, Metadata metadata) implements NirNode {
    public Conv2d {
        ConvGeometry.checkConv(weight, groups, bias, 2);
        Checks.intOrTuple(Checks.required(stride, "stride"), 2, 1, "stride");
        Checks.intOrTuple(Checks.required(dilation, "dilation"), 2, 1, "dilation");
        ConvGeometry.checkPadding(padding, 2);
        if (inputSize != null) {
            outputSizeOf(Checks.intOrTuple(inputSize, 2, 1, "input_shape"), weight, stride, padding, dilation);
        }
    }

    private static int[] outputSizeOf(int[] size, NdArray weight, NdArray stride, Param padding, NdArray dilation) {
        int[] w = weight.shape();
        return ConvGeometry.outputSize(size, new int[] {w[2], w[3]}, Checks.intOrTuple(stride, 2, 1, "stride"),
                padding, Checks.intOrTuple(dilation, 2, 1, "dilation"));
    }

    public int groupCount() {
        return groups.intValue();
    }

    public int inChannels() {
        return weight.shape()[1] * groupCount();
    }

    public int outChannels() {
        return weight.shape()[0];
    }

    public int[] strideHW() {
        return Checks.intOrTuple(stride, 2, 1, "stride");
    }

    public int[] dilationHW() {
        return Checks.intOrTuple(dilation, 2, 1, "dilation");
    }

    /** The same convolution with its input size known (as shape inference sets it, an int64 pair). */
    public Conv2d withInputSize(int height, int width) {
        return new Conv2d(NdArray.int64Vector(height, width), weight, stride, padding, dilation, groups, bias,
                metadata);
    }

    @Override
    public Shape inputShape() {
        if (inputSize == null) {
            return null;
        }
        int[] hw = Checks.intOrTuple(inputSize, 2, 1, "input_shape");
        return Shape.of(inChannels(), hw[0], hw[1]);
    }

    @Override
    public Shape outputShape() {
        if (inputSize == null) {
            return null;
        }
        int[] out = outputSizeOf(Checks.intOrTuple(inputSize, 2, 1, "input_shape"), weight, stride, padding, dilation);
        return Shape.of(outChannels(), out[0], out[1]);
    }

    @Override
    public Map<String, Param> storedParams() {
        return Checks.params("input_shape", inputSize, "weight", weight, "stride", stride, "padding", padding,
                "dilation", dilation, "groups", groups, "bias", bias);
    }

    @Override
    public Conv2d withMetadata(Metadata m) {
        return new Conv2d(inputSize, weight, stride, padding, dilation, groups, bias, m);
    }
}
