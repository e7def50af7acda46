package io.nirsweep.pipeline.config;

import java.io.Serializable;

/**
 * Factors one backend of a sweep runs with on top of every grid point's: a backend listed in the config as
 * {@code {name: euler, threshold_scale: 0.95}} runs each cell's model with its time constants and thresholds scaled
 * by the point's factor times these. The cells keep the grid point as their {@code params}, so the backend's rows
 * still pair with the other backends' in a report — which is what this is for: a "what if this one backend
 * behaved differently" run, and a nightly report's check that a changed backend is caught.
 */
public record BackendScales(double tauScale, double thresholdScale) implements Serializable {
    /** No change. */
    public static final BackendScales NONE = new BackendScales(1, 1);

    public boolean isNone() {
        return equals(NONE);
    }

    /** As the cell id's digest and run.json's readers see it. */
    @Override
    public String toString() {
        return "tau_scale×" + CanonicalJson.number(tauScale) + ",threshold_scale×"
                + CanonicalJson.number(thresholdScale);
    }
}
