package io.nirsweep.jobs;

import io.nirsweep.operators.equivalence.report.EquivalenceReport.BaselineChange;
import io.nirsweep.pipeline.ReportRun;
import io.nirsweep.pipeline.SweepPipeline;
import io.nirsweep.pipeline.SweepRefusal;
import io.nirsweep.pipeline.config.ConfigException;
import io.nirsweep.pipeline.config.ReportConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code report RESULTS --out DIR}: the equivalence report of a sweep's results (docs/equivalence.md), computed as
 * a Beam pipeline on the sweep's runners; with {@code --baseline}, exit 3 when something moved beyond its tolerance.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Compare every backend pair of a sweep's results: where they diverge, by how much, and why.")
final class ReportCommand implements Callable<Integer> {
    /** Changes printed on stderr; the report lists them all. */
    private static final int CHANGES_SHOWN = 20;

    @Parameters(paramLabel = "RESULTS", description = "A sweep's results folder (or a gs://, s3://, hdfs:// location).")
    String results;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Folder for the report (new, empty, or an earlier report, which is replaced).")
    Path out;

    @Option(names = "--baseline", paramLabel = "DIR", description = "An earlier report's folder; repeat for a trend."
            + " Exit 3 when a metric moved beyond its tolerance since the latest.")
    List<Path> baselines = new ArrayList<>();

    @Option(names = "--config", paramLabel = "R.yaml", description = "Report settings: tolerances, van Rossum tau,"
            + " cause walks (docs/equivalence.md).")
    Path config;

    @Option(names = "--sweep-config", paramLabel = "CONFIG.yaml",
            description = "The config the sweep ran (default: the one its run.json names).")
    Path sweepConfig;

    @Mixin
    RunnerOptions runnerOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        ReportRun.Prepared prepared;
        SweepPipeline.Runner runner;
        try {
            ReportConfig settings = config == null ? ReportConfig.DEFAULT : ReportConfig.load(config);
            runner = runnerOptions.runner();
            prepared = ReportRun.prepare(new ReportRun.Request(results, out, baselines, settings, sweepConfig));
        } catch (SweepRefusal | ConfigException e) {
            throw new Main.UserError(e.getMessage());
        }
        ReportRun.Outcome outcome;
        try {
            outcome = ReportRun.execute(prepared, runner, err);
        } catch (SweepRefusal e) {
            throw new Main.UserError(e.getMessage());
        }
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.println("report: " + outcome.out());
        stdout.println("  index.html, summary.json, equivalence/part-00000.parquet ("
                + outcome.report().pairs().size() + " rows)");
        if (!baselines.isEmpty()) {
            stdout.println("  since " + outcome.report().trend().get(outcome.report().trend().size() - 2).label()
                    + ": " + (outcome.changes().isEmpty() ? "nothing moved beyond its tolerance"
                    : outcome.changes().size() + " changes beyond tolerance"));
        }
        stdout.flush();
        List<BaselineChange> changes = outcome.changes();
        for (int i = 0; i < Math.min(CHANGES_SHOWN, changes.size()); i++) {
            err.println("nirsweep: moved: " + changes.get(i).text());
        }
        if (changes.size() > CHANGES_SHOWN) {
            err.println("nirsweep: … and " + (changes.size() - CHANGES_SHOWN) + " more (summary.json, \"baseline\")");
        }
        err.flush();
        return changes.isEmpty() ? Main.OK : Main.TOLERANCE_BROKEN;
    }
}
