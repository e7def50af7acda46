package io.nirsweep.model.hdf5;

import io.nirsweep.model.DType;

import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An HDF5 group under construction: nested groups and datasets, written by {@link H5FileWriter}.
 *
 * <p>Every method validates its arguments and copies the caller's arrays, so the tree can only hold
 * content the writer can encode, and later changes to the caller's arrays do not leak into the file.
 * Invalid input throws {@link IllegalArgumentException} naming the offending path.
 *
 * <p>Members are kept in HDF5's order, the byte-wise order of their UTF-8 names: a symbol-table group
 * indexes its links by name, so that is the order every reader lists them in, whatever the insertion
 * order.
 */
public final class H5Group implements H5Node {

    /** HDF5's limit on dataspace rank ({@code H5S_MAX_RANK}). */
    private static final int MAX_RANK = 32;

    private final String path;
    private final SortedMap<String, H5Node> members = new TreeMap<>(Names.HDF5_ORDER);

    private H5Group(String path) {
        this.path = path;
    }

    /** A new, empty root group ({@code "/"}). */
    public static H5Group root() {
        return new H5Group("/");
    }

    /** Creates an empty subgroup and returns it. */
    public H5Group group(String name) {
        H5Group child = new H5Group(childPath(checkNewName(name)));
        members.put(name, child);
        return child;
    }

    /** Adds a scalar variable-length UTF-8 string dataset. Returns this group. */
    public H5Group string(String name, String value) {
        return strings(name, new String[] {value});
    }

    /**
     * Adds an N-d variable-length UTF-8 string dataset; {@code values} are in C order and {@code dims} may
     * contain zeros (an empty (0,2) edge list). No dims means a scalar. Returns this group.
     */
    public H5Group strings(String name, String[] values, int... dims) {
        checkNewName(name);
        String where = childPath(name);
        checkShape(where, dims, values.length);
        for (int i = 0; i < values.length; i++) {
            checkText(where, i, values[i]);
        }
        members.put(name, new H5Dataset.Strings(dims.clone(), values.clone()));
        return this;
    }

    /**
     * Adds a floating-point dataset ({@code FLOAT16}, {@code FLOAT32} or {@code FLOAT64}) from C-order
     * values. Values are rounded to nearest-even in the target width, which is exact for values that are
     * representable in it (the expected case: they were read from, or computed in, that width).
     * Empty {@code dims} means a scalar. Returns this group.
     */
    public H5Group numeric(String name, DType type, int[] dims, double[] values, Storage storage) {
        checkNewName(name);
        String where = childPath(name);
        Objects.requireNonNull(storage, "storage");
        if (!type.isFloating()) {
            throw new IllegalArgumentException(where + ": double values need a float dtype, got " + type.numpyName()
                    + " (pass long values for integer dtypes)");
        }
        checkShape(where, dims, values.length);
        long[] bits = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = switch (type) {
                case FLOAT16 -> Float16.bits(values[i]);
                case FLOAT32 -> Float.floatToRawIntBits((float) values[i]);
                default -> Double.doubleToRawLongBits(values[i]);
            };
        }
        members.put(name, new H5Dataset.Fixed(type, dims.clone(), bits, storage));
        return this;
    }

    /**
     * Adds an integer dataset (signed or unsigned, 8 to 64 bits) from C-order values. Each value must fit
     * the type; for {@code UINT64} the long's 64 bits are the unsigned value. Empty {@code dims} means a
     * scalar. Returns this group.
     */
    public H5Group numeric(String name, DType type, int[] dims, long[] values, Storage storage) {
        checkNewName(name);
        String where = childPath(name);
        Objects.requireNonNull(storage, "storage");
        if (!type.isInteger()) {
            throw new IllegalArgumentException(where + ": long values need an integer dtype, got " + type.numpyName()
                    + (type == DType.BOOL ? " (use bools)" : " (pass double values for float dtypes)"));
        }
        checkShape(where, dims, values.length);
        for (int i = 0; i < values.length; i++) {
            checkRange(where, type, i, values[i]);
        }
        members.put(name, new H5Dataset.Fixed(type, dims.clone(), values.clone(), storage));
        return this;
    }

    /**
     * Adds a boolean dataset the way h5py writes NumPy/Python bools: an enum over int8 with members
     * {@code FALSE=0} and {@code TRUE=1}. Empty {@code dims} means a scalar. Returns this group.
     */
    public H5Group bools(String name, boolean[] values, int[] dims, Storage storage) {
        checkNewName(name);
        Objects.requireNonNull(storage, "storage");
        checkShape(childPath(name), dims, values.length);
        long[] bits = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = values[i] ? 1 : 0;
        }
        members.put(name, new H5Dataset.Fixed(DType.BOOL, dims.clone(), bits, storage));
        return this;
    }

    /** The members in HDF5 name order; read-only. */
    SortedMap<String, H5Node> members() {
        return Collections.unmodifiableSortedMap(members);
    }

    private String childPath(String name) {
        return path.equals("/") ? "/" + name : path + "/" + name;
    }

    /**
     * HDF5 link names are non-empty UTF-8 without '/' (the path separator) or NUL (the heap terminator);
     * "." is rejected too because HDF5 path lookup reads it as the group itself.
     */
    private String checkNewName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException(path + ": member name must not be null or empty");
        }
        if (name.indexOf('/') >= 0 || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(path + ": member name '" + name.replace("\0", "\\0")
                    + "' must not contain '/' or NUL");
        }
        if (name.equals(".")) {
            throw new IllegalArgumentException(path + ": member name '.' is reserved by HDF5 paths");
        }
        if (!isWellFormedUtf16(name)) {
            throw new IllegalArgumentException(path + ": member name '" + name + "' has an unpaired surrogate");
        }
        if (members.containsKey(name)) {
            throw new IllegalArgumentException(path + ": duplicate member name '" + name + "'");
        }
        return name;
    }

    private static void checkShape(String where, int[] dims, int length) {
        if (dims.length > MAX_RANK) {
            throw new IllegalArgumentException(where + ": rank " + dims.length + " exceeds HDF5's maximum " + MAX_RANK);
        }
        long elements = 1;
        for (int d : dims) {
            if (d < 0) {
                throw new IllegalArgumentException(where + ": negative dimension in " + Arrays.toString(dims));
            }
            // Saturate: both factors are at most Integer.MAX_VALUE, so the product fits a long.
            elements = Math.min(elements * d, Integer.MAX_VALUE + 1L);
        }
        if (elements != length) {
            throw new IllegalArgumentException(where + ": dims " + Arrays.toString(dims) + " hold "
                    + (elements > Integer.MAX_VALUE ? "more than " + Integer.MAX_VALUE : elements)
                    + " elements but " + length + " values were given");
        }
    }

    /**
     * Vlen strings are written NUL-terminated-padded (like h5py's), so an embedded NUL would cut the value
     * short in readers; an unpaired surrogate has no UTF-8 encoding.
     */
    private static void checkText(String where, int index, String value) {
        if (value == null) {
            throw new IllegalArgumentException(where + ": string at index " + index + " is null");
        }
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(where + ": string at index " + index + " contains NUL");
        }
        if (!isWellFormedUtf16(value)) {
            throw new IllegalArgumentException(where + ": string at index " + index + " has an unpaired surrogate");
        }
    }

    private static boolean isWellFormedUtf16(String s) {
        try {
            StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(s));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static void checkRange(String where, DType type, int index, long value) {
        long min;
        long max;
        switch (type) {
            case INT8 -> { min = Byte.MIN_VALUE; max = Byte.MAX_VALUE; }
            case INT16 -> { min = Short.MIN_VALUE; max = Short.MAX_VALUE; }
            case INT32 -> { min = Integer.MIN_VALUE; max = Integer.MAX_VALUE; }
            case UINT8 -> { min = 0; max = 0xFFL; }
            case UINT16 -> { min = 0; max = 0xFFFFL; }
            case UINT32 -> { min = 0; max = 0xFFFF_FFFFL; }
            default -> { return; } // INT64, and UINT64 whose bits are the value: every long fits
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException(where + ": value " + value + " at index " + index
                    + " is out of range for " + type.numpyName());
        }
    }
}
