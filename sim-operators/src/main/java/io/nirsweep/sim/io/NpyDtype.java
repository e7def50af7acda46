package io.nirsweep.sim.io;

import java.nio.ByteBuffer;

/**
 * The numeric dtypes a {@code .npy} file may hold, and their conversion to float32 (the simulator's type).
 *
 * <p>Each conversion rounds once, to the nearest float32 (ties to even): float64, int32, int64, uint32 and
 * uint64 values that float32 cannot hold exactly are rounded, never truncated, and never rounded twice through
 * double (which could differ from NumPy's {@code astype(np.float32)}). float16, 8- and 16-bit integers and bool
 * convert exactly; bool is 1 for any non-zero byte, as in NumPy.
 */
enum NpyDtype {
    BOOL('b', 1, "bool"),
    INT8('i', 1, "int8"),
    INT16('i', 2, "int16"),
    INT32('i', 4, "int32"),
    INT64('i', 8, "int64"),
    UINT8('u', 1, "uint8"),
    UINT16('u', 2, "uint16"),
    UINT32('u', 4, "uint32"),
    UINT64('u', 8, "uint64"),
    FLOAT16('f', 2, "float16"),
    FLOAT32('f', 4, "float32"),
    FLOAT64('f', 8, "float64");

    /** NumPy's kind character in a type string such as {@code <f4}. */
    final char kind;
    /** Bytes per element. */
    final int size;
    /** NumPy's name, e.g. {@code float32}. */
    final String numpyName;

    NpyDtype(char kind, int size, String numpyName) {
        this.kind = kind;
        this.size = size;
        this.numpyName = numpyName;
    }

    /** The dtype of a kind and size, or null when it is not one of these. */
    static NpyDtype of(char kind, int size) {
        for (NpyDtype type : values()) {
            if (type.kind == kind && type.size == size) {
                return type;
            }
        }
        return null;
    }

    /**
     * Converts the next {@code count} elements of {@code in} (whose byte order is already set) into
     * {@code out[offset..offset+count)}. One loop per dtype so the branch is taken once per chunk, not once per value.
     */
    void decode(ByteBuffer in, float[] out, int offset, int count) {
        int end = offset + count;
        switch (this) {
            case BOOL -> {
                for (int i = offset; i < end; i++) {
                    out[i] = in.get() != 0 ? 1f : 0f;
                }
            }
            case INT8 -> {
                for (int i = offset; i < end; i++) {
                    out[i] = in.get();
                }
            }
            case UINT8 -> {
                for (int i = offset; i < end; i++) {
                    out[i] = in.get() & 0xFF;
                }
            }
            case INT16 -> {
                for (int i = offset; i < end; i++) {
                    out[i] = in.getShort();
                }
            }
            case UINT16 -> {
                for (int i = offset; i < end; i++) {
                    out[i] = in.getShort() & 0xFFFF;
                }
            }
            case INT32 -> {
                for (int i = offset; i < end; i++) {
                    out[i] = in.getInt(); // int to float: one IEEE rounding (JLS 5.1.2)
                }
            }
            case UINT32 -> {
                for (int i = offset; i < end; i++) {
                    out[i] = in.getInt() & 0xFFFF_FFFFL;
                }
            }
            case INT64 -> {
                for (int i = offset; i < end; i++) {
                    out[i] = in.getLong(); // long to float directly: going through double would round twice
                }
            }
            case UINT64 -> {
                for (int i = offset; i < end; i++) {
                    out[i] = unsignedLongToFloat(in.getLong());
                }
            }
            case FLOAT16 -> {
                for (int i = offset; i < end; i++) {
                    out[i] = halfToFloat(in.getShort());
                }
            }
            case FLOAT32 -> in.asFloatBuffer().get(out, offset, count);
            case FLOAT64 -> {
                for (int i = offset; i < end; i++) {
                    out[i] = (float) in.getDouble();
                }
            }
            default -> throw new AssertionError(this);
        }
        if (this == FLOAT32) {
            in.position(in.position() + 4 * count); // the float view does not move the byte buffer
        }
    }

    /**
     * An unsigned 64-bit value as the nearest float. Values from 2^63 are halved first, keeping the dropped low
     * bit as a sticky bit: it lies far below float's 24 significant bits, so the one rounding stays correct.
     */
    static float unsignedLongToFloat(long bits) {
        if (bits >= 0) {
            return bits;
        }
        return ((bits >>> 1) | (bits & 1)) * 2f;
    }

    /** An IEEE binary16 pattern as float, exactly (Java 17 has no {@code Float.float16ToFloat}). */
    static float halfToFloat(short half) {
        int sign = (half & 0x8000) << 16;
        int exponent = (half >>> 10) & 0x1F;
        int fraction = half & 0x3FF;
        if (exponent == 0x1F) { // infinity or NaN; a NaN keeps its payload bits
            return Float.intBitsToFloat(sign | 0x7F80_0000 | (fraction << 13));
        }
        if (exponent == 0) { // zero or subnormal: fraction * 2^-24, exact in float
            float magnitude = fraction * 0x1p-24f;
            return sign != 0 ? -magnitude : magnitude;
        }
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (fraction << 13)); // rebias 15 to 127
    }
}
