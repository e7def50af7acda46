package io.nirsweep.pipeline.config;

import java.nio.file.Path;

/**
 * A model file of a sweep.
 *
 * @param path the file, absolute
 * @param name the model as the results name it (the {@code model} column and partition): its path relative to
 *             the config file's folder, with {@code /} separators — or absolute when the config wrote an absolute
 *             path or pattern
 */
public record ModelRef(Path path, String name) {
}
