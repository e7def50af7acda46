package io.nirsweep.model;

import java.util.Arrays;

/**
 * Shape arithmetic shared by convolutions and pooling (PyTorch semantics, symmetric padding, floor):
 * L_out = ⌊(L + 2p − d·(k − 1) − 1) / s⌋ + 1, per spatial dimension with that dimension's own kernel size
 * (the reference wrongly uses kH for both dimensions of a Conv2d).
 */
public final class ConvGeometry {
    private ConvGeometry() {}

    /** Output length of one spatial dimension; fails when the window does not fit. */
    public static int outputLength(int length, int kernel, int stride, int padding, int dilation, String what) {
        long numerator = (long) length + 2L * padding - (long) dilation * (kernel - 1) - 1;
        if (numerator < 0) {
            throw NirException.value(what, "input length " + length + " is smaller than the kernel extent "
                    + ((long) dilation * (kernel - 1) + 1) + " (padding " + padding + ")");
        }
        return Math.toIntExact(numerator / stride + 1);
    }

    /**
     * Explicit per-dimension padding; {@code "valid"} is zero. {@code "same"} has no explicit padding
     * (output length equals input length whatever the stride) and is handled by the caller.
     */
    static int[] explicitPadding(Param padding, int spatialDims) {
        if (padding instanceof Param.Text t) {
            if (t.value().equals("valid")) {
                return new int[spatialDims];
            }
            throw new IllegalStateException("padding '" + t.value() + "' has no explicit size");
        }
        return Checks.intOrTuple((NdArray) padding, spatialDims, 0, "padding");
    }

    static boolean isSame(Param padding) {
        return padding instanceof Param.Text t && t.value().equals("same");
    }

    static void checkPadding(Param padding, int spatialDims) {
        Checks.required(padding, "padding");
        if (padding instanceof Param.Text t) {
            if (!t.value().equals("same") && !t.value().equals("valid")) {
                throw NirException.value("padding", "must be 'same', 'valid', or int, not "
                        + MessageText.quote(t.value()));
            }
        } else {
            Checks.intOrTuple((NdArray) padding, spatialDims, 0, "padding");
        }
    }

    /** Output spatial sizes of a convolution or pooling window over {@code input}. */
    static int[] outputSize(int[] input, int[] kernel, int[] stride, Param padding, int[] dilation) {
        if (isSame(padding)) {
            return input.clone();
        }
        int[] pad = explicitPadding(padding, input.length);
        int[] out = new int[input.length];
        for (int i = 0; i < input.length; i++) {
            out[i] = outputLength(input[i], kernel[i], stride[i], pad[i], dilation[i], "input_shape");
        }
        return out;
    }

    /** Checks weight rank, groups and bias of a convolution; returns the groups count. */
    static int checkConv(NdArray weight, NdArray groups, NdArray bias, int spatialDims) {
        Checks.required(weight, "weight");
        Checks.rank(weight, spatialDims + 2, "weight");
        int g = Checks.intOrTuple(Checks.required(groups, "groups"), 1, 1, "groups")[0];
        int cOut = weight.shape()[0];
        if (cOut % g != 0) {
            throw NirException.value("groups", groups.intValue() + " does not divide the " + cOut
                    + " output channels of weight " + Arrays.toString(weight.shape()));
        }
        Checks.required(bias, "bias");
        if (!Arrays.equals(bias.shape(), new int[] {cOut})) {
            throw NirException.value("bias", "shape " + Arrays.toString(bias.shape()) + " must be [" + cOut + "]");
        }
        return g;
    }
}
