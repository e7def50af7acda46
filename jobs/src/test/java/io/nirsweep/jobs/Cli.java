package io.nirsweep.jobs;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the command line in-process and keeps what it printed. */
record Cli(int exitCode, String out, String err) {
    static Cli run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Cli(code, out.toString(), err.toString());
    }

    /** Stderr lines that are not warnings. */
    java.util.List<String> errorLines() {
        return err.lines().filter(l -> !l.startsWith("warning: ")).toList();
    }
}
