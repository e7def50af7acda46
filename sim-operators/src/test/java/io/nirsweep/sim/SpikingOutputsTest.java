package io.nirsweep.sim;

import io.nirsweep.model.NirGraph;
import io.nirsweep.model.hdf5.NirReader;
import io.nirsweep.sim.backend.Backend;
import io.nirsweep.sim.backend.Backends;
import io.nirsweep.sim.engine.GraphCompiler;
import io.nirsweep.sim.engine.Program;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Whether a node outputs spikes does not depend on where the schedule puts it: under Spyx the neurons emit first,
 * so the Output node they feed may run before them, and it must still count as spiking (it used to be taken for a
 * value node, which left every Spyx spike out of the tables).
 */
class SpikingOutputsTest {
    /** The project's shipped models (the demo sweep's and the README's); each one's outputs are fed by neurons. */
    static List<Path> shippedModels() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("../conf/models"))) {
            return files.filter(f -> f.toString().endsWith(".nir")).sorted().toList();
        }
    }

    @Test
    void everyBackendCountsTheNeuronFedOutputsAsSpikes() throws IOException {
        int compiled = 0;
        for (Path model : shippedModels()) {
            NirGraph graph = NirReader.read(model).graph();
            for (Backend backend : Backends.all()) {
                Program program;
                try {
                    program = GraphCompiler.compile(graph, backend, 1e-4);
                } catch (SimulationException refused) {
                    assertFalse(refused.getMessage().contains("\n"), refused.getMessage());
                    continue;
                }
                compiled++;
                for (String output : program.outputs()) {
                    assertTrue(program.isSpiking(output), backend.name() + " on " + model + ": output '" + output
                            + "' is not counted as spiking");
                }
            }
        }
        assertTrue(compiled >= Backends.all().size() * 3, "too few backend x model pairs compiled: " + compiled);
    }

    @Test
    void spyxSchedulesAnOutputBeforeTheNeuronThatFeedsIt() throws IOException {
        // The case the rule must not depend on: the output's source runs after it.
        NirGraph graph = NirReader.read(Path.of("../conf/models/braille_noDelay_bias_zero.nir")).graph();
        Program program = GraphCompiler.compile(graph, Backends.require("spyx"), 1e-4);
        List<String> order = program.nodes();
        String output = program.outputs().get(0);
        assertEquals(1, program.outputs().size());
        String neuron = "lif2";
        assertTrue(order.indexOf(output) < order.indexOf(neuron), "schedule: " + order);
        assertTrue(program.isSpiking(output));
    }
}
