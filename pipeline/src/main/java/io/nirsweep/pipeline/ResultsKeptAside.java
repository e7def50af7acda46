package io.nirsweep.pipeline;

import java.nio.file.Path;

/**
 * A sweep that completed but could not put its results in place of the output folder: they were kept, whole, in
 * {@link #kept()} (a visible folder beside the output folder, or the hidden staging folder if even that move
 * failed), and the output folder was left as it was. Either something not a sweep's got into the output folder
 * during the run ({@link #outputChanged()}: the command line exits 2, as for a refusal), or the file system failed
 * a rename (exit 1). The message is one line naming both folders.
 */
public final class ResultsKeptAside extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Path kept;
    private final String location;
    private final boolean outputChanged;

    ResultsKeptAside(String message, Path kept, boolean outputChanged, Throwable cause) {
        this(message, kept, kept.toString(), outputChanged, cause);
    }

    /** Results kept under an object-store prefix ({@code location}, a URI): there is no local folder to name. */
    ResultsKeptAside(String message, String location, boolean outputChanged, Throwable cause) {
        this(message, null, location, outputChanged, cause);
    }

    private ResultsKeptAside(String message, Path kept, String location, boolean outputChanged, Throwable cause) {
        super(message.replaceAll("\\s*[\\r\\n]+\\s*", " "), cause);
        this.kept = kept;
        this.location = location;
        this.outputChanged = outputChanged;
    }

    /** Where the complete results are, when that is a local folder; null for an object-store prefix. */
    public Path kept() {
        return kept;
    }

    /** Where the results are: the local folder's path or the prefix's URI. */
    public String location() {
        return location;
    }

    /** True when the output folder was not replaced because the user's files got into it during the run. */
    public boolean outputChanged() {
        return outputChanged;
    }
}
