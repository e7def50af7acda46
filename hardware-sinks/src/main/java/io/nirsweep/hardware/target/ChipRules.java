package io.nirsweep.hardware.target;

import io.nirsweep.sim.backend.Import;
import io.nirsweep.sim.backend.ImportRules;
import java.util.List;

/**
 * A chip's toolchain as import rules: its graph rules and resource limits, checked all at once, and its conversion
 * (quantised weights, thresholds and decays, dropped or moved biases, latencies, the neuron step per node). The
 * engine runs {@link #apply}, which refuses a model that does not fit with the broken limits in one line;
 * {@code nirsweep map} and sweeps read the whole {@link #map} report.
 */
public abstract class ChipRules implements ImportRules {
    /**
     * Checks every graph rule and limit, converts what it can (through {@link Import#replace},
     * {@link Import#params(String, io.nirsweep.sim.neuron.NeuronParams)}, {@link Import#step(String,
     * io.nirsweep.sim.neuron.NeuronStepFactory)}, …) and reports. Never throws for a model that does not fit: every
     * reason is a violation in the report.
     */
    public abstract MappingReport map(Import imp);

    /** The chip's conversion, arithmetic, latencies and sources, for the README's targets table. */
    public abstract TargetFacts facts();

    /** Every limit {@link #map} checks (and those it cannot, marked not public). */
    public abstract List<Limit> limits();

    @Override
    public final void apply(Import imp) {
        applyDtRules(imp);
        MappingReport report = map(imp);
        if (!report.fits()) {
            throw imp.refuse(report.violations().get(0).node(), "the model does not fit the chip: "
                    + report.violationsLine());
        }
    }

    @Override
    public String latency() {
        return facts().latencies();
    }

    /**
     * A target's row of the README's table.
     *
     * @param quantisation what the conversion quantises and how (scales, rounding, widths)
     * @param arithmetic the chip's step: state widths, saturation or wrap, decays, spikes per step
     * @param latencies steps of latency per projection and for the input
     * @param sources the toolchain files and documents it follows
     */
    public record TargetFacts(String quantisation, String arithmetic, String latencies, String sources) {}
}
