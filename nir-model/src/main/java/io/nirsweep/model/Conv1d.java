package io.nirsweep.model;

import java.util.Map;

/**
 * 1-d convolution (PyTorch cross-correlation): y[c_o, l] = b[c_o] + Σ_{c_i, k} W[c_o, c_i, k] ·
 * x_pad[g(c_o)·C_in/groups + c_i, l·s + k·d]. {@code weight} is (C_out, C_in/groups, K); {@code
 * input_shape} is the input length N or null while unknown. Input channels are weight.shape[1]·groups
 * (the reference forgets the groups factor).
 */
public record Conv1d(NdArray inputLength, NdArray weight, NdArray stride, Param padding, NdArray dilation,
        NdArray groups, NdArray bias, Metadata metadata) implements NirNode {
    public Conv1d {
        ConvGeometry.checkConv(weight, groups, bias, 1);
        Checks.intOrTuple(Checks.required(stride, "stride"), 1, 1, "stride");
        Checks.intOrTuple(Checks.required(dilation, "dilation"), 1, 1, "dilation");
        ConvGeometry.checkPadding(padding, 1);
        if (inputLength != null) {
            Checks.intOrTuple(inputLength, 1, 1, "input_shape");
            outputSizeOf(inputLength.intValue(), weight, stride, padding, dilation);
        }
    }

    private static int outputSizeOf(int length, NdArray weight, NdArray stride, Param padding, NdArray dilation) {
        return ConvGeometry.outputSize(new int[] {length}, new int[] {weight.shape()[2]},
                Checks.intOrTuple(stride, 1, 1, "stride"), padding,
                Checks.intOrTuple(dilation, 1, 1, "dilation"))[0];
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

    /** The same convolution with its input length known (as shape inference sets it). */
    public Conv1d withInputLength(int length) {
        return new Conv1d(NdArray.int64Scalar(length), weight, stride, padding, dilation, groups, bias, metadata);
    }

    @Override
    public Shape inputShape() {
        return inputLength == null ? null : Shape.of(inChannels(), inputLength.intValue());
    }

    @Override
    public Shape outputShape() {
        return inputLength == null ? null
                : Shape.of(outChannels(), outputSizeOf(inputLength.intValue(), weight, stride, padding, dilation));
    }

    @Override
    public Map<String, Param> storedParams() {
        return Checks.params("input_shape", inputLength, "weight", weight, "stride", stride, "padding", padding,
                "dilation", dilation, "groups", groups, "bias", bias);
    }

    @Override
    public Conv1d withMetadata(Metadata m) {
        return new Conv1d(inputLength, weight, stride, padding, dilation, groups, bias, m);
    }
}
