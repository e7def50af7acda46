/**
 * The simulation core, plain Java. Its packages, lowest first:
 * <ul>
 *   <li>{@link io.nirsweep.sim.neuron} — neuron dynamics as step functions over primitive arrays;</li>
 *   <li>{@link io.nirsweep.sim.kernel} — one node's computation for one step over a batch;</li>
 *   <li>{@link io.nirsweep.sim.backend} — the plug-in point: what a backend is, and the registry;</li>
 *   <li>{@link io.nirsweep.sim.engine} — the compiler and the program it makes;</li>
 *   <li>{@code io.nirsweep.sim.simulators.*} — one package per simulator: its importer's rules, its own steps, its
 *       backends;</li>
 *   <li>{@link io.nirsweep.sim.io} — the command line's array files, which the engine does not use.</li>
 * </ul>
 * This package holds only what all of them share, {@link io.nirsweep.sim.SimulationException}, and uses nothing
 * of them.
 */
package io.nirsweep.sim;
