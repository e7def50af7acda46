package io.nirsweep.sim.simulators.lavadl;

import io.nirsweep.model.Affine;
import io.nirsweep.model.Conv2d;
import io.nirsweep.model.CubaLIF;
import io.nirsweep.model.Flatten;
import io.nirsweep.model.IF;
import io.nirsweep.model.Input;
import io.nirsweep.model.LIF;
import io.nirsweep.model.Linear;
import io.nirsweep.model.Output;
import io.nirsweep.model.SumPool2d;
import io.nirsweep.sim.backend.Import;
import io.nirsweep.sim.backend.ImportRule;
import io.nirsweep.sim.backend.NamedRules;
import io.nirsweep.sim.backend.Values;
import io.nirsweep.sim.neuron.NeuronParams;
import java.util.Set;

/**
 * The paper's lava-dl converter (docs/platforms.md §4.7, {@code paper/nir_to_lava.py}, lava-dl path): IF → CUBA neuron
 * (current_decay 1, voltage_decay 0, threshold θ·R, scale 4096); CubaLIF → CUBA (current_decay dt/τ_syn,
 * voltage_decay dt/τ_mem, scale 64, one value per layer) behind identity weights × w_in·dt/τ_syn, asserting
 * v_leak = 0 and R = τ_mem/dt; a recurrent CubaLIF ⇄ map pair → block.cuba.Recurrent, which applies no bias to the
 * recurrent synapse (the E3 accuracy drop). Reset to 0 only; fixed point ({@link FixedPointCuba}). Refused:
 * LIF ("not implemented yet in lava-dl"), a non-recurrent CubaLIF of other than 7 neurons (the converter hard-codes
 * 7), Conv2d with a bias, branching graphs, other loops and node types the converter raises for. One named rule:
 * "recurrent bias dropped"; the fixed-point CUBA is the backend's indivisible number type.
 */
final class LavaDlImport {
    private static final String OWNER = "lava-dl converter";
    private static final String WHO = "the paper's lava-dl converter";
    /** The node types the importer maps as they are (the others are handled above or refused). */
    private static final Set<Class<?>> MAPPED = Set.of(Input.class, Output.class, Affine.class, Linear.class,
            Flatten.class, SumPool2d.class, IF.class, CubaLIF.class, Conv2d.class);
    /** The converter builds every non-recurrent CubaLIF block with this many neurons. */
    static final int HARD_CODED_NEURONS = 7;

    private LavaDlImport() {}

    /** One chain, neuron ⇄ map loops, the converter's assertions; the CUBA neurons' integers, noted. */
    static final ImportRule ACCEPTS = ImportRule.check(OWNER, imp -> {
        double dt = imp.dt();
        imp.requireChain(WHO);
        imp.requireOnlyRecurrentPairs(WHO);
        imp.nodes().forEach((name, node) -> {
            NeuronParams p = imp.params(name);
            if (node instanceof IF) {
                imp.requireUniform(name, "v_threshold", p.vThreshold(), WHO);
                imp.requireUniform(name, "r", p.r(), WHO);
                imp.note(name, "CUBA neuron, scale 4096 (state unit 1/262144), threshold θ·R = "
                        + Values.show(new double[] {p.vThreshold()[0] * p.r()[0]}) + ", reset to 0");
            } else if (node instanceof CubaLIF) {
                imp.requireValue(name, "v_leak", p.vLeak(), Values.fill(p.size(), 0), WHO);
                imp.requireValue(name, "r", p.r(), Values.map(p.tau(), t -> t / dt), WHO);
                imp.requireUniform(name, "tau_syn", p.tauSyn(), WHO);
                imp.requireUniform(name, "tau_mem", p.tau(), WHO);
                imp.requireUniform(name, "v_threshold", p.vThreshold(), WHO);
                if (imp.recurrentMapOf(name) == null && p.size() != HARD_CODED_NEURONS) {
                    throw imp.refuse(name, WHO + " builds a non-recurrent CubaLIF block with " + HARD_CODED_NEURONS
                            + " neurons (hard-coded); this one has " + p.size());
                }
                imp.note(name, "CUBA neuron, scale 64 (state unit 1/4096), 12-bit decays "
                        + Math.round((float) (dt / p.tauSyn()[0]) * 4096) + "/4096 (current) and "
                        + Math.round((float) (dt / p.tau()[0]) * 4096) + "/4096 (voltage), reset to 0");
            } else if (node instanceof LIF) {
                throw imp.refuse(name, WHO + " raises NotImplementedError('LIF not implemented yet in lava-dl')");
            } else if (node instanceof Conv2d c) {
                if (!Values.all(c.bias().toDoubleArray(), 0)) {
                    throw imp.refuse(name, WHO + " asserts a Conv2d has no bias ('bias not supported in lava-dl')");
                }
            } else if (!MAPPED.contains(node.getClass())) {
                throw imp.refuse(name, WHO + " raises 'Unknown node type' for " + node.typeName());
            }
            imp.vResetUnused(name, p, "lava-dl resets to 0");
        });
    });

    /** block.cuba.Recurrent applies no bias to the recurrent synapse (the E3 accuracy drop). */
    static final ImportRule RECURRENT_BIAS = ImportRule.rule(OWNER, "recurrent bias dropped", imp -> {
        for (String name : imp.neurons()) {
            String map = imp.recurrentMapOf(name);
            if (imp.nodes().get(name) instanceof CubaLIF && map != null && imp.nodes().get(map) instanceof Affine) {
                imp.dropBias(map, "lava-dl's block.cuba.Recurrent applies no bias to the recurrent synapse");
            }
        }
    });

    /** The importer's rules, in order. */
    /** The converter's own dt: ImportConfig's default (one config for its lava and lava-dl paths). */
    static final ImportRule DEFAULT_TIME_STEP = ImportRule.defaultDt(OWNER, 1e-4,
            "the paper's converter's ImportConfig.dt = 1e-4 default (paper/nir_to_lava.py)");

    static NamedRules rules() {
        return NamedRules.of(ACCEPTS, DEFAULT_TIME_STEP, RECURRENT_BIAS);
    }
}
