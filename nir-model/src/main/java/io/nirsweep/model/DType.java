package io.nirsweep.model;

import java.util.Locale;

/**
 * The element type of a NIR parameter array, named as NumPy names it (the reference writes arrays with
 * their NumPy dtype, and a faithful reader keeps it: float32 weights stay float32 on a round trip).
 */
public enum DType {
    BOOL(1, false, false),
    INT8(1, true, false),
    INT16(2, true, false),
    INT32(4, true, false),
    INT64(8, true, false),
    UINT8(1, false, false),
    UINT16(2, false, false),
    UINT32(4, false, false),
    UINT64(8, false, false),
    FLOAT16(2, true, true),
    FLOAT32(4, true, true),
    FLOAT64(8, true, true);

    private final int bytes;
    private final boolean signed;
    private final boolean floating;

    DType(int bytes, boolean signed, boolean floating) {
        this.bytes = bytes;
        this.signed = signed;
        this.floating = floating;
    }

    /** Size of one element in bytes. */
    public int bytes() {
        return bytes;
    }

    public boolean isFloating() {
        return floating;
    }

    public boolean isInteger() {
        return !floating && this != BOOL;
    }

    public boolean isSigned() {
        return signed;
    }

    /** The NumPy name, e.g. {@code "float32"}. */
    public String numpyName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a NumPy name such as {@code "int64"}. */
    public static DType ofNumpyName(String name) {
        for (DType t : values()) {
            if (t.numpyName().equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown dtype '" + name + "'");
    }

    /** The integer type of the given width in bytes (1, 2, 4 or 8). */
    public static DType integer(int bytes, boolean signed) {
        return switch (bytes) {
            case 1 -> signed ? INT8 : UINT8;
            case 2 -> signed ? INT16 : UINT16;
            case 4 -> signed ? INT32 : UINT32;
            case 8 -> signed ? INT64 : UINT64;
            default -> throw new IllegalArgumentException("no integer type of " + bytes + " bytes");
        };
    }

    /** The float type of the given width in bytes (2, 4 or 8). */
    public static DType floating(int bytes) {
        return switch (bytes) {
            case 2 -> FLOAT16;
            case 4 -> FLOAT32;
            case 8 -> FLOAT64;
            default -> throw new IllegalArgumentException("no float type of " + bytes + " bytes");
        };
    }
}
