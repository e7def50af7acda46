package io.nirsweep.sim.simulators.spyx;

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
import io.nirsweep.sim.backend.ImportRules;
import io.nirsweep.sim.backend.Values;
import io.nirsweep.sim.neuron.NeuronParams;
import java.util.Set;

/**
 * Spyx's {@code from_nir} of the paper's time (docs/platforms.md §4.3, {@code spyx/nir.py} + {@code spyx/nn.py}, Haiku
 * era): the graph is walked as one chain from input to output; the time constants are folded into the weights in
 * front of each neuron (× dt/τ before a LIF, × w_in·dt/τ_syn before a CubaLIF, × dt before an IF) and R is
 * ignored — here: R = 1 for LIF and IF, R = τ_mem/dt for CubaLIF (v ← β·v + i), the same arithmetic. v_leak and
 * v_reset are ignored (subtract reset only). The spike is decided from the previous step's voltage
 * ({@link PreviousStepSpikes}); LIF and IF take θ off after the decay (v ← β·v + x − θ·s), the
 * recurrent RCuBaLIF before it, and a CuBaLIF outside a recurrent pair both — twice per spike. Padded
 * SumPool2d (Spyx pools "VALID") and nodes Spyx skips with a warning are refused.
 */
record SpyxImport() implements ImportRules {
    private static final String WHO = "Spyx's importer";
    /** The node types the importer maps as they are (the others are handled above or refused). */
    private static final Set<Class<?>> MAPPED = Set.of(Input.class, Output.class, Affine.class, Linear.class,
            Conv2d.class, Flatten.class);

    @Override
    public void apply(Import imp) {
        double dt = imp.dt();
        imp.requireChain(WHO);
        imp.requireOnlyRecurrentPairs(WHO);
        imp.nodes().forEach((name, node) -> {
            NeuronParams p = imp.params(name);
            if (node instanceof LIF || node instanceof IF) {
                foldGain(imp, name, p, Values.fill(p.size(), 1), node instanceof LIF
                        ? "Spyx scales the weights before a LIF by dt/τ and ignores r"
                        : "Spyx scales the weights before an IF by dt and ignores r");
                imp.step(name, new PreviousStepSpikes(PreviousStepSpikes.ResetTiming.AFTER_DECAY));
            } else if (node instanceof CubaLIF) {
                foldGain(imp, name, p, Values.map(p.tau(), t -> t / dt),
                        "Spyx's CuBaLIF integrates v ← β·v + i (r ignored)");
                if (imp.recurrentMapOf(name) == null) {
                    imp.step(name, new PreviousStepSpikes(PreviousStepSpikes.ResetTiming.TWICE));
                    imp.note(name, "θ subtracted twice per spike: Spyx's CuBaLIF computes v ← β·(v − θ·s) + i − θ·s"
                            + " (its recurrent RCuBaLIF subtracts once)");
                }
            } else if (node instanceof SumPool2d s) {
                imp.requireUnpadded(name, s, "Spyx's SumPool (padding 'VALID')");
            } else if (!MAPPED.contains(node.getClass())) {
                throw imp.refuse(name, WHO + " skips " + node.typeName() + " nodes with a warning"
                        + " ('Layer not recognized by NIR')");
            }
        });
    }

    private static void foldGain(Import imp, String name, NeuronParams p, double[] r, String why) {
        imp.changed(name, "r", p.r(), r, why);
        NeuronParams q = p.withR(r);
        if (p.leaky() && !Values.all(p.vLeak(), 0)) {
            imp.note(name, "v_leak " + Values.show(p.vLeak()) + " ignored (Spyx has no resting potential)");
            q = new NeuronParams(q.r(), q.tau(), Values.fill(p.size(), 0), q.vThreshold(), q.vReset(),
                    q.tauSyn(), q.wIn());
        }
        imp.vResetUnused(name, p, "Spyx only subtracts θ");
        imp.params(name, q);
    }

    @Override
    public String resetExceptions() {
        return "LIF, IF: θ·s subtracted after the decay; non-recurrent CubaLIF: before and after (twice)";
    }
}
