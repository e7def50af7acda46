package io.nirsweep.jobs;

import io.nirsweep.model.hdf5.NirFile;
import io.nirsweep.model.hdf5.NirWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code convert IN OUT}: any readable NIR version in, the current reference layout out. */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = "Read IN (any supported NIR version) and write OUT in the current reference layout.")
final class ConvertCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "IN", description = "The .nir file to read.")
    Path in;

    @Parameters(index = "1", paramLabel = "OUT", description = "The .nir file to write (replaced atomically).")
    Path out;

    @Mixin
    ReadOptions read;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Path dir = out.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new Main.UserError(out + ": no such directory " + dir);
        }
        if (Files.isDirectory(out)) {
            throw new Main.UserError(out + ": is a directory, expected a file name");
        }
        NirFile nir = read.read(in, spec.commandLine().getErr());
        NirWriter.write(nir.root(), out);
        spec.commandLine().getErr().println("wrote " + out + " (" + GraphText.counts(nir.root()) + ")");
        return Main.OK;
    }
}
