package io.nirsweep.sim;

import io.nirsweep.model.Affine;
import io.nirsweep.model.Edge;
import io.nirsweep.model.Input;
import io.nirsweep.model.LIF;
import io.nirsweep.model.Output;
import java.util.Set;

/**
 * The paper's Lava converter on Lava's own processes (platforms.md §4.7, "Lava process path";
 * {@code paper/nir_to_lava.py} with {@code library_preference = Lava}, the path of experiment 1): LIF → a 1×1
 * Dense(dt/τ) in front of a LIF process with du = 1 (no current memory) and dv = dt/τ, vth = θ — R and v_leak
 * ignored, one neuron per LIF (its shape is hard-coded to (1,)); Affine → Dense(W), which must have no bias.
 * Every Dense receives binary spikes and sends the sum it accumulated the step before: one step of latency per
 * Dense, so Input → Affine → LIF adds two. The LIF itself: u = a_in, v ← (1 − dv)·v + u, spike v &gt; vth, v ← 0.
 * With {@code fixed}: the converter's integer parameters on Lava's bit-accurate model ({@link LoihiLifKernel}).
 * Other node types are refused, as the converter raises for them.
 *
 * @param fixed fixed point (Loihi2SimCfg "fixed_pt") instead of floating point
 */
record LavaImport(boolean fixed) implements ImportRules {
    private static final String WHO = "the paper's Lava converter";
    private static final Set<Class<?>> MAPPED = Set.of(Input.class, Output.class);
    private static final String DENSE = "Lava's Dense sends the sum it accumulated the step before";

    @Override
    public void apply(Import imp) {
        imp.requireChain(WHO);
        imp.nodes().forEach((name, node) -> {
            NeuronKernel.Params p = imp.params(name);
            if (node instanceof LIF) {
                if (p.size() != 1) {
                    throw imp.refuse(name, WHO + " builds every LIF process with shape (1,) (hard-coded); this one"
                            + " has " + p.size() + " neurons");
                }
                imp.changed(name, "r", p.r(), Import.fill(1, 1), "the converter ignores r: its Dense weight is dt/τ");
                imp.changed(name, "v_leak", p.vLeak(), Import.fill(1, 0), "the converter ignores v_leak");
                imp.params(name, new NeuronKernel.Params(Import.fill(1, 1), p.tau(), Import.fill(1, 0),
                        p.vThreshold(), p.vReset(), null, null));
                imp.binaryInput(name, "the LIF's own 1×1 Dense(dt/τ) receives binary spikes");
                for (Edge e : imp.edgesInto(name)) {
                    imp.delay(e, "through the LIF's own Dense(dt/τ): " + DENSE);
                }
                imp.vResetUnused(name, p, "Lava's LIF resets to 0");
                if (fixed) {
                    LoihiLifKernel.Integers q = LoihiLifKernel.Integers.of(p.tau()[0], p.vThreshold()[0], imp.dt());
                    imp.note(name, "integers: dv = ⌊dt/τ·4095⌋ = " + q.dv() + ", du = " + q.du() + ", vth = ⌊θ·131071⌋"
                            + " >> 9 = " + q.vth() + " (spike when v > " + (q.vth() << 6) + "), Dense weight ⌊dt/τ·256⌋ = "
                            + q.weight() + "; membrane in these integer units");
                }
            } else if (node instanceof Affine a) {
                if (!Import.all(a.bias().toDoubleArray(), 0)) {
                    throw imp.refuse(name, WHO + " asserts 'Non-zero bias not supported by Lava'");
                }
                imp.binaryInput(name, "Lava's Dense receives binary spikes (num_message_bits = 0)");
                imp.lateOutput(name, DENSE);
            } else if (!MAPPED.contains(node.getClass())) {
                throw imp.refuse(name, WHO + " (Lava processes) raises 'Unknown node type' for " + node.typeName());
            }
        });
    }

    @Override
    public String latency() {
        return "+1 step per Dense: after every Affine and in front of every LIF";
    }
}
