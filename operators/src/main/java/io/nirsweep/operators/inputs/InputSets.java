package io.nirsweep.operators.inputs;

import io.nirsweep.model.ReadableFile;
import io.nirsweep.operators.storage.Storage;
import io.nirsweep.sim.io.ArrayFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Opens the input set a spec describes. Opening reads only what fixes the set's size — headers, the first CSV
 * file, every N-MNIST file when no {@code steps} bounds them — and the labels; samples are read when asked for.
 *
 * <h2>Layouts</h2>
 * <ul>
 * <li><b>npy</b>: time-major, as the command line's {@code simulate} reads its input
 * ({@link io.nirsweep.sim.io.TimeMajor}, the one place the convention is decided): each file is one array
 * {@code [T, B, *shape]} of B samples of T steps of {@code shape}, or {@code [T, n]} of one sample. A sample is
 * read strided, one slice per step, in bounded memory. With {@code layout: sample-major} each file is
 * {@code [N, T, *shape]} instead (rank at least 3), each sample one contiguous slice. A pattern's files follow each
 * other in sorted order and must agree on T and shape. Values become float32 as {@link io.nirsweep.sim.io.Npy}
 * converts them; Fortran-order files are refused.</li>
 * <li><b>csv</b>: one sample per file, docs/cli.md's rules ({@link io.nirsweep.sim.io.Csv}: one row per step, optional
 * header, a first column {@code t} ignored); per-step shape {@code [F]} for F feature columns; sorted order.</li>
 * <li><b>nirdata</b>: one observable of one node of NIRData files (NIR spec §6); per-step shape
 * {@code [n_neurons]}. TimeGriddedData {@code (n_samples, n_steps, n_neurons)} is read as it is (bool as 0/1);
 * EventData and ValuedEventData are binned with the spec's dt: an event at time s adds 1 (or its value) in step
 * {@code ⌊s / dt⌋}, T = {@code ⌈t_max / dt⌉}.</li>
 * <li><b>nmnist</b>: N-MNIST binary event files, one sample each, sorted; per-step shape
 * {@code [2, height, width]} (polarity, y, x) of event counts per {@code bin_us} microseconds, counted from time
 * 0; T is the longest file's {@code ⌊t_last / bin_us⌋ + 1} unless {@code steps} is given; labels from the parent
 * folders ({@code Test/<digit>/<id>.bin}) when they are all integers and no labels file is given.</li>
 * <li><b>poisson</b>: generated, {@code [steps, *shape]} of 0/1 with probability {@code rate} per element;
 * sample i depends on {@code (seed, i)} alone (SplitMix64, written out in the code so no JVM can change it).</li>
 * </ul>
 * A {@code steps} option (nirdata, nmnist) cuts every sample to that many steps or pads it with zeros. Labels,
 * when a file gives them, are one integer per sample: a {@code .npy} or {@code .csv} of shape {@code [N]} (or one
 * CSV column or row).
 *
 * <p>A {@code path} (and a labels file) is a location: a plain path, a {@code file:} URI, or a URI of any scheme a
 * Beam file system on the class path registers ({@code gs://}, {@code s3://}, {@code hdfs://} …), expanded by
 * {@link Globs#expandLocation}. Every file is read through a {@link ReadableFile}, so the same
 * readers, with the same bounds, read every location; messages name a local file by its path, another by its URI.
 *
 * <p>Every sample is bounded: {@code steps × prod(shape)} at most {@link #DEFAULT_MAX_SAMPLE_ELEMENTS} (or the
 * limit given), checked from what files declare before anything of that size is allocated.
 */
public final class InputSets {

    /** Elements one sample may have: 2^28 float32 values are 1 GiB, the array-file readers' own default. */
    public static final long DEFAULT_MAX_SAMPLE_ELEMENTS = ArrayFiles.DEFAULT_MAX_ELEMENTS;

    private InputSets() {
    }

    /** Opens a set with the default per-sample limit. */
    public static InputSet open(InputSpec spec) {
        return open(spec, DEFAULT_MAX_SAMPLE_ELEMENTS);
    }

    /**
     * Opens a set.
     *
     * @param maxSampleElements the most elements one sample may have, 1 to {@link ArrayFiles#MAX_ELEMENTS_CEILING}
     * @throws InputException when a file is missing or malformed, the files disagree, or a sample would pass the
     *                        limit; the message names the file (or the set) and the problem
     */
    public static InputSet open(InputSpec spec, long maxSampleElements) {
        if (maxSampleElements < 1 || maxSampleElements > ArrayFiles.MAX_ELEMENTS_CEILING) {
            throw new IllegalArgumentException("maxSampleElements must be 1 to " + ArrayFiles.MAX_ELEMENTS_CEILING
                    + ", got " + maxSampleElements);
        }
        // Java 17 has no pattern matching in switch; the sealed interface keeps this list complete.
        if (spec instanceof InputSpec.Npy npy) {
            return NpyInputSet.open(npy, files(npy, npy.path()), maxSampleElements);
        }
        if (spec instanceof InputSpec.Csv csv) {
            return CsvInputSet.open(csv, files(csv, csv.path()), maxSampleElements);
        }
        if (spec instanceof InputSpec.NirData data) {
            return NirDataInputSet.open(data, files(data, data.path()), maxSampleElements);
        }
        if (spec instanceof InputSpec.Nmnist nmnist) {
            return NmnistInputSet.open(nmnist, files(nmnist, nmnist.path()), maxSampleElements);
        }
        return PoissonInputSet.open((InputSpec.Poisson) spec, maxSampleElements);
    }

    /** The files of a path or pattern (absolute in a spec; a relative one is taken from the working folder). */
    private static List<ReadableFile> files(InputSpec spec, String location) {
        try {
            return expand(location);
        } catch (InputException e) {
            throw new InputException("input set '" + spec.name() + "': " + e.getMessage(), e);
        }
    }

    /**
     * The files a location names, sorted ({@link Globs#expandLocation}: a local path or pattern by its bounded
     * walk, another scheme's by its file system), each to be read wherever it is.
     *
     * @throws InputException when nothing is there, the pattern matches no file, or the location is malformed
     */
    static List<ReadableFile> expand(String location) {
        List<ReadableFile> files = new ArrayList<>();
        for (String found : Globs.expandLocation(Path.of("").toAbsolutePath(), location)) {
            files.add(file(found));
        }
        return files;
    }

    /**
     * One file at a location (a labels file): a plain path as given (messages name it so), a {@code file:} URI as
     * its path, any other location through {@link Storage}.
     */
    static ReadableFile file(String location) {
        if (location.isEmpty()) {
            throw new InputException("an empty path names no file");
        }
        if (!Storage.isLocal(location)) {
            return readable(location);
        }
        try {
            return ReadableFile.of(Path.of(Storage.localText(location)));
        } catch (IllegalArgumentException e) { // a malformed file: URI
            throw new InputException(location + ": " + e.getMessage(), e);
        }
    }

    private static ReadableFile readable(String location) {
        try {
            return Storage.readable(Storage.file(location));
        } catch (IllegalArgumentException e) { // a scheme no file system on the class path registers
            throw new InputException(e.getMessage(), e);
        }
    }
}
