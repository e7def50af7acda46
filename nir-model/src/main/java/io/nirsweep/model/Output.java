package io.nirsweep.model;

import java.util.Map;

/** A graph exit point: y(t) = x(t). Stored key: {@code shape}; unknown (null) until inference fills it. */
public record Output(NdArray shape, Metadata metadata) implements NirNode {
    public Output {
        if (shape != null) {
            if (shape.rank() > 1) {
                throw NirException.value("shape", "must be a 1-d int array, has " + shape);
            }
            Checks.shape(shape, "shape");
        }
    }

    public static Output of(Shape shape) {
        return new Output(shape == null ? null : shape.toInt64Array(), Metadata.EMPTY);
    }

    @Override
    public Shape inputShape() {
        return shape == null ? null : Shape.of(shape.toIntArray());
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
    public Output withMetadata(Metadata m) {
        return new Output(shape, m);
    }
}
