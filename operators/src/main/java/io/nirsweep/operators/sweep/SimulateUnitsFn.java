package io.nirsweep.operators.sweep;

import java.nio.file.Path;
import org.apache.beam.sdk.transforms.DoFn;

/** Simulates each work unit it receives and writes its rows; emits what the unit wrote. */
public final class SimulateUnitsFn extends DoFn<WorkUnit, UnitWriter.Summary> {
    private static final long serialVersionUID = 1L;

    private final String out;
    /** This instance's graphs and input sets, opened on the worker: never serialized with the function. */
    private transient UnitRunner runner;

    public SimulateUnitsFn(String out) {
        this.out = out;
    }

    @Setup
    public void setup() {
        runner = new UnitRunner();
    }

    @ProcessElement
    public void process(@Element WorkUnit unit, OutputReceiver<UnitWriter.Summary> receiver) {
        receiver.output(UnitWriter.write(Path.of(out), unit, runner.run(unit)));
    }

    /** Lets the cached graphs and input sets (an input set may hold a whole data set) go with the worker. */
    @Teardown
    public void teardown() {
        runner = null;
    }
}
