package io.nirsweep.operators.inputs;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.EnumDataType;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;
import io.nirsweep.model.ReadableFile;
import io.nirsweep.model.hdf5.Hdf5Files;
import io.nirsweep.model.hdf5.ReadLimits;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * One observable of one node of NIRData files (NIR spec §6), read one sample at a time: each sample is a slice
 * of the file's datasets, read (and decompressed) when asked, from a file opened for that read only.
 *
 * <p><b>TimeGriddedData</b> ({@code data (n_samples, n_steps, n_neurons)}, bool or numeric; attribute {@code dt}):
 * sample i is {@code data[i]} as float32 (bool as 0/1), T = n_steps, per-step shape {@code [n_neurons]}. Nothing is
 * resampled: a {@code dt} option, if given, must equal the data's.
 *
 * <p><b>EventData</b> ({@code idx}, {@code time}, both {@code (n_samples, n_events)}; attributes
 * {@code n_neurons}, {@code t_max}) and <b>ValuedEventData</b> (plus {@code value}): binned with the {@code dt}
 * option (required) as NIR's conversion does: an event at time s lands in step {@code ⌊s / dt⌋} and adds 1 (or its
 * value) to its neuron in that step. Times that are whole multiples of dt up to a relative 1e-9 count as such,
 * so that 0.003 / 0.001 lands in step 3 although it is 2.9999999999999996 in binary. Padding ({@code idx = -1} or
 * {@code time = inf}) is skipped. T = ⌈t_max / dt⌉ steps, which cover [0, t_max); an event outside that range is
 * refused as malformed — unless the {@code steps} option is given, which cuts (or zero-pads) every sample to that
 * many steps.
 *
 * <p>Several files (a pattern) follow each other in sorted order and must hold the same node, observable type and
 * neuron count. Nested NIRGraphData is not read: the reference cannot write it either.
 */
final class NirDataInputSet extends BaseInputSet {
    private static final double SNAP = 1e-9;

    /**
     * What one file holds for the chosen observable.
     *
     * @param group the observable's path, {@code nodes/<node>/observables/<observable>}
     */
    private record Part(ReadableFile file, String group, int samples, int storedSteps) {
    }

    private final Part[] parts;
    private final long[] firstSample;
    private final boolean events;
    private final boolean valued;
    private final int neurons;
    private final Double dt;
    private final boolean cut;
    private final long maxEvents;

    private NirDataInputSet(InputSpec.NirData spec, Part[] parts, long[] firstSample, boolean events,
            boolean valued, int neurons, int steps, long maxEvents, int[] labels) {
        super(spec.name(), (int) firstSample[parts.length], steps, new int[] {neurons}, labels);
        this.parts = parts;
        this.firstSample = firstSample;
        this.events = events;
        this.valued = valued;
        this.neurons = neurons;
        this.dt = spec.dt();
        this.cut = spec.steps() != null;
        this.maxEvents = maxEvents;
    }

    static NirDataInputSet open(InputSpec.NirData spec, List<ReadableFile> files, long maxSampleElements) {
        Part[] parts = new Part[files.size()];
        long[] first = new long[files.size() + 1];
        String type = null;
        String reference = null;
        int neurons = -1;
        long steps = -1;
        double gridDt = Double.NaN;
        for (int k = 0; k < parts.length; k++) {
            ReadableFile source = files.get(k);
            String file = source.name();
            Header h = withFile(source, f -> header(f, file, spec));
            if (type == null) {
                type = h.type;
                reference = file;
                neurons = h.neurons;
                gridDt = h.dt;
            } else if (!type.equals(h.type) || neurons != h.neurons) {
                throw new InputException(file + ": observable '" + h.group + "' is " + h.type + " of " + h.neurons
                        + " neurons, but in " + reference + ", the set's first file, " + type + " of " + neurons);
            } else if (h.type.equals(TIME_GRIDDED) && gridDt != h.dt) {
                throw new InputException(file + ": observable '" + h.group + "' is sampled at dt " + h.dt
                        + " s, but at " + gridDt + " s in " + reference + ", the set's first file");
            }
            if (spec.steps() == null) {
                if (steps >= 0 && steps != h.steps && h.type.equals(TIME_GRIDDED)) {
                    throw new InputException(file + ": observable '" + h.group + "' has " + h.steps + " steps, but "
                            + steps + " in " + reference + ", the set's first file (give steps to cut or pad them)");
                }
                steps = Math.max(steps, h.steps);
            }
            parts[k] = new Part(source, h.group, h.samples, (int) Math.min(h.steps, Integer.MAX_VALUE));
            first[k + 1] = first[k] + h.samples;
            if (first[k + 1] > Integer.MAX_VALUE - 8) {
                throw new InputException(file + ": the set would hold more than " + (Integer.MAX_VALUE - 8)
                        + " samples");
            }
        }
        if (spec.steps() != null) {
            steps = spec.steps();
        }
        if (first[parts.length] == 0) {
            throw new InputException(parts[0].file().name() + ": observable '" + parts[0].group() + "' holds no sample");
        }
        if (steps > maxSampleElements / neurons) {
            throw new InputException(reference + ": one sample of " + steps + " steps x " + neurons + " neurons has"
                    + " more than the limit of " + maxSampleElements + " elements");
        }
        boolean events = !type.equals(TIME_GRIDDED);
        int[] labels = spec.labels() == null ? null : Labels.read(spec.labels(), (int) first[parts.length]);
        return new NirDataInputSet(spec, parts, first, events, type.equals(VALUED_EVENT), neurons, (int) steps,
                Math.max(1, maxSampleElements / 4), labels);
    }

    private static final String TIME_GRIDDED = "TimeGriddedData";
    private static final String EVENT = "EventData";
    private static final String VALUED_EVENT = "ValuedEventData";

    /** The facts of one file's observable, read from headers and attributes only. */
    private record Header(String group, String type, int samples, long steps, int neurons, double dt) {
    }

    private static Header header(HdfFile f, String file, InputSpec.NirData spec) {
        String rootType = stringAttribute(f, "__type__");
        if (!"NIRGraphData".equals(rootType)) {
            boolean graph = f.getChildren().containsKey("node");
            throw new InputException(file + ": is " + (graph ? "a NIR graph file, not a NIRData file"
                    : "not a NIRData file: its root has no __type__ attribute 'NIRGraphData'"));
        }
        Group nodes = group(f, "nodes", file, "the root");
        Node node = pick(nodes, spec.node(), "node", file, "nodes");
        if ("NIRGraphData".equals(stringAttribute(node, "__type__"))) {
            throw new InputException(file + ": node '" + node.getName() + "' is a nested NIRGraphData, which is not"
                    + " read (the reference cannot write it either)");
        }
        if (!(node instanceof Group nodeGroup)) {
            throw new InputException(file + ": nodes/" + node.getName() + " is not a group");
        }
        String nodePath = "nodes/" + node.getName();
        Group observables = group(nodeGroup, "observables", file, nodePath);
        Node obs = pick(observables, spec.observable(), "observable", file, nodePath + "/observables");
        String path = nodePath + "/observables/" + obs.getName();
        if (!(obs instanceof Group obsGroup)) {
            throw new InputException(file + ": " + path + " is not a group");
        }
        String type = stringAttribute(obs, "__type__");
        if (type == null) {
            throw new InputException(file + ": " + path + " has no __type__ attribute");
        }
        switch (type) {
            case TIME_GRIDDED -> {
                Dataset data = dataset(obsGroup, "data", file, path, 3);
                long[] dims = data.getDimensionsAsLong();
                double dt = numberAttribute(obs, "dt", file, path);
                if (!(dt > 0) || Double.isInfinite(dt)) {
                    throw new InputException(file + ": " + path + " has dt " + dt + ", not a positive number");
                }
                if (spec.dt() != null && Math.abs(spec.dt() - dt) > SNAP * dt) {
                    throw new InputException(file + ": " + path + " is sampled at dt " + dt + " s; the input set"
                            + " asks for dt " + spec.dt() + " s, and gridded data is not resampled");
                }
                return new Header(path, type, count(dims[0], file, path), dims[1], neurons(dims[2], file, path),
                        dt);
            }
            case EVENT, VALUED_EVENT -> {
                Dataset idx = dataset(obsGroup, "idx", file, path, 2);
                Dataset time = dataset(obsGroup, "time", file, path, 2);
                if (!Arrays.equals(idx.getDimensionsAsLong(), time.getDimensionsAsLong())) {
                    throw new InputException(file + ": " + path + ": idx " + Arrays.toString(idx.getDimensions())
                            + " and time " + Arrays.toString(time.getDimensions()) + " differ in shape");
                }
                if (type.equals(VALUED_EVENT)) {
                    Dataset value = dataset(obsGroup, "value", file, path, 2);
                    if (!Arrays.equals(idx.getDimensionsAsLong(), value.getDimensionsAsLong())) {
                        throw new InputException(file + ": " + path + ": idx and value differ in shape");
                    }
                }
                double nNeurons = numberAttribute(obs, "n_neurons", file, path);
                double tMax = numberAttribute(obs, "t_max", file, path);
                if (!(tMax >= 0) || Double.isInfinite(tMax)) {
                    throw new InputException(file + ": " + path + " has t_max " + tMax + ", not a time >= 0");
                }
                if (spec.dt() == null) {
                    throw new InputException(file + ": " + path + " holds " + type + "; the input set needs a dt"
                            + " (seconds per step) to bin its events");
                }
                long steps = Math.max(1, snappedCeil(tMax / spec.dt()));
                if (nNeurons != Math.rint(nNeurons)) {
                    throw new InputException(file + ": " + path + " has n_neurons " + nNeurons);
                }
                return new Header(path, type, count(idx.getDimensionsAsLong()[0], file, path), steps,
                        neurons((long) nNeurons, file, path), Double.NaN);
            }
            default -> throw new InputException(file + ": " + path + " is of type '" + type + "'; TimeGriddedData,"
                    + " EventData and ValuedEventData are read");
        }
    }

    @Override
    float[] read(int index) {
        int k = Arrays.binarySearch(firstSample, index);
        if (k >= 0) {
            while (k + 1 < parts.length && firstSample[k + 1] == index) {
                k++;
            }
        } else {
            k = -k - 2;
        }
        Part part = parts[k];
        int local = (int) (index - firstSample[k]);
        return withFile(part.file(), f -> events ? readEvents(f, part, local) : readGrid(f, part, local));
    }

    private float[] readGrid(HdfFile f, Part part, int sample) {
        Dataset data = (Dataset) f.getByPath(datasetPath(part, "data"));
        int stored = Math.min(part.storedSteps(), steps());
        float[] out = new float[steps() * neurons];
        if (stored > 0) {
            double[] values = slice(data, sample, new int[] {1, stored, neurons}, part);
            for (int i = 0; i < values.length; i++) {
                out[i] = (float) values[i];
            }
        }
        return out;
    }

    private float[] readEvents(HdfFile f, Part part, int sample) {
        Dataset idx = (Dataset) f.getByPath(datasetPath(part, "idx"));
        Dataset time = (Dataset) f.getByPath(datasetPath(part, "time"));
        int n = idx.getDimensions()[1];
        if (n > maxEvents) {
            throw new InputException(part.file().name() + ": " + part.group() + " has " + n + " events per sample, more than"
                    + " the limit of " + maxEvents);
        }
        float[] out = new float[steps() * neurons];
        if (n == 0) {
            return out;
        }
        int[] dims = {1, n};
        double[] ids = slice(idx, sample, dims, part);
        double[] times = slice(time, sample, dims, part);
        double[] values = valued ? slice((Dataset) f.getByPath(datasetPath(part, "value")), sample, dims, part)
                : null;
        for (int e = 0; e < n; e++) {
            double id = ids[e];
            double t = times[e];
            if (id == -1 || t == Double.POSITIVE_INFINITY) {
                continue; // padding
            }
            if (id < 0 || id >= neurons || id != Math.rint(id)) {
                throw new InputException(part.file().name() + ": " + part.group() + ": event " + e + " of sample " + sample
                        + " has neuron index " + id + ", not 0 to " + (neurons - 1));
            }
            if (!(t >= 0) || Double.isInfinite(t)) {
                throw new InputException(part.file().name() + ": " + part.group() + ": event " + e + " of sample " + sample
                        + " has time " + t + ", not a time >= 0");
            }
            long step = snappedFloor(t / dt);
            if (step >= steps()) {
                if (cut) {
                    continue;
                }
                throw new InputException(part.file().name() + ": " + part.group() + ": event " + e + " of sample " + sample
                        + " at " + t + " s is not before t_max (" + steps() + " steps of " + dt + " s; give steps to"
                        + " cut the samples)");
            }
            out[(int) step * neurons + (int) id] += valued ? (float) values[e] : 1f;
        }
        return out;
    }

    private static String datasetPath(Part part, String name) {
        return part.group() + "/" + name;
    }

    /** ⌊x⌋, but a value within a relative 1e-9 of an integer is that integer. */
    static long snappedFloor(double x) {
        double r = Math.rint(x);
        return (long) (Math.abs(x - r) <= SNAP * Math.max(1, Math.abs(x)) ? r : Math.floor(x));
    }

    /** ⌈x⌉, but a value within a relative 1e-9 of an integer is that integer. */
    static long snappedCeil(double x) {
        double r = Math.rint(x);
        return (long) (Math.abs(x - r) <= SNAP * Math.max(1, Math.abs(x)) ? r : Math.ceil(x));
    }

    /** One sample's slice {@code [sample, 0, ...]} of {@code dims}, flattened to doubles (bool as 0/1). */
    private static double[] slice(Dataset ds, int sample, int[] dims, Part part) {
        long[] offset = new long[dims.length];
        offset[0] = sample;
        Object data;
        try {
            data = ds.getData(offset, dims);
        } catch (RuntimeException e) {
            throw new InputException(part.file().name() + ": " + ds.getPath() + ": cannot read sample " + sample + ": "
                    + e.getMessage(), e);
        }
        int size = 1;
        for (int d : dims) {
            size *= d;
        }
        double[] out = new double[size];
        int filled = flatten(data, out, 0, ds, part);
        if (filled != size) {
            throw new InputException(part.file().name() + ": " + ds.getPath() + ": read " + filled + " values of sample "
                    + sample + ", expected " + size);
        }
        return out;
    }

    private static int flatten(Object data, double[] out, int at, Dataset ds, Part part) {
        if (data instanceof double[] d) {
            System.arraycopy(d, 0, out, at, d.length);
            return at + d.length;
        }
        if (data instanceof float[] v) {
            for (float x : v) {
                out[at++] = x;
            }
            return at;
        }
        if (data instanceof long[] v) {
            for (long x : v) {
                out[at++] = x;
            }
            return at;
        }
        if (data instanceof int[] v) {
            for (int x : v) {
                out[at++] = x;
            }
            return at;
        }
        if (data instanceof short[] v) {
            for (short x : v) {
                out[at++] = x;
            }
            return at;
        }
        if (data instanceof byte[] v) {
            for (byte x : v) {
                out[at++] = x;
            }
            return at;
        }
        if (data instanceof boolean[] v) {
            for (boolean x : v) {
                out[at++] = x ? 1 : 0;
            }
            return at;
        }
        if (data instanceof String[] v) { // h5py's bool enum: jhdf gives its labels
            for (String x : v) {
                out[at++] = "TRUE".equals(x) ? 1 : 0;
            }
            return at;
        }
        if (data instanceof Object[] v) {
            for (Object inner : v) {
                if (inner instanceof Number n) {
                    out[at++] = n.doubleValue();
                } else {
                    at = flatten(inner, out, at, ds, part);
                }
            }
            return at;
        }
        throw new InputException(part.file().name() + ": " + ds.getPath() + " holds values that are not numbers ("
                + (data == null ? "none" : data.getClass().getSimpleName()) + ")");
    }

    /**
     * Opens the file for one read through {@link Hdf5Files}, the opener the NIR reader uses: mapped when local,
     * else read into memory up to {@link ReadLimits#maxFileBytes()} of the default limits.
     */
    private static <T> T withFile(ReadableFile file, Function<HdfFile, T> body) {
        try (SeekableByteChannel channel = file.open()) {
            HdfFile f;
            try {
                f = Hdf5Files.open(channel, ReadLimits.DEFAULT.maxFileBytes());
            } catch (RuntimeException e) {
                throw new InputException(file.name() + ": not a readable HDF5 file (" + e.getMessage() + ")", e);
            }
            try (f) {
                return body.apply(f);
            } catch (InputException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new InputException(file.name() + ": malformed NIRData file: " + e.getMessage(), e);
            }
        } catch (NoSuchFileException e) {
            throw new InputException(file.name() + ": no such file", e);
        } catch (FileSystemException e) {
            throw new InputException(file.name() + ": " + (e.getReason() != null ? e.getReason() : e.getMessage()), e);
        } catch (IOException e) {
            throw new InputException(file.name() + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static Group group(Group parent, String name, String file, String where) {
        Node child = parent.getChildren().get(name);
        if (!(child instanceof Group g)) {
            throw new InputException(file + ": " + where + " has no group '" + name + "'");
        }
        return g;
    }

    /** The named child, or the only one when no name is given. */
    private static Node pick(Group parent, String name, String what, String file, String where) {
        Map<String, Node> children = parent.getChildren();
        TreeSet<String> names = new TreeSet<>(children.keySet());
        if (name != null) {
            Node child = children.get(name);
            if (child == null) {
                throw new InputException(file + ": " + where + " has no " + what + " '" + name + "' (" + what + "s: "
                        + String.join(", ", names) + ")");
            }
            return child;
        }
        if (names.size() != 1) {
            throw new InputException(file + ": " + where + " has " + names.size() + " " + what + "s ("
                    + String.join(", ", names) + "): name one with '" + what + "'");
        }
        return children.get(names.first());
    }

    private static Dataset dataset(Group parent, String name, String file, String where, int rank) {
        Node child = parent.getChildren().get(name);
        if (!(child instanceof Dataset ds)) {
            throw new InputException(file + ": " + where + " has no dataset '" + name + "'");
        }
        if (ds.isScalar() || ds.getDimensions().length != rank) {
            throw new InputException(file + ": " + where + "/" + name + " has shape "
                    + Arrays.toString(ds.isScalar() ? new int[0] : ds.getDimensions()) + ", expected " + rank
                    + " dimensions");
        }
        DataType t = ds.getDataType();
        boolean numeric = t instanceof FloatingPoint || t instanceof FixedPoint
                || t instanceof EnumDataType e && new TreeSet<>(e.getEnumMapping().values())
                        .equals(new TreeSet<>(List.of("FALSE", "TRUE")));
        if (!numeric) {
            throw new InputException(file + ": " + where + "/" + name + " is of HDF5 type "
                    + t.getClass().getSimpleName() + "; numbers or h5py bools are read");
        }
        return ds;
    }

    private static String stringAttribute(Node node, String name) {
        Attribute a = node.getAttributes().get(name);
        if (a == null) {
            return null;
        }
        Object v = a.getData();
        if (v != null && v.getClass().isArray() && Array.getLength(v) == 1) {
            v = Array.get(v, 0);
        }
        return v instanceof String s ? s : null;
    }

    private static double numberAttribute(Node node, String name, String file, String where) {
        Attribute a = node.getAttributes().get(name);
        Object v = a == null ? null : a.getData();
        if (v != null && v.getClass().isArray() && Array.getLength(v) == 1) {
            v = Array.get(v, 0);
        }
        if (!(v instanceof Number n)) {
            throw new InputException(file + ": " + where + " has no numeric attribute '" + name + "'");
        }
        return n.doubleValue();
    }

    private static int count(long samples, String file, String where) {
        if (samples > Integer.MAX_VALUE - 8) {
            throw new InputException(file + ": " + where + " declares " + samples + " samples");
        }
        return (int) samples;
    }

    private static int neurons(long n, String file, String where) {
        if (n < 1 || n > Integer.MAX_VALUE - 8) {
            throw new InputException(file + ": " + where + " has " + n + " neurons, not 1 or more");
        }
        return (int) n;
    }
}
