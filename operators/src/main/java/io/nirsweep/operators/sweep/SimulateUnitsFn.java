package io.nirsweep.operators.sweep;

import java.nio.file.Path;
import org.apache.beam.sdk.transforms.DoFn;

/** Simulates each work unit it receives and writes its rows; emits what the unit wrote. */
public final class SimulateUnitsFn extends DoFn<WorkUnit, UnitWriter.Summary> {
    private static final long serialVersionUID = 1L;

    private final String out;

    public SimulateUnitsFn(String out) {
        this.out = out;
    }

    @ProcessElement
    public void process(@Element WorkUnit unit, OutputReceiver<UnitWriter.Summary> receiver) {
        receiver.output(UnitWriter.write(Path.of(out), unit, UnitRunner.run(unit)));
    }
}
