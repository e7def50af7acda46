package io.nirsweep.model.hdf5;

import io.nirsweep.model.DType;

/**
 * A validated, immutable dataset waiting to be written. {@link H5Group} builds these (it validates and
 * copies the caller's arrays), and {@link H5FileWriter} lays them out.
 */
sealed interface H5Dataset extends H5Node {

    /** The dataspace dimensions; empty for a scalar. */
    int[] dims();

    /**
     * Variable-length UTF-8 strings in C order. Always written contiguous: the reference never
     * compresses strings, and a filter would only compress the 16-byte heap references anyway.
     */
    record Strings(int[] dims, String[] values) implements H5Dataset {
    }

    /**
     * Fixed-size elements (numeric or the h5py boolean enum) in C order. {@code bits} holds each element's
     * little-endian bit pattern in its low {@code type.bytes()} bytes, already converted to the target
     * width (float16/float32 bit patterns, 0 or 1 for booleans, two's complement for integers).
     */
    record Fixed(DType type, int[] dims, long[] bits, Storage storage) implements H5Dataset {

        /** Whether the data is written chunked and deflated: scalars never are, HDF5 cannot chunk them. */
        boolean chunked() {
            return storage == Storage.DEFLATE4 && dims.length > 0;
        }
    }
}
