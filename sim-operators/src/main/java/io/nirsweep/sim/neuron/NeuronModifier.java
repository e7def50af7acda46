package io.nirsweep.sim.neuron;

import java.util.Arrays;

/**
 * What an importer's rule changes about the step of one node, relative to the step the backend chose for the node's
 * kind: a modifier composes with whatever integrator, spike test, reset and number type the backend (or a recombined
 * {@code Recipe}) names, so changing those choices still changes the node. A step that cannot take the modifier
 * refuses it ({@link NeuronStepFactory#modified}).
 */
public sealed interface NeuronModifier {
    /** The aspect of the step it sets, one word or two: two rules that set the same aspect of a node conflict. */
    String aspect();

    /** v ← max(v, floor) after the reset (a membrane floor: Nengo's v ≥ 0, Sinabs' min_v_mem). */
    record Floor(double[] floor) implements NeuronModifier {
        @Override
        public String aspect() {
            return "floor";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Floor f && Arrays.equals(floor, f.floor);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(floor);
        }
    }

    /** At most {@code cap} spikes counted per step (under {@link Reset#SUBTRACT_ALL}; no effect otherwise). */
    record MaxSpikes(double cap) implements NeuronModifier {
        @Override
        public String aspect() {
            return "spikes per step";
        }
    }

    /** A synaptic current relaxes to the neuron's v_leak instead of 0. */
    record SynapseRestsAtVLeak() implements NeuronModifier {
        @Override
        public String aspect() {
            return "synapse rest";
        }
    }

    /**
     * When the reset acts relative to the decay, for spikes decided from the previous step's membrane: a refinement
     * of {@link SpikeTiming#PREVIOUS_STEP}. With spikes decided in the same step the reset follows the test and this
     * modifier changes nothing, so a step's spike timing can be changed without dropping the importer's rule.
     */
    record ResetAt(ResetTiming timing) implements NeuronModifier {
        @Override
        public String aspect() {
            return "reset";
        }
    }

    /** The node resets this way whatever the backend's reset (an importer that substitutes another neuron). */
    record ResetAs(Reset reset, ResetVariant variant) implements NeuronModifier {
        @Override
        public String aspect() {
            return "reset";
        }
    }
}
