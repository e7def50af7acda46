package io.nirsweep.model;

import java.util.Map;

/** A graph entry point: y(t) = x(t). Stored key: {@code shape}. */
public record Input(NdArray shape, Metadata metadata) implements NirNode {
    public Input {
        Checks.required(shape, "shape");
        if (shape.rank() > 1) {
            throw NirException.value("shape", "must be a 1-d int array, has " + shape);
        }
        Checks.shape(shape, "shape");
    }

    public static Input of(int... dims) {
        return new Input(Shape.of(dims).toInt64Array(), Metadata.EMPTY);
    }

    @Override
    public Shape inputShape() {
        return Shape.of(shape.toIntArray());
    }

    @Override
    public Shape outputShape() {
        return inputShape();
    }

    @Override
    public Map<String, Param> storedParams() {
        return Checks.params("shape", shape);
    }

    @Override
    public Input withMetadata(Metadata m) {
        return new Input(shape, m);
    }
}
