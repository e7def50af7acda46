/**
 * Speck (SynSense DynapCNN) as the {@code speck} chip target, following sinabs' DynapCNN backend (synsense/sinabs
 * {@code sinabs/backend/dynapcnn/*}) and the NIR paper's {@code paper/02_cnn/speck_*.py}: the discretisation
 * ({@link io.nirsweep.hardware.speck.Discretize}), the cores' memories and formulas
 * ({@link io.nirsweep.hardware.speck.SpeckCores}), sinabs' max-flow core assignment
 * ({@link io.nirsweep.hardware.speck.CoreMatching}), the integer IAF per time bin
 * ({@link io.nirsweep.hardware.speck.SpeckIaf}) and the per-event core it approximates
 * ({@link io.nirsweep.hardware.speck.PerEventCore}), the graph rules and conversion
 * ({@link io.nirsweep.hardware.speck.SpeckRules}) and the backend ({@link io.nirsweep.hardware.speck.SpeckBackends}).
 *
 * <p>Uses {@link io.nirsweep.hardware.target} (ChipRules, MappingReport, Limit, Fixed), sim-operators'
 * {@link io.nirsweep.sim.backend} and {@link io.nirsweep.sim.neuron}, and nir-model's node types.
 */
package io.nirsweep.hardware.speck;
