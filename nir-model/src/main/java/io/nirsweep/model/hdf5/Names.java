package io.nirsweep.model.hdf5;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;

/** HDF5 orders the members of a group by the bytes of their UTF-8 names; so do we. */
public final class Names {
    private Names() {}

    public static final Comparator<String> HDF5_ORDER = (a, b) ->
            Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
}
