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
import io.nirsweep.sim.backend.ImportRules;
import io.nirsweep.sim.backend.Values;
import io.nirsweep.sim.neuron.NeuronParams;
import io.nirsweep.sim.neuron.NeuronStepFactory;
import java.util.Set;

/**
 * snnTorch's {@code import_from_nir} as the paper ran it (docs/platforms.md §4.1, {@code snntorch/import_nir.py} at the
 * paper's commit): dt fixed at 1e-4 s; LIF → Leaky and CubaLIF → Synaptic with β = 1 − dt/τ_mem, α = 1 − dt/τ_syn
 * and the input gain left out of the weights — the threshold is divided by it instead, so membranes are in
 * snnTorch's units (E1: θ = 0.1/0.04 = 2.5); v_leak must be 0, one θ per layer, a CubaLIF needs R = τ_mem/dt;
 * reset to zero. IF → Leaky(β = 0.9) with snnTorch's default subtract reset: the paper's CNN ran leaky neurons
 * (snnTorch later changed it to β = 1). SumPool2d → AvgPool2d with divisor 1 (a sum pool, padding kept).
 * Recurrent neuron ⇄ map pairs → RLeaky/RSynaptic (W_rec·s[t−1] + b_rec, bias present from step 0). Nodes without
 * a mapping are skipped with a printed warning by snnTorch; here they are refused.
 *
 * @param subtract LIF/CubaLIF reset by subtraction with snnTorch's bookkeeping ({@link SnntorchSubtract}) — the
 *     native model the paper trained with {@code reset_mechanism="subtract"} (E3 noBias_subtract) — instead of the
 *     importer's zero reset
 */
record SnntorchImport(boolean subtract) implements ImportRules {
    /** The step snnTorch's importer assumes. */
    static final double DT = 1e-4;
    /** snnTorch's IF substitute: Leaky with this β. */
    static final double IF_BETA = 0.9;

    private static final String WHO = "snnTorch's importer";
    /** The node types the importer maps as they are (the others are handled above or refused). */
    private static final Set<Class<?>> MAPPED = Set.of(Input.class, Output.class, Affine.class, Linear.class,
            Conv2d.class, Flatten.class, SumPool2d.class);

    @Override
    public void apply(Import imp) {
        imp.useDt(DT, "snnTorch's importer computes its decays with dt = 1e-4 s, whatever the run's dt");
        double dt = imp.dt();
        imp.requireOnlyRecurrentPairs(WHO);
        NeuronStepFactory neuronStep = subtract ? SnntorchBackends.SUBTRACT_NEURONS : SnntorchBackends.NEURONS;
        imp.nodes().forEach((name, node) -> {
            NeuronParams p = imp.params(name);
            int n = p == null ? 0 : p.size();
            if (node instanceof IF) {
                imp.requireUniform(name, "v_threshold", p.vThreshold(), WHO);
                imp.requireValue(name, "r", p.r(), Values.fill(n, 1), WHO);
                NeuronParams leaky = p.withTau(Values.fill(n, dt / (1 - IF_BETA)))
                        .withR(Values.fill(n, 1 / (1 - IF_BETA)));
                imp.params(name, leaky);
                imp.step(name, SnntorchBackends.SUBTRACT_NEURONS);
                imp.note(name, "IF → snn.Leaky(β = " + IF_BETA + ", subtract reset): v ← " + IF_BETA
                        + "·v + x; a leaky neuron, not an integrator");
            } else if (node instanceof LIF) {
                requireNoLeak(imp, name, p);
                imp.requireUniform(name, "v_threshold", p.vThreshold(), WHO);
                double[] gain = new double[n];
                for (int k = 0; k < n; k++) {
                    gain[k] = p.r()[k] * dt / p.tau()[k];
                }
                scaleToUnitGain(imp, name, p, gain[0], neuronStep);
                imp.params(name, imp.params(name).withR(Values.map(p.tau(), t -> t / dt)));
            } else if (node instanceof CubaLIF) {
                requireNoLeak(imp, name, p);
                imp.requireValue(name, "r", p.r(), Values.map(p.tau(), t -> t / dt), WHO);
                double[] gain = new double[n];
                for (int k = 0; k < n; k++) {
                    gain[k] = p.wIn()[k] * dt / p.tauSyn()[k];
                }
                imp.requireUniform(name, "v_threshold", p.vThreshold(), WHO);
                scaleToUnitGain(imp, name, p, gain[0], neuronStep);
                imp.params(name, imp.params(name).withWIn(Values.map(p.tauSyn(), t -> t / dt)));
            } else if (!MAPPED.contains(node.getClass())) {
                throw imp.refuse(name, WHO + " has no mapping for " + node.typeName()
                        + " (it prints a warning and skips the node)");
            }
        });
    }

    /** Divides θ by the input gain the importer leaves out, resets to zero (or subtracts), notes both. */
    private void scaleToUnitGain(Import imp, String name, NeuronParams p, double gain, NeuronStepFactory step) {
        double[] theta = Values.map(p.vThreshold(), t -> t / gain);
        imp.changed(name, "v_threshold", p.vThreshold(), theta, "divided by the input gain "
                + Values.show(new double[] {gain})
                + " snnTorch leaves out of the weights (membrane in snnTorch units)");
        imp.params(name, p.withThreshold(theta));
        imp.vResetUnused(name, p, "snnTorch resets to zero or subtracts θ");
        imp.step(name, step);
        if (subtract) {
            imp.note(name, "reset by subtraction with snnTorch's bookkeeping (the model as trained, not as imported)");
        }
    }

    private static void requireNoLeak(Import imp, String name, NeuronParams p) {
        imp.requireValue(name, "v_leak", p.vLeak(), Values.fill(p.size(), 0), WHO);
    }

    @Override
    public String resetExceptions() {
        return "IF (→ Leaky β = 0.9): subtract with snnTorch's bookkeeping";
    }
}
