package io.nirsweep.model.hdf5;

import io.nirsweep.model.DType;

/**
 * A version 1 object header and the header messages this writer uses, encoded as h5py 3.7 / HDF5 1.10
 * writes them by default: version 1 dataspace, version 1 datatypes, version 2 fill value, version 3
 * layout, version 1 filter pipeline. Deliberately absent: attribute messages (NIR graph files have
 * none) and modification-time messages (h5py does not track times, and they would break determinism).
 */
final class ObjectHeader {

    private static final int DATASPACE = 0x0001;
    private static final int DATATYPE = 0x0003;
    private static final int FILL_VALUE = 0x0005;
    private static final int LAYOUT = 0x0008;
    private static final int FILTER_PIPELINE = 0x000B;
    private static final int SYMBOL_TABLE = 0x0011;
    /** Message flag: the message never changes (HDF5 sets it on datatype, fill value and pipeline). */
    private static final int CONSTANT = 0x01;

    /** Fill value message fields (HDF5's H5D_alloc_time_t and H5D_fill_time_t). */
    private static final int ALLOC_TIME_LATE = 2;
    private static final int ALLOC_TIME_INCREMENTAL = 3;
    private static final int FILL_TIME_ALLOC = 0;
    private static final int FILL_TIME_IFSET = 2;

    private final LeBytes messages = new LeBytes();
    private int count;

    /** The header of a group: just its symbol table message (B-tree and local heap addresses). */
    static ObjectHeader group(long btree, long localHeap) {
        return new ObjectHeader().add(SYMBOL_TABLE, 0, new LeBytes().u64(btree).u64(localHeap));
    }

    /** The header of a contiguous string dataset. */
    static ObjectHeader strings(int[] dims, long address, long size) {
        return dataset(dims, vlenString())
                .add(FILL_VALUE, CONSTANT, fillValue(ALLOC_TIME_LATE, FILL_TIME_ALLOC))
                .add(LAYOUT, 0, contiguousLayout(address, size));
    }

    /** The header of a contiguous numeric or boolean dataset. */
    static ObjectHeader contiguous(DType type, int[] dims, long address, long size) {
        return dataset(dims, fixed(type))
                .add(FILL_VALUE, CONSTANT, fillValue(ALLOC_TIME_LATE, FILL_TIME_IFSET))
                .add(LAYOUT, 0, contiguousLayout(address, size));
    }

    /** The header of a chunked, deflate-compressed numeric or boolean dataset. */
    static ObjectHeader deflated(DType type, int[] dims, int[] chunk, long btree) {
        return dataset(dims, fixed(type))
                .add(FILL_VALUE, CONSTANT, fillValue(ALLOC_TIME_INCREMENTAL, FILL_TIME_ALLOC))
                .add(FILTER_PIPELINE, CONSTANT, deflateLevel4())
                .add(LAYOUT, 0, chunkedLayout(chunk, type.bytes(), btree));
    }

    /** Prefix (version 1, reference count 1, padded to 16 bytes) followed by the messages. */
    byte[] toBytes() {
        return new LeBytes()
                .u8(1)
                .u8(0)
                .u16(count)
                .u32(1)
                .u32(messages.size())
                .zeros(4)
                .bytes(messages.toArray())
                .toArray();
    }

    private static ObjectHeader dataset(int[] dims, LeBytes datatype) {
        return new ObjectHeader()
                .add(DATASPACE, 0, dataspace(dims))
                .add(DATATYPE, CONSTANT, datatype);
    }

    /** Version 1 messages: 8-byte header, body padded to a multiple of 8. */
    private ObjectHeader add(int type, int flags, LeBytes body) {
        body.padTo(8);
        messages.u16(type).u16(body.size()).u8(flags).zeros(3).bytes(body.toArray());
        count++;
        return this;
    }

    /** Version 1 dataspace; h5py stores the maximum dims (equal to the dims) for non-scalars. */
    private static LeBytes dataspace(int[] dims) {
        LeBytes body = new LeBytes().u8(1).u8(dims.length).u8(dims.length > 0 ? 1 : 0).zeros(5);
        for (int d : dims) {
            body.u64(d);
        }
        for (int d : dims) {
            body.u64(d);
        }
        return body;
    }

    /** Variable-length string (class 9), null-terminated, UTF-8, over unsigned 8-bit characters. */
    private static LeBytes vlenString() {
        int stringType = 1;
        int nullTerminated = 0;
        int utf8 = 1;
        return new LeBytes()
                .u8(0x10 | 9).u8(stringType | nullTerminated << 4).u8(utf8).u8(0).u32(16)
                .bytes(fixedPoint(1, false).toArray());
    }

    private static LeBytes fixed(DType type) {
        if (type == DType.BOOL) {
            return boolEnum();
        }
        return type.isFloating() ? floatingPoint(type.bytes()) : fixedPoint(type.bytes(), type.isSigned());
    }

    /** Fixed-point (class 0), little-endian, full precision. */
    private static LeBytes fixedPoint(int bytes, boolean signed) {
        return new LeBytes().u8(0x10).u8(signed ? 0x08 : 0).u8(0).u8(0).u32(bytes).u16(0).u16(8 * bytes);
    }

    /** IEEE float (class 1), little-endian, implied leading mantissa bit, sign in the top bit. */
    private static LeBytes floatingPoint(int bytes) {
        int exponentBits = switch (bytes) {
            case 2 -> 5;
            case 4 -> 8;
            default -> 11;
        };
        int bits = 8 * bytes;
        int mantissaBits = bits - 1 - exponentBits;
        return new LeBytes()
                .u8(0x10 | 1).u8(0x20).u8(bits - 1).u8(0).u32(bytes)
                .u16(0).u16(bits)
                .u8(mantissaBits).u8(exponentBits).u8(0).u8(mantissaBits)
                .u32((1L << (exponentBits - 1)) - 1);
    }

    /** h5py's bool: enum (class 8) over signed 8-bit with FALSE=0 and TRUE=1; names NUL-padded to 8. */
    private static LeBytes boolEnum() {
        return new LeBytes()
                .u8(0x10 | 8).u16(2).u8(0).u32(1)
                .bytes(fixedPoint(1, true).toArray())
                .bytes(new byte[] {'F', 'A', 'L', 'S', 'E', 0, 0, 0})
                .bytes(new byte[] {'T', 'R', 'U', 'E', 0, 0, 0, 0})
                .u8(0).u8(1);
    }

    /** Version 2 fill value: the default fill value (defined, size 0) with h5py's allocation settings. */
    private static LeBytes fillValue(int allocTime, int fillTime) {
        return new LeBytes().u8(2).u8(allocTime).u8(fillTime).u8(1).u32(0);
    }

    /** Version 3 contiguous layout; an empty dataset has the undefined address and size 0. */
    private static LeBytes contiguousLayout(long address, long size) {
        return new LeBytes().u8(3).u8(1).u64(address).u64(size);
    }

    /** Version 3 chunked layout: B-tree address, then chunk dims plus a last "dimension", the element size. */
    private static LeBytes chunkedLayout(int[] chunk, int elementSize, long btree) {
        LeBytes body = new LeBytes().u8(3).u8(2).u8(chunk.length + 1).u64(btree);
        for (int c : chunk) {
            body.u32(c);
        }
        return body.u32(elementSize);
    }

    /**
     * Version 1 pipeline with the deflate filter (id 1) at level 4, flagged optional and named "deflate"
     * as HDF5 records it; one client value, so 4 bytes of padding follow.
     */
    private static LeBytes deflateLevel4() {
        int deflate = 1;
        int optional = 1;
        return new LeBytes()
                .u8(1).u8(1).zeros(6)
                .u16(deflate).u16(8).u16(optional).u16(1)
                .bytes(new byte[] {'d', 'e', 'f', 'l', 'a', 't', 'e', 0})
                .u32(4)
                .zeros(4);
    }
}
