package io.nirsweep.model.hdf5;

import java.util.Arrays;

/**
 * A growable little-endian byte builder for HDF5 structures; every multi-byte field in the format (with
 * 8-byte offsets and lengths) is little-endian.
 */
final class LeBytes {

    /** HDF5's undefined address: all bits set. */
    static final long UNDEFINED_ADDRESS = -1L;

    private byte[] bytes = new byte[64];
    private int size;

    LeBytes u8(int value) {
        ensure(1);
        bytes[size++] = (byte) value;
        return this;
    }

    LeBytes u16(int value) {
        return le(value, 2);
    }

    LeBytes u32(long value) {
        return le(value, 4);
    }

    LeBytes u64(long value) {
        return le(value, 8);
    }

    /** The low {@code width} bytes of {@code value}, least significant first. */
    LeBytes le(long value, int width) {
        ensure(width);
        for (int i = 0; i < width; i++) {
            bytes[size++] = (byte) (value >>> (8 * i));
        }
        return this;
    }

    LeBytes bytes(byte[] value) {
        ensure(value.length);
        System.arraycopy(value, 0, bytes, size, value.length);
        size += value.length;
        return this;
    }

    LeBytes zeros(int count) {
        ensure(count);
        size += count;
        return this;
    }

    /** Appends zeros up to the next multiple of {@code alignment}. */
    LeBytes padTo(int alignment) {
        return zeros(align(size, alignment) - size);
    }

    int size() {
        return size;
    }

    byte[] toArray() {
        return Arrays.copyOf(bytes, size);
    }

    /** {@code value} rounded up to a multiple of {@code alignment}. */
    static int align(int value, int alignment) {
        return (value + alignment - 1) / alignment * alignment;
    }

    private void ensure(int extra) {
        if (size + extra > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + extra));
        }
    }
}
