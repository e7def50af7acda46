package io.nirsweep.operators.inputs;

import io.nirsweep.model.ReadableFile;
import io.nirsweep.sim.io.ArrayFileException;
import io.nirsweep.sim.io.Csv;
import io.nirsweep.sim.io.NpyArray;
import java.util.List;

/**
 * One sample per CSV file ({@link Csv}: one row per step, an optional header, a first column {@code t} ignored),
 * in sorted path order. The first file is read when the set is opened, to learn T and the feature count; every
 * other file is read when its sample is asked for and must have the same T and feature count.
 */
final class CsvInputSet extends BaseInputSet {
    private final List<ReadableFile> files;
    private final long maxSampleElements;

    private CsvInputSet(String name, List<ReadableFile> files, int steps, int features, long maxSampleElements,
            int[] labels) {
        super(name, files.size(), steps, new int[] {features}, labels);
        this.files = files;
        this.maxSampleElements = maxSampleElements;
    }

    static CsvInputSet open(InputSpec.Csv spec, List<ReadableFile> files, long maxSampleElements) {
        NpyArray first = read(files.get(0), maxSampleElements);
        if (first.dim(1) == 0) {
            throw new InputException(files.get(0).name() + ": has no feature columns (only the step column 't')");
        }
        int[] labels = spec.labels() == null ? null : Labels.read(spec.labels(), files.size());
        return new CsvInputSet(spec.name(), List.copyOf(files), first.dim(0), first.dim(1), maxSampleElements,
                labels);
    }

    @Override
    float[] read(int index) {
        ReadableFile file = files.get(index);
        NpyArray array = read(file, maxSampleElements);
        if (array.dim(0) != steps() || array.dim(1) != sampleSize()) {
            throw new InputException(file.name() + ": has " + array.dim(0) + " steps of " + array.dim(1) + " features;"
                    + " the set's first file " + files.get(0).name() + " has " + steps() + " steps of " + sampleSize());
        }
        return array.values();
    }

    private static NpyArray read(ReadableFile file, long maxSampleElements) {
        try {
            return Csv.read(file, maxSampleElements);
        } catch (ArrayFileException e) {
            throw new InputException(e.getMessage(), e);
        }
    }
}
