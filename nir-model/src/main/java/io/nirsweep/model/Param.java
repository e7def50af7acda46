package io.nirsweep.model;

/** A stored node parameter: a numeric array, or text (only Conv {@code padding} is ever text). */
public sealed interface Param permits NdArray, Param.Text {

    /** A string-valued parameter such as Conv padding {@code "same"}. */
    record Text(String value) implements Param {}
}
