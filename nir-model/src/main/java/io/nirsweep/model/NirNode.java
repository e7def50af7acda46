package io.nirsweep.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One NIR node: a graph, a graph port, or a primitive (NIR spec §3). Every implementation is an immutable
 * record whose doc comment states the primitive's equation; dynamics are continuous-time and carry no dt.
 *
 * <p>Shapes are unbatched. A shape that is not known yet (a Conv without {@code input_shape}, a pooling
 * layer before inference, an Output built without a shape) is {@code null} until {@link
 * io.nirsweep.model.types.TypeInference} fills it in.
 */
public sealed interface NirNode
        permits NirGraph, Input, Output, Affine, Linear, Conv1d, Conv2d, SumPool2d, AvgPool2d, Flatten,
                Elementwise {

    /** The NIR {@code type} string, e.g. {@code "LIF"}. */
    default String typeName() {
        return getClass().getSimpleName();
    }

    Metadata metadata();

    /** The node with other metadata. */
    NirNode withMetadata(Metadata metadata);

    /** Input shape, or null when not known yet. */
    Shape inputShape();

    /** Output shape, or null when not known yet. */
    Shape outputShape();

    /**
     * The parameters as stored in the node's HDF5 group, in the reference's constructor order (the order
     * of {@link NodeKind#keys()}); an unknown optional value is absent.
     */
    Map<String, Param> storedParams();

    /** Named input ports: {@code {"input": shape}} for a primitive; a graph's Input nodes for a graph. */
    default Map<String, Shape> inputType() {
        return port("input", inputShape());
    }

    /** Named output ports: {@code {"output": shape}} for a primitive; a graph's Output nodes for a graph. */
    default Map<String, Shape> outputType() {
        return port("output", outputShape());
    }

    private static Map<String, Shape> port(String name, Shape shape) {
        Map<String, Shape> m = new LinkedHashMap<>();
        m.put(name, shape);
        return Collections.unmodifiableMap(m);
    }
}
