package io.nirsweep.model.hdf5;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Global heap collections ("GCOL"), where HDF5 keeps the bytes of variable-length strings; a string
 * dataset's raw data only holds references into them.
 *
 * <p>Objects are packed in order into collections of {@link #MIN_COLLECTION_SIZE} bytes, HDF5's minimum
 * (the library reads that much before it looks at a collection's size, so smaller ones fail near the end
 * of a file). An object that does not fit in a fresh minimum-size collection gets a collection of its
 * own, sized to fit. Unused space at the end is described by the free-space object (index 0), as HDF5
 * does. Objects have reference count 0, as HDF5 writes them for dataset data.
 */
final class GlobalHeap {

    static final int MIN_COLLECTION_SIZE = 4096;
    /** Object indexes are 16-bit and 0 marks free space. */
    private static final int MAX_OBJECTS = 0xFFFF;
    private static final int HEADER_SIZE = 16;
    private static final int OBJECT_HEADER_SIZE = 16;

    /** Where an object lives: its collection's address and its index there. */
    record Ref(long collection, int index) {
    }

    private GlobalHeap() {
    }

    /** Writes {@code objects} into as many collections as needed; returns their references, in order. */
    static List<Ref> write(FileSink sink, List<byte[]> objects) throws IOException {
        List<Ref> refs = new ArrayList<>(objects.size());
        int start = 0;
        while (start < objects.size()) {
            int used = HEADER_SIZE + footprint(objects.get(start));
            int end = start + 1;
            while (end < objects.size() && end - start < MAX_OBJECTS
                    && used + footprint(objects.get(end)) <= MIN_COLLECTION_SIZE) {
                used += footprint(objects.get(end));
                end++;
            }
            int size = Math.max(MIN_COLLECTION_SIZE, used);
            LeBytes collection = new LeBytes()
                    .bytes(new byte[] {'G', 'C', 'O', 'L'})
                    .u8(1)
                    .zeros(3)
                    .u64(size);
            for (int i = start; i < end; i++) {
                byte[] object = objects.get(i);
                collection.u16(i - start + 1).u16(0).zeros(4).u64(object.length).bytes(object).padTo(8);
            }
            int free = size - used;
            if (free >= OBJECT_HEADER_SIZE) {
                collection.u16(0).u16(0).zeros(4).u64(free); // the free-space size includes its own header
            }
            collection.zeros(size - collection.size());
            long address = sink.append(collection.toArray());
            for (int i = start; i < end; i++) {
                refs.add(new Ref(address, i - start + 1));
            }
            start = end;
        }
        return refs;
    }

    private static int footprint(byte[] object) {
        return OBJECT_HEADER_SIZE + LeBytes.align(object.length, 8);
    }
}
