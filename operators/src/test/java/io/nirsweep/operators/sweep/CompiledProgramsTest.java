package io.nirsweep.operators.sweep;

import io.nirsweep.sim.backend.StepLength;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nirsweep.model.NirGraph;
import io.nirsweep.model.hdf5.NirReader;
import io.nirsweep.model.transform.Rescale;
import io.nirsweep.operators.inputs.InputSet;
import io.nirsweep.operators.inputs.InputSpec;
import io.nirsweep.operators.parquet.CellRow;
import io.nirsweep.sim.backend.Backend;
import io.nirsweep.sim.backend.Backends;
import io.nirsweep.sim.backend.Recipe;
import io.nirsweep.sim.engine.GraphCompiler;
import io.nirsweep.sim.engine.Program;
import io.nirsweep.sim.neuron.FloatNeurons;
import io.nirsweep.sim.neuron.Precision;
import io.nirsweep.sim.neuron.Reset;
import io.nirsweep.sim.neuron.Scheme;
import io.nirsweep.sim.neuron.SpikeTest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A worker's programs: compiled once per model, backend and parameter point, the least recently used let go. */
class CompiledProgramsTest {
    private static final String LIF = "generated/lif.nir";
    /** The NIR paper's Braille network: CubaLIF with a recurrent Affine, 12 inputs; Loihi 2 takes its weight_bits. */
    private static final String BRAILLE = "external/neuromorphs_NIR/paper/03_rnn/braille_noDelay_bias_zero.nir";

    private static Cell cell(String model, String backend, double dt, double tauScale, double thresholdScale,
            Integer weightBits, InputSpec input) {
        return new Cell("sweep", "cell-" + backend, UnitRunnerTest.CORPUS.resolve(model).toAbsolutePath().toString(),
                model, "sha", input, input.name(), backend, StepLength.seconds(dt), tauScale, thresholdScale, weightBits, "{}", null,
                List.of(), false, "test");
    }

    private static Cell lif(String backend, double dt, double tauScale, double thresholdScale) {
        return cell(LIF, backend, dt, tauScale, thresholdScale, null, UnitRunnerTest.poisson(3, 50, 4));
    }

    /** The program a runner records the cell's first two samples with, under {@code backend}. */
    private static Program program(UnitRunner runner, Cell cell, Backend backend) {
        return runner.record(new WorkUnit(cell, 0, 2), backend, runner.input(cell), null).program();
    }

    @Test
    void unitsOfOneModelBackendAndParameterPointShareOneCompile() {
        Cell cell = lif("euler", 1e-4, 1.0, 1.0);
        UnitRunner runner = new UnitRunner();
        InputSet input = runner.input(cell);
        Backend euler = Backends.require("euler");
        Program first = runner.record(new WorkUnit(cell, 0, 2), euler, input, null).program();
        Program second = runner.record(new WorkUnit(cell, 2, 4), euler, input, null).program();
        assertSame(first, second);
        assertEquals(1, runner.programs().compilations());

        // the sweep's own path, and a cell of the same point on another input set: still the one program
        runner.run(new WorkUnit(cell, 0, 2));
        runner.run(new WorkUnit(cell, 2, 4));
        Cell otherInput = cell(LIF, "euler", 1e-4, 1.0, 1.0, null,
                new InputSpec.Poisson("quiet", List.of(3), 50, 4, 0.2, 11, null));
        runner.run(new WorkUnit(otherInput, 0, 4));
        assertEquals(1, runner.programs().compilations());
        assertEquals(1, runner.programs().size());
    }

    @Test
    void anotherDtTauScaleThresholdScaleOrBackendCompilesItsOwnProgram() {
        UnitRunner runner = new UnitRunner();
        List<Program> programs = new ArrayList<>();
        for (Cell c : List.of(lif("euler", 1e-4, 1.0, 1.0), lif("euler", 2e-4, 1.0, 1.0), lif("euler", 1e-4, 0.5, 1.0),
                lif("euler", 1e-4, 1.0, 0.8), lif("exact", 1e-4, 1.0, 1.0))) {
            programs.add(program(runner, c, Backends.require(c.backend())));
        }
        assertEquals(5, runner.programs().compilations());
        assertEquals(5, runner.programs().size());
        for (int i = 0; i < programs.size(); i++) {
            for (int j = i + 1; j < programs.size(); j++) {
                assertNotSame(programs.get(i), programs.get(j), "programs " + i + " and " + j);
            }
        }
        assertEquals(2e-4, programs.get(1).dt());
        assertEquals("exact", programs.get(4).backend().name());
    }

    @Test
    void anotherWeightWidthCompilesItsOwnProgram() {
        UnitRunner runner = new UnitRunner();
        InputSpec input = UnitRunnerTest.poisson(12, 20, 2);
        Backend loihi2 = Backends.require("loihi2");
        Program eight = program(runner, cell(BRAILLE, "loihi2", 1e-4, 1.0, 1.0, 8, input), loihi2);
        Program six = program(runner, cell(BRAILLE, "loihi2", 1e-4, 1.0, 1.0, 6, input), loihi2);
        assertNotSame(eight, six);
        assertSame(eight, program(runner, cell(BRAILLE, "loihi2", 1e-4, 1.0, 1.0, 8, input), loihi2));
        assertEquals(2, runner.programs().compilations());
    }

    /**
     * Backends built for an experiment are other objects than the registered ones: one that differs in anything
     * the compiler reads — here only its spike test, under the same name — gets its own program; one rebuilt with
     * no change equals the registered backend and shares its program.
     */
    @Test
    void backendsThatDifferOnlyInTheirStepNeverShareAProgram() {
        Cell cell = lif("euler", 1e-4, 1.0, 1.0);
        Backend greater = Backend.of("experiment", new FloatNeurons(Scheme.EULER, SpikeTest.GREATER,
                Reset.TO_V_RESET, Precision.FLOAT64));
        Backend greaterOrEqual = Backend.of("experiment", new FloatNeurons(Scheme.EULER, SpikeTest.GREATER_OR_EQUAL,
                Reset.TO_V_RESET, Precision.FLOAT64));
        assertNotEquals(greater, greaterOrEqual);
        UnitRunner runner = new UnitRunner();
        assertNotSame(program(runner, cell, greater), program(runner, cell, greaterOrEqual));
        assertEquals(2, runner.programs().compilations());

        Backend norse = Backends.require("norse");
        Backend rebuilt = Recipe.of(norse).build();
        assertNotSame(norse, rebuilt);
        assertEquals(norse, rebuilt);
        assertSame(program(runner, cell, norse), program(runner, cell, rebuilt));
        assertEquals(3, runner.programs().compilations());
    }

    @Test
    void aProgramCountsItsParameterValuesAndNodes() {
        // Input (shape [3]: 1 value), Affine (W 2×3 and b: 8 values), Output (shape [2]: 1 value): 10 values of
        // 8 bytes and 3 nodes of 1024
        NirGraph g = NirGraph.builder().node("input", io.nirsweep.model.Input.of(3))
                .node("fc", new io.nirsweep.model.Affine(io.nirsweep.model.NdArray.of(new int[] {2, 3}, 1, 2, 3, 4, 5,
                        6), io.nirsweep.model.NdArray.vector(0, 0), io.nirsweep.model.Metadata.EMPTY))
                .node("output", io.nirsweep.model.Output.of(io.nirsweep.model.Shape.of(2))).chain("input", "fc", "output").build();
        assertEquals(10 * 8 + 3 * 1024, CompiledPrograms.bytesOf(g));
    }

    @Test
    void theLeastRecentlyUsedProgramGoesWhenTheBudgetIsReached() {
        NirGraph graph = NirReader.read(UnitRunnerTest.CORPUS.resolve(LIF)).graph();
        long bytes = CompiledPrograms.bytesOf(graph);
        Backend euler = Backends.require("euler");
        CompiledPrograms programs = new CompiledPrograms(2 * bytes);
        List<CompiledPrograms.Key> keys = new ArrayList<>();
        for (double theta : new double[] {1.0, 0.9, 0.8}) {
            keys.add(CompiledPrograms.Key.of(lif("euler", 1e-4, 1.0, theta), euler));
        }
        List<Program> compiled = new ArrayList<>();
        for (CompiledPrograms.Key k : keys) {
            compiled.add(programs.get(k, () -> bytes, () -> GraphCompiler.compile(Rescale.apply(graph, k.tauScale(),
                    k.thresholdScale()), k.backend(), k.dt(), k.weightBits())));
            if (k == keys.get(1)) {
                // the first key is used again: the second is now the least recently used
                assertSame(compiled.get(0), programs.get(keys.get(0), () -> bytes, () -> {
                    throw new AssertionError("a kept program compiled again");
                }));
            }
        }
        assertEquals(2, programs.size());
        assertEquals(2 * bytes, programs.keptBytes());
        assertTrue(programs.holds(keys.get(0)));
        assertFalse(programs.holds(keys.get(1)));
        assertTrue(programs.holds(keys.get(2)));
        assertEquals(3, programs.compilations());
    }

    @Test
    void aSweepOfMoreParameterPointsThanTheBudgetHoldsKeepsOnlyWhatFits() {
        long bytes = CompiledPrograms.bytesOf(NirReader.read(UnitRunnerTest.CORPUS.resolve(LIF)).graph());
        UnitRunner runner = new UnitRunner(5 * bytes + bytes / 2);
        int points = 21;
        for (int p = 0; p < points; p++) {
            Cell c = lif("euler", 1e-4, 1.0, 1.0 - 0.01 * p);
            assertEquals("ok", runner.run(new WorkUnit(c, 0, 1)).cells().get(0).status());
        }
        assertEquals(points, runner.programs().compilations());
        assertEquals(5, runner.programs().size());
        assertEquals(5 * bytes, runner.programs().keptBytes());
    }

    @Test
    void aProgramLargerThanTheBudgetIsKeptAlone() {
        NirGraph graph = NirReader.read(UnitRunnerTest.CORPUS.resolve(LIF)).graph();
        Backend euler = Backends.require("euler");
        CompiledPrograms programs = new CompiledPrograms(10);
        for (double theta : new double[] {1.0, 0.9}) {
            CompiledPrograms.Key k = CompiledPrograms.Key.of(lif("euler", 1e-4, 1.0, theta), euler);
            programs.get(k, () -> 1000, () -> GraphCompiler.compile(graph, euler, 1e-4));
            assertTrue(programs.holds(k));
            assertEquals(1, programs.size());
        }
    }

    @Test
    void aRefusedCompileIsNotKeptAndEachUnitSaysWhy() {
        // loihi2 takes no layer of plain LIF neurons: the compile throws, in every unit
        Cell cell = cell(LIF, "loihi2", 1e-4, 1.0, 1.0, null, UnitRunnerTest.poisson(3, 20, 4));
        UnitRunner runner = new UnitRunner();
        String reason = new UnitRunner().run(new WorkUnit(cell, 0, 2)).cells().get(0).error();
        for (WorkUnit unit : List.of(new WorkUnit(cell, 0, 2), new WorkUnit(cell, 2, 4))) {
            List<CellRow> cells = runner.run(unit).cells();
            assertTrue(cells.stream().allMatch(r -> r.status().equals(CellRow.FAILED)), cells.toString());
            assertTrue(cells.stream().allMatch(r -> r.error().equals(reason)), cells.toString());
        }
        assertEquals(0, runner.programs().size());
        assertEquals(2, runner.programs().compilations());
    }

    @Test
    void aUnitRunOnAKeptProgramGivesTheRowsOfAFreshCompile() {
        List<Cell> cells = List.of(cell(LIF, "euler", 1e-4, 1.0, 1.0, null, UnitRunnerTest.poisson(3, 2000, 4)),
                cell(BRAILLE, "loihi2", 1e-4, 1.0, 1.0, 8, UnitRunnerTest.poisson(12, 256, 4)));
        for (Cell cell : cells) {
            UnitRunner worker = new UnitRunner();
            worker.run(new WorkUnit(cell, 0, 2));
            WorkUnit next = new WorkUnit(cell, 2, 4);
            UnitRunner.Result kept = worker.run(next);
            assertEquals(1, worker.programs().compilations(), cell.backend());
            UnitRunner.Result fresh = new UnitRunner().run(next);
            assertFalse(fresh.spikes().isEmpty(), "no spikes under " + cell.backend());
            assertEquals(fresh.spikes(), kept.spikes());
            assertEquals(fresh.traces(), kept.traces());
            assertEquals(withoutWallTime(fresh.cells()), withoutWallTime(kept.cells()));
        }
    }

    /** A cell row's columns but its wall time (which differs from run to run), the counts as a list. */
    private static List<List<Object>> withoutWallTime(List<CellRow> rows) {
        List<List<Object>> out = new ArrayList<>();
        for (CellRow r : rows) {
            out.add(Arrays.asList(r.sweepId(), r.cellId(), r.sample(), r.model(), r.modelSha256(), r.backend(),
                    r.params(), r.input(), r.label(), r.steps(), Arrays.toString(r.outputCounts()), r.predicted(),
                    r.status(), r.error(), r.engineVersion()));
        }
        return out;
    }
}
