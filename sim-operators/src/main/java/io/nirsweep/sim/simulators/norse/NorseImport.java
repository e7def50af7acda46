package io.nirsweep.sim.simulators.norse;

import io.nirsweep.model.Affine;
import io.nirsweep.model.AvgPool2d;
import io.nirsweep.model.Conv1d;
import io.nirsweep.model.Conv2d;
import io.nirsweep.model.CubaLIF;
import io.nirsweep.model.Flatten;
import io.nirsweep.model.IF;
import io.nirsweep.model.Input;
import io.nirsweep.model.LI;
import io.nirsweep.model.LIF;
import io.nirsweep.model.Linear;
import io.nirsweep.model.Output;
import io.nirsweep.model.SumPool2d;
import io.nirsweep.sim.backend.Import;
import io.nirsweep.sim.backend.ImportRules;
import io.nirsweep.sim.backend.Values;
import io.nirsweep.sim.neuron.NeuronParams;
import java.util.Set;

/**
 * Norse's {@code from_nir} (docs/platforms.md §4.2, {@code norse/torch/utils/import_nir.py}): the run's dt is passed
 * (Norse's own default is 1e-3 s; the paper passed 1e-4). LIF → LIFBoxCell and LI → LIBoxCell ignore R (a logged
 * warning); IF → IAFCell: v ← v + x (R and dt unused); CubaLIF applies w_in and R, and its synapse relaxes to
 * the neuron's v_leak. Every reset is to 0 (no Norse version reads NIR's v_reset). SumPool2d → LPPool2d(p = 1),
 * which has no padding: padded pools are refused. Nodes nirtorch has no mapping for (CubaLI, I, Threshold,
 * Scale, Delay) are refused, as Norse refuses them.
 */
record NorseImport() implements ImportRules {
    private static final String WHO = "Norse's importer";
    /** The node types the importer maps as they are (the others are handled above or refused). */
    private static final Set<Class<?>> MAPPED = Set.of(Input.class, Output.class, Affine.class, Linear.class,
            Conv1d.class, Conv2d.class, Flatten.class, AvgPool2d.class);

    @Override
    public void apply(Import imp) {
        double dt = imp.dt();
        imp.note(null, "dt = " + Values.seconds(dt)
                + " as given (Norse's from_nir defaults to 0.001 s when none is passed)");
        imp.nodes().forEach((name, node) -> {
            NeuronParams p = imp.params(name);
            if (node instanceof LIF || node instanceof LI) {
                ignoreR(imp, name, p, Values.fill(p.size(), 1), "Norse ignores r (it logs a warning)");
            } else if (node instanceof IF) {
                ignoreR(imp, name, p, Values.fill(p.size(), 1 / dt), "Norse's IAFCell adds the input as is: v ← v + x");
            } else if (node instanceof CubaLIF) {
                if (!Values.all(p.vLeak(), 0)) {
                    imp.step(name, NorseBackends.NEURONS.withSynapseRestingAtVLeak());
                    imp.note(name, "synaptic current relaxes to v_leak " + Values.show(p.vLeak())
                            + " (Norse's synapse is an LIBoxCell given the neuron's v_leak), not to 0");
                }
            } else if (node instanceof SumPool2d s) {
                imp.requireUnpadded(name, s, "Norse's SumPool2d (LPPool2d, p = 1)");
            } else if (!MAPPED.contains(node.getClass())) {
                throw imp.refuse(name, WHO + " has no mapping for " + node.typeName()
                        + " (nirtorch raises 'Unknown node type')");
            }
            imp.vResetUnused(name, p, "Norse resets to 0");
        });
    }

    private static void ignoreR(Import imp, String name, NeuronParams p, double[] r, String why) {
        imp.changed(name, "r", p.r(), r, why);
        imp.params(name, p.withR(r));
    }

}
