package io.nirsweep.operators.inputs;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * What an input set is, as the sweep config states it: everything {@link InputSets#open} needs, and nothing
 * opened yet. Specs are small, immutable and {@link Serializable}, so that a sweep's cells carry them to the
 * workers, which open the set themselves (files are read where the samples are simulated). Paths are locations:
 * absolute paths (the config resolves them against its own folder), {@code file:} URIs or URIs of a registered
 * file system's scheme, and may be patterns ({@link Globs} for local ones, {@link InputSets} for the others).
 *
 * <p>The layouts each kind reads are described in {@link InputSets}.
 */
public sealed interface InputSpec extends Serializable {

    /** The kinds of input set, by the word the config uses. */
    enum Kind {
        NPY("npy"), CSV("csv"), NIRDATA("nirdata"), NMNIST("nmnist"), POISSON("poisson");

        private final String key;

        Kind(String key) {
            this.key = key;
        }

        /** The word of the config's {@code kind} key. */
        public String key() {
            return key;
        }

        /** The kind of that word, or null. */
        public static Kind of(String key) {
            for (Kind k : values()) {
                if (k.key.equals(key)) {
                    return k;
                }
            }
            return null;
        }
    }

    /** The set's name, unique within a config: the {@code input} column of the results. */
    String name();

    /** What kind of set. */
    Kind kind();

    /** A {@code .npy} or {@code .csv} file of one integer label per sample, or null (then labels are inferred or absent). */
    String labels();

    /** True when the samples depend on the sweep's {@code input_seed} (generated inputs). */
    default boolean seeded() {
        return false;
    }

    /** This spec for one value of the sweep's {@code input_seed}: the spec itself unless it is {@link #seeded()}. */
    default InputSpec withSeed(long seed) {
        return this;
    }

    /**
     * Arrays of NumPy files, time-major {@code [T, B, *shape]} (or {@code [T, n]}, one sample) as the command line
     * reads them, or sample-major {@code [N, T, *shape]} when the config says so.
     *
     * @param path   a {@code .npy} file, or a pattern naming several whose samples follow each other in sorted order
     * @param layout which axis holds the samples
     */
    record Npy(String name, String path, Layout layout, String labels) implements InputSpec {
        private static final long serialVersionUID = 1L;

        /** Where an npy file keeps its samples, by the word of the config's {@code layout} key. */
        public enum Layout {
            /** {@code [T, B, *shape]}: the command line's convention ({@link io.nirsweep.sim.io.TimeMajor}); the default. */
            TIME_MAJOR("time-major"),
            /** {@code [N, T, *shape]}: each sample one contiguous slice of the file. */
            SAMPLE_MAJOR("sample-major");

            private final String key;

            Layout(String key) {
                this.key = key;
            }

            /** The word of the config's {@code layout} key. */
            public String key() {
                return key;
            }

            /** The layout of that word, or null. */
            public static Layout of(String key) {
                for (Layout l : values()) {
                    if (l.key.equals(key)) {
                        return l;
                    }
                }
                return null;
            }
        }

        public Npy {
            requireName(name);
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(layout, "layout");
        }

        /** A time-major set. */
        public Npy(String name, String path, String labels) {
            this(name, path, Layout.TIME_MAJOR, labels);
        }

        @Override
        public Kind kind() {
            return Kind.NPY;
        }
    }

    /**
     * One sample per CSV file (rows are steps, columns the features; docs/cli.md's rules).
     *
     * @param path a {@code .csv} file, or a pattern naming several: one sample each, in sorted order
     */
    record Csv(String name, String path, String labels) implements InputSpec {
        private static final long serialVersionUID = 1L;

        public Csv {
            requireName(name);
            Objects.requireNonNull(path, "path");
        }

        @Override
        public Kind kind() {
            return Kind.CSV;
        }
    }

    /**
     * One observable of one node of NIRData files (NIR spec §6).
     *
     * @param path       an {@code .h5} file, or a pattern naming several whose samples follow each other
     * @param node       the node under {@code /nodes}, or null when the file has exactly one
     * @param observable the observable of that node, or null when it has exactly one
     * @param dt         seconds per step: required to bin event observables; for gridded data, if given, it must
     *                   equal the data's own dt (nothing is resampled)
     * @param steps      every sample cut or zero-padded to this many steps, or null for the data's own length
     */
    record NirData(String name, String path, String node, String observable, Double dt, Integer steps, String labels)
            implements InputSpec {
        private static final long serialVersionUID = 1L;

        public NirData {
            requireName(name);
            Objects.requireNonNull(path, "path");
            if (dt != null && !(dt > 0 && Double.isFinite(dt))) {
                throw new IllegalArgumentException("dt must be a positive number of seconds, got " + dt);
            }
            requirePositive("steps", steps);
        }

        @Override
        public Kind kind() {
            return Kind.NIRDATA;
        }
    }

    /**
     * N-MNIST binary event files (one recording per file), binned into frames {@code [2, height, width]}.
     *
     * @param path   a {@code .bin} file or a pattern naming several: one sample each, in sorted order
     * @param binUs  microseconds per step
     * @param steps  every sample cut or zero-padded to this many steps, or null for the longest recording's length
     * @param width  sensor width in pixels (34 for N-MNIST)
     * @param height sensor height in pixels (34 for N-MNIST)
     */
    record Nmnist(String name, String path, int binUs, Integer steps, int width, int height, String labels)
            implements InputSpec {
        private static final long serialVersionUID = 1L;

        /** N-MNIST's sensor: 34 × 34 pixels. */
        public static final int SIZE = 34;
        /** The default bin: 1 ms. */
        public static final int DEFAULT_BIN_US = 1000;

        public Nmnist {
            requireName(name);
            Objects.requireNonNull(path, "path");
            requirePositive("bin_us", binUs);
            requirePositive("steps", steps);
            if (width < 1 || width > 256 || height < 1 || height > 240) {
                throw new IllegalArgumentException("width must be 1 to 256 and height 1 to 240 (8-bit addresses,"
                        + " y = 240 marks a timestamp overflow), got " + width + " x " + height);
            }
        }

        /** N-MNIST's own sensor size. */
        public Nmnist(String name, String path, int binUs, Integer steps, String labels) {
            this(name, path, binUs, steps, SIZE, SIZE, labels);
        }

        @Override
        public Kind kind() {
            return Kind.NMNIST;
        }
    }

    /**
     * Generated spike trains: each element of each step is 1 with probability {@code rate}, else 0. Sample i is a
     * function of {@code (seed, i)} alone, so it is the same whichever samples are asked for, in whatever order.
     *
     * @param shape   the per-step shape
     * @param steps   steps per sample
     * @param samples number of samples
     * @param rate    probability of a 1 per element and step, 0 to 1
     * @param seed    the generator's seed (a sweep sets it from its {@code input_seed})
     */
    record Poisson(String name, List<Integer> shape, int steps, int samples, double rate, long seed, String labels)
            implements InputSpec {
        private static final long serialVersionUID = 1L;

        public Poisson {
            requireName(name);
            shape = List.copyOf(shape);
            if (shape.isEmpty()) {
                throw new IllegalArgumentException("shape must have at least one dimension");
            }
            for (int d : shape) {
                requirePositive("shape", d);
            }
            requirePositive("steps", steps);
            requirePositive("samples", samples);
            if (!(rate >= 0 && rate <= 1)) {
                throw new IllegalArgumentException("rate must be a probability, 0 to 1, got " + rate);
            }
        }

        @Override
        public Kind kind() {
            return Kind.POISSON;
        }

        @Override
        public boolean seeded() {
            return true;
        }

        @Override
        public Poisson withSeed(long newSeed) {
            return new Poisson(name, shape, steps, samples, rate, newSeed, labels);
        }
    }

    private static void requireName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("an input set needs a name");
        }
    }

    private static void requirePositive(String what, Integer value) {
        if (value != null && value < 1) {
            throw new IllegalArgumentException(what + " must be at least 1, got " + value);
        }
    }
}
