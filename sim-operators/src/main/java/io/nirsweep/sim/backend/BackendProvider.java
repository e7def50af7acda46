package io.nirsweep.sim.backend;

import java.util.List;

/**
 * The plug-in point: a module adds backends by implementing this interface (public, with a public no-argument
 * constructor) and naming the class in its {@code META-INF/services/io.nirsweep.sim.backend.BackendProvider}.
 * {@link Backends} finds every provider on the class path with Java's {@link java.util.ServiceLoader}, so
 * {@code backends}, {@code explain}, {@code simulate}, {@code bench} and sweeps see them alike, wherever they
 * are defined.
 */
public interface BackendProvider {
    /** The backends this module defines, in the order {@code nirsweep backends} lists them. */
    List<Backend> backends();
}
