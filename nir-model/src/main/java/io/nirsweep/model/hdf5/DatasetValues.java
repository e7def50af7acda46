package io.nirsweep.model.hdf5;

import io.jhdf.api.Dataset;
import io.jhdf.object.datatype.BitField;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.EnumDataType;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;
import io.jhdf.object.datatype.StringData;
import io.jhdf.object.datatype.VariableLength;
import io.nirsweep.model.DType;
import io.nirsweep.model.NdArray;
import io.nirsweep.model.NirException;
import io.nirsweep.model.Param;
import java.lang.reflect.Array;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Collection;
import java.util.Set;

/**
 * Turns jhdf datasets into NIR values. Sizes were checked by {@link DeclaredSizes} before; problems are reported
 * as {@link NirException}s naming the dataset as the parameter.
 */
final class DatasetValues {
    private DatasetValues() {}

    static boolean isString(Dataset ds) {
        DataType t = ds.getDataType();
        return t instanceof StringData || (t instanceof VariableLength v && v.isVariableLengthString());
    }

    /** A parameter: a scalar string becomes text, anything numeric an array. */
    static Param param(Dataset ds) {
        if (isString(ds)) {
            return new Param.Text(scalarString(ds));
        }
        return array(ds);
    }

    /** A scalar string dataset's text. */
    static String scalarString(Dataset ds) {
        if (!isString(ds)) {
            throw NirException.value(ds.getName(), "must be a string, is " + describe(ds));
        }
        String[] values = strings(ds);
        if (values.length != 1 || !ds.isScalar() && ds.getDimensions().length > 0) {
            throw NirException.value(ds.getName(), "must be one string, has shape "
                    + Arrays.toString(ds.getDimensions()));
        }
        return values[0];
    }

    /** All strings of a string dataset in C order (shape from {@link Dataset#getDimensions()}). */
    static String[] strings(Dataset ds) {
        if (ds.getSize() == 0) {
            return new String[0];
        }
        if (ds.isEmpty()) {
            throw NirException.value(ds.getName(), "declares " + ds.getSize() + " strings but stores none");
        }
        Object data = ds.isScalar() ? ds.getData() : ds.getDataFlat();
        if (data instanceof String s) {
            return new String[] {s};
        }
        if (data instanceof String[] s) {
            return s;
        }
        throw NirException.value(ds.getName(), "could not be read as strings (" + describe(ds) + ")");
    }

    /** A numeric or bool dataset as an array that keeps its dtype. */
    static NdArray array(Dataset ds) {
        DType dtype = dtypeOf(ds);
        int[] shape = ds.isScalar() ? new int[0] : ds.getDimensions();
        if (ds.getSize() == 0) {
            return dtype.isFloating() ? NdArray.ofDoubles(dtype, shape, new double[0])
                    : NdArray.ofLongs(dtype, shape, new long[0]);
        }
        if (ds.isEmpty()) {
            // Declared but never written: HDF5 reads it as its fill value (h5py gives zeros by default).
            Object fill = ds.getFillValue();
            double value = fill instanceof Number n ? n.doubleValue() : 0;
            return NdArray.filled(dtype, shape, value);
        }
        Object data = ds.isScalar() ? ds.getData() : ds.getDataFlat();
        if (!data.getClass().isArray()) {
            data = new Object[] {data};
        }
        int n = Array.getLength(data);
        if (dtype.isFloating()) {
            double[] v = new double[n];
            if (data instanceof double[] d) {
                System.arraycopy(d, 0, v, 0, n);
            } else if (data instanceof float[] f) {
                for (int i = 0; i < n; i++) {
                    v[i] = f[i];
                }
            } else {
                for (int i = 0; i < n; i++) {
                    v[i] = ((Number) Array.get(data, i)).doubleValue();
                }
            }
            return NdArray.ofDoubles(dtype, shape, v);
        }
        long[] v = new long[n];
        if (data instanceof long[] l) {
            System.arraycopy(l, 0, v, 0, n);
        } else if (data instanceof int[] x) {
            for (int i = 0; i < n; i++) {
                v[i] = x[i];
            }
        } else {
            for (int i = 0; i < n; i++) {
                v[i] = integral(Array.get(data, i), ds);
            }
        }
        return NdArray.ofLongs(dtype, shape, v);
    }

    private static long integral(Object o, Dataset ds) {
        if (o instanceof BigInteger b) {
            return b.longValue(); // uint64: keep the bits
        }
        if (o instanceof Number num) {
            return num.longValue();
        }
        if (o instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (o instanceof String s && (s.equals("TRUE") || s.equals("FALSE"))) {
            return s.equals("TRUE") ? 1 : 0; // h5py bools are an enum; jhdf returns their labels
        }
        throw NirException.value(ds.getName(), "has an unreadable element " + o);
    }

    static DType dtypeOf(Dataset ds) {
        DataType t = ds.getDataType();
        if (t instanceof FloatingPoint) {
            return floating(t.getSize(), ds);
        }
        if (t instanceof FixedPoint fp) {
            return integerType(t.getSize(), fp.isSigned(), ds);
        }
        if (t instanceof EnumDataType e && isBoolEnum(e.getEnumMapping().values())) {
            return DType.BOOL;
        }
        if (t instanceof BitField && t.getSize() == 1) {
            return DType.BOOL;
        }
        throw NirException.value(ds.getName(), "has an unsupported HDF5 type ("
                + t.getClass().getSimpleName() + " of " + t.getSize() + " bytes)");
    }

    private static DType floating(int size, Dataset ds) {
        if (size != 2 && size != 4 && size != 8) {
            throw NirException.value(ds.getName(), "has an unsupported " + size + "-byte float type");
        }
        return DType.floating(size);
    }

    private static DType integerType(int size, boolean signed, Dataset ds) {
        if (size != 1 && size != 2 && size != 4 && size != 8) {
            throw NirException.value(ds.getName(), "has an unsupported " + size + "-byte integer type");
        }
        return DType.integer(size, signed);
    }

    private static boolean isBoolEnum(Collection<String> labels) {
        return Set.copyOf(labels).equals(Set.of("FALSE", "TRUE"));
    }

    /** E.g. "int64 of shape [2, 2]", for messages. */
    static String describe(Dataset ds) {
        String type;
        try {
            type = isString(ds) ? "string" : dtypeOf(ds).numpyName();
        } catch (NirException unsupported) {
            type = ds.getDataType().getClass().getSimpleName() + " of " + ds.getDataType().getSize() + " bytes";
        }
        return type + " of shape " + Arrays.toString(ds.isScalar() ? new int[0] : ds.getDimensions());
    }
}
