package io.nirsweep.model;

import java.util.Map;

/**
 * Sum pooling: y[c,i,j] = Σ_{m&lt;kH, n&lt;kW} x_pad[c, i·sH + m, j·sW + n]. The input shape is not stored in
 * the file; {@code input} is null until shape inference sets it.
 */
public record SumPool2d(NdArray kernelSize, NdArray stride, NdArray padding, Shape input, Metadata metadata)
        implements NirNode {
    public SumPool2d {
        Pooling.check(kernelSize, stride, padding, input);
    }

    public SumPool2d withInput(Shape in) {
        return new SumPool2d(kernelSize, stride, padding, in, metadata);
    }

    @Override
    public Shape inputShape() {
        return input;
    }

    @Override
    public Shape outputShape() {
        return Pooling.outputShape(kernelSize, stride, padding, input);
    }

    @Override
    public Map<String, Param> storedParams() {
        return Checks.params("kernel_size", kernelSize, "stride", stride, "padding", padding);
    }

    @Override
    public SumPool2d withMetadata(Metadata m) {
        return new SumPool2d(kernelSize, stride, padding, input, m);
    }
}
