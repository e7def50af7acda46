package io.nirsweep.sim.simulators.snntorch;

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
import io.nirsweep.model.NirNode;
import io.nirsweep.sim.neuron.NeuronModifier;
import io.nirsweep.sim.neuron.Reset;
import io.nirsweep.sim.backend.Values;
import io.nirsweep.sim.neuron.NeuronParams;
import java.util.Set;

/**
 * snnTorch's {@code import_from_nir} as the paper ran it (docs/platforms.md §4.1, {@code snntorch/import_nir.py} at the
 * paper's commit): dt fixed at 1e-4 s; LIF → Leaky and CubaLIF → Synaptic with β = 1 − dt/τ_mem, α = 1 − dt/τ_syn
 * and the input gain left out of the weights — the threshold is divided by it instead, so membranes are in
 * snnTorch's units (E1: θ = 0.1/0.04 = 2.5); v_leak must be 0, one θ per layer, a CubaLIF needs R = τ_mem/dt;
 * reset to zero. IF → Leaky(β = 0.9) with snnTorch's default subtract reset: the paper's CNN ran leaky neurons
 * (snnTorch later changed it to β = 1). SumPool2d → AvgPool2d with divisor 1 (a sum pool, padding kept).
 * Recurrent neuron ⇄ map pairs → RLeaky/RSynaptic (W_rec·s[t−1] + b_rec, bias present from step 0). Nodes without
 * a mapping are skipped with a printed warning by snnTorch; here they are refused. Its named rules
 * ({@link io.nirsweep.sim.backend.ImportRule}): "dt fixed at 1e-4 s", "IF → Leaky(β = 0.9), subtract reset",
 * "θ divided by the input gain"; the reset of LIF and CubaLIF is the backend's choice (zero, or the subtract with
 * bookkeeping of {@code snntorch-subtract}).
 */
final class SnntorchImport {
    /** The step snnTorch's importer assumes. */
    static final double DT = 1e-4;
    /** snnTorch's IF substitute: Leaky with this β. */
    static final double IF_BETA = 0.9;

    private static final String OWNER = "snnTorch";
    private static final String WHO = "snnTorch's importer";
    /** The node types the importer maps as they are (the others are handled above or refused). */
    private static final Set<Class<?>> MAPPED = Set.of(Input.class, Output.class, Affine.class, Linear.class,
            Conv2d.class, Flatten.class, SumPool2d.class);

    private SnntorchImport() {}

    /** What the importer refuses: loops other than neuron ⇄ map pairs, v_leak ≠ 0, θ per neuron, unknown nodes. */
    static final ImportRule ACCEPTS = ImportRule.check(OWNER, imp -> {
        imp.requireOnlyRecurrentPairs(WHO);
        imp.nodes().forEach((name, node) -> {
            NeuronParams p = imp.params(name);
            if (node instanceof IF) {
                imp.requireUniform(name, "v_threshold", p.vThreshold(), WHO);
                imp.requireValue(name, "r", p.r(), Values.fill(p.size(), 1), WHO);
            } else if (node instanceof LIF) {
                requireNoLeak(imp, name, p);
                imp.requireUniform(name, "v_threshold", p.vThreshold(), WHO);
            } else if (node instanceof CubaLIF) {
                requireNoLeak(imp, name, p);
                imp.requireValue(name, "r", p.r(), Values.map(p.tau(), t -> t / DT), WHO);
                imp.requireUniform(name, "v_threshold", p.vThreshold(), WHO);
            } else if (!MAPPED.contains(node.getClass())) {
                throw imp.refuse(name, WHO + " has no mapping for " + node.typeName()
                        + " (it prints a warning and skips the node)");
            }
        });
    });

    /** dt = 1e-4 s whatever the run asks for. */
    static final ImportRule FIXED_DT = ImportRule.timeStep(OWNER, "dt fixed at 1e-4 s", imp ->
            imp.useDt(DT, "snnTorch's importer computes its decays with dt = 1e-4 s, whatever the run's dt"));

    /** IF → Leaky(β = 0.9) with the subtract reset and its bookkeeping. */
    static final ImportRule IF_AS_LEAKY = ifAsLeaky(IF_BETA, "a leaky neuron, not an integrator");

    /**
     * IF → snn.Leaky(β) with snnTorch's default subtract reset and its bookkeeping: v ← β·v + x − r·θ, r = [v_prev
     * &gt; θ]; as the engine's Euler step, τ = dt/(1 − β) and R = 1/(1 − β) (gain dt/τ·R = 1).
     */
    private static ImportRule ifAsLeaky(double beta, String what) {
        String b = beta == 0 ? "0" : Double.toString(beta);
        return ImportRule.rule(OWNER, "IF → Leaky(β = " + b + "), subtract reset", imp -> {
            double dt = imp.dt();
            for (String name : imp.neurons()) {
                if (imp.nodes().get(name) instanceof IF) {
                    NeuronParams p = imp.params(name);
                    int n = p.size();
                    imp.params(name, p.withTau(Values.fill(n, dt / (1 - beta))).withR(Values.fill(n, 1 / (1 - beta))));
                    imp.modify(name, new NeuronModifier.ResetAs(Reset.SUBTRACT, SnntorchSubtract.BOOKKEEPING));
                    imp.note(name, "IF → snn.Leaky(β = " + b + ", subtract reset): v ← " + (beta == 0 ? "" : b + "·v + ")
                            + "x; " + what);
                }
            }
        }).changesReset("IF (→ Leaky β = " + b + "): subtract with snnTorch's bookkeeping");
    }

    /**
     * θ divided by the input gain the importer leaves out of the weights (LIF: R·dt/τ, CubaLIF: w_in·dt/τ_syn), so
     * membranes are in snnTorch's units; the gain is then 1 (LIF: R = τ/dt, CubaLIF: w_in = τ_syn/dt).
     */
    static final ImportRule THETA_OVER_GAIN = ImportRule.rule(OWNER, "θ divided by the input gain", imp -> {
        double dt = imp.dt();
        for (String name : imp.neurons()) {
            NeuronParams p = imp.params(name);
            NirNode node = imp.nodes().get(name);
            if (node instanceof LIF) {
                scaleToUnitGain(imp, name, p, p.r()[0] * dt / p.tau()[0]);
                imp.params(name, imp.params(name).withR(Values.map(p.tau(), t -> t / dt)));
            } else if (node instanceof CubaLIF) {
                scaleToUnitGain(imp, name, p, p.wIn()[0] * dt / p.tauSyn()[0]);
                imp.params(name, imp.params(name).withWIn(Values.map(p.tauSyn(), t -> t / dt)));
            }
        }
    });

    /** The importer's rules, in order. */
    static NamedRules rules() {
        return NamedRules.of(ACCEPTS, FIXED_DT, IF_AS_LEAKY, THETA_OVER_GAIN);
    }

    /**
     * What 0.9.4's importer (tag f5cb746, {@code nirtorch.load}) refuses beyond the paper's: a recurrent LIF pair
     * ({@code NotImplementedError("LIF in subgraph not supported")}) and SumPool2d, which it no longer maps (it
     * prints a warning and the graph cannot run).
     */
    static final ImportRule ACCEPTS_0_9_4 = ImportRule.check(OWNER, imp -> imp.nodes().forEach((name, node) -> {
        if (node instanceof LIF && imp.recurrentMapOf(name) != null) {
            throw imp.refuse(name, "snnTorch 0.9.4's importer raises NotImplementedError(\"LIF in subgraph not"
                    + " supported\") for a recurrent LIF");
        }
        if (node instanceof SumPool2d) {
            throw imp.refuse(name, "snnTorch 0.9.4's importer has no mapping for SumPool2d (it prints a warning"
                    + " and the graph cannot run)");
        }
    }));

    /**
     * A recurrent CubaLIF becomes 0.9.4's RSynaptic, whose same-step reset is lost: zeroed one step after a spike,
     * after that step's input ({@link SnntorchDelayedReset}). Feed-forward CubaLIF (Synaptic) and LIF (Leaky) keep
     * the same-step reset, which 0.9.3 mended for them.
     */
    static final ImportRule RSYNAPTIC_0_9_4 = ImportRule.rule(OWNER, "RSynaptic: zero reset one step late", imp -> {
        for (String name : imp.neurons()) {
            if (imp.nodes().get(name) instanceof CubaLIF && imp.recurrentMapOf(name) != null) {
                imp.modify(name, new NeuronModifier.ResetAs(Reset.TO_ZERO, SnntorchDelayedReset.ZERO));
                imp.note(name, "recurrent CubaLIF → snn.RSynaptic of 0.9.4: its same-step reset is lost; v ← 0 one"
                        + " step after a spike, after that step's input (no two spikes in a row)");
            }
        }
    }).changesReset("recurrent CubaLIF (RSynaptic): zeroed one step after a spike, after that step's input");

    /** snnTorch 0.9.4's importer's rules, in order. */
    static NamedRules rules0_9_4() {
        return NamedRules.of(ACCEPTS, ACCEPTS_0_9_4, FIXED_DT, IF_AS_LEAKY, THETA_OVER_GAIN, RSYNAPTIC_0_9_4);
    }

    /**
     * What PR #395's head (3726386: master bd56874, {@code nirtorch.nir_to_torch}, with IF → Leaky(β = 0)) runs
     * differently from 0.9.4, and this backend does not reproduce: a recurrent pair, which nir_to_torch flattens into
     * Synaptic/Leaky + Linear (the RSynaptic branch is unreachable; the flattened wiring is only inferred from
     * nirtorch's source); and a padded SumPool2d, which nirtorch's default map makes an LPPool2d(p = 1) that ignores
     * the padding.
     */
    static final ImportRule ACCEPTS_3726386 = ImportRule.check(OWNER, imp -> imp.nodes().forEach((name, node) -> {
        if (imp.recurrentMapOf(name) != null) {
            throw imp.refuse(name, "at 3726386 nirtorch.nir_to_torch flattens the recurrent sub-graph into Synaptic"
                    + "/Leaky + Linear (the RSynaptic branch is unreachable); that wiring is not reproduced here");
        }
        if (node instanceof SumPool2d pool) {
            imp.requireUnpadded(name, pool, "nirtorch's SumPool2d (LPPool2d, p = 1)");
        }
    }));

    /** IF → Leaky(β = 0): PR #395's fix of master's IF import (snnTorch later made it β = 1, PR #452). */
    static final ImportRule IF_AS_MEMORYLESS_LEAKY = ifAsLeaky(0, "no memory: each step's membrane is its input,"
            + " less θ when the previous step was above it");

    /** PR #395's head 3726386's importer's rules, in order (feed-forward graphs). */
    static NamedRules rules3726386() {
        return NamedRules.of(ACCEPTS, ACCEPTS_3726386, FIXED_DT, IF_AS_MEMORYLESS_LEAKY, THETA_OVER_GAIN);
    }

    private static void scaleToUnitGain(Import imp, String name, NeuronParams p, double gain) {
        double[] theta = Values.map(p.vThreshold(), t -> t / gain);
        imp.changed(name, "v_threshold", p.vThreshold(), theta, "divided by the input gain "
                + Values.show(new double[] {gain})
                + " snnTorch leaves out of the weights (membrane in snnTorch units)");
        imp.params(name, p.withThreshold(theta));
        imp.vResetUnused(name, p, "snnTorch resets to zero or subtracts θ");
    }

    private static void requireNoLeak(Import imp, String name, NeuronParams p) {
        imp.requireValue(name, "v_leak", p.vLeak(), Values.fill(p.size(), 0), WHO);
    }
}
