package io.nirsweep.operators.inputs;

import io.nirsweep.sim.io.ArrayFileException;
import io.nirsweep.sim.io.NpyFile;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Samples from {@code .npy} arrays {@code [N, T, *shape]}: sample i of a file is its i-th slice along the first
 * axis, read from the file when asked (only the headers are read when the set is opened). Several files follow
 * each other in sorted path order and must agree on T and the per-step shape.
 */
final class NpyInputSet extends BaseInputSet {
    private final NpyFile[] files;
    /** {@code firstSample[k]} is the set's index of file k's first sample; one more entry holds the total. */
    private final long[] firstSample;

    private NpyInputSet(String name, NpyFile[] files, long[] firstSample, int steps, int[] shape, int[] labels) {
        super(name, (int) firstSample[files.length], steps, shape, labels);
        this.files = files;
        this.firstSample = firstSample;
    }

    static NpyInputSet open(InputSpec.Npy spec, List<Path> paths, long maxSampleElements) {
        NpyFile[] files = new NpyFile[paths.size()];
        long[] first = new long[paths.size() + 1];
        long[] perSample = null;
        Path reference = null;
        for (int k = 0; k < files.length; k++) {
            NpyFile layout = openFile(paths.get(k));
            long[] shape = layout.shape();
            if (shape.length < 3) {
                throw new InputException(layout.file() + ": shape " + shapeText(layout.shape()) + " is not [N, T, *shape]:"
                        + " an npy input set holds N samples of T steps each (save one sample [T, ...] as"
                        + " x[numpy.newaxis])");
            }
            long[] rest = Arrays.copyOfRange(shape, 1, shape.length);
            if (perSample == null) {
                perSample = rest;
                reference = layout.file();
                checkSampleSize(layout, rest, maxSampleElements);
            } else if (!Arrays.equals(perSample, rest)) {
                throw new InputException(layout.file() + ": samples of shape " + text(rest) + " (steps first) differ"
                        + " from the " + text(perSample) + " of " + reference + ", the set's first file");
            }
            files[k] = layout;
            first[k + 1] = first[k] + shape[0];
            if (first[k + 1] > Integer.MAX_VALUE - 8) {
                throw new InputException(layout.file() + ": the set would hold more than " + (Integer.MAX_VALUE - 8)
                        + " samples");
            }
        }
        int samples = (int) first[files.length];
        if (samples == 0) {
            throw new InputException(files[0].file() + ": holds no sample (its first dimension is 0)"
                    + (files.length > 1 ? ", nor do the set's other " + (files.length - 1) + " files" : ""));
        }
        int[] shape = new int[perSample.length - 1];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = (int) perSample[i + 1];
        }
        int[] labels = spec.labels() == null ? null : Labels.read(Path.of(spec.labels()), samples);
        return new NpyInputSet(spec.name(), files, first, (int) perSample[0], shape, labels);
    }

    private static void checkSampleSize(NpyFile layout, long[] perSample, long maxSampleElements) {
        long size = 1;
        for (long d : perSample) {
            if (d == 0) {
                throw new InputException(layout.file() + ": shape " + shapeText(layout.shape()) + " has an empty"
                        + " dimension: samples need at least one step and one element per step");
            }
            size = size > Long.MAX_VALUE / d ? Long.MAX_VALUE : size * d;
        }
        if (size > maxSampleElements) {
            throw new InputException(layout.file() + ": one sample of shape " + text(perSample) + " has " + size
                    + " elements, more than the limit of " + maxSampleElements);
        }
    }

    /** A file's header, read and checked by the same code as {@code Npy.read}; C order only. */
    private static NpyFile openFile(Path path) {
        NpyFile npy;
        try {
            npy = NpyFile.open(path);
        } catch (ArrayFileException e) {
            throw new InputException(e.getMessage(), e);
        }
        if (npy.fortranOrder() && npy.shape().length > 1) {
            throw new InputException(path + ": is stored in Fortran order; input sets read samples one by one"
                    + " from C-order files: save it with numpy.save(f, numpy.ascontiguousarray(x))");
        }
        return npy;
    }

    /** The shape as NumPy prints it, e.g. {@code (3, 100, 2)}. */
    private static String shapeText(long[] shape) {
        StringBuilder out = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            out.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return out.append(shape.length == 1 ? ",)" : ")").toString();
    }

    private static String text(long[] dims) {
        return Arrays.toString(dims);
    }

    @Override
    float[] read(int index) {
        int k = Arrays.binarySearch(firstSample, index);
        // An exact hit may be the start of an empty file: take the last file that starts there.
        if (k >= 0) {
            while (k + 1 < files.length && firstSample[k + 1] == index) {
                k++;
            }
        } else {
            k = -k - 2;
        }
        int size = steps() * sampleSize();
        float[] out = new float[size];
        try {
            files[k].read((index - firstSample[k]) * size, size, out);
        } catch (ArrayFileException e) {
            throw new InputException(e.getMessage(), e);
        }
        return out;
    }
}
