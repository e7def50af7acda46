package io.nirsweep.sim.backend;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Which release of a platform a backend reproduces, and how we know: a backend is named {@code NAME@ID} with this
 * id ({@code snntorch@0.9.4}), and the bare {@code NAME} stands for the first version its provider lists.
 *
 * @param id the word after {@code @}: a release number or a short commit ({@code 0.9.4}, {@code 40ad136}), or
 *     {@code paper-2023} where the NIR paper's run is the only record of the version
 * @param release what it reproduces, in a few words
 * @param evidence the published output it matches and the source files (and commit) it follows
 */
public record Version(String id, String release, String evidence) {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]*");

    public Version {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(release, "release");
        Objects.requireNonNull(evidence, "evidence");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("version id '" + id + "': letters, digits and . _ + - only");
        }
    }
}
