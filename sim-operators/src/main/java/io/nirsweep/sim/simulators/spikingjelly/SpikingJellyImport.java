package io.nirsweep.sim.simulators.spikingjelly;

import io.nirsweep.model.Affine;
import io.nirsweep.model.AvgPool2d;
import io.nirsweep.model.Conv2d;
import io.nirsweep.model.Flatten;
import io.nirsweep.model.IF;
import io.nirsweep.model.Input;
import io.nirsweep.model.LIF;
import io.nirsweep.model.Linear;
import io.nirsweep.model.Output;
import io.nirsweep.sim.backend.Import;
import io.nirsweep.sim.backend.ImportRule;
import io.nirsweep.sim.backend.NamedRules;
import io.nirsweep.sim.backend.Values;
import io.nirsweep.sim.neuron.NeuronParams;
import java.util.Set;

/**
 * SpikingJelly's {@code from_nir} (docs/platforms.md §4.11, {@code activation_based/nir_exchange/from_nir.py}): IF needs
 * R = 1/dt (v ← v + x); LIF works in steps, τ_steps = τ/dt, and reads R as its decay_input switch — R = 1: the
 * input is divided by τ_steps (v ← v + (x − (v − v_reset))/τ_steps), R = τ/dt: it is not
 * (v ← v + x − (v − v_reset)/τ_steps); v_leak must equal v_reset (hard reset), one value per layer. Spike when
 * v ≥ θ, then v ← v_reset. Nodes outside its mapping (Affine, Linear, Conv2d, AvgPool2d, Flatten, IF, LIF) are
 * refused.
 */
final class SpikingJellyImport {
    private static final String OWNER = "SpikingJelly";
    private static final String WHO = "SpikingJelly's importer";
    private static final Set<Class<?>> MAPPED = Set.of(Input.class, Output.class, Affine.class, Linear.class,
            Conv2d.class, AvgPool2d.class, Flatten.class, IF.class, LIF.class);

    private SpikingJellyImport() {}

    /**
     * Everything the importer does is a check: its LIF in steps with R read as decay_input computes NIR's own
     * forward Euler, so no parameter changes (the reading of R is noted).
     */
    static final ImportRule ACCEPTS = ImportRule.check(OWNER, imp -> {
        double dt = imp.dt();
        imp.nodes().forEach((name, node) -> {
            NeuronParams p = imp.params(name);
            if (node instanceof IF) {
                imp.requireUniform(name, "v_threshold", p.vThreshold(), WHO);
                imp.requireValue(name, "r", p.r(), Values.fill(p.size(), 1 / dt), WHO);
            } else if (node instanceof LIF) {
                for (String param : new String[] {"tau", "r", "v_threshold", "v_reset"}) {
                    imp.requireUniform(name, param, p.get(param), WHO);
                }
                imp.requireValue(name, "v_leak", p.vLeak(), p.vReset(), WHO + " (a hard reset: v_leak = v_reset)");
                double r = p.r()[0];
                double steps = p.tau()[0] / dt;
                if (Math.abs(r - 1) > 1e-5 && Math.abs(r - steps) > 1e-5 * steps) {
                    throw imp.refuse(name, WHO + " reads r as decay_input: r = 1 (input divided by τ/dt) or"
                            + " r = τ/dt = " + Values.show(new double[] {steps}) + " (not divided); this one has "
                            + Values.show(p.r()));
                }
                imp.note(name, Math.abs(r - 1) <= 1e-5 ? "decay_input = True: the input is divided by τ/dt"
                        : "decay_input = False: the input is added as is");
            } else if (!MAPPED.contains(node.getClass())) {
                throw imp.refuse(name, WHO + " has no mapping for " + node.typeName());
            }
        });
    });

    /** The importer: its check only. */
    /** import_from_nir(graph, dt: float = 1e-4). */
    static final ImportRule DEFAULT_TIME_STEP = ImportRule.defaultDt(OWNER, 1e-4,
            "SpikingJelly's import_from_nir(graph, dt=1e-4) default "
            + "(spikingjelly/activation_based/nir_exchange/from_nir.py)");

    static NamedRules rules() {
        return NamedRules.of(ACCEPTS, DEFAULT_TIME_STEP);
    }
}
