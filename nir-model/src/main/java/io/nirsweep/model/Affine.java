package io.nirsweep.model;

import java.util.Arrays;
import java.util.Map;

/**
 * Affine map: y(t) = W·x(t) + b. {@code weight} is (N_out, N_in) (PyTorch convention); leading dimensions
 * beyond two act as batch-like dimensions. {@code bias} is (N_out,) — checked here, unlike the reference,
 * which accepts a bias of any length.
 */
public record Affine(NdArray weight, NdArray bias, Metadata metadata) implements NirNode {
    public Affine {
        Linear.checkWeight(weight);
        Checks.required(bias, "bias");
        int[] w = weight.shape();
        int[] expected = Arrays.copyOf(w, w.length - 1);
        if (!Arrays.equals(bias.shape(), expected) && !Arrays.equals(bias.shape(), new int[] {w[w.length - 2]})) {
            throw NirException.value("bias", "shape " + Arrays.toString(bias.shape()) + " does not match weight "
                    + Arrays.toString(w) + " (expected " + Arrays.toString(expected) + ")");
        }
    }

    @Override
    public Shape inputShape() {
        return Linear.inputOf(weight);
    }

    @Override
    public Shape outputShape() {
        return Linear.outputOf(weight);
    }

    @Override
    public Map<String, Param> storedParams() {
        return Checks.params("weight", weight, "bias", bias);
    }

    @Override
    public Affine withMetadata(Metadata m) {
        return new Affine(weight, bias, m);
    }
}
