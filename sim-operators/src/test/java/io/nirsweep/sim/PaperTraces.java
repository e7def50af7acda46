package io.nirsweep.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nirsweep.model.NirGraph;
import io.nirsweep.sim.backend.Backend;
import io.nirsweep.sim.engine.GraphCompiler;
import io.nirsweep.sim.engine.Program;
import io.nirsweep.sim.io.Csv;
import io.nirsweep.sim.io.NpyArray;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The paper's experiment-1 traces ({@code paper-artifacts/01_lif/lif_*.csv}: input, voltage, spike per step) and a
 * run of a graph against them; public for the tests of modules that add backends (hardware-sinks).
 */
public final class PaperTraces {
    private PaperTraces() {}

    /** Rows of a headerless CSV, read by the command line's own CSV reader. */
    public static double[][] csv(Path file) {
        NpyArray a = Csv.read(file);
        double[][] rows = new double[a.dim(0)][a.dim(1)];
        for (int t = 0; t < rows.length; t++) {
            for (int c = 0; c < rows[t].length; c++) {
                rows[t][c] = a.get(t * rows[t].length + c);
            }
        }
        return rows;
    }

    /** The graph's first neuron under the backend at dt = 1e-4, fed the CSV's input: "spikes" and "v" per step. */
    public static Map<String, float[]> simulate(NirGraph g, Backend backend, double[][] rows) {
        float[] input = new float[rows.length];
        for (int t = 0; t < rows.length; t++) {
            input[t] = (float) rows[t][0];
        }
        Program p = GraphCompiler.compile(g, backend, 1e-4);
        String neuron = p.nodes().stream().filter(p::hasMembrane).findFirst().orElseThrow();
        Map<String, float[]> out = p.simulate(List.of(input), rows.length, 1, List.of(neuron), List.of(neuron), 1);
        return Map.of("spikes", out.get(neuron), "v", out.get(neuron + "#v"));
    }

    /** Every step's spike equals the CSV's spike column, its membrane the CSV's voltage within the tolerance. */
    public static void assertTrace(double[][] rows, Map<String, float[]> out, double tolerance) {
        for (int t = 0; t < rows.length; t++) {
            assertEquals(rows[t][2], out.get("spikes")[t], "spike at step " + t);
            assertEquals(rows[t][1], out.get("v")[t], tolerance, "voltage at step " + t);
        }
    }

    /** The steps with a spike. */
    public static List<Integer> steps(float[] spikes) {
        List<Integer> s = new ArrayList<>();
        for (int t = 0; t < spikes.length; t++) {
            if (spikes[t] != 0) {
                s.add(t);
            }
        }
        return s;
    }
}
