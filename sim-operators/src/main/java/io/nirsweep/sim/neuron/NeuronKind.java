package io.nirsweep.sim.neuron;

import io.nirsweep.model.CubaLI;
import io.nirsweep.model.CubaLIF;
import io.nirsweep.model.I;
import io.nirsweep.model.IF;
import io.nirsweep.model.LI;
import io.nirsweep.model.LIF;
import io.nirsweep.model.NirNode;
import java.util.EnumMap;
import java.util.Map;

/** NIR's neuron node types: a backend names the step it runs for each. */
public enum NeuronKind {
    I, LI, IF, LIF, CUBA_LI, CUBA_LIF;

    /** The kind of a node, or null when it is not a neuron. */
    public static NeuronKind of(NirNode node) {
        if (node instanceof I) {
            return I;
        }
        if (node instanceof LI) {
            return LI;
        }
        if (node instanceof IF) {
            return IF;
        }
        if (node instanceof LIF) {
            return LIF;
        }
        if (node instanceof CubaLI) {
            return CUBA_LI;
        }
        if (node instanceof CubaLIF) {
            return CUBA_LIF;
        }
        return null;
    }

    /** The same step for every kind. */
    public static Map<NeuronKind, NeuronStepFactory> every(NeuronStepFactory step) {
        return these(step, values());
    }

    /** The same step for these kinds; the others have none (the backend cannot run them). */
    public static Map<NeuronKind, NeuronStepFactory> these(NeuronStepFactory step, NeuronKind... kinds) {
        Map<NeuronKind, NeuronStepFactory> map = new EnumMap<>(NeuronKind.class);
        for (NeuronKind k : kinds) {
            map.put(k, step);
        }
        return map;
    }
}
