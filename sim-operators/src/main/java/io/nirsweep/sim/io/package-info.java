/**
 * The command line's array files (docs/cli.md, "Array files"): {@code .npy} and {@code .csv}, read in bounded memory
 * from untrusted files and written atomically, and the one convention of input arrays, time-major
 * {@code [T, B, *shape]} ({@link io.nirsweep.sim.io.TimeMajor}), which {@code simulate} and the sweep's input sets
 * both follow.
 *
 * <p>Uses only the model's {@code MessageText}; the engine does not use this package.
 */
package io.nirsweep.sim.io;
