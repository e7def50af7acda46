package io.nirsweep.model;

import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.LinkedHashMap;

/**
 * Free-form metadata of a node or graph: a tree of strings, arrays (numbers and bools, scalars included)
 * and nested groups, in the order given (the reader gives HDF5 name order). Backends never depend on it (NIR primitives doc).
 */
public record Metadata(Map<String, Value> entries) {
    public static final Metadata EMPTY = new Metadata(Map.of());

    public Metadata {
        entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** One metadata value. */
    public sealed interface Value permits Text, Texts, Array, Group {}

    /** A scalar string. */
    public record Text(String value) implements Value {}

    /** An array of strings (the reference returns these as bytes; we keep text). */
    public record Texts(int[] shape, String[] values) implements Value {
        public Texts {
            shape = shape.clone();
            values = values.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Texts t && Arrays.equals(shape, t.shape) && Arrays.equals(values, t.values);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(shape) + Arrays.hashCode(values);
        }

        @Override
        public String toString() {
            return Arrays.toString(values);
        }
    }

    /** A number or bool, scalar or array, with its dtype. */
    public record Array(NdArray value) implements Value {}

    /** A nested group. */
    public record Group(Metadata value) implements Value {}
}
