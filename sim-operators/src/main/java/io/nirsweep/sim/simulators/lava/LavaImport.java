package io.nirsweep.sim.simulators.lava;

import io.nirsweep.model.Affine;
import io.nirsweep.model.Edge;
import io.nirsweep.model.Input;
import io.nirsweep.model.LIF;
import io.nirsweep.model.Output;
import io.nirsweep.sim.backend.Import;
import io.nirsweep.sim.backend.ImportRule;
import io.nirsweep.sim.backend.NamedRules;
import io.nirsweep.sim.backend.Values;
import io.nirsweep.sim.neuron.NeuronParams;
import java.util.Set;

/**
 * The paper's Lava converter on Lava's own processes (docs/platforms.md §4.7, "Lava process path";
 * {@code paper/nir_to_lava.py} with {@code library_preference = Lava}, the path of experiment 1): LIF → a 1×1
 * Dense(dt/τ) in front of a LIF process with du = 1 (no current memory) and dv = dt/τ, vth = θ — R and v_leak
 * ignored, one neuron per LIF (its shape is hard-coded to (1,)); Affine → Dense(W), which must have no bias.
 * Every Dense receives binary spikes and sends the sum it accumulated the step before: one step of latency per
 * Dense, so Input → Affine → LIF adds two. The LIF itself: u = a_in, v ← (1 − dv)·v + u, spike v &gt; vth, v ← 0.
 * Other node types are refused, as the converter raises for them. A backend that runs the same processes in
 * another arithmetic (Loihi 2's fixed point) adds what it makes of each LIF with a {@link LifNote}. Named rules: "R
 * and v_leak ignored (LIF)", "binary spikes into every Dense", "Dense +1 step".
 */
public final class LavaImport {
    /** Notes what a backend's arithmetic makes of one LIF process (its integer parameters, say). */
    @FunctionalInterface
    public interface LifNote {
        /** @param p the LIF's parameters as the converter set them (R = 1, v_leak = 0, one neuron) */
        void note(Import imp, String lif, NeuronParams p);
    }

    private static final String OWNER = "Lava converter";
    private static final String WHO = "the paper's Lava converter";
    private static final Set<Class<?>> MAPPED = Set.of(Input.class, Output.class, LIF.class, Affine.class);
    private static final String DENSE = "Lava's Dense sends the sum it accumulated the step before";

    /** The converter's own dt: ImportConfig.dt's default (for the Loihi 2 backends too, which use this converter). */
    static final ImportRule DEFAULT_TIME_STEP = ImportRule.defaultDt(OWNER, 1e-4,
            "the paper's converter's ImportConfig.dt = 1e-4 default (paper/nir_to_lava.py)");

    private LavaImport() {}

    /** One chain; one neuron per LIF; Affine without bias; no other node type. */
    static final ImportRule ACCEPTS = ImportRule.check(OWNER, imp -> {
        imp.requireChain(WHO);
        imp.nodes().forEach((name, node) -> {
            NeuronParams p = imp.params(name);
            if (node instanceof LIF && p.size() != 1) {
                throw imp.refuse(name, WHO + " builds every LIF process with shape (1,) (hard-coded); this one"
                        + " has " + p.size() + " neurons");
            } else if (node instanceof Affine a && !Values.all(a.bias().toDoubleArray(), 0)) {
                throw imp.refuse(name, WHO + " asserts 'Non-zero bias not supported by Lava'");
            } else if (!MAPPED.contains(node.getClass())) {
                throw imp.refuse(name, WHO + " (Lava processes) raises 'Unknown node type' for " + node.typeName());
            }
            imp.vResetUnused(name, p, "Lava's LIF resets to 0");
        });
    });

    /** The LIF's gain is its own Dense weight dt/τ: R = 1; v_leak ignored. */
    static final ImportRule R_AND_LEAK_IGNORED = ImportRule.rule(OWNER, "R and v_leak ignored (LIF)", imp -> {
        for (String name : imp.neurons()) {
            if (imp.nodes().get(name) instanceof LIF) {
                NeuronParams p = imp.params(name);
                imp.changed(name, "r", p.r(), Values.fill(1, 1), "the converter ignores r: its Dense weight is dt/τ");
                imp.changed(name, "v_leak", p.vLeak(), Values.fill(1, 0), "the converter ignores v_leak");
                imp.params(name, new NeuronParams(Values.fill(1, 1), p.tau(), Values.fill(1, 0),
                        p.vThreshold(), p.vReset(), null, null));
            }
        }
    });

    /** Every Dense (an Affine's, a LIF's own 1×1) receives binary spikes. */
    static final ImportRule BINARY_SPIKES = ImportRule.rule(OWNER, "binary spikes into every Dense", imp ->
            imp.nodes().forEach((name, node) -> {
                if (node instanceof LIF) {
                    imp.binaryInput(name, "the LIF's own 1×1 Dense(dt/τ) receives binary spikes");
                } else if (node instanceof Affine) {
                    imp.binaryInput(name, "Lava's Dense receives binary spikes (num_message_bits = 0)");
                }
            }));

    /** Every Dense sends what it accumulated the step before: +1 step after an Affine and in front of a LIF. */
    static final ImportRule DENSE_LATENCY = ImportRule.rule(OWNER, "Dense +1 step", imp ->
            imp.nodes().forEach((name, node) -> {
                if (node instanceof LIF) {
                    for (Edge e : imp.edgesInto(name)) {
                        imp.delay(e, "through the LIF's own Dense(dt/τ): " + DENSE);
                    }
                } else if (node instanceof Affine) {
                    imp.lateOutput(name, DENSE);
                }
            })).addsLatency("+1 step per Dense: after every Affine and in front of every LIF");

    /** (Declared after the rules it lists.) Lava's processes in floating point: nothing more to say about a LIF. */
    public static final NamedRules FLOATING_POINT = rules(null);

    /**
     * The converter's rules, in order.
     *
     * @param lifNote what a backend's arithmetic makes of each LIF, noted after the converter's rules; null for none
     */
    public static NamedRules rules(LifNote lifNote) {
        if (lifNote == null) {
            return NamedRules.of(ACCEPTS, DEFAULT_TIME_STEP, R_AND_LEAK_IGNORED, BINARY_SPIKES, DENSE_LATENCY);
        }
        return NamedRules.of(ACCEPTS, DEFAULT_TIME_STEP, R_AND_LEAK_IGNORED, BINARY_SPIKES, DENSE_LATENCY,
                ImportRule.rule(OWNER, "the arithmetic's integers noted", imp -> {
                    for (String name : imp.neurons()) {
                        if (imp.nodes().get(name) instanceof LIF) {
                            lifNote.note(imp, name, imp.params(name));
                        }
                    }
                }));
    }
}
