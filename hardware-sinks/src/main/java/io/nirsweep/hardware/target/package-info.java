/**
 * What every chip target shares: the rules a chip's toolchain applies ({@link io.nirsweep.hardware.target.ChipRules}:
 * its graph rules, resource limits and quantisation, run both by the engine and by {@code nirsweep map}), the
 * {@link io.nirsweep.hardware.target.MappingReport} that says whether and how a model fits, the published
 * {@link io.nirsweep.hardware.target.Limit}s it is checked against, the chips' integer arithmetic
 * ({@link io.nirsweep.hardware.target.Fixed}) and the registry of targets ({@link io.nirsweep.hardware.target.Chips}).
 *
 * <p>Uses sim-operators' {@link io.nirsweep.sim.backend} (a target is a {@link io.nirsweep.sim.backend.Backend} of
 * kind hardware whose rules are {@code ChipRules}); names no chip. Each chip lives in its own package beside this one.
 */
package io.nirsweep.hardware.target;
