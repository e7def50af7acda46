package io.nirsweep.jobs.bench;

import io.nirsweep.model.NirGraph;
import io.nirsweep.sim.backend.Backends;
import io.nirsweep.sim.engine.GraphCompiler;
import io.nirsweep.sim.engine.Program;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One operation = one simulation of {@value #STEPS} steps of a batch from zero state, on seeded Poisson input
 * at 3%, using every core for batches above one. {@code nirsweep bench} turns the score into steps·samples/s
 * and synaptic events/s. Each network runs at its own dt ({@link BenchmarkModels#dt}); a chip target at its own
 * weight width, as {@code simulate} runs it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 8, time = 2)
public class EngineBenchmark {
    public static final int STEPS = 300;

    @Param({"recurrent", "cnn"})
    public String model;

    @Param({"euler", "exact"})
    public String backend;

    @Param({"1", "64"})
    public int batch;

    Program program;
    float[] input;
    int threads;

    @Setup(Level.Trial)
    public void setUp() {
        NirGraph graph = BenchmarkModels.graph(model, home());
        program = GraphCompiler.compile(graph, Backends.byName(backend), BenchmarkModels.dt(model));
        input = BenchmarkModels.poisson(42, STEPS, batch, program.size(program.inputs().get(0)));
        threads = batch == 1 ? 1 : Runtime.getRuntime().availableProcessors();
    }

    static Path home() {
        return Path.of(System.getProperty("nirsweep.home", "."));
    }

    @Benchmark
    public Object simulate() {
        return program.simulate(List.of(input), STEPS, batch, program.outputs(), List.of(), threads);
    }
}
