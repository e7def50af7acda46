package io.nirsweep.jobs;

import io.nirsweep.sim.backend.Backend;
import io.nirsweep.sim.backend.Backends;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code backends}: one line per backend: name, kind, the version it reproduces, description. */
@Command(name = "backends", mixinStandardHelpOptions = true, description = "List the backends a model can run on.")
final class BackendsCommand implements Callable<Integer> {
    @Option(names = "--table", description = "Print each backend's numeric choices as a Markdown table.")
    boolean table;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (table) {
            spec.commandLine().getOut().print(Backends.markdownTable());
            return Main.OK;
        }
        for (Backend b : Backends.all()) {
            spec.commandLine().getOut().printf("%-18s %-10s %-40s %s%n", b.name(), b.kind().label, b.reproduces(),
                    b.description());
        }
        return Main.OK;
    }
}
