package io.nirsweep.operators.parquet;

import io.nirsweep.operators.storage.ParquetFiles;
import io.nirsweep.operators.storage.Storage;
import java.nio.file.Path;
import java.util.List;
import org.apache.parquet.io.InputFile;

/** The sweep's own Parquet targets and inputs ({@link ParquetFiles}) for local files, as the tests name them. */
final class LocalParquet {
    private LocalParquet() {}

    /** The file at {@code path}, written atomically as the sweep writes its files. */
    static ParquetTables.Target at(Path path) {
        return ParquetFiles.target(Storage.file(path.toString()));
    }

    /** The files at {@code paths}, read as the sweep's merge reads them. */
    static List<InputFile> inputs(List<Path> paths) {
        return paths.stream().map(p -> ParquetFiles.input(Storage.file(p.toString()))).toList();
    }
}
