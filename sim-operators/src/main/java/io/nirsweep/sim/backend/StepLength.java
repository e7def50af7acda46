package io.nirsweep.sim.backend;

import java.io.Serializable;
import java.math.BigDecimal;

/**
 * The step length a run asks for: a number of seconds, or {@link #NATIVE} — the dt the backend's importer uses when
 * its user passes none (snnTorch's hard-coded 1e-4 s, Norse's default 1e-3 s, Rockpool's guess from τ and R, Sinabs'
 * τ read as steps). A backend whose importer has no such dt refuses {@code NATIVE} (the reference backends).
 * Written {@code native} on the command line, in sweep grids and in a parameter point's JSON.
 */
public final class StepLength implements Serializable {
    private static final long serialVersionUID = 1L;
    /** How a run asks for the importer's own dt. */
    public static final String NATIVE_WORD = "native";
    /** The importer's own dt. */
    public static final StepLength NATIVE = new StepLength(Double.NaN);

    /** Seconds, or NaN for {@link #NATIVE} (never compared as a number: {@link #isNative} first). */
    private final double seconds;

    private StepLength(double seconds) {
        this.seconds = seconds;
    }

    /**
     * A given number of seconds.
     *
     * @throws IllegalArgumentException unless it is positive and finite
     */
    public static StepLength seconds(double seconds) {
        if (!(seconds > 0) || Double.isInfinite(seconds)) {
            throw new IllegalArgumentException("dt must be a positive number of seconds, is " + seconds);
        }
        return new StepLength(seconds);
    }

    /**
     * {@code native}, or a positive number of seconds ({@code 1e-4}).
     *
     * @throws IllegalArgumentException saying what is wrong with the text
     */
    public static StepLength parse(String text) {
        String t = text.strip();
        if (t.equals(NATIVE_WORD)) {
            return NATIVE;
        }
        double s;
        try {
            s = Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("dt must be a positive number of seconds or '" + NATIVE_WORD
                    + "', is '" + text + "'");
        }
        return seconds(s);
    }

    public boolean isNative() {
        return Double.isNaN(seconds);
    }

    /**
     * The seconds asked for.
     *
     * @throws IllegalStateException for {@link #NATIVE}, whose seconds only the backend's importer knows
     */
    public double seconds() {
        if (isNative()) {
            throw new IllegalStateException("dt native has no seconds until a backend's importer gives them");
        }
        return seconds;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StepLength s && Double.compare(seconds, s.seconds) == 0;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(seconds);
    }

    /** {@code native}, or the seconds in their shortest plain form ({@code 0.0001}). */
    @Override
    public String toString() {
        return isNative() ? NATIVE_WORD
                : new BigDecimal(Double.toString(seconds)).stripTrailingZeros().toPlainString();
    }

    private Object readResolve() {
        return isNative() ? NATIVE : this;
    }
}
