package io.nirsweep.jobs;

import io.nirsweep.model.NirGraph;
import io.nirsweep.sim.backend.Backend;
import io.nirsweep.sim.backend.Backends;
import io.nirsweep.sim.backend.StepLength;
import io.nirsweep.sim.backend.Import;
import io.nirsweep.sim.engine.Program;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code explain --backend B M.nir}: what backend B will do to this model before anything runs — its numeric
 * choices, every parameter its importer rescales or ignores, every node it substitutes, every bias it drops, every
 * edge that arrives a step late — or the one line saying which node it refuses (exit 2).
 */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Say what a backend does to a model: rescaled parameters, substitutions, refusals, latencies.")
final class ExplainCommand implements Callable<Integer> {
    private static final List<String> CHOICES = List.of("integrator", "spike test", "reset", "latency",
            "spikes per step", "numbers");

    @Parameters(index = "0", paramLabel = "M.nir", description = "The graph.")
    Path model;

    @Option(names = "--backend", required = true, paramLabel = "B", description = "See `nirsweep backends`.")
    String backendName;

    @Option(names = "--dt", paramLabel = "SECONDS", description = "Step length in seconds, or 'native': the dt the"
            + " backend's importer uses when given none (default: ${DEFAULT-VALUE}).")
    String dt = "1e-4";

    @Mixin
    ReadOptions read;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Backend backend = BackendArgs.backend(backendName);
        StepLength asked = BackendArgs.dt(dt);
        NirGraph graph = read.read(model, spec.commandLine().getErr()).graph();
        Program program = BackendArgs.compile(model, graph, backend, asked);
        PrintWriter out = spec.commandLine().getOut();
        out.println(model + " under '" + Backends.shortName(backend) + "': " + backend.description());
        List<String> choices = backend.choices();
        out.printf("  %-16s %s (%s)%n", "reproduces", backend.reproduces(), backend.kind().label);
        out.printf("  %-16s %s%s%n", "version", backend.id(), Backends.isDefault(backend)
                ? " (what '" + backend.name() + "' stands for)" : "");
        out.printf("  %-16s %s%n", "evidence", backend.version().evidence());
        for (int k = 0; k < CHOICES.size(); k++) {
            out.printf("  %-16s %s%n", CHOICES.get(k), choices.get(k));
        }
        out.printf("  %-16s %s s%s%n", "dt", StepLength.seconds(program.dt()),
                asked.isNative() ? " (its own: --dt native)" : "");
        List<Import.Note> notes = program.notes();
        out.println(notes.isEmpty() ? "What the importer changes: nothing, the graph runs as the file states it."
                : "What the importer changes (" + notes.size() + "):");
        notes.forEach(n -> out.println("  " + n));
        List<String> late = program.delayedEdges();
        out.println(late.isEmpty() ? "Edges arriving a step late: none." : "Edges arriving a step late:");
        late.forEach(e -> out.println("  " + e));
        return Main.OK;
    }
}
