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
import io.nirsweep.model.NirNode;
import io.nirsweep.sim.backend.ImportRule;
import io.nirsweep.sim.backend.NamedRules;
import io.nirsweep.sim.neuron.NeuronModifier;
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
 * feed anything but an Output (nengo.LIF emits them with amplitude 1/dt; nirsweep does not emulate that). Named
 * rules: "τ[0] for the whole layer (LIF, LI)", "θ normalised to 1", "v ≥ 0 floor (LIF, CubaLIF)", "LI → Lowpass(τ)
 * synapse", "Lowpass synapse delivers next step", "Conv2d bias dropped"; the exact membrane and the reset to 0 are the
 * backend's neuron choices.
 */
final class NengoImport {
    private static final String OWNER = "Nengo";
    private static final String WHO = "the paper's Nengo converter";
    /** The node types the importer maps as they are (the others are handled above or refused). */
    private static final Set<Class<?>> MAPPED = Set.of(Input.class, Output.class, Affine.class, Linear.class,
            Flatten.class, SumPool2d.class, LIF.class, CubaLIF.class, IF.class, LI.class, Conv2d.class);

    private NengoImport() {}

    /** Flat graphs; LIF: R = 1, v_leak = 0, spikes only to an Output; CubaLIF: one R, θ, τ per layer, v_leak = 0. */
    static final ImportRule ACCEPTS = ImportRule.check(OWNER, imp -> imp.nodes().forEach((name, node) -> {
        if (imp.nested(name)) {
            throw imp.refuse(name, WHO + " reads flat graphs only (this node is inside a sub-graph)");
        }
        NeuronParams p = imp.params(name);
        int n = p == null ? 0 : p.size();
        if (node instanceof LIF) {
            imp.requireValue(name, "r", p.r(), Values.fill(n, 1), WHO);
            imp.requireValue(name, "v_leak", p.vLeak(), Values.fill(n, 0), WHO);
            for (String next : imp.successors(name)) {
                if (!(imp.nodes().get(next) instanceof Output)) {
                    throw imp.refuse(name, "nengo.LIF sends its spikes to '" + next + "' with amplitude 1/dt, "
                            + "which nirsweep does not emulate (only LIF → Output is reproduced)");
                }
            }
        } else if (node instanceof CubaLIF) {
            for (String param : new String[] {"r", "v_threshold", "tau_syn", "tau"}) {
                imp.requireUniform(name, param.equals("tau") ? "tau_mem" : param, p.get(param), WHO);
            }
            imp.requireValue(name, "v_leak", p.vLeak(), Values.fill(n, 0), WHO);
        } else if (node instanceof IF) {
            imp.requireValue(name, "r", p.r(), Values.fill(n, 1), WHO);
        } else if (!MAPPED.contains(node.getClass())) {
            throw imp.refuse(name, WHO + " raises 'Unknown object' for " + node.typeName());
        }
    }));

    /** nengo.LIF(tau_rc = τ[0]) and the LI's Lowpass(τ[0]): one τ for the whole layer. */
    static final ImportRule ONE_TAU = ImportRule.rule(OWNER, "τ[0] for the whole layer (LIF, LI)", imp -> {
        for (String name : imp.neurons()) {
            NirNode node = imp.nodes().get(name);
            if (node instanceof LIF || node instanceof LI) {
                NeuronParams p = imp.params(name);
                double[] tau = Values.fill(p.size(), p.tau()[0]);
                String why = node instanceof LIF ? "nengo.LIF(tau_rc = τ[0]) for the whole layer"
                        : "the converter uses τ[0] for the whole layer";
                imp.changed(name, "tau", p.tau(), tau, why);
                imp.params(name, p.withTau(tau));
            }
        }
    });

    /** θ → 1 and R → the gain (LIF: 1/θ, CubaLIF: R/θ, IF: 1/(θ·dt)): membranes in units of θ. */
    static final ImportRule THETA_ONE = ImportRule.rule(OWNER, "θ normalised to 1", imp -> {
        double dt = imp.dt();
        for (String name : imp.neurons()) {
            NirNode node = imp.nodes().get(name);
            NeuronParams p = imp.params(name);
            if (node instanceof LIF) {
                normalise(imp, name, p, Values.map(p.vThreshold(), t -> 1 / t));
            } else if (node instanceof CubaLIF) {
                double[] gain = new double[p.size()];
                for (int k = 0; k < gain.length; k++) {
                    gain[k] = p.r()[k] / p.vThreshold()[k];
                }
                normalise(imp, name, p, gain);
            } else if (node instanceof IF) {
                normalise(imp, name, p, Values.map(p.vThreshold(), t -> 1 / (t * dt)));
            }
        }
    });

    /** nengo.LIF's membrane is clamped at v ≥ 0 (LIF, CubaLIF). */
    static final ImportRule FLOOR = ImportRule.rule(OWNER, "v ≥ 0 floor (LIF, CubaLIF)", imp -> {
        for (String name : imp.neurons()) {
            NirNode node = imp.nodes().get(name);
            if (node instanceof LIF || node instanceof CubaLIF) {
                imp.modify(name, new NeuronModifier.Floor(Values.fill(imp.params(name).size(), 0)));
            }
        }
    }).changesReset("LIF, CubaLIF clamped at v ≥ 0");

    /** The LI is a Lowpass(τ) synapse with gain 1 and no resting value. */
    static final ImportRule LI_AS_LOWPASS = ImportRule.rule(OWNER, "LI → Lowpass(τ) synapse", imp -> {
        for (String name : imp.neurons()) {
            if (imp.nodes().get(name) instanceof LI) {
                NeuronParams p = imp.params(name);
                double[] one = Values.fill(p.size(), 1);
                double[] zero = Values.fill(p.size(), 0);
                imp.changed(name, "r", p.r(), one, "the converter's LI is a Lowpass(τ) synapse with gain 1");
                imp.changed(name, "v_leak", p.vLeak(), zero, "the Lowpass synapse has no resting value");
                imp.params(name, new NeuronParams(one, p.tau(), zero, null, null, null, null));
            }
        }
    });

    /** Every Lowpass synapse (into a CubaLIF or an LI) delivers in the next step. */
    static final ImportRule SYNAPSE_LATENCY = ImportRule.rule(OWNER, "Lowpass synapse delivers next step", imp -> {
        for (String name : imp.neurons()) {
            NirNode node = imp.nodes().get(name);
            if (node instanceof CubaLIF || node instanceof LI) {
                for (Edge e : imp.edgesInto(name)) {
                    imp.delay(e, node instanceof CubaLIF ? "Lowpass synapse (decay 1 − dt/τ_syn) delivers next step"
                            : "Lowpass synapse delivers next step");
                }
            }
        }
    }).addsLatency("+1 step on every edge into a CubaLIF or LI (Lowpass synapse)");

    /** nengo.Convolution has no bias. */
    static final ImportRule CONV_BIAS = ImportRule.rule(OWNER, "Conv2d bias dropped", imp ->
            imp.nodes().forEach((name, node) -> {
                if (node instanceof Conv2d c && !Values.all(c.bias().toDoubleArray(), 0)) {
                    imp.dropBias(name, "the converter's nengo.Convolution has no bias");
                }
            }));

    /** The importer's rules, in order. */
    /** The converters' nir_to_nengo(n, dt=0.001). */
    static final ImportRule DEFAULT_TIME_STEP = ImportRule.defaultDt(OWNER, 1e-3,
            "the paper's converters' nir_to_nengo(n, dt=0.001) default (paper/02_cnn/nengo_import.py, "
            + "paper/03_rnn/nir_to_nengo.py)");

    static NamedRules rules() {
        return NamedRules.of(ACCEPTS, DEFAULT_TIME_STEP, ONE_TAU, THETA_ONE, FLOOR, LI_AS_LOWPASS, SYNAPSE_LATENCY, CONV_BIAS);
    }

    /** θ → 1, R → gain (so the membrane is v/θ); v_reset unused (reset to 0). */
    private static void normalise(Import imp, String name, NeuronParams p, double[] r) {
        int n = p.size();
        imp.changed(name, "r", p.r(), r, "Nengo's gain (membrane normalised to θ = 1)");
        imp.changed(name, "v_threshold", p.vThreshold(), Values.fill(n, 1), "normalised");
        imp.vResetUnused(name, p, "Nengo resets to 0");
        imp.params(name, p.withR(r).withThreshold(Values.fill(n, 1)));
    }
}
