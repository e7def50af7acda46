package io.nirsweep.sim.simulators.sinabs;

import io.nirsweep.model.Affine;
import io.nirsweep.model.Conv1d;
import io.nirsweep.model.Conv2d;
import io.nirsweep.model.Flatten;
import io.nirsweep.model.IF;
import io.nirsweep.model.Input;
import io.nirsweep.model.LI;
import io.nirsweep.model.LIF;
import io.nirsweep.model.Output;
import io.nirsweep.model.SumPool2d;
import io.nirsweep.sim.backend.Import;
import io.nirsweep.model.NirNode;
import io.nirsweep.sim.backend.ImportRule;
import io.nirsweep.sim.backend.NamedRules;
import io.nirsweep.sim.neuron.NeuronModifier;
import io.nirsweep.sim.backend.Values;
import io.nirsweep.sim.neuron.NeuronParams;
import java.util.Set;

/**
 * Sinabs' {@code from_nir} (docs/platforms.md §4.4, {@code sinabs/nir.py}): LIF → LIFSqueeze and LI → ExpLeakSqueeze
 * read τ in time steps and add the input without a gain (norm_input = False): v ← e^{−1/τ_steps}·v + x. Sinabs
 * ignores dt, so every user divides τ by dt after the import (the paper's E1 notebook did, and scaled its input
 * by dt/τ instead of the weights); this backend does that division, noted per node. R is ignored (LI: must be 1),
 * v_leak must be 0. IF → IAFSqueeze: v ← v + x, floor min_v_mem = −θ. Spikes: n = ⌊v/θ⌋ when v ≥ θ, v ← v − n·θ
 * (MultiSpike, MembraneSubtract; v_reset unused). SumPool2d ignores padding (padded pools are refused). Linear,
 * CubaLIF and other nodes Sinabs returns nothing for (nirtorch then skips them silently) are refused. Named rules:
 * "τ in steps, input without gain (LIF, LI)", "IF adds the input as is (R ignored)", "IF floor at −θ"; the
 * multi-spike subtract reset is the backend's neuron choice.
 */
final class SinabsImport {
    private static final String OWNER = "Sinabs";
    private static final String WHO = "Sinabs' importer";
    /** The node types the importer maps as they are (the others are handled above or refused). */
    private static final Set<Class<?>> MAPPED = Set.of(Input.class, Output.class, Affine.class, Conv1d.class,
            Conv2d.class, Flatten.class, LIF.class, LI.class, IF.class);

    private SinabsImport() {}

    /** LIF, LI: v_leak = 0 (LI: R = 1); unpadded pools; nothing Sinabs returns None for. */
    static final ImportRule ACCEPTS = ImportRule.check(OWNER, imp -> imp.nodes().forEach((name, node) -> {
        NeuronParams p = imp.params(name);
        if (node instanceof LIF || node instanceof LI) {
            imp.requireValue(name, "v_leak", p.vLeak(), Values.fill(p.size(), 0), WHO);
            if (node instanceof LI) {
                imp.requireValue(name, "r", p.r(), Values.fill(p.size(), 1), WHO);
            }
        } else if (node instanceof SumPool2d s) {
            imp.requireUnpadded(name, s, "Sinabs' SumPool2d");
        } else if (!MAPPED.contains(node.getClass())) {
            throw imp.refuse(name, WHO + " has no conversion for " + node.typeName()
                    + " (it returns nothing and nirtorch skips the node silently)");
        }
        imp.vResetUnused(name, p, "Sinabs subtracts θ per spike");
    }));

    /**
     * Sinabs has no dt: τ is read as a number of steps, e^{−1/τ} — the run of dt = 1 s, in which τ's seconds are
     * its steps.
     */
    static final ImportRule DEFAULT_TIME_STEP = ImportRule.defaultDt(OWNER, 1,
            "Sinabs has no dt and reads τ as a number of steps, decay e^{−1/τ} (sinabs/nir.py, layers/lif.py): one"
            + " step per second of τ");

    /** LIF, LI: τ read in steps (the user divides by dt) and the input added without a gain: R = τ/dt. */
    static final ImportRule TAU_IN_STEPS = ImportRule.rule(OWNER, "τ in steps, input without gain (LIF, LI)",
            imp -> {
                double dt = imp.dt();
                for (String name : imp.neurons()) {
                    NirNode node = imp.nodes().get(name);
                    if (node instanceof LIF || node instanceof LI) {
                        NeuronParams p = imp.params(name);
                        double[] r = Values.map(p.tau(), t -> t / dt);
                        imp.note(name, "τ read in steps: " + (imp.nativeDt() ? "τ = " + Values.show(r)
                                + " steps as the file states it (Sinabs has no dt)" : "τ/dt = " + Values.show(r)
                                + " (Sinabs ignores dt; the user divides τ by dt after import, as the paper did)"));
                        imp.changed(name, "r", p.r(), r, "Sinabs adds the input without a gain (norm_input = False):"
                                + " v ← e^{−dt/τ}·v + x");
                        imp.params(name, p.withR(r));
                    }
                }
            });

    /** IAFSqueeze: v ← v + x (R ignored: R = 1/dt). */
    static final ImportRule IF_ADDS_INPUT = ImportRule.rule(OWNER, "IF adds the input as is (R ignored)", imp -> {
        for (String name : imp.neurons()) {
            if (imp.nodes().get(name) instanceof IF) {
                NeuronParams p = imp.params(name);
                double[] r = Values.fill(p.size(), 1 / imp.dt());
                imp.changed(name, "r", p.r(), r, "Sinabs' IAF adds the input as is (r ignored): v ← v + x");
                imp.params(name, p.withR(r));
            }
        }
    });

    /** IAFSqueeze's min_v_mem = −θ. */
    static final ImportRule IF_FLOOR = ImportRule.rule(OWNER, "IF floor at −θ", imp -> {
        for (String name : imp.neurons()) {
            if (imp.nodes().get(name) instanceof IF) {
                double[] floor = Values.map(imp.params(name).vThreshold(), t -> -t);
                imp.modify(name, new NeuronModifier.Floor(floor));
                imp.note(name, "membrane floor min_v_mem = −θ = " + Values.show(floor));
            }
        }
    }).changesReset("IF: floor at −θ");

    /** The importer's rules, in order. */
    static NamedRules rules() {
        return NamedRules.of(ACCEPTS, DEFAULT_TIME_STEP, TAU_IN_STEPS, IF_ADDS_INPUT, IF_FLOOR);
    }
}
