package io.nirsweep.model;

import java.util.Map;

/** Per-element delay: y(t) = x(t − τ), τ in seconds (the paper's unit; the reference leaves it unstated). */
public record Delay(NdArray delay, Metadata metadata) implements Elementwise {
    public Delay {
        Checks.required(delay, "delay");
        for (int i = 0; i < delay.size(); i++) {
            double d = delay.getDouble(i);
            if (!(d >= 0) || Double.isInfinite(d)) {
                throw NirException.value("delay", "must be finite and >= 0, has " + d + " at index " + i);
            }
        }
    }

    @Override
    public NdArray shapeParameter() {
        return delay;
    }

    @Override
    public Map<String, Param> storedParams() {
        return Checks.params("delay", delay);
    }

    @Override
    public Delay withMetadata(Metadata m) {
        return new Delay(delay, m);
    }
}
