package io.nirsweep.sim.simulators.rockpool;

import io.nirsweep.model.Affine;
import io.nirsweep.model.CubaLIF;
import io.nirsweep.model.DType;
import io.nirsweep.model.Input;
import io.nirsweep.model.LIF;
import io.nirsweep.model.Linear;
import io.nirsweep.model.NdArray;
import io.nirsweep.model.NirNode;
import io.nirsweep.model.Output;
import io.nirsweep.sim.backend.Import;
import io.nirsweep.sim.backend.ImportRule;
import io.nirsweep.sim.backend.NamedRules;
import io.nirsweep.sim.neuron.NeuronModifier;
import io.nirsweep.sim.backend.Values;
import io.nirsweep.sim.neuron.NeuronParams;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Rockpool's NIR import (docs/platforms.md §4.5, {@code rockpool/nn/modules/torch/nir.py}, {@code lif_torch.py}):
 * CubaLIF → LIFTorch: i ← e_s·(i + x), v ← e_m·v + i + bias — w_in and R ignored, the new input already decayed
 * once, v_leak added every step as a bias current; LIF → LIFNeuronTorch: v ← e_m·v + x + bias. Spikes n = ⌊v/θ⌋
 * when v ≥ θ, at most 2^16 per step, v ← v − n·θ (v_reset unused). A recurrent CubaLIF ⇄ map pair → LIFTorch
 * with w_rec: the map's bias is dropped (Rockpool warns). Rockpool guesses dt per module from R as min(τ/(1 + R));
 * the paper overwrote it, so a given dt is used as given, and the guess only under {@code --dt native}
 * ("dt guessed per module"). LI is refused (the importer truncates its τ to whole seconds), as is
 * everything Rockpool raises NotImplementedError for (IF, convolutions, pools, Flatten, ...). Named rules: "R
 * ignored", "v_leak added as a bias current", "w_in ignored, input decayed once (CubaLIF)", "recurrent bias
 * dropped", "at most 2^16 spikes per step".
 */
final class RockpoolImport {
    private static final String OWNER = "Rockpool";
    private static final String WHO = "Rockpool's importer";
    /** The node types the importer maps as they are (the others are handled above or refused). */
    private static final Set<Class<?>> MAPPED = Set.of(Input.class, Output.class, Affine.class, Linear.class,
            LIF.class, CubaLIF.class);
    /** LIFTorch's default max_spikes_per_dt: the spike count of one step is capped here, θ subtracted as often. */
    static final double MAX_SPIKES_PER_STEP = 65536;

    private RockpoolImport() {}

    /**
     * Rockpool's own dt, guessed per module: dt_m = min over the module's neurons of τ_mem/(1 + r) (nir.py's
     * {@code torch.min(τ_mem / (1 + r)).item()}), computed in the file's dtype and used in float32 (lif_torch.py's
     * decays e^{−dt/τ} are float32). The engine runs one dt, the smallest guess; a module whose guess is larger keeps
     * its own decays by having τ_mem and τ_syn scaled by dt/dt_m — exact, because Rockpool's dt enters a module only
     * as dt/τ (the noise term aside, which the import leaves at 0).
     */
    static final ImportRule GUESSED_DT = ImportRule.defaultTimeStep(OWNER, "dt guessed per module: min(τ/(1 + r))",
            imp -> {
                Map<String, Double> guesses = new LinkedHashMap<>();
                for (String name : imp.neurons()) {
                    double guess = guessedDt(imp.nodes().get(name));
                    if (!Double.isNaN(guess)) {
                        guesses.put(name, guess);
                    }
                }
                if (guesses.isEmpty()) {
                    throw imp.refuse(null, "Rockpool guesses dt per neuron module from τ and r, and this graph has"
                            + " no LIF or CubaLIF: give dt in seconds");
                }
                String smallest = null;
                for (Map.Entry<String, Double> g : guesses.entrySet()) {
                    if (smallest == null || g.getValue() < guesses.get(smallest)) {
                        smallest = g.getKey();
                    }
                }
                double dt = guesses.get(smallest);
                imp.useDt(dt, "Rockpool's guess min(τ/(1 + r)) in float32 for '" + smallest + "'"
                        + (guesses.size() > 1 ? ", the smallest of its modules'" : ""));
                guesses.forEach((name, own) -> {
                    if (own != dt) {
                        NeuronParams p = imp.params(name);
                        double f = dt / own;
                        imp.note(name, "Rockpool runs this module at its own guess dt = " + Values.seconds(own)
                                + ": τ" + (p.cuba() ? "_mem and τ_syn" : "") + " × " + Values.show(new double[] {f})
                                + " keep its decays e^{−" + Values.seconds(own) + "/τ} at the run's dt");
                        imp.params(name, new NeuronParams(p.r(), Values.map(p.tau(), t -> t * f), p.vLeak(),
                                p.vThreshold(), p.vReset(), p.cuba() ? Values.map(p.tauSyn(), t -> t * f) : null,
                                p.wIn()));
                    }
                });
            });

    /**
     * A LIF's or CubaLIF's guessed dt, min(τ_mem/(1 + r)) as Rockpool's importer computes it: element by element in
     * float32 when both arrays are float32 (numpy keeps their dtype), else in float64, then read as float32; NaN for
     * other nodes.
     */
    static double guessedDt(NirNode node) {
        NdArray tau;
        NdArray r;
        if (node instanceof CubaLIF c) {
            tau = c.tauMem();
            r = c.r();
        } else if (node instanceof LIF l) {
            tau = l.tau();
            r = l.r();
        } else {
            return Double.NaN;
        }
        boolean single = tau.dtype() == DType.FLOAT32 && r.dtype() == DType.FLOAT32;
        int n = Math.max(tau.size(), r.size());
        double min = Double.POSITIVE_INFINITY;
        for (int k = 0; k < n; k++) {
            double t = tau.getDouble(tau.size() == 1 ? 0 : k);
            double rk = r.getDouble(r.size() == 1 ? 0 : k);
            min = Math.min(min, single ? (float) t / (1f + (float) rk) : t / (1 + rk));
        }
        return (float) min;
    }

    /** Loops only of neuron ⇄ map pairs; nothing Rockpool raises for; its dt guess, noted when the run gives dt. */
    static final ImportRule ACCEPTS = ImportRule.check(OWNER, imp -> {
        imp.requireOnlyRecurrentPairs(WHO);
        if (!imp.nativeDt()) {
            double guess = imp.neurons().stream().mapToDouble(n -> guessedDt(imp.nodes().get(n)))
                    .filter(g -> !Double.isNaN(g)).min().orElse(Double.NaN);
            if (!Double.isNaN(guess)) {
                imp.note(null, "dt = " + Values.seconds(imp.dt()) + " as given (Rockpool would guess min(τ/(1 + r))"
                        + " = " + Values.seconds(guess) + "; the paper overwrote it)");
            }
        }
        imp.nodes().forEach((name, node) -> {
            if (!MAPPED.contains(node.getClass())) {
                throw imp.refuse(name, node.typeName().equals("LI")
                        ? "Rockpool's importer truncates LI's τ to whole seconds (ExpSynTorch(tau=τ.int()))"
                        : WHO + " raises NotImplementedError for " + node.typeName());
            }
            imp.vResetUnused(name, imp.params(name), "Rockpool subtracts θ per spike");
        });
    });

    /** The input enters the membrane with gain 1: R = τ/dt (LIF, CubaLIF). */
    static final ImportRule R_IGNORED = ImportRule.rule(OWNER, "R ignored", imp -> {
        double dt = imp.dt();
        for (String name : imp.neurons()) {
            NeuronParams p = imp.params(name);
            double[] r = Values.map(p.tau(), t -> t / dt);
            imp.changed(name, "r", p.r(), r, "Rockpool ignores r: the input enters the membrane with gain 1");
            imp.params(name, p.withR(r));
        }
    });

    /** v_leak is added to v every step as a bias current: v_leak → bias·τ/dt. */
    static final ImportRule V_LEAK_AS_BIAS = ImportRule.rule(OWNER, "v_leak added as a bias current", imp -> {
        double dt = imp.dt();
        for (String name : imp.neurons()) {
            NeuronParams p = imp.params(name);
            double[] bias = p.vLeak();
            double[] vLeak = new double[p.size()];
            for (int k = 0; k < vLeak.length; k++) {
                vLeak[k] = bias[k] * p.tau()[k] / dt;
            }
            if (!Values.all(bias, 0)) {
                imp.note(name, "v_leak " + Values.show(bias) + " added to v every step as a bias current");
            }
            imp.params(name, new NeuronParams(p.r(), p.tau(), vLeak, p.vThreshold(), p.vReset(), p.tauSyn(),
                    p.wIn()));
        }
    });

    /** CubaLIF: w_in ignored and the new input decayed once: i ← e^{−dt/τ_syn}·(i + x). */
    static final ImportRule INPUT_DECAYED = ImportRule.rule(OWNER, "w_in ignored, input decayed once (CubaLIF)",
            imp -> {
                double dt = imp.dt();
                for (String name : imp.neurons()) {
                    NeuronParams p = imp.params(name);
                    if (imp.nodes().get(name) instanceof CubaLIF) {
                        double[] wIn = Values.map(p.tauSyn(), t -> Math.exp(-dt / t) * t / dt);
                        imp.changed(name, "w_in", p.wIn(), wIn, "Rockpool ignores w_in and decays the new input"
                                + " once before the membrane sees it: i ← e^{−dt/τ_syn}·(i + x)");
                        imp.params(name, p.withWIn(wIn));
                    }
                }
            });

    /** The recurrent LIFTorch has no bias for w_rec. */
    static final ImportRule RECURRENT_BIAS = ImportRule.rule(OWNER, "recurrent bias dropped", imp -> {
        for (String name : imp.neurons()) {
            String map = imp.recurrentMapOf(name);
            if (imp.nodes().get(name) instanceof CubaLIF && map != null && imp.nodes().get(map) instanceof Affine) {
                imp.dropBias(map, "Rockpool's recurrent LIFTorch has no bias for w_rec (it warns)");
            }
        }
    });

    /** LIFTorch's max_spikes_per_dt = 2^16. */
    static final ImportRule SPIKE_CAP = ImportRule.rule(OWNER, "at most 2^16 spikes per step", imp -> {
        for (String name : imp.neurons()) {
            imp.modify(name, new NeuronModifier.MaxSpikes(MAX_SPIKES_PER_STEP));
        }
    }).changesReset("at most 2^16 spikes per step");

    /** The importer's rules, in order. */
    static NamedRules rules() {
        return NamedRules.of(ACCEPTS, GUESSED_DT, R_IGNORED, V_LEAK_AS_BIAS, INPUT_DECAYED, RECURRENT_BIAS, SPIKE_CAP);
    }
}
