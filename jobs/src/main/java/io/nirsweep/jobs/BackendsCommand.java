package io.nirsweep.jobs;

import io.nirsweep.hardware.target.Chips;
import io.nirsweep.sim.backend.Backend;
import io.nirsweep.sim.backend.Backends;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code backends}: one line per backend and version: name (the bare name for the version it stands for, else
 * {@code NAME@VERSION}), kind, version, what it reproduces, description — or, as Markdown tables,
 * their numeric choices ({@code --table}) or the chip targets' facts ({@code --targets}).
 */
@Command(name = "backends", mixinStandardHelpOptions = true, description = "List the backends a model can run on.")
final class BackendsCommand implements Callable<Integer> {
    @Option(names = "--table", description = "Print each backend's numeric choices as a Markdown table.")
    boolean table;

    @Option(names = "--targets", description = "Print the chip targets' conversion, arithmetic, latencies, checked "
            + "limits and sources as a Markdown table.")
    boolean targets;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (targets) {
            spec.commandLine().getOut().print(Chips.markdownTable());
            return Main.OK;
        }
        if (table) {
            spec.commandLine().getOut().print(Backends.markdownTable());
            return Main.OK;
        }
        for (Backend b : Backends.all()) {
            spec.commandLine().getOut().printf("%-19s %-10s %-11s %-40s %s%n", Backends.shortName(b), b.kind().label,
                    b.version().id(), b.reproduces(), b.description());
        }
        return Main.OK;
    }
}
