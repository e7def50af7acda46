package io.nirsweep.operators.inputs;

import io.nirsweep.model.ReadableFile;
import io.nirsweep.sim.io.ArrayFileException;
import io.nirsweep.sim.io.NpyFile;
import io.nirsweep.sim.io.TimeMajor;

import java.util.Arrays;
import java.util.List;

/**
 * Samples from {@code .npy} arrays, read from the file when asked (only the headers are read when the set is
 * opened). Time-major files {@code [T, B, *shape]} (or {@code [T, n]}, one sample) are read as the command line
 * reads them ({@link TimeMajor}): sample b is one slice per step, strided across the file. Sample-major files
 * {@code [N, T, *shape]} (the config's {@code layout: sample-major}) hold sample i as one contiguous slice. Several
 * files follow each other in sorted path order and must agree on T and the per-step shape.
 */
final class NpyInputSet extends BaseInputSet {
    private final NpyFile[] files;
    /** {@code firstSample[k]} is the set's index of file k's first sample; one more entry holds the total. */
    private final long[] firstSample;
    private final boolean timeMajor;

    private NpyInputSet(String name, NpyFile[] files, long[] firstSample, boolean timeMajor, int steps, int[] shape,
            int[] labels) {
        super(name, (int) firstSample[files.length], steps, shape, labels);
        this.files = files;
        this.firstSample = firstSample;
        this.timeMajor = timeMajor;
    }

    static NpyInputSet open(InputSpec.Npy spec, List<ReadableFile> paths, long maxSampleElements) {
        boolean timeMajor = spec.layout() == InputSpec.Npy.Layout.TIME_MAJOR;
        NpyFile[] files = new NpyFile[paths.size()];
        long[] first = new long[paths.size() + 1];
        long[] perSample = null;
        String reference = null;
        for (int k = 0; k < files.length; k++) {
            NpyFile file = openFile(paths.get(k));
            TimeMajor layout = layout(file, timeMajor);
            // T then the per-step shape: what the files of one set must agree on.
            long[] rest = new long[layout.stepShape().length + 1];
            rest[0] = layout.steps();
            System.arraycopy(layout.stepShape(), 0, rest, 1, rest.length - 1);
            if (perSample == null) {
                perSample = rest;
                reference = file.file();
                checkSampleSize(file, rest, maxSampleElements);
            } else if (!Arrays.equals(perSample, rest)) {
                throw new InputException(file.file() + ": samples of shape " + text(rest) + " (steps first) differ"
                        + " from the " + text(perSample) + " of " + reference + ", the set's first file");
            }
            files[k] = file;
            first[k + 1] = first[k] + layout.samples();
            if (first[k + 1] > Integer.MAX_VALUE - 8) {
                throw new InputException(file.file() + ": the set would hold more than " + (Integer.MAX_VALUE - 8)
                        + " samples");
            }
        }
        int samples = (int) first[files.length];
        if (samples == 0) {
            throw new InputException(files[0].file() + ": holds no sample (its " + (timeMajor ? "second" : "first")
                    + " dimension is 0)" + (files.length > 1 ? ", nor do the set's other " + (files.length - 1)
                    + " files" : ""));
        }
        int[] shape = new int[perSample.length - 1];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = (int) perSample[i + 1];
        }
        int[] labels = spec.labels() == null ? null : Labels.read(spec.labels(), samples);
        return new NpyInputSet(spec.name(), files, first, timeMajor, (int) perSample[0], shape, labels);
    }

    /** Steps, samples and per-step shape of one file in the set's layout; refuses a rank that has no such reading. */
    private static TimeMajor layout(NpyFile file, boolean timeMajor) {
        long[] shape = file.shape();
        if (timeMajor) {
            TimeMajor layout = TimeMajor.of(shape);
            if (layout == null) {
                throw new InputException(file.file() + ": shape " + shapeText(shape) + " is not [T, B, *shape] or"
                        + " [T, n]: an npy input set is time-major, like simulate's input (a single series of T"
                        + " steps is saved as x[:, numpy.newaxis])");
            }
            return layout;
        }
        if (shape.length < 3) {
            throw new InputException(file.file() + ": shape " + shapeText(shape) + " is not [N, T, *shape], which"
                    + " layout: sample-major reads (save one sample [T, ...] as x[numpy.newaxis])");
        }
        return new TimeMajor(shape[1], shape[0], Arrays.copyOfRange(shape, 2, shape.length));
    }

    private static void checkSampleSize(NpyFile file, long[] perSample, long maxSampleElements) {
        long size = 1;
        for (long d : perSample) {
            if (d == 0) {
                throw new InputException(file.file() + ": shape " + shapeText(file.shape()) + " has an empty"
                        + " dimension: samples need at least one step and one element per step");
            }
            size = size > Long.MAX_VALUE / d ? Long.MAX_VALUE : size * d;
        }
        if (size > maxSampleElements) {
            throw new InputException(file.file() + ": one sample of shape " + text(perSample) + " has " + size
                    + " elements, more than the limit of " + maxSampleElements);
        }
    }

    /** A file's header, read and checked by the same code as {@code Npy.read}; C order only. */
    private static NpyFile openFile(ReadableFile path) {
        NpyFile npy;
        try {
            npy = NpyFile.open(path);
        } catch (ArrayFileException e) {
            throw new InputException(e.getMessage(), e);
        }
        if (npy.fortranOrder() && npy.shape().length > 1) {
            throw new InputException(path.name() + ": is stored in Fortran order; input sets read samples one by one"
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
        long sample = index - firstSample[k];
        int size = sampleSize();
        float[] out = new float[steps() * size];
        try {
            if (timeMajor) {
                long samples = firstSample[k + 1] - firstSample[k];
                files[k].read(sample * size, size, samples * size, steps(), out);
            } else {
                files[k].read(sample * out.length, out.length, out);
            }
        } catch (ArrayFileException e) {
            throw new InputException(e.getMessage(), e);
        }
        return out;
    }
}
