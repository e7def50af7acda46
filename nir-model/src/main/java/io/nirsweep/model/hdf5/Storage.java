package io.nirsweep.model.hdf5;

/**
 * How a numeric or boolean dataset's raw data is stored.
 *
 * <p>The NIR reference writes every NumPy array gzip-compressed (h5py's {@code compression="gzip"},
 * level 4) and every plain Python scalar or list uncompressed, so a faithful writer needs both.
 * Scalars are always written {@link #CONTIGUOUS} whatever is requested, because HDF5 cannot chunk a
 * rank-0 dataset and filters need chunks.
 */
public enum Storage {
    /** One contiguous block of raw data, no filters. */
    CONTIGUOUS,
    /**
     * Chunked layout with the deflate filter at level 4, like h5py's {@code compression="gzip"}; the chunk
     * shape rule is described on {@link H5FileWriter}.
     */
    DEFLATE4
}
