package io.nirsweep.model;

/**
 * A node that acts on each element on its own (scaling, delays, thresholds, neurons): its input and output
 * have the shape of its parameter arrays.
 */
public sealed interface Elementwise extends NirNode permits Scale, Delay, Threshold, I, IF, LI, LIF, CubaLI, CubaLIF {
    /** The parameter whose shape is the node's shape. */
    NdArray shapeParameter();

    @Override
    default Shape inputShape() {
        return shapeParameter().asShape();
    }

    @Override
    default Shape outputShape() {
        return shapeParameter().asShape();
    }
}
