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
import io.nirsweep.model.NirNode;
import io.nirsweep.sim.backend.ImportRule;
import io.nirsweep.sim.backend.NamedRules;
import io.nirsweep.sim.neuron.NeuronModifier;
import io.nirsweep.sim.neuron.ResetTiming;
import io.nirsweep.sim.backend.Values;
import io.nirsweep.sim.neuron.NeuronParams;
import java.util.Set;

/**
 * Spyx's {@code from_nir} of the paper's time (docs/platforms.md §4.3, {@code spyx/nir.py} + {@code spyx/nn.py}, Haiku
 * era): the graph is walked as one chain from input to output; the time constants are folded into the weights in
 * front of each neuron (× dt/τ before a LIF, × w_in·dt/τ_syn before a CubaLIF, × dt before an IF) and R is
 * ignored — here: R = 1 for LIF and IF, R = τ_mem/dt for CubaLIF (v ← β·v + i), the same arithmetic. v_leak and
 * v_reset are ignored (subtract reset only). The spike is decided from the previous step's voltage (the backend's
 * spike timing, {@link io.nirsweep.sim.neuron.SpikeTiming#PREVIOUS_STEP}); LIF and IF take θ off after the decay
 * (v ← β·v + x − θ·s), the recurrent RCuBaLIF before it, and a CuBaLIF outside a recurrent pair both — twice per
 * spike. Padded SumPool2d (Spyx pools "VALID") and nodes Spyx skips with a warning are refused. Named rules: "gains folded into
 * the weights (R ignored)", "v_leak ignored", "LIF, IF: θ subtracted after the decay", "CuBaLIF: θ subtracted
 * twice" (the last two are {@link NeuronModifier}s of the backend's previous-step spike timing).
 */
final class SpyxImport {
    private static final String OWNER = "Spyx";
    private static final String WHO = "Spyx's importer";
    /** The node types the importer maps as they are (the others are handled above or refused). */
    private static final Set<Class<?>> MAPPED = Set.of(Input.class, Output.class, Affine.class, Linear.class,
            Conv2d.class, Flatten.class, LIF.class, IF.class, CubaLIF.class);

    private SpyxImport() {}

    /** One chain, loops only of neuron ⇄ map pairs, unpadded pools, no node Spyx skips. */
    static final ImportRule ACCEPTS = ImportRule.check(OWNER, imp -> {
        imp.requireChain(WHO);
        imp.requireOnlyRecurrentPairs(WHO);
        imp.nodes().forEach((name, node) -> {
            if (node instanceof SumPool2d s) {
                imp.requireUnpadded(name, s, "Spyx's SumPool (padding 'VALID')");
            } else if (!MAPPED.contains(node.getClass())) {
                throw imp.refuse(name, WHO + " skips " + node.typeName() + " nodes with a warning"
                        + " ('Layer not recognized by NIR')");
            }
        });
    });

    /** The input gain folded into the weights in front, R ignored: R = 1 (LIF, IF), τ_mem/dt (CubaLIF). */
    static final ImportRule GAIN_FOLDED = ImportRule.rule(OWNER, "gains folded into the weights (R ignored)", imp -> {
        double dt = imp.dt();
        for (String name : imp.neurons()) {
            NirNode node = imp.nodes().get(name);
            NeuronParams p = imp.params(name);
            double[] r;
            String why;
            if (node instanceof LIF || node instanceof IF) {
                r = Values.fill(p.size(), 1);
                why = node instanceof LIF ? "Spyx scales the weights before a LIF by dt/τ and ignores r"
                        : "Spyx scales the weights before an IF by dt and ignores r";
            } else if (node instanceof CubaLIF) {
                r = Values.map(p.tau(), t -> t / dt);
                why = "Spyx's CuBaLIF integrates v ← β·v + i (r ignored)";
            } else {
                continue;
            }
            imp.changed(name, "r", p.r(), r, why);
            imp.params(name, p.withR(r));
            imp.vResetUnused(name, p, "Spyx only subtracts θ");
        }
    });

    /** v_leak → 0 (LIF, CubaLIF): Spyx has no resting potential. */
    static final ImportRule NO_LEAK = ImportRule.rule(OWNER, "v_leak ignored", imp -> {
        for (String name : imp.neurons()) {
            NeuronParams p = imp.params(name);
            NirNode node = imp.nodes().get(name);
            if ((node instanceof LIF || node instanceof CubaLIF) && !Values.all(p.vLeak(), 0)) {
                imp.note(name, "v_leak " + Values.show(p.vLeak()) + " ignored (Spyx has no resting potential)");
                imp.params(name, new NeuronParams(p.r(), p.tau(), Values.fill(p.size(), 0), p.vThreshold(),
                        p.vReset(), p.tauSyn(), p.wIn()));
            }
        }
    });

    /** LIF and IF take θ off after the decay: v ← β·v + x − θ·s. */
    static final ImportRule LIF_RESET_AFTER_DECAY = ImportRule.rule(OWNER, "LIF, IF: θ subtracted after the decay",
            imp -> {
                for (String name : imp.neurons()) {
                    NirNode node = imp.nodes().get(name);
                    if (node instanceof LIF || node instanceof IF) {
                        imp.modify(name, new NeuronModifier.ResetAt(ResetTiming.AFTER_DECAY));
                    }
                }
            }).changesReset("LIF, IF: θ·s subtracted after the decay");

    /** A CuBaLIF outside a recurrent pair subtracts θ twice per spike (Spyx's bug). */
    static final ImportRule CUBA_RESET_TWICE = ImportRule.rule(OWNER, "CuBaLIF: θ subtracted twice", imp -> {
        for (String name : imp.neurons()) {
            if (imp.nodes().get(name) instanceof CubaLIF && imp.recurrentMapOf(name) == null) {
                imp.modify(name, new NeuronModifier.ResetAt(ResetTiming.TWICE));
                imp.note(name, "θ subtracted twice per spike: Spyx's CuBaLIF computes v ← β·(v − θ·s) + i − θ·s"
                        + " (its recurrent RCuBaLIF subtracts once)");
            }
        }
    }).changesReset("non-recurrent CubaLIF: before and after (twice)");

    /** The importer's rules, in order. */
    /** from_nir(nir_graph, sample_batch, dt, …) at 97ff1f9: no default (dt = 1 only from v1.0.0 on). */
    static final ImportRule DEFAULT_TIME_STEP = ImportRule.defaultTimeStep(OWNER, "dt required", imp -> {
        throw imp.refuse(null, "Spyx 97ff1f9's from_nir(nir_graph, sample_batch, dt) has no default dt: give dt in "
                + "seconds");
    });

    static NamedRules rules() {
        return NamedRules.of(ACCEPTS, DEFAULT_TIME_STEP, GAIN_FOLDED, NO_LEAK, LIF_RESET_AFTER_DECAY, CUBA_RESET_TWICE);
    }
}
