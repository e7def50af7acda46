package io.nirsweep.model;

/** The reference's defaults for neuron parameters that older files lack. */
final class Neurons {
    private Neurons() {}

    /** {@code zeros_like(like)}: the default {@code v_reset}, with the threshold's dtype. */
    static NdArray zerosLike(NdArray like) {
        return NdArray.filled(like.dtype(), like.shape(), 0.0);
    }

    /**
     * {@code ones_like(like) * w_in} with {@code w_in} defaulting to the Python float 1.0: a one-element
     * {@code w_in} is broadcast to the neuron shape. NumPy's promotion keeps a float neuron dtype and turns
     * an integer one into float64 (or the float dtype of {@code w_in}).
     */
    static NdArray broadcastWIn(NdArray like, NdArray wIn) {
        if (wIn != null && (wIn.sameShape(like) || wIn.size() != 1)) {
            return wIn;
        }
        double value = wIn == null ? 1.0 : wIn.getDouble(0);
        DType dtype = like.dtype().isFloating() ? like.dtype()
                : wIn != null && wIn.dtype().isFloating() ? wIn.dtype() : DType.FLOAT64;
        return NdArray.filled(dtype, like.shape(), value);
    }
}
