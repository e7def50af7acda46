package io.nirsweep.model;

/** Shape rules shared by {@link SumPool2d} and {@link AvgPool2d}: the conv formula with dilation 1. */
final class Pooling {
    private Pooling() {}

    static void check(NdArray kernelSize, NdArray stride, NdArray padding, Shape input) {
        Checks.intOrTuple(Checks.required(kernelSize, "kernel_size"), 2, 1, "kernel_size");
        Checks.intOrTuple(Checks.required(stride, "stride"), 2, 1, "stride");
        Checks.intOrTuple(Checks.required(padding, "padding"), 2, 0, "padding");
        if (input != null) {
            outputShape(kernelSize, stride, padding, input);
        }
    }

    /** [C, H_out, W_out] for input [C, H, W]; null while the input is unknown. */
    static Shape outputShape(NdArray kernelSize, NdArray stride, NdArray padding, Shape input) {
        if (input == null) {
            return null;
        }
        if (input.rank() != 3) {
            throw NirException.value("input", "pooling needs a [C, H, W] input, has " + input);
        }
        int[] out = ConvGeometry.outputSize(new int[] {input.dim(1), input.dim(2)},
                Checks.intOrTuple(kernelSize, 2, 1, "kernel_size"), Checks.intOrTuple(stride, 2, 1, "stride"),
                padding, new int[] {1, 1});
        return Shape.of(input.dim(0), out[0], out[1]);
    }
}
