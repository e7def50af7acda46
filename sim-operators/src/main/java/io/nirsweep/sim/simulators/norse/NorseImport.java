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
import io.nirsweep.model.NirNode;
import io.nirsweep.sim.backend.ImportRule;
import io.nirsweep.sim.backend.NamedRules;
import io.nirsweep.sim.neuron.NeuronModifier;
import io.nirsweep.sim.backend.Values;
import io.nirsweep.sim.neuron.NeuronParams;
import java.util.Set;

/**
 * Norse's {@code from_nir} (docs/platforms.md §4.2, {@code norse/torch/utils/import_nir.py}): the run's dt is passed
 * (Norse's own default is 1e-3 s; the paper passed 1e-4). LIF → LIFBoxCell and LI → LIBoxCell ignore R (a logged
 * warning); IF → IAFCell: v ← v + x (R and dt unused); CubaLIF applies w_in and R, and its synapse relaxes to
 * the neuron's v_leak. Every reset is to 0 (no Norse version reads NIR's v_reset). SumPool2d → LPPool2d(p = 1),
 * which has no padding: padded pools are refused. Nodes nirtorch has no mapping for (CubaLI, I, Threshold,
 * Scale, Delay) are refused, as Norse refuses them. Named rules: "R ignored (LIF, LI)", "IF adds the input as is
 * (R, dt unused)", "CubaLIF synapse relaxes to v_leak".
 */
final class NorseImport {
    private static final String OWNER = "Norse";
    private static final String WHO = "Norse's importer";
    /** The node types the importer maps as they are (the others are handled above or refused). */
    private static final Set<Class<?>> MAPPED = Set.of(Input.class, Output.class, Affine.class, Linear.class,
            Conv1d.class, Conv2d.class, Flatten.class, AvgPool2d.class, LIF.class, LI.class, IF.class, CubaLIF.class);

    private NorseImport() {}

    /** from_nir(…, dt: float = 0.001) ({@code norse/torch/utils/import_nir.py}). */
    static final double DEFAULT_DT = 1e-3;

    /** Norse's own dt: from_nir's default. */
    static final ImportRule DEFAULT_TIME_STEP = ImportRule.defaultDt(OWNER, DEFAULT_DT,
            "Norse's from_nir(graph, dt=0.001) default (norse/torch/utils/import_nir.py)");

    /** Unpadded pools, no node nirtorch has no mapping for; the dt and reset it uses, noted. */
    static final ImportRule ACCEPTS = ImportRule.check(OWNER, imp -> {
        if (!imp.nativeDt()) {
            imp.note(null, "dt = " + Values.seconds(imp.dt())
                    + " as given (Norse's from_nir defaults to 0.001 s when none is passed)");
        }
        imp.nodes().forEach((name, node) -> {
            if (node instanceof SumPool2d s) {
                imp.requireUnpadded(name, s, "Norse's SumPool2d (LPPool2d, p = 1)");
            } else if (!MAPPED.contains(node.getClass())) {
                throw imp.refuse(name, WHO + " has no mapping for " + node.typeName()
                        + " (nirtorch raises 'Unknown node type')");
            }
            imp.vResetUnused(name, imp.params(name), "Norse resets to 0");
        });
    });

    /** LIFBoxCell and LIBoxCell ignore R (R = 1). */
    static final ImportRule R_IGNORED = ImportRule.rule(OWNER, "R ignored (LIF, LI)", imp -> {
        for (String name : imp.neurons()) {
            NirNode node = imp.nodes().get(name);
            if (node instanceof LIF || node instanceof LI) {
                setR(imp, name, Values.fill(imp.params(name).size(), 1), "Norse ignores r (it logs a warning)");
            }
        }
    });

    /** IAFCell: v ← v + x, R and dt unused (R = 1/dt). */
    static final ImportRule IF_ADDS_INPUT = ImportRule.rule(OWNER, "IF adds the input as is (R, dt unused)", imp -> {
        for (String name : imp.neurons()) {
            if (imp.nodes().get(name) instanceof IF) {
                setR(imp, name, Values.fill(imp.params(name).size(), 1 / imp.dt()),
                        "Norse's IAFCell adds the input as is: v ← v + x");
            }
        }
    });

    /** A CubaLIF's synapse is an LIBoxCell given the neuron's v_leak: the current relaxes to v_leak. */
    static final ImportRule SYNAPSE_AT_V_LEAK = ImportRule.rule(OWNER, "CubaLIF synapse relaxes to v_leak", imp -> {
        for (String name : imp.neurons()) {
            NeuronParams p = imp.params(name);
            if (imp.nodes().get(name) instanceof CubaLIF && !Values.all(p.vLeak(), 0)) {
                imp.modify(name, new NeuronModifier.SynapseRestsAtVLeak());
                imp.note(name, "synaptic current relaxes to v_leak " + Values.show(p.vLeak())
                        + " (Norse's synapse is an LIBoxCell given the neuron's v_leak), not to 0");
            }
        }
    });

    /** The importer's rules, in order. */
    static NamedRules rules() {
        return NamedRules.of(ACCEPTS, DEFAULT_TIME_STEP, R_IGNORED, IF_ADDS_INPUT, SYNAPSE_AT_V_LEAK);
    }

    private static void setR(Import imp, String name, double[] r, String why) {
        NeuronParams p = imp.params(name);
        imp.changed(name, "r", p.r(), r, why);
        imp.params(name, p.withR(r));
    }
}
