package io.nirsweep.sim.backend;

import io.nirsweep.sim.SimulationException;
import io.nirsweep.sim.neuron.FloatNeurons;
import io.nirsweep.sim.neuron.NeuronKind;
import io.nirsweep.sim.neuron.NeuronStepFactory;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a simulator or chip executes NIR's continuous-time graph: a backend is data — the neuron step it runs for
 * each neuron kind, what its importer does to a graph, where loops take their delay — not a copy of the engine.
 * The graph carries no dt; it is given to the compiler. {@link Recipe#of} decomposes a backend into its named choices
 * and {@link Recipe#build} makes one from any consistent combination of them (docs/choices.md).
 *
 * <p>Common to every backend: edges are identity connections whose values arrive in the same step (layer latency
 * 0) unless the backend's {@link ImportRules} delay them or a neuron decides its spikes before its input; several
 * edges into one node are summed; a loop with no such latency delivers, on one edge, the value its source had one
 * step earlier (zero at step 0). An input value is held constant for the whole step (a spike is a value-1 pulse
 * one dt long, as every NIR importer treats it).
 *
 * @param name the one word users name it by
 * @param kind a software simulator, or a chip's arithmetic
 * @param description one line for {@code nirsweep backends}
 * @param version the release, commit or toolchain whose behaviour it reproduces, and the evidence: {@code NAME@ID}
 *     names this version ({@link Backends#byName})
 * @param neurons the step for each neuron kind it runs; a kind it lacks is refused, naming the node
 * @param rules what the platform's importer does to a graph before the engine runs it (rescaled parameters,
 *     substituted or refused nodes, per-node steps, extra latencies)
 * @param cycleDelay which edge of a loop carries its one-step delay
 */
public record Backend(String name, Kind kind, String description, Version version,
        Map<NeuronKind, NeuronStepFactory> neurons, ImportRules rules, CycleDelay cycleDelay) {
    public Backend {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(cycleDelay, "cycleDelay");
        Objects.requireNonNull(neurons, "neurons");
        if (neurons.isEmpty()) {
            throw new IllegalArgumentException("backend " + name + " runs no neuron kind");
        }
        neurons = Map.copyOf(neurons);
    }

    /**
     * A simulator backend that runs the graph as the file states it, with the same floating-point step for every
     * neuron kind and loops delayed where the depth-first walk closes them (for tests and experiments).
     */
    public static Backend of(String name, FloatNeurons neurons) {
        return new Backend(name, Kind.SIMULATOR, name, new Version("nir", "NIR's equations", "NIR's equations"),
                NeuronKind.every(neurons), ImportRules.NONE, CycleDelay.CLOSING_EDGE);
    }

    /** The release it reproduces, in a few words. */
    public String reproduces() {
        return version.release();
    }

    /** {@code NAME@ID}: this backend at its version, whichever version the bare name stands for. */
    public String id() {
        return name + "@" + version.id();
    }

    /** Software that simulates a network, or a chip whose arithmetic the backend reproduces. */
    public enum Kind {
        SIMULATOR("simulator"),
        HARDWARE("hardware");

        public final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    /** Which edge of a recurrent loop carries the one-step delay. */
    public enum CycleDelay {
        /**
         * The edge that closes the cycle in a depth-first walk from the inputs: for a neuron with a recurrent
         * Affine, the Affine's output (bias included) arrives a step late and is zero at step 0.
         */
        CLOSING_EDGE("recurrent map's output 1 step late (0 at step 0)"),
        /**
         * For a neuron ⇄ linear-map loop (a recurrent Affine/Linear fed only by the neuron), the neuron's spikes
         * arrive at the map a step late; the map, bias included, acts in the same step (W_rec·s[t−1] + b_rec, the
         * bias present from step 0).
         */
        NEURON_OUTPUT("spikes 1 step late into the recurrent map");

        final String summary;

        CycleDelay(String summary) {
            this.summary = summary;
        }
    }

    /**
     * The step a neuron node of this kind runs unless the importer chose another, or null when the backend has
     * none (or {@code kind} is null: not a neuron).
     */
    public NeuronStepFactory neuronStep(NeuronKind kind) {
        return kind == null ? null : neurons.get(kind);
    }

    /**
     * Refuses a sweep's {@code weight_bits} unless the platform takes it (see {@link ImportRules#weightBitsRefusal}).
     *
     * @param bits the width, or null for the file's weights (always taken)
     * @throws SimulationException saying why the backend does not take it
     */
    public void requireWeightBits(Integer bits) {
        String refusal = bits == null ? null : rules.weightBitsRefusal(bits);
        if (refusal != null) {
            throw new SimulationException(null, "weight_bits " + bits + ": the " + name + " backend does not take "
                    + "it: " + refusal);
        }
    }

    /**
     * The choices as table cells: integrator, spike test, reset, latency, spikes per step, numbers — of the step its
     * neurons run (every backend here runs one step family for all its kinds; the first kind's is shown).
     */
    public List<String> choices() {
        NeuronStepFactory.Summary s = neurons.get(firstKind()).summary();
        String latency = !rules.latency().isEmpty() ? rules.latency() : s.latency().isEmpty() ? "0" : s.latency();
        if (!s.latency().isEmpty()) {
            latency += "; loops: no further delay";
        } else if (!rules.latency().isEmpty()) {
            latency += "; loops without such an edge: " + cycleDelay.summary;
        } else {
            latency += "; loops: " + cycleDelay.summary;
        }
        String resets = s.reset() + (rules.resetExceptions().isEmpty() ? "" : "; " + rules.resetExceptions());
        return List.of(s.integrator(), s.spikeTest(), resets, latency, s.spikesPerStep(), s.numbers());
    }

    private NeuronKind firstKind() {
        for (NeuronKind k : NeuronKind.values()) {
            if (neurons.containsKey(k)) {
                return k;
            }
        }
        throw new IllegalStateException("no neuron kind");
    }
}
