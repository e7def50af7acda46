package io.nirsweep.jobs.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A cluster cannot be started, reached or stopped as asked. The message is one line for the user (the command
 * line exits with 2). {@link #logTails()} holds the ends of the logs that explain a failed start, read when the
 * failure was seen: the cluster is stopped afterwards, and by then its logs end with the shutdown.
 */
public final class ClusterException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private static final int TAIL_LINES = 20;

    private final String logTails;

    public ClusterException(String message) {
        super(message);
        this.logTails = "";
    }

    /** A failure that {@code logs} explain; their last lines are read now. */
    public ClusterException(String message, List<Path> logs) {
        super(message);
        StringBuilder tails = new StringBuilder();
        for (Path log : logs) {
            tails.append(tail(log));
        }
        this.logTails = tails.toString();
    }

    /** "==> LOG (last n of m lines) <==" and those lines, for each log that exists; empty when there are none. */
    public String logTails() {
        return logTails;
    }

    private static String tail(Path log) {
        List<String> lines;
        try {
            // lenient decoding: a JVM killed mid-write can leave half a UTF-8 sequence at the end
            lines = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            return "";
        }
        List<String> last = lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size());
        return "==> " + log + " (last " + last.size() + " of " + lines.size() + " lines) <==\n"
                + String.join("\n", last) + (last.isEmpty() ? "" : "\n");
    }
}
