package io.nirsweep.model;

import java.util.Map;

/**
 * Flattens dimensions {@code start_dim..end_dim} (inclusive; negative values count from the end, Python
 * style) of the unbatched input into one, in C order: out = in[:start] + [∏ in[start..end]] + in[end+1:].
 * The input shape {@code inputDims} is stored under the key {@code input_type} (a reference quirk); null
 * while unknown.
 */
public record Flatten(NdArray startDim, NdArray endDim, NdArray inputDims, Metadata metadata) implements NirNode {
    public Flatten {
        startDim = startDim != null ? startDim : NdArray.int64Scalar(1);
        endDim = endDim != null ? endDim : NdArray.int64Scalar(-1);
        Checks.intOrTuple(startDim, 1, Integer.MIN_VALUE, "start_dim");
        Checks.intOrTuple(endDim, 1, Integer.MIN_VALUE, "end_dim");
        if (inputDims != null) {
            if (inputDims.rank() > 1) {
                throw NirException.value("input_type", "must be a 1-d int array, has " + inputDims);
            }
            flatten(Checks.shape(inputDims, "input_type"), startDim.intValue(), endDim.intValue());
        }
    }

    /** The same Flatten with its input shape known (as shape inference sets it). */
    public Flatten withInput(Shape in) {
        return new Flatten(startDim, endDim, in.toInt64Array(), metadata);
    }

    static Shape flatten(Shape in, int start, int end) {
        int rank = in.rank();
        int s = start < 0 ? start + rank : start;
        int e = end < 0 ? end + rank : end;
        if (s < 0 || s >= Math.max(rank, 1) || e < 0 || e >= Math.max(rank, 1) || s > e) {
            throw NirException.value("start_dim", "dimensions " + start + ".." + end
                    + " do not fit an input of shape " + in);
        }
        if (rank == 0) {
            return Shape.of(1);
        }
        int[] d = in.dims();
        int[] out = new int[rank - (e - s)];
        System.arraycopy(d, 0, out, 0, s);
        long product = 1;
        for (int i = s; i <= e; i++) {
            product *= d[i];
            if (product > Integer.MAX_VALUE) { // checked per factor: the product of many int dims overflows a long
                throw NirException.value("start_dim", "flattening dimensions " + start + ".." + end + " of an input "
                        + "of shape " + in + " gives more than " + Integer.MAX_VALUE + " values in one dimension");
            }
        }
        out[s] = (int) product;
        System.arraycopy(d, e + 1, out, s + 1, rank - e - 1);
        return Shape.of(out);
    }

    @Override
    public Shape inputShape() {
        return inputDims == null ? null : Shape.of(inputDims.toIntArray());
    }

    @Override
    public Shape outputShape() {
        Shape in = inputShape();
        return in == null ? null : flatten(in, startDim.intValue(), endDim.intValue());
    }

    @Override
    public Map<String, Param> storedParams() {
        return Checks.params("start_dim", startDim, "end_dim", endDim, "input_type", inputDims);
    }

    @Override
    public Flatten withMetadata(Metadata m) {
        return new Flatten(startDim, endDim, inputDims, m);
    }
}
