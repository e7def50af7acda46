package io.nirsweep.sim.neuron;

import io.nirsweep.model.CubaLI;
import io.nirsweep.model.CubaLIF;
import io.nirsweep.model.I;
import io.nirsweep.model.IF;
import io.nirsweep.model.LI;
import io.nirsweep.model.LIF;
import io.nirsweep.model.NdArray;
import io.nirsweep.model.NirNode;

/**
 * A neuron node's parameters, one value per neuron (NIR spec §3.7), as an importer hands them to a step: arrays the
 * neuron type lacks are null. With x the summed input held constant over the step:
 *
 * <pre>
 *   synapse (Cuba only):  τ_syn·di/dt = −i + w_in·x              membrane input  u = R·i   (else u = R·x)
 *   leaky membrane:       τ·dv/dt     = (v_leak − v) + u          (LI, LIF, CubaLI, CubaLIF)
 *   integrator membrane:  dv/dt       = u                         (I, IF)
 *   spiking (IF, LIF, CubaLIF): z = [v &gt; v_threshold], then v ← v_reset
 * </pre>
 */
public record NeuronParams(double[] r, double[] tau, double[] vLeak, double[] vThreshold, double[] vReset,
        double[] tauSyn, double[] wIn) {

    /** The parameters of a neuron node as the file states them, or null for other nodes. */
    public static NeuronParams of(NirNode node) {
        if (node instanceof I n) {
            return new NeuronParams(d(n.r()), null, null, null, null, null, null);
        }
        if (node instanceof IF n) {
            return new NeuronParams(d(n.r()), null, null, d(n.vThreshold()), d(n.vReset()), null, null);
        }
        if (node instanceof LI n) {
            return new NeuronParams(d(n.r()), d(n.tau()), d(n.vLeak()), null, null, null, null);
        }
        if (node instanceof LIF n) {
            return new NeuronParams(d(n.r()), d(n.tau()), d(n.vLeak()), d(n.vThreshold()), d(n.vReset()), null, null);
        }
        if (node instanceof CubaLI n) {
            return new NeuronParams(d(n.r()), d(n.tauMem()), d(n.vLeak()), null, null, d(n.tauSyn()), d(n.wIn()));
        }
        if (node instanceof CubaLIF n) {
            return new NeuronParams(d(n.r()), d(n.tauMem()), d(n.vLeak()), d(n.vThreshold()), d(n.vReset()),
                    d(n.tauSyn()), d(n.wIn()));
        }
        return null;
    }

    /** The parameters by NIR's names, in the order {@link #get} takes them. */
    public static final java.util.List<String> NAMES = java.util.List.of("r", "tau", "v_leak", "v_threshold",
            "v_reset", "tau_syn", "w_in");

    /** One parameter by its NIR name ({@link #NAMES}), or null when the neuron type lacks it. */
    public double[] get(String name) {
        return switch (name) {
            case "r" -> r;
            case "tau" -> tau;
            case "v_leak" -> vLeak;
            case "v_threshold" -> vThreshold;
            case "v_reset" -> vReset;
            case "tau_syn" -> tauSyn;
            case "w_in" -> wIn;
            default -> throw new IllegalArgumentException("no neuron parameter '" + name + "'");
        };
    }

    private static double[] d(NdArray a) {
        return a.toDoubleArray();
    }

    public boolean leaky() {
        return tau != null;
    }

    public boolean spiking() {
        return vThreshold != null;
    }

    public boolean cuba() {
        return tauSyn != null;
    }

    public int size() {
        return r.length;
    }

    public NeuronParams withR(double[] x) {
        return new NeuronParams(x, tau, vLeak, vThreshold, vReset, tauSyn, wIn);
    }

    /** Leaky with this τ (an IF becomes a LIF with v_leak 0, as an importer may substitute it). */
    public NeuronParams withTau(double[] x) {
        return new NeuronParams(r, x, vLeak != null ? vLeak : new double[r.length], vThreshold, vReset, tauSyn, wIn);
    }

    public NeuronParams withThreshold(double[] x) {
        return new NeuronParams(r, tau, vLeak, x, vReset, tauSyn, wIn);
    }

    public NeuronParams withReset(double[] x) {
        return new NeuronParams(r, tau, vLeak, vThreshold, x, tauSyn, wIn);
    }

    public NeuronParams withWIn(double[] x) {
        return new NeuronParams(r, tau, vLeak, vThreshold, vReset, tauSyn, x);
    }
}
