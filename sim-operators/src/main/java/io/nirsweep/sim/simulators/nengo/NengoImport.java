package io.nirsweep.sim.simulators.nengo;

import io.nirsweep.model.Affine;
import io.nirsweep.model.Conv2d;
import io.nirsweep.model.CubaLIF;
import io.nirsweep.model.Edge;
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
 * The paper's Nengo converters (docs/platforms.md §4.6: {@code 01_lif/lif_nengo.ipynb}, {@code 02_cnn/nengo_import.py},
 * {@code 03_rnn/nir_to_nengo.py}). Neurons are normalised to θ = 1 (membranes in units of θ): LIF →
 * {@code nengo.LIF(tau_rc = τ[0], tau_ref = 0)} with gain 1/θ (asserts r = 1, v_leak = 0); CubaLIF → the same with
 * gain w_in·R/θ (one value per layer) and a Lowpass synapse on every connection into it, discrete decay
 * 1 − dt/τ_syn, delivering next step; IF → a custom neuron v ← v + x/θ, spike v &gt; 1, reset 0 (asserts r = 1);
 * LI → a pass-through with a Lowpass(τ) synapse (exact decay, next step). The membrane is integrated exactly,
 * tested at the end of the step (v &gt; 1), reset to 0 and clamped at v ≥ 0 (LIF, CubaLIF). Conv2d's bias is not
 * applied. Refused: nested graphs and node types the converters raise "Unknown object" for, and a LIF whose spikes
 * feed anything but an Output (nengo.LIF emits them with amplitude 1/dt; nirsweep does not emulate that).
 */
record NengoImport() implements ImportRules {
    private static final String WHO = "the paper's Nengo converter";
    /** The node types the importer maps as they are (the others are handled above or refused). */
    private static final Set<Class<?>> MAPPED = Set.of(Input.class, Output.class, Affine.class, Linear.class,
            Flatten.class, SumPool2d.class);

    @Override
    public void apply(Import imp) {
        double dt = imp.dt();
        imp.nodes().forEach((name, node) -> {
            if (imp.nested(name)) {
                throw imp.refuse(name, WHO + " reads flat graphs only (this node is inside a sub-graph)");
            }
            NeuronParams p = imp.params(name);
            int n = p == null ? 0 : p.size();
            double[] one = Values.fill(n, 1);
            double[] zero = Values.fill(n, 0);
            if (node instanceof LIF) {
                imp.requireValue(name, "r", p.r(), one, WHO);
                imp.requireValue(name, "v_leak", p.vLeak(), zero, WHO);
                for (String next : imp.successors(name)) {
                    if (!(imp.nodes().get(next) instanceof Output)) {
                        throw imp.refuse(name, "nengo.LIF sends its spikes to '" + next + "' with amplitude 1/dt, "
                                + "which nirsweep does not emulate (only LIF → Output is reproduced)");
                    }
                }
                double[] tau = Values.fill(n, p.tau()[0]);
                imp.changed(name, "tau", p.tau(), tau, "nengo.LIF(tau_rc = τ[0]) for the whole layer");
                normalise(imp, name, p.withTau(tau), Values.map(p.vThreshold(), t -> 1 / t));
                imp.step(name, NengoBackends.NEURONS.withFloor(zero));
            } else if (node instanceof CubaLIF) {
                for (String param : new String[] {"r", "v_threshold", "tau_syn", "tau_mem"}) {
                    imp.requireUniform(name, param, switch (param) {
                        case "r" -> p.r();
                        case "v_threshold" -> p.vThreshold();
                        case "tau_syn" -> p.tauSyn();
                        default -> p.tau();
                    }, WHO);
                }
                imp.requireValue(name, "v_leak", p.vLeak(), zero, WHO);
                double[] gain = new double[n];
                for (int k = 0; k < n; k++) {
                    gain[k] = p.r()[k] / p.vThreshold()[k];
                }
                normalise(imp, name, p, gain);
                imp.step(name, NengoBackends.NEURONS.withFloor(zero));
                delayInputs(imp, name, "Lowpass synapse (decay 1 − dt/τ_syn) delivers next step");
            } else if (node instanceof IF) {
                imp.requireValue(name, "r", p.r(), one, WHO);
                normalise(imp, name, p, Values.map(p.vThreshold(), t -> 1 / (t * dt)));
            } else if (node instanceof LI) {
                double[] tau = Values.fill(n, p.tau()[0]);
                imp.changed(name, "tau", p.tau(), tau, "the converter uses τ[0] for the whole layer");
                imp.changed(name, "r", p.r(), one, "the converter's LI is a Lowpass(τ) synapse with gain 1");
                imp.changed(name, "v_leak", p.vLeak(), zero, "the Lowpass synapse has no resting value");
                imp.params(name, new NeuronParams(one, tau, zero, null, null, null, null));
                delayInputs(imp, name, "Lowpass synapse delivers next step");
            } else if (node instanceof Conv2d c) {
                if (!Values.all(c.bias().toDoubleArray(), 0)) {
                    imp.dropBias(name, "the converter's nengo.Convolution has no bias");
                }
            } else if (!MAPPED.contains(node.getClass())) {
                throw imp.refuse(name, WHO + " raises 'Unknown object' for " + node.typeName());
            }
        });
    }

    /** θ → 1, R → gain (so the membrane is v/θ); v_reset unused (reset to 0). */
    private static void normalise(Import imp, String name, NeuronParams p, double[] r) {
        int n = p.size();
        imp.changed(name, "r", p.r(), r, "Nengo's gain (membrane normalised to θ = 1)");
        imp.changed(name, "v_threshold", p.vThreshold(), Values.fill(n, 1), "normalised");
        imp.vResetUnused(name, p, "Nengo resets to 0");
        imp.params(name, p.withR(r).withThreshold(Values.fill(n, 1)));
    }

    private static void delayInputs(Import imp, String name, String why) {
        for (Edge e : imp.edgesInto(name)) {
            imp.delay(e, why);
        }
    }

    @Override
    public String latency() {
        return "+1 step on every edge into a CubaLIF or LI (Lowpass synapse)";
    }

    @Override
    public String resetExceptions() {
        return "LIF, CubaLIF clamped at v ≥ 0";
    }
}
