package io.nirsweep.jobs;

import io.nirsweep.model.MessageText;
import io.nirsweep.model.NirException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code nirsweep} command line (contract: {@code docs/cli.md}). Exit codes: 0 success, 2 the
 * user's input is wrong (one line on stderr naming file, node and parameter), 1 an internal error, 3 a report whose
 * baseline comparison broke a tolerance.
 */
@Command(name = "nirsweep", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Reproducible spiking-network results across neuromorphic platforms (NIR).",
        subcommands = {InspectCommand.class, ValidateCommand.class, ConvertCommand.class, SimulateCommand.class,
            BackendsCommand.class, ExplainCommand.class, MapCommand.class, BenchCommand.class, SweepCommand.class,
            ReportCommand.class, io.nirsweep.jobs.cluster.ClusterCommand.class})
public final class Main implements Runnable {
    public static final int OK = 0;
    public static final int INTERNAL_ERROR = 1;
    public static final int USER_ERROR = 2;
    /** {@code report --baseline}: a metric or a cell's status moved beyond its tolerance since the baseline. */
    public static final int TOLERANCE_BROKEN = 3;

    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
            description = "Print stack traces of errors.")
    boolean debug;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) throws Exception {
        PrintWriter out = new PrintWriter(System.out, true, java.nio.charset.StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, java.nio.charset.StandardCharsets.UTF_8);
        int code = run(out, err, args);
        if (!FlinkApplication.isRunningMain()) {
            System.exit(code);
        }
        // Here this JVM is Flink's JobManager: System.exit would end the cluster before it records the application's
        // outcome (and a Kubernetes JobManager pod would be restarted and run the sweep again). Returning lets Flink
        // finish the application and shut the cluster down; the exception makes Flink shut it down as failed.
        if (code != OK) {
            throw FlinkApplication.failure(code);
        }
    }

    /** Runs the command line with the given streams and returns its exit code (tests call this in-process). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((e, a) -> {
            String first = e.getMessage() == null ? "bad arguments" : e.getMessage().lines().findFirst().orElse("bad arguments");
            e.getCommandLine().getErr().println(errorLine(first + " (see --help)"));
            return USER_ERROR;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter stderr = commandLine.getErr();
            boolean debug = parseResult.hasMatchedOption("--debug")
                    || parseResult.subcommand() != null && parseResult.subcommand().hasMatchedOption("--debug");
            if (debug) {
                e.printStackTrace(stderr);
            }
            if (e instanceof NirException || e instanceof UserError) {
                stderr.println(errorLine(e.getMessage()));
                return USER_ERROR;
            }
            stderr.println(errorLine("internal error: " + e + (debug ? "" : " (run with --debug for details)")));
            return INTERNAL_ERROR;
        });
        try {
            return cli.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /**
     * An error as printed on stderr: {@code nirsweep: } and the message as one line, whatever it holds (a node
     * name or a path with a newline or a terminal escape is shown escaped).
     */
    static String errorLine(String message) {
        return "nirsweep: " + MessageText.oneLine(message);
    }

    /** A mistake in what the user asked for that is not about a NIR file (a missing path, a bad option). */
    public static final class UserError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public UserError(String message) {
            super(message);
        }
    }

    /** The project version when the classes do not come from a jar whose manifest says it (the launcher's case). */
    private static final String PROJECT_VERSION = "0.1.0-SNAPSHOT";

    /**
     * What this build is, as {@code --version} prints it and every sweep records it ({@code engine_version} in
     * run.json and the cells table): {@code nirsweep <version>+<commit>}. The commit is the one the build recorded
     * in {@code build.properties} (the launcher and {@code .ci/run} pass it to Maven), so a job jar that
     * {@code flink run} starts records what the launcher does; the system property {@code nirsweep.commit}, when
     * set, takes its place. Left out when neither knows it.
     */
    public static String engineVersion() {
        String version = Main.class.getPackage().getImplementationVersion();
        String commit = System.getProperty("nirsweep.commit", BUILD_COMMIT);
        return "nirsweep " + (version == null ? PROJECT_VERSION : version) + (commit.isBlank() ? "" : "+" + commit);
    }

    /** The commit {@code build.properties} records; empty when the build was given none. */
    private static final String BUILD_COMMIT = buildCommit();

    private static String buildCommit() {
        java.util.Properties build = new java.util.Properties();
        try (java.io.InputStream in = Main.class.getResourceAsStream("build.properties")) {
            if (in != null) {
                build.load(in);
            }
        } catch (java.io.IOException e) {
            return "";
        }
        String commit = build.getProperty("commit", "").strip();
        // An unfiltered file (a build that did not process resources) holds the placeholder itself.
        return commit.matches("[0-9a-f]{4,40}") ? commit : "";
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {engineVersion()};
        }
    }
}
