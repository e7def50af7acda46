package io.nirsweep.pipeline.config;

import java.nio.file.Path;

/**
 * A model file of a sweep.
 *
 * @param location the file: an absolute path when it is local, else its URI ({@code gs://…}, {@code hdfs://…})
 * @param name     the model as the results name it (the {@code model} column and partition): its path relative to
 *                 the config file's folder, with {@code /} separators — or the absolute path or URI when the config
 *                 wrote an absolute path or pattern, or a URI
 */
public record ModelRef(String location, String name) {
    /** A local model file. */
    public ModelRef(Path path, String name) {
        this(path.toAbsolutePath().normalize().toString(), name);
    }
}
