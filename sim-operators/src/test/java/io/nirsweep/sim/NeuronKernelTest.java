package io.nirsweep.sim;

import io.nirsweep.model.CubaLI;
import io.nirsweep.model.CubaLIF;
import io.nirsweep.model.I;
import io.nirsweep.model.IF;
import io.nirsweep.model.Input;
import io.nirsweep.model.LI;
import io.nirsweep.model.LIF;
import io.nirsweep.model.NirGraph;
import io.nirsweep.model.NirNode;
import io.nirsweep.model.Output;
import io.nirsweep.sim.backend.Backend;
import io.nirsweep.sim.backend.Backends;
import io.nirsweep.sim.neuron.FloatNeurons;
import io.nirsweep.sim.neuron.Precision;
import io.nirsweep.sim.neuron.Reset;
import io.nirsweep.sim.neuron.Scheme;
import io.nirsweep.sim.neuron.SpikeTest;
import static io.nirsweep.sim.Sim.DT;
import static io.nirsweep.sim.Sim.constant;
import static io.nirsweep.sim.Sim.none;
import static io.nirsweep.sim.Sim.typed;
import static io.nirsweep.sim.Sim.v;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every neuron under both reference backends at dt = 1e-4 s, against values derived by hand (or, for the
 * current-based neurons under exact integration, against an independent fine-step Runge–Kutta solution).
 */
class NeuronKernelTest {
    private static NirGraph single(NirNode neuron) {
        return typed(NirGraph.builder().node("input", Input.of(1)).node("n", neuron).node("output", Output.of(null))
                .chain("input", "n", "output"));
    }

    private static float[] out(NirNode neuron, Backend b, float x, int steps) {
        return Sim.run(single(neuron), b, constant(steps, x), steps, List.of("n"), List.of()).get("n");
    }

    private static float[] membrane(NirNode neuron, Backend b, float x, int steps) {
        return Sim.run(single(neuron), b, constant(steps, x), steps, List.of(), List.of("n")).get("n#v");
    }

    @Test
    void integratorAddsDtTimesRTimesInput() {
        // dv/dt = R·x: 2 · 1 · 1e-4 per step, exact and Euler alike.
        for (Backend b : List.of(Backends.require("euler"), Backends.require("exact"))) {
            assertArrayEquals(new float[] {2e-4f, 4e-4f, 6e-4f}, out(new I(v(2), none()), b, 1f, 3), 1e-12f);
        }
    }

    @Test
    void leakyIntegratorEulerAndExact() {
        LI li = new LI(v(1e-3), v(1), v(0), none());
        // Euler: v ← v + 0.1·(1 − v): 0.1, 0.19, 0.271
        assertArrayEquals(new float[] {0.1f, 0.19f, 0.271f}, out(li, Backends.require("euler"), 1f, 3), 1e-7f);
        // Exact: v(t) = 1 − e^{−t/τ}: 1 − e^{−0.1}, 1 − e^{−0.2}, 1 − e^{−0.3}
        assertArrayEquals(new float[] {(float) (1 - Math.exp(-0.1)), (float) (1 - Math.exp(-0.2)),
            (float) (1 - Math.exp(-0.3))}, out(li, Backends.require("exact"), 1f, 3), 1e-7f);
    }

    @Test
    void leakyIntegratorRelaxesToVLeak() {
        LI li = new LI(v(1e-3), v(1), v(0.5), none());
        // No input: Euler v ← v + 0.1·(0.5 − v): 0.05; exact 0.5·(1 − e^{−0.1})
        assertEquals(0.05f, out(li, Backends.require("euler"), 0f, 1)[0], 1e-8f);
        assertEquals((float) (0.5 * (1 - Math.exp(-0.1))), out(li, Backends.require("exact"), 0f, 1)[0], 1e-8f);
    }

    @Test
    void integrateAndFire() {
        IF neuron = new IF(v(1), v(1.6e-4), v(0), none());
        // Euler: v = 1e-4, then 2e-4 > 1.6e-4 → spike, v ← 0; then 1e-4, then spike again.
        assertArrayEquals(new float[] {0, 1, 0, 1}, out(neuron, Backends.require("euler"), 1f, 4));
        assertArrayEquals(new float[] {1e-4f, 0, 1e-4f, 0}, membrane(neuron, Backends.require("euler"), 1f, 4), 1e-12f);
        // Exact: the crossing at t = 1.6e-4 s falls inside step 1; reset there, 0.4e-4 s of integration remain:
        // v = 0.4e-4 at the end of step 1, then 1.4e-4 at step 2, then a crossing 0.2e-4 s into step 3 → 0.8e-4.
        assertArrayEquals(new float[] {0, 1, 0, 1}, out(neuron, Backends.require("exact"), 1f, 4));
        assertArrayEquals(new float[] {1e-4f, 0.4e-4f, 1.4e-4f, 0.8e-4f}, membrane(neuron, Backends.require("exact"), 1f, 4),
                1e-12f);
    }

    @Test
    void integrateAndFireResetsToVReset() {
        IF neuron = new IF(v(1), v(1.5e-4), v(-1e-4), none());
        assertArrayEquals(new float[] {1e-4f, -1e-4f}, membrane(neuron, Backends.require("euler"), 1f, 2), 1e-12f);
    }

    @Test
    void exactIntegrateAndFireCountsSeveralSpikesInOneStep() {
        // Slope R·x = 10 per second... here x = 35: v rises 35e-4 per step; θ = 1e-3 → crossings at
        // 1e-3/35 s intervals: 3 inside the first step (at 0.286e-4, 0.571e-4, 0.857e-4), v = 35e-4 − 3e-3 = 5e-4.
        IF neuron = new IF(v(1), v(1e-3), v(0), none());
        assertEquals(3f, out(neuron, Backends.require("exact"), 35f, 1)[0]);
        assertEquals(5e-4f, membrane(neuron, Backends.require("exact"), 35f, 1)[0], 1e-9f);
    }

    @Test
    void leakyIntegrateAndFire() {
        LIF lif = new LIF(v(1e-3), v(1), v(0), v(0.15), v(0), none());
        // Euler: 0.1, then 0.19 > 0.15 → spike, v ← 0.
        assertArrayEquals(new float[] {0, 1}, out(lif, Backends.require("euler"), 1f, 2));
        assertArrayEquals(new float[] {0.1f, 0}, membrane(lif, Backends.require("euler"), 1f, 2), 1e-7f);
        // Exact: v(t) = 1 − e^{−t/τ} reaches 0.15 at t* = −τ·ln(0.85) = 1.6252e-4 s (in step 1); after the reset
        // v = 1 − e^{−(2e-4 − t*)/τ}.
        double tStar = -1e-3 * Math.log(0.85);
        assertArrayEquals(new float[] {0, 1}, out(lif, Backends.require("exact"), 1f, 2));
        assertArrayEquals(new float[] {(float) (1 - Math.exp(-0.1)), (float) (1 - Math.exp(-(2e-4 - tStar) / 1e-3))},
                membrane(lif, Backends.require("exact"), 1f, 2), 1e-7f);
    }

    @Test
    void currentBasedEulerUsesThePreviousCurrent() {
        // τ_syn = 2e-4 (dt/τ_syn = 0.5), τ_mem = 1e-3 (0.1), R = 1, w_in = 1, x = 1:
        // i: 0.5, 0.75, 0.875; v uses the current before each update: 0, 0.05, 0.05 + 0.1·(0.75 − 0.05) = 0.12.
        CubaLI neuron = new CubaLI(v(2e-4), v(1e-3), v(1), v(0), v(1), none());
        assertArrayEquals(new float[] {0f, 0.05f, 0.12f}, out(neuron, Backends.require("euler"), 1f, 3), 1e-7f);
    }

    @Test
    void currentFirstEulerLetsTheMembraneSeeTheNewCurrent() {
        // Same neuron as above; i: 0.5, 0.75, 0.875 and v sees the new i: 0.05, 0.05 + 0.1·(0.75 − 0.05) = 0.12,
        // 0.12 + 0.1·(0.875 − 0.12) = 0.1955.
        Backend currentFirst = Backend.of("t", new FloatNeurons(Scheme.EULER_CURRENT_FIRST, SpikeTest.GREATER,
                Reset.TO_V_RESET, Precision.FLOAT64));
        CubaLI neuron = new CubaLI(v(2e-4), v(1e-3), v(1), v(0), v(1), none());
        assertArrayEquals(new float[] {0.05f, 0.12f, 0.1955f}, out(neuron, currentFirst, 1f, 3), 1e-7f);
    }

    @Test
    void currentBasedExactMatchesAFineRungeKuttaSolution() {
        double tauSyn = 2e-4;
        double tauMem = 1e-3;
        double r = 2;
        double wIn = 1.5;
        CubaLI neuron = new CubaLI(v(tauSyn), v(tauMem), v(r), v(0.1), v(wIn), none());
        float[] exact = out(neuron, Backends.require("exact"), 1f, 5);
        double[] reference = rungeKutta(tauSyn, tauMem, r, 0.1, wIn, 1.0, 5);
        for (int t = 0; t < 5; t++) {
            assertEquals(reference[t], exact[t], 1e-7, "step " + t);
        }
        // τ_syn = τ_mem takes the degenerate closed form.
        float[] equal = out(new CubaLI(v(1e-3), v(1e-3), v(r), v(0), v(wIn), none()), Backends.require("exact"), 1f, 5);
        double[] equalReference = rungeKutta(1e-3, 1e-3, r, 0, wIn, 1.0, 5);
        for (int t = 0; t < 5; t++) {
            assertEquals(equalReference[t], equal[t], 1e-7, "equal taus, step " + t);
        }
    }

    @Test
    void currentBasedLifFiresWhereTheFineSolutionCrosses() {
        // Threshold crossed inside a step: exact integration must spike in the step the fine solution crosses.
        double th = 0.2;
        CubaLIF neuron = new CubaLIF(v(2e-4), v(1e-3), v(1), v(0), v(th), v(0), v(1), none());
        float[] spikes = out(neuron, Backends.require("exact"), 1f, 6);
        double[] fine = rungeKutta(2e-4, 1e-3, 1, 0, 1, 1.0, 6);
        int first = -1;
        for (int t = 0; t < 6 && first < 0; t++) {
            if (fine[t] > th) {
                first = t;
            }
        }
        for (int t = 0; t < first; t++) {
            assertEquals(0f, spikes[t], "step " + t);
        }
        assertEquals(1f, spikes[first], "step " + first);
    }

    /** v after each step of length dt, by 20,000 RK4 sub-steps per step (no threshold). */
    private static double[] rungeKutta(double tauSyn, double tauMem, double r, double vLeak, double wIn, double x,
            int steps) {
        double[] out = new double[steps];
        double i = 0;
        double v = 0;
        int sub = 20_000;
        double h = DT / sub;
        for (int t = 0; t < steps; t++) {
            for (int k = 0; k < sub; k++) {
                double[] k1 = deriv(i, v, tauSyn, tauMem, r, vLeak, wIn, x);
                double[] k2 = deriv(i + h / 2 * k1[0], v + h / 2 * k1[1], tauSyn, tauMem, r, vLeak, wIn, x);
                double[] k3 = deriv(i + h / 2 * k2[0], v + h / 2 * k2[1], tauSyn, tauMem, r, vLeak, wIn, x);
                double[] k4 = deriv(i + h * k3[0], v + h * k3[1], tauSyn, tauMem, r, vLeak, wIn, x);
                i += h / 6 * (k1[0] + 2 * k2[0] + 2 * k3[0] + k4[0]);
                v += h / 6 * (k1[1] + 2 * k2[1] + 2 * k3[1] + k4[1]);
            }
            out[t] = v;
        }
        return out;
    }

    private static double[] deriv(double i, double v, double tauSyn, double tauMem, double r, double vLeak,
            double wIn, double x) {
        return new double[] {(-i + wIn * x) / tauSyn, (vLeak - v + r * i) / tauMem};
    }

    @Test
    void float32PrecisionRoundsTheState() {
        Backend f32 = Backend.of("euler-f32", new FloatNeurons(Scheme.EULER, SpikeTest.GREATER,
                Reset.TO_V_RESET, Precision.FLOAT32));
        LI li = new LI(v(3e-4), v(1), v(0), none());
        Map<String, float[]> r = Sim.run(single(li), f32, constant(2, 1f), 2, List.of(), List.of("n"));
        // dt/τ = 1/3: v1 = 1/3 rounded to float; v2 = v1 + (1 − v1)/3 from the rounded v1.
        double v1 = (float) (1.0 / 3);
        assertEquals((float) v1, r.get("n#v")[0]);
        assertEquals((float) (v1 + (1 - v1) / 3), r.get("n#v")[1]);
    }

    @Test
    void greaterOrEqualFiresAtEqualityAndSubtractKeepsTheExcess() {
        // dt·R·x = 1e-4 per step (exactly twice 1e-4 after two steps): θ = 2e-4 is reached, not exceeded, at step 1.
        IF neuron = new IF(v(1), v(2e-4), v(0), none());
        Backend geq = Backend.of("t", new FloatNeurons(Scheme.EULER, SpikeTest.GREATER_OR_EQUAL,
                Reset.SUBTRACT, Precision.FLOAT64));
        assertArrayEquals(new float[] {0, 1, 0, 1}, out(neuron, geq, 1f, 4));
        assertArrayEquals(new float[] {0, 0, 1, 0}, out(neuron, Backends.require("euler"), 1f, 4));
        // Subtract: x = 3 gives 3e-4, 3e-4 − 2e-4 = 1e-4, then 4e-4 → 2e-4, then 5e-4 → 3e-4.
        assertArrayEquals(new float[] {1e-4f, 2e-4f, 3e-4f}, membrane(neuron, geq, 3f, 3), 1e-12f);
    }

    @Test
    void exactDecayEulerGainWithMultiSpikeSubtract() {
        Backend hybrid = Backend.of("t", new FloatNeurons(Scheme.EXACT_DECAY_EULER_INPUT, SpikeTest.GREATER_OR_EQUAL,
                Reset.SUBTRACT_ALL, Precision.FLOAT64));
        LIF lif = new LIF(v(1e-3), v(1), v(0), v(0.03), v(0), none());
        // v1 = 0.1 (gain dt/τ = 0.1) → ⌊0.1/0.03⌋ = 3 spikes, v = 0.01; v2 = e^{−0.1}·0.01 + 0.1 → 3 spikes again.
        double v2 = Math.exp(-0.1) * 0.01 + 0.1;
        assertArrayEquals(new float[] {3, 3}, out(lif, hybrid, 1f, 2));
        assertArrayEquals(new float[] {0.01f, (float) (v2 - 0.09)}, membrane(lif, hybrid, 1f, 2), 1e-9f);
    }
}
