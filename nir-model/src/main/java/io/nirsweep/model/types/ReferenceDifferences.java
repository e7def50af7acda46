package io.nirsweep.model.types;

import io.nirsweep.model.Conv1d;
import io.nirsweep.model.Conv2d;
import io.nirsweep.model.MessageText;
import io.nirsweep.model.NirNode;
import io.nirsweep.model.Shape;
import java.util.function.Consumer;

/**
 * Where the reference reader (nir ≤ 1.0.7 snapshot 7232ada) would compute other shapes than we do (spec §3.3):
 * said as warnings, so a user knows why a file checks here and not there, or the other way round.
 */
final class ReferenceDifferences {
    private ReferenceDifferences() {}

    static void note(NirNode node, String path, Consumer<String> warnings) {
        if (node instanceof Conv2d c) {
            int[] w = c.weight().shape();
            Shape out = c.outputShape();
            if (w[2] != w[3] && out != null) {
                warnings.accept("node " + MessageText.quotePath(path) + ": kernel " + w[2] + "x" + w[3] + " is not square; the"
                        + " reference infers the output with " + w[2] + " for both dimensions, not " + out);
            }
            noteGroups(c.groupCount(), w[1], c.inChannels(), path, warnings);
        } else if (node instanceof Conv1d c) {
            noteGroups(c.groupCount(), c.weight().shape()[1], c.inChannels(), path, warnings);
        }
    }

    private static void noteGroups(int groups, int perGroup, int inChannels, String path, Consumer<String> warnings) {
        if (groups > 1) {
            warnings.accept("node " + MessageText.quotePath(path) + ": groups=" + groups + "; the reference takes " + perGroup
                    + " input channels (without groups) instead of " + inChannels + " and fails its type check");
        }
    }
}
