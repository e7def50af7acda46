package io.nirsweep.sim.backend;

import java.util.List;

/**
 * The plug-in point: a module adds backends by implementing this interface (public, with a public no-argument
 * constructor) and naming the class in its {@code META-INF/services/io.nirsweep.sim.backend.BackendProvider}.
 * {@link Backends} finds every provider on the class path with Java's {@link java.util.ServiceLoader}, so
 * {@code backends}, {@code explain}, {@code simulate}, {@code bench} and sweeps see them alike, wherever they
 * are defined. (Each module has its own services file; a shaded jar must merge them, e.g. with the Shade plugin's
 * {@code ServicesResourceTransformer}, or the backends of all but one module disappear.)
 */
public interface BackendProvider {
    /** The backends this module defines, in the order {@code nirsweep backends} lists them. */
    List<Backend> backends();
}
