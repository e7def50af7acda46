package io.nirsweep.jobs;

import io.nirsweep.model.NirException;
import io.nirsweep.model.hdf5.NirFile;
import io.nirsweep.model.json.GraphView;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code inspect FILE [--json] [--no-type-check]}: what a NIR file holds, after shape inference. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Show a NIR file's nodes, types, shapes and edges (--json: the reference reader's view).")
final class InspectCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "A .nir file.")
    Path file;

    @Option(names = "--json", description = "One JSON object on stdout, as in the corpus's expected/*.json.")
    boolean json;

    @Mixin
    ReadOptions read;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        NirFile nir;
        try {
            nir = read.read(file, err);
        } catch (NirException e) {
            if (!json) {
                throw e;
            }
            out.println(GraphView.toJson(GraphView.failure(e)));
            out.flush();
            err.println(Main.errorLine(e.getMessage()));
            return Main.USER_ERROR;
        }
        out.println(json ? GraphView.toJson(GraphView.success(nir.root())) : GraphText.describe(file, nir));
        return Main.OK;
    }
}
