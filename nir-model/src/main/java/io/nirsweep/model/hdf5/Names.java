package io.nirsweep.model.hdf5;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;

/** HDF5 orders the members of a group by the bytes of their UTF-8 names; so do we. */
public final class Names {
    private Names() {}

    public static final Comparator<String> HDF5_ORDER = (a, b) ->
            Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

    /** Longest text from a file that a message repeats. */
    private static final int SHOWN_CHARS = 80;

    /**
     * Text read from a file as a message may show it: control characters escaped (a refusal stays one line),
     * cut after {@value #SHOWN_CHARS} characters (a damaged string can be long).
     */
    static String shown(String text) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < text.length() && i < SHOWN_CHARS; i++) {
            char c = text.charAt(i);
            sb.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return text.length() > SHOWN_CHARS ? sb.append("...").toString() : sb.toString();
    }
}
