package io.nirsweep.model;

import java.util.Arrays;
import java.util.Map;

/** Linear map: y(t) = W·x(t). {@code weight} is (N_out, N_in), at least 2-d. */
public record Linear(NdArray weight, Metadata metadata) implements NirNode {
    public Linear {
        checkWeight(weight);
    }

    static void checkWeight(NdArray weight) {
        Checks.required(weight, "weight");
        Checks.rankAtLeast(weight, 2, "weight");
    }

    /** weight.shape[:-2] + [N_in]. */
    static Shape inputOf(NdArray weight) {
        int[] w = weight.shape();
        int[] in = Arrays.copyOf(w, w.length - 1);
        in[in.length - 1] = w[w.length - 1];
        return Shape.of(in);
    }

    /** weight.shape[:-2] + [N_out]. */
    static Shape outputOf(NdArray weight) {
        int[] w = weight.shape();
        return Shape.of(Arrays.copyOf(w, w.length - 1));
    }

    @Override
    public Shape inputShape() {
        return inputOf(weight);
    }

    @Override
    public Shape outputShape() {
        return outputOf(weight);
    }

    @Override
    public Map<String, Param> storedParams() {
        return Checks.params("weight", weight);
    }

    @Override
    public Linear withMetadata(Metadata m) {
        return new Linear(weight, m);
    }
}
