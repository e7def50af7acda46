package io.nirsweep.sim.backend;

/**
 * A {@link Recipe} whose choices make no backend together, with the reason in one line (exact integration with a
 * membrane floor; a fixed-point arithmetic with a float integrator). Graph-specific disagreements (two importers'
 * rules setting the same parameter of one node) surface as {@link io.nirsweep.sim.SimulationException} when the
 * graph is compiled.
 */
public final class RefusedCombination extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RefusedCombination(String reason) {
        super(reason);
    }
}
