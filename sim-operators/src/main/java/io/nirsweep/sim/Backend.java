package io.nirsweep.sim;

import java.util.Objects;

/**
 * How a simulator discretises and executes NIR's continuous-time graph: a backend is data — a set of named
 * numeric choices — not a copy of the engine. The graph carries no dt; it is given to {@link GraphCompiler#compile}.
 *
 * <p>Common to every backend: edges are identity connections whose values arrive in the same step (layer latency
 * 0) unless the backend's {@link ImportRules} delay them (Nengo's synapses) or a spike test decides before the
 * input (Spyx); several edges into one node are summed; a loop with no such latency delivers, on one edge, the
 * value its source had one step earlier (zero at step 0). An input value is held constant for the whole step (a
 * spike is a value-1 pulse one dt long, as every NIR importer treats it).
 *
 * @param name the one word users name it by
 * @param description one line for {@code nirsweep backends}
 * @param integrator how neuron state advances over one step
 * @param spikeTest when a neuron spikes
 * @param reset what a spike does to the membrane
 * @param precision the number type of neuron state
 * @param cycleDelay which edge of a loop carries its one-step delay
 * @param rules what the simulator's importer does to a graph before the engine runs it (rescaled parameters,
 *     substituted or refused nodes, per-node exceptions to these choices, extra latencies)
 */
public record Backend(String name, String description, Integrator integrator, SpikeTest spikeTest, Reset reset,
        Precision precision, CycleDelay cycleDelay, ImportRules rules) {
    public Backend {
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(integrator, "integrator");
        Objects.requireNonNull(spikeTest, "spikeTest");
        Objects.requireNonNull(reset, "reset");
        Objects.requireNonNull(precision, "precision");
        Objects.requireNonNull(cycleDelay, "cycleDelay");
    }

    /** A backend whose cycles are delayed where the depth-first walk closes them ({@link CycleDelay#CLOSING_EDGE}). */
    public Backend(String name, String description, Integrator integrator, SpikeTest spikeTest, Reset reset,
            Precision precision) {
        this(name, description, integrator, spikeTest, reset, precision, CycleDelay.CLOSING_EDGE);
    }

    /** A backend that runs the graph as the file states it ({@link ImportRules#NONE}). */
    public Backend(String name, String description, Integrator integrator, SpikeTest spikeTest, Reset reset,
            Precision precision, CycleDelay cycleDelay) {
        this(name, description, integrator, spikeTest, reset, precision, cycleDelay, ImportRules.NONE);
    }

    /** Which edge of a recurrent loop carries the one-step delay. */
    public enum CycleDelay {
        /**
         * The edge that closes the cycle in a depth-first walk from the inputs: for a neuron with a recurrent
         * Affine, the Affine's output (bias included) arrives a step late and is zero at step 0 (Norse).
         */
        CLOSING_EDGE,
        /**
         * For a neuron ⇄ linear-map loop (a recurrent Affine/Linear fed only by the neuron), the neuron's spikes
         * arrive at the map a step late; the map, bias included, acts in the same step (snnTorch's RSynaptic:
         * W_rec·s[t−1] + b_rec, the bias present from step 0).
         */
        NEURON_OUTPUT
    }

    /** The choices as table cells: integrator, spike test, reset, latency, spikes per step, numbers. */
    public java.util.List<String> choices() {
        String latency = spikeTest == SpikeTest.PREVIOUS_STEP ? "+1 step per spiking layer" : "0";
        if (!rules.latency().isEmpty()) {
            latency = rules.latency();
        }
        String loops = cycleDelay == CycleDelay.CLOSING_EDGE ? "recurrent map's output 1 step late (0 at step 0)"
                : "spikes 1 step late into the recurrent map";
        if (spikeTest == SpikeTest.PREVIOUS_STEP) {
            latency += "; loops: no further delay";
        } else if (!rules.latency().isEmpty()) {
            latency += "; loops without such an edge: " + loops;
        } else {
            latency += "; loops: " + loops;
        }
        String resets = reset.summary + (rules.resetExceptions().isEmpty() ? "" : "; " + rules.resetExceptions());
        String spikes = integrator == Integrator.EXACT || reset == Reset.SUBTRACT_ALL ? "several (count)"
                : "at most one";
        return java.util.List.of(integrator.summary, spikeTest.summary, resets, latency, spikes, precision.summary);
    }

    /** How neuron state advances over one step of length dt with the input held constant. */
    public enum Integrator {
        /**
         * Exact exponential integration of the ODEs with step-constant input. A threshold crossing inside the
         * step is located exactly; the neuron resets at that instant and integration continues for the rest of
         * the step, so a step may hold several spikes (the output is their count).
         */
        EXACT("exact exponential, crossings located within the step"),
        /**
         * Forward Euler: every derivative is evaluated at the start of the step (a CubaLIF's membrane sees the
         * synaptic current of the previous step); the spike test and reset follow at the end of the step.
         * LIF: v ← v + dt/τ·(v_leak − v + R·x).
         */
        EULER("forward Euler (derivatives at the start of the step)"),
        /**
         * Forward Euler that updates a CubaLIF's synaptic current first and lets the membrane see the new current
         * (i ← i + dt/τ_syn·(w_in·x − i); v ← v + dt/τ_mem·(v_leak − v + R·i_new)), as Norse and snnTorch step
         * (platforms.md §4.1, §4.2). Identical to {@link #EULER} for neurons without a synapse.
         */
        EULER_CURRENT_FIRST("forward Euler, synaptic current updated first"),
        /**
         * Exact decay with a forward-Euler input gain (Rockpool, Sinabs; platforms.md §4.4, §4.5):
         * v ← e^{−dt/τ}·v + dt/τ·(v_leak + R·x), the current of a Cuba model likewise and updated first. With
         * θ = 0.1 it fires E1's neuron at 450/500: the decay is weaker than Euler's and the gain stronger than
         * the exact one.
         */
        EXACT_DECAY_EULER_INPUT("exact decay, forward-Euler input gain"),
        /**
         * Exact exponential membrane for the step's input, spike test at the end of the step (Nengo's LIF,
         * platforms.md §4.6): v ← v∞ + (v − v∞)·e^{−dt/τ} with v∞ = v_leak + R·u; a synaptic current, where there is
         * one, advances first by forward Euler (Nengo's discrete Lowpass) and u is the new current.
         */
        EXACT_MEMBRANE("exact membrane decay, Euler synapse first; test at the end of the step"),
        /**
         * lava-dl's CUBA neuron in fixed point (platforms.md §4.7): current and voltage are integers at a state
         * scale S (4096 for CubaLIF, 262144 for IF), decays 12-bit (round(d·4096)), products shifted right by 12
         * toward zero: i ← rz(i·(4096 − d_i)) + trunc(S·x); v ← rz(v·(4096 − d_v)) + i.
         */
        FIXED_POINT_CUBA("lava-dl CUBA: 12-bit decays, integer states, products rounded toward zero"),
        /**
         * Lava's bit-accurate LIF (Loihi 2's arithmetic, {@link LoihiLifKernel}): 12-bit decays, u wrapping and v
         * saturating at 24 bits, activation shifted left by 6, products rounded toward zero.
         */
        FIXED_POINT_LOIHI("Loihi 2 LIF: 12-bit decays, 24-bit u and v, products rounded toward zero");

        final String summary;

        Integrator(String summary) {
            this.summary = summary;
        }
    }

    /** When a neuron spikes, tested on the membrane at the end of the step (after integration). */
    public enum SpikeTest {
        /** v &gt; v_threshold, as NIR's Heaviside H(v − θ) defines it. */
        GREATER("v > θ"),
        /** v ≥ v_threshold. */
        GREATER_OR_EQUAL("v ≥ θ"),
        /**
         * s_t = [v_{t−1} &gt; θ], decided before the step's input arrives (Spyx, platforms.md §4.3): the spike is
         * emitted at the start of step t, the membrane then loses θ and integrates x_t. Each spiking layer adds
         * one step of latency; a recurrent map sees this step's spikes.
         */
        PREVIOUS_STEP("v_{t−1} > θ (decided before the step's input)"),
        /**
         * v ≥ S·θ_q + 0.01 in lava-dl's integer units, θ_q = trunc(θ·scale)/scale (platforms.md §4.7): for integer
         * states the same as v &gt; S·θ_q.
         */
        FIXED_POINT_GREATER("v ≥ θ_q + 0.01/S (θ quantised to 1/scale)");

        final String summary;

        SpikeTest(String summary) {
            this.summary = summary;
        }
    }

    /** What a spike does to the membrane. */
    public enum Reset {
        /** v ← v_reset (NIR ≥ 1.0.6; zero in older files). */
        TO_V_RESET("v ← v_reset"),
        /** v ← 0 whatever the file's v_reset (importers that never read it: snnTorch, Norse, Nengo, lava-dl). */
        TO_ZERO("v ← 0 (v_reset ignored)"),
        /** v ← v − v_threshold (NIR ≤ 1.0.5 docstrings, snnTorch/Spyx/Rockpool "subtract"). */
        SUBTRACT("v ← v − θ"),
        /**
         * snnTorch's subtract with its bookkeeping (reset_delay=False, platforms.md §4.1): with r = [v_prev &gt; θ]
         * of the stored membrane, v ← integrated v − r·θ; s = [v &gt; θ]; v ← v − (s − r)·θ. Normally r = 0 and
         * this is {@link #SUBTRACT}; when a membrane still exceeds θ after a subtraction, the next step subtracts
         * again and adds θ back if it does not fire.
         */
        SUBTRACT_SNNTORCH("v ← v − θ, with snnTorch's r = [v_prev > θ] bookkeeping"),
        /** n = ⌊v/θ⌋ spikes when the test passes, v ← v − n·θ: several spikes per step (Rockpool, Sinabs). */
        SUBTRACT_ALL("n = ⌊v/θ⌋ spikes, v ← v − n·θ");

        final String summary;

        Reset(String summary) {
            this.summary = summary;
        }
    }

    /** The number type neuron state is kept in (weights and activations are float32 throughout). */
    public enum Precision {
        /** State in float64. */
        FLOAT64("float32 weights and activations, float64 state"),
        /** State rounded to float32 after every update, as PyTorch and JAX simulators keep it. */
        FLOAT32("float32 throughout"),
        /** Integer neuron state at a power-of-two scale, float32 weights (lava-dl). */
        FIXED_POINT("integer states (1/4096, IF 1/262144), float32 weights"),
        /** Loihi 2's integers: 8-bit weights, 24-bit current and voltage (Lava's bit-accurate model). */
        FIXED_POINT_LOIHI("8-bit weights, 24-bit integer u and v");

        final String summary;

        Precision(String summary) {
            this.summary = summary;
        }
    }
}
