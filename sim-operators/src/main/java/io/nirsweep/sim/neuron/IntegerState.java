package io.nirsweep.sim.neuron;

/**
 * One sample's state of a neuron kept in integers (a fixed-point arithmetic): synaptic current and voltage, and
 * the rounding such arithmetics share.
 */
public final class IntegerState {
    public final long[] current;
    public final long[] voltage;

    public IntegerState(int n) {
        current = new long[n];
        voltage = new long[n];
    }

    /** p / 4096 rounded toward zero: a right shift by 12 of |p| with the sign restored. */
    public static long towardZero(long p) {
        return p >= 0 ? p >> 12 : -((-p) >> 12);
    }
}
