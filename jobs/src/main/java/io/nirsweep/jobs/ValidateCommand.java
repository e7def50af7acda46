package io.nirsweep.jobs;

import io.nirsweep.model.MessageText;
import io.nirsweep.model.NirException;
import io.nirsweep.model.hdf5.NirFile;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code validate FILE...}: exit 0 when every file reads and type-checks, else one line per bad file (and its
 * stack trace before it with {@code --debug}); the other files are still checked.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check that NIR files read and type-check; one line on stderr per bad file.")
final class ValidateCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", arity = "1..*", description = "One or more .nir files.")
    List<Path> files;

    @Mixin
    ReadOptions read;

    @Spec
    CommandSpec spec;

    /** For {@code --debug}, which the root command declares for every command. */
    @ParentCommand
    Main main;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int bad = 0;
        for (Path file : files) {
            try {
                NirFile nir = read.read(file, err);
                out.println(MessageText.oneLine(file + ": ok (" + GraphText.counts(nir.root()) + ")"));
            } catch (NirException e) {
                if (main.debug) {
                    e.printStackTrace(err);
                }
                err.println(Main.errorLine(e.getMessage()));
                bad++;
            }
        }
        return bad == 0 ? Main.OK : Main.USER_ERROR;
    }
}
