package io.nirsweep.operators.chip;

import io.nirsweep.hardware.target.ChipRules;
import io.nirsweep.hardware.target.Limit;
import io.nirsweep.hardware.target.MappingReport;
import io.nirsweep.hardware.target.QuantisationError;
import io.nirsweep.model.Affine;
import io.nirsweep.model.Linear;
import io.nirsweep.model.NdArray;
import io.nirsweep.model.NirNode;
import io.nirsweep.sim.backend.Backend;
import io.nirsweep.sim.backend.BackendProvider;
import io.nirsweep.sim.backend.Import;
import io.nirsweep.sim.neuron.FloatNeurons;
import io.nirsweep.sim.neuron.NeuronKind;
import io.nirsweep.sim.neuron.NeuronParams;
import io.nirsweep.sim.neuron.Precision;
import io.nirsweep.sim.neuron.Reset;
import io.nirsweep.sim.neuron.Scheme;
import io.nirsweep.sim.neuron.SpikeTest;
import java.util.List;
import java.util.Map;

/**
 * A made-up chip target for the tests of {@code nirsweep map} and the sweep's mapping table, registered by this
 * module's test resources ({@code META-INF/services}) the way a chip module registers its targets. Its toolchain:
 * each neuron node goes on a core of its own ("core k", k in file order); a core holds at most
 * {@value #NEURONS_PER_CORE} neurons and the chip has {@value #CORES} cores; its fan-in bound is not published;
 * a neuron on a loop is refused. Its conversion: the weights of each Linear/Affine node are 8-bit signed integers
 * at the node's scale s = 127 / max|w|, i.e. it represents rint(w·s)/s (rint: half to even); thresholds are held in
 * steps of 1/8, rint(8θ)/8. The neurons then run NIR's exact equations in float64.
 */
public final class BudgetChip extends ChipRules implements BackendProvider {
    public static final String NAME = "test-budget-chip";
    static final int NEURONS_PER_CORE = 4;
    static final int CORES = 2;
    private static final String SOURCE = "test chip (operators/src/test/.../BudgetChip.java)";
    static final Limit NEURONS = Limit.of("neurons per core", NEURONS_PER_CORE, "neurons", SOURCE);
    static final Limit CORE_COUNT = Limit.of("cores", CORES, "cores", SOURCE);
    static final Limit FAN_IN = Limit.notPublic("fan-in per neuron", "synapses", SOURCE + ", deliberately unpublished");

    public static final Backend BUDGET_CHIP = new Backend(NAME, Backend.Kind.HARDWARE,
            "a test chip: 2 cores of 4 neurons, 8-bit weights",
            new io.nirsweep.sim.backend.Version("test", "none (a test of nirsweep map)", "a test chip"),
            NeuronKind.every(new FloatNeurons(Scheme.EXACT, SpikeTest.GREATER, Reset.TO_V_RESET, Precision.FLOAT64)),
            new BudgetChip(), Backend.CycleDelay.CLOSING_EDGE);

    @Override
    public List<Backend> backends() {
        return List.of(BUDGET_CHIP);
    }

    @Override
    public MappingReport map(Import imp) {
        MappingReport.Builder report = new MappingReport.Builder(NAME);
        for (Map.Entry<String, NirNode> e : imp.nodes().entrySet()) {
            String node = e.getKey();
            if (e.getValue() instanceof Linear l) {
                double[] q = quantised(node, l.weight().toDoubleArray(), report);
                imp.replace(node, new Linear(NdArray.ofDoubles(l.weight().dtype(), l.weight().shape(), q),
                        l.metadata()), "weights as 8-bit integers at scale 127/max|w|");
            } else if (e.getValue() instanceof Affine a) {
                double[] q = quantised(node, a.weight().toDoubleArray(), report);
                imp.replace(node, new Affine(NdArray.ofDoubles(a.weight().dtype(), a.weight().shape(), q), a.bias(),
                        a.metadata()), "weights as 8-bit integers at scale 127/max|w|");
            }
        }
        int core = 0;
        for (String node : imp.neurons()) {
            NeuronParams p = imp.params(node);
            if (imp.onCycle(node)) {
                report.violate(node, "a neuron on a loop (the chip has no recurrent routes)", SOURCE);
            }
            report.use(NEURONS, "core " + core, p.size(), node);
            report.use(FAN_IN, node, imp.predecessors(node).size(), node);
            report.place(node, "core " + core, p.size() + " neurons");
            if (p.vThreshold() != null) {
                double[] t = p.vThreshold();
                double[] q = new double[t.length];
                for (int k = 0; k < t.length; k++) {
                    q[k] = Math.rint(t[k] * 8) / 8;
                }
                report.quantised(QuantisationError.of(node, "threshold", t, q));
                imp.params(node, p.withThreshold(q));
            }
            core++;
        }
        report.use(CORE_COUNT, "chip", core, null);
        return report.build(imp);
    }

    private static double[] quantised(String node, double[] w, MappingReport.Builder report) {
        double max = 0;
        for (double v : w) {
            max = Math.max(max, Math.abs(v));
        }
        double[] q = new double[w.length];
        if (max > 0) {
            double s = 127 / max;
            for (int k = 0; k < w.length; k++) {
                q[k] = Math.rint(w[k] * s) / s;
            }
        }
        report.quantised(QuantisationError.of(node, "weight", w, q));
        return q;
    }

    @Override
    public TargetFacts facts() {
        return new TargetFacts("weights int8 at 127/max|w| (half to even); thresholds in steps of 1/8",
                "NIR's exact equations in float64", "none", SOURCE);
    }

    @Override
    public List<Limit> limits() {
        return List.of(NEURONS, CORE_COUNT, FAN_IN);
    }
}
