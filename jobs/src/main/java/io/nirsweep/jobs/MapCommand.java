package io.nirsweep.jobs;

import io.nirsweep.hardware.target.Chips;
import io.nirsweep.hardware.target.MappingReport;
import io.nirsweep.hardware.target.Violation;
import io.nirsweep.model.NirException;
import io.nirsweep.model.NirGraph;
import io.nirsweep.operators.sweep.Mappings;
import io.nirsweep.sim.SimulationException;
import io.nirsweep.sim.backend.Backend;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code map --target T M.nir}: whether model M fits chip target T as T's toolchain converts it — the resources it
 * uses against the chip's published limits, where each node goes, the quantisation error of its weights,
 * thresholds and decays, and every limit or graph rule it breaks. Exit 0 when it fits, 2 when it does not (one
 * line per violation on stderr; with {@code --json}, the object with {@code "fits": false} on stdout) and 2 for
 * bad input, as every command.
 */
@Command(name = "map", mixinStandardHelpOptions = true,
        description = "Say whether a model fits a chip target: resources, placement, quantisation error, violations.")
final class MapCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "M.nir", description = "The graph.")
    Path model;

    @Option(names = "--target", required = true, paramLabel = "T",
            description = "A chip target (hardware backends with limits; see `nirsweep backends`).")
    String targetName;

    @Option(names = "--json", description = "Print the report as one JSON object (docs/cli.md).")
    boolean json;

    @Option(names = "--dt", paramLabel = "SECONDS",
            description = "Step length the decays are quantised for (default: ${DEFAULT-VALUE}; 'native': the"
                    + " toolchain's own, which only loihi2's LIF path has).")
    String dt = "1e-4";

    @Option(names = "--weight-bits", paramLabel = "N",
            description = "Weight width, for a target that lets it be chosen (default: the chip's own).")
    Integer weightBits;

    @Mixin
    ReadOptions read;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Backend target;
        try {
            target = Chips.require(targetName);
        } catch (IllegalArgumentException e) {
            throw new Main.UserError("--target: " + e.getMessage());
        }
        if (weightBits != null && weightBits < 1) {
            throw new Main.UserError("--weight-bits must be at least 1, is " + weightBits);
        }
        PrintWriter err = spec.commandLine().getErr();
        NirGraph graph = read.read(model, err).graph();
        MappingReport report;
        try {
            report = Chips.map(graph, target, BackendArgs.dt(dt), weightBits);
        } catch (SimulationException | NirException e) {
            throw new Main.UserError(model + ": " + e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Mappings.text(Mappings.json(report, model.toString(), weightBits)));
        } else {
            out.print(report.toText());
            for (Violation v : report.violations()) {
                err.println(Main.errorLine(model + ": " + v.text()));
            }
        }
        return report.fits() ? Main.OK : Main.USER_ERROR;
    }
}
