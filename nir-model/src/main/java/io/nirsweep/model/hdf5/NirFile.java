package io.nirsweep.model.hdf5;

import io.nirsweep.model.NirGraph;
import io.nirsweep.model.NirNode;
import java.util.List;

/**
 * What a {@code .nir} file holds: its root node (normally a graph), the {@code /version} text (null in v0.1
 * files; informational only) and the warnings the reader raised (defaults filled in, legacy leniency,
 * places where the reference reader would disagree).
 */
public record NirFile(NirNode root, String version, List<String> warnings) {
    public NirFile {
        warnings = List.copyOf(warnings);
    }

    /** The root as a graph; a bare primitive root (the reference can write but not read it) is refused. */
    public NirGraph graph() {
        if (root instanceof NirGraph g) {
            return g;
        }
        throw new IllegalStateException("the root node is a " + root.typeName() + ", not a graph");
    }
}
