package io.nirsweep.operators.sweep;

import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;

/**
 * Simulates each work unit it receives and writes its rows; emits what the unit wrote. It also counts its work
 * in Beam metrics ({@link #METRICS_NAMESPACE}), which the Flink runner reports as accumulators: the web UI shows
 * them on the job's Accumulators tab, the REST API at {@code /jobs/<id>/accumulators}.
 */
public final class SimulateUnitsFn extends DoFn<WorkUnit, UnitWriter.Summary> {
    private static final long serialVersionUID = 1L;

    /** The namespace of the sweep's counters. */
    public static final String METRICS_NAMESPACE = "nirsweep";
    /** Work units simulated and written. */
    public static final String UNITS = "units";
    /**
     * Cells begun: counted with the unit that holds a cell's first sample (every cell has exactly one), so at
     * the end it equals the sweep's cells.
     */
    public static final String CELLS = "cells";
    public static final String SAMPLES = "samples";
    public static final String FAILED_SAMPLES = "failed_samples";
    /** Output spikes of the samples simulated. */
    public static final String SPIKES = "spikes";

    private final Counter units = Metrics.counter(METRICS_NAMESPACE, UNITS);
    private final Counter cells = Metrics.counter(METRICS_NAMESPACE, CELLS);
    private final Counter samples = Metrics.counter(METRICS_NAMESPACE, SAMPLES);
    private final Counter failedSamples = Metrics.counter(METRICS_NAMESPACE, FAILED_SAMPLES);
    private final Counter spikes = Metrics.counter(METRICS_NAMESPACE, SPIKES);

    private final String out;
    /** This instance's graphs, programs and input sets, made on the worker: never serialized with the function. */
    private transient UnitRunner runner;

    /** @param out the run's work folder ({@link UnitWriter#work}), a {@code Storage} location */
    public SimulateUnitsFn(String out) {
        this.out = out;
    }

    @Setup
    public void setup() {
        runner = new UnitRunner();
    }

    @ProcessElement
    public void process(@Element WorkUnit unit, OutputReceiver<UnitWriter.Summary> receiver) {
        UnitWriter.Summary summary = UnitWriter.write(out, unit, runner.run(unit));
        units.inc();
        if (unit.from() == 0) {
            cells.inc();
        }
        samples.inc(summary.samples());
        failedSamples.inc(summary.failed());
        spikes.inc(summary.spikes());
        receiver.output(summary);
    }

    /** Lets the cached graphs, programs and input sets (an input set may hold a whole data set) go with the worker. */
    @Teardown
    public void teardown() {
        runner = null;
    }
}
