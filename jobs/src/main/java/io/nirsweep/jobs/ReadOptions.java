package io.nirsweep.jobs;

import io.nirsweep.model.MessageText;
import io.nirsweep.model.NirException;
import io.nirsweep.model.hdf5.NirFile;
import io.nirsweep.model.hdf5.NirReader;
import io.nirsweep.model.hdf5.ReadLimits;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** How NIR files are read: type checking and the limits on what a file may claim. */
final class ReadOptions {
    @Option(names = "--no-type-check", description = "Skip shape inference and the type check (root and nested).")
    boolean noTypeCheck;

    @Option(names = "--max-array-mib", paramLabel = "MIB",
            description = "Refuse a dataset declaring more than this (default: ${DEFAULT-VALUE}).")
    long maxArrayMib = ReadLimits.DEFAULT.maxArrayBytes() >> 20;

    @Option(names = "--max-file-mib", paramLabel = "MIB",
            description = "Refuse a file whose datasets declare more than this together (default: ${DEFAULT-VALUE}).")
    long maxFileMib = ReadLimits.DEFAULT.maxTotalBytes() >> 20;

    @Option(names = "--max-depth", paramLabel = "N",
            description = "Refuse graphs (and metadata groups) nested deeper than this (default: ${DEFAULT-VALUE};"
                    + " at most " + ReadLimits.MAX_DEPTH + ").")
    int maxDepth = ReadLimits.DEFAULT.maxDepth();

    /** Reads one file, printing the reader's warnings on {@code err}, each as one line. */
    NirFile read(Path file, PrintWriter err) {
        NirFile nir = reader().readFile(file);
        nir.warnings().forEach(w -> err.println(MessageText.oneLine("warning: " + file + ": " + w)));
        return nir;
    }

    private NirReader reader() {
        if (maxArrayMib <= 0 || maxFileMib <= 0 || maxDepth <= 0) {
            throw new Main.UserError("--max-array-mib, --max-file-mib and --max-depth must be positive");
        }
        if (maxDepth > ReadLimits.MAX_DEPTH) {
            throw new Main.UserError("--max-depth " + maxDepth + " is over the maximum of " + ReadLimits.MAX_DEPTH
                    + " levels (every command walks nesting recursively)");
        }
        ReadLimits limits = new ReadLimits(Math.multiplyExact(maxArrayMib, 1L << 20),
                Math.multiplyExact(maxFileMib, 1L << 20), maxDepth, ReadLimits.DEFAULT.maxNodes(),
                ReadLimits.DEFAULT.maxEdges());
        return new NirReader(!noTypeCheck, limits);
    }
}
