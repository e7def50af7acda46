package io.nirsweep.model;

import java.util.Map;

/**
 * Average pooling: y[c,i,j] = (1 / (kH·kW)) Σ_{m&lt;kH, n&lt;kW} x_pad[c, i·sH + m, j·sW + n] — "SumPooling;
 * Scale" in the NIR docs; padded zeros count in the divisor (PyTorch's {@code count_include_pad=True}, which
 * NIRTorch uses). The input shape is not stored; {@code input} is null until shape inference sets it.
 */
public record AvgPool2d(NdArray kernelSize, NdArray stride, NdArray padding, Shape input, Metadata metadata)
        implements NirNode {
    public AvgPool2d {
        Pooling.check(kernelSize, stride, padding, input);
    }

    public AvgPool2d withInput(Shape in) {
        return new AvgPool2d(kernelSize, stride, padding, in, metadata);
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
    public AvgPool2d withMetadata(Metadata m) {
        return new AvgPool2d(kernelSize, stride, padding, input, m);
    }
}
