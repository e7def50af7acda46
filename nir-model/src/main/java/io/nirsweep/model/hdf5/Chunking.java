package io.nirsweep.model.hdf5;

import java.util.ArrayList;
import java.util.List;

/**
 * The chunk shape of a compressed dataset, and how its elements split into chunks.
 *
 * <p>Rule: an array of at most {@link #TARGET_BYTES} (1 MiB) is a single chunk, as h5py also makes it for
 * the small arrays NIR files hold. A larger array keeps its trailing dimensions whole: the chunk spans the
 * first axis whose trailing slab fits in 1 MiB as far as the budget allows (at least one index), and one
 * index of every axis before it. So every chunk is at most 1 MiB and covers one contiguous run of the
 * C-order array (the last chunk along the split axis may be partial; HDF5 stores it zero-padded to the
 * full chunk size). Zero-length dimensions count as 1024, as in h5py: such a dataset has no chunks, but
 * HDF5 still needs a positive chunk shape.
 */
final class Chunking {

    /** Upper bound of a chunk's uncompressed size; also h5py's upper bound for automatic chunks. */
    static final long TARGET_BYTES = 1 << 20;

    /** Zero-length dimensions are chunked as if they had this length (h5py's choice). */
    private static final int EMPTY_DIMENSION_CHUNK = 1024;

    /** One chunk: its offset in the dataspace and the run of C-order elements it holds. */
    record Chunk(long[] offset, int firstElement, int elementCount) {
    }

    private Chunking() {
    }

    /** The chunk shape for {@code dims} (rank at least 1) with elements of {@code elementSize} bytes. */
    static int[] shape(int[] dims, int elementSize) {
        int[] chunk = new int[dims.length];
        for (int i = 0; i < dims.length; i++) {
            chunk[i] = dims[i] == 0 ? EMPTY_DIMENSION_CHUNK : dims[i];
        }
        for (int axis = 0; axis < chunk.length; axis++) {
            long slabBytes = elementSize;
            for (int j = axis + 1; j < chunk.length; j++) {
                slabBytes = Math.min(slabBytes * chunk[j], TARGET_BYTES + 1); // saturate: only "fits?" matters
            }
            if (slabBytes <= TARGET_BYTES) {
                chunk[axis] = (int) Math.min(chunk[axis], TARGET_BYTES / slabBytes);
                break; // the last axis always gets here: its slab is one element
            }
            chunk[axis] = 1;
        }
        return chunk;
    }

    /** The chunks of an array of {@code dims} cut by a chunk {@code shape} from {@link #shape}, in C order. */
    static List<Chunk> chunks(int[] dims, int[] shape) {
        List<Chunk> chunks = new ArrayList<>();
        for (int d : dims) {
            if (d == 0) {
                return chunks;
            }
        }
        int split = 0; // the last axis the chunk does not span whole; axes before it have chunk length 1
        for (int axis = 0; axis < dims.length; axis++) {
            if (shape[axis] < dims[axis]) {
                split = axis;
            }
        }
        long slab = 1;
        for (int axis = split + 1; axis < dims.length; axis++) {
            slab *= dims[axis];
        }
        long rows = 1;
        for (int axis = 0; axis < split; axis++) {
            rows *= dims[axis];
        }
        int step = shape[split];
        for (long row = 0; row < rows; row++) {
            for (long start = 0; start < dims[split]; start += step) {
                long[] offset = new long[dims.length];
                long rest = row;
                for (int axis = split - 1; axis >= 0; axis--) {
                    offset[axis] = rest % dims[axis];
                    rest /= dims[axis];
                }
                offset[split] = start;
                long first = (row * dims[split] + start) * slab;
                long count = Math.min(step, dims[split] - start) * slab;
                chunks.add(new Chunk(offset, (int) first, (int) count));
            }
        }
        return chunks;
    }
}
