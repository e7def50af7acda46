package io.nirsweep.jobs;

import io.nirsweep.jobs.bench.BenchmarkModels;
import io.nirsweep.jobs.bench.EngineBenchmark;
import io.nirsweep.jobs.bench.SweepOverhead;
import io.nirsweep.model.MessageText;
import io.nirsweep.model.NirException;
import io.nirsweep.model.NirGraph;
import io.nirsweep.model.hdf5.NirWriter;
import io.nirsweep.sim.SimulationException;
import io.nirsweep.sim.backend.Backends;
import io.nirsweep.sim.engine.GraphCompiler;
import io.nirsweep.sim.engine.Program;
import io.nirsweep.sim.io.Npy;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code bench}: runs the JMH engine benchmark ({@link EngineBenchmark}) and reports steps·samples per second
 * and synaptic events per second per configuration, with the hidden layer's firing rate for context. A model that
 * a backend cannot compile is not measured on it: the pair is listed as not run, with the backend's reason.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure the engine with JMH: the Braille-sized recurrent network and the paper's CNN.")
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--model", split = ",", description = "recurrent, cnn (default: both).")
    List<String> models = BenchmarkModels.NAMES;

    @Option(names = "--backend", split = ",", description = "Backend names, or all for every backend and chip "
            + "target; a model a backend cannot compile is listed as not run (default: euler, exact).")
    List<String> backends = List.of("euler", "exact");

    @Option(names = "--batch", split = ",", description = "Batch sizes (default: 1,64).")
    List<String> batches = List.of("1", "64");

    @Option(names = "--quick", description = "One short warm-up and measurement (for a smoke test, not for numbers).")
    boolean quick;

    @Option(names = "--sweep-overhead", description = "Instead: the embedded sweep pipeline against a plain loop over "
            + "the engine, on a sweep of 800 small cells (wall clock, median of --repeats).")
    boolean sweepOverhead;

    @Option(names = "--export", paramLabel = "DIR", description = "Instead: write the recurrent network and seeded "
            + "Poisson inputs (uint8 .npy, T = 3000 and 300, batch 64 and 1) into DIR, to time `simulate` on them.")
    Path export;

    @Option(names = "--repeats", description = "Repeats of --sweep-overhead (default: ${DEFAULT-VALUE}).")
    int repeats = 3;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws RunnerException {
        PrintWriter out = spec.commandLine().getOut();
        Path home = Path.of(System.getProperty("nirsweep.home", "."));
        if (export != null) {
            for (String file : exportFiles()) {
                if (Files.exists(export.resolve(file))) {
                    throw new Main.UserError("--export " + export + ": " + file + " exists; give a folder without it");
                }
            }
            try {
                Files.createDirectories(export);
            } catch (IOException e) {
                throw new Main.UserError("--export " + export + ": cannot create the folder: " + e.getMessage());
            }
            NirWriter.write(BenchmarkModels.recurrent(), export.resolve(RECURRENT_FILE));
            out.println("wrote " + export.resolve(RECURRENT_FILE));
            for (int steps : EXPORT_STEPS) {
                for (int batch : EXPORT_BATCHES) {
                    Path file = export.resolve(spikesFile(steps, batch));
                    Npy.writeUint8(file, new int[] {steps, batch, RECURRENT_INPUTS},
                            BenchmarkModels.poissonSpikes(steps * 1000L + batch, steps, batch, RECURRENT_INPUTS));
                    out.println("wrote " + file);
                }
            }
            return Main.OK;
        }
        if (sweepOverhead) {
            int parallelism = Runtime.getRuntime().availableProcessors();
            SweepOverhead.Result r = SweepOverhead.measure(home, Math.max(1, repeats), parallelism);
            out.printf("sweep of %d cells, %d units, %d samples, parallelism %d:%n", r.cells(), r.units(), r.samples(),
                    parallelism);
            out.printf("  embedded pipeline (Flink start-up included): %.2f s%n", r.pipelineSeconds());
            out.printf("  plain loop over the engine:                  %.2f s%n", r.loopSeconds());
            out.printf("  ratio: %.2f (median of %d)%n", r.ratio(), Math.max(1, repeats));
            out.printf("  of which fixed: the pipeline on a single one-sample unit takes %.2f s%n", r.startupSeconds());
            return Main.OK;
        }
        List<Pair> pairs = pairs(models, backendNames(backends), home);
        List<Pair> refused = pairs.stream().filter(p -> !p.runs()).toList();
        if (refused.size() == pairs.size()) {
            throw new Main.UserError("bench: no listed backend runs a listed model: " + refused.stream()
                    .map(p -> "the " + p.model() + " model on " + p.backend() + ": " + p.refusal())
                    .collect(Collectors.joining("; ")));
        }
        if (!refused.isEmpty()) {
            out.printf("bench: %d of %d (model, backend) pairs run; the others are listed as not run after the "
                    + "results%n", pairs.size() - refused.size(), pairs.size());
        }
        List<RunResult> results = new ArrayList<>();
        // JMH measures the cross product of its parameters: one run per model, with only the backends that run it.
        for (String model : models) {
            String[] running = pairs.stream().filter(p -> p.runs() && p.model().equals(model)).map(Pair::backend)
                    .toArray(String[]::new);
            if (running.length > 0) {
                results.addAll(measure(model, running, home));
            }
        }
        out.println();
        out.printf("%-10s %-19s %6s %16s %16s %12s %10s%n", "model", "backend", "batch", "steps*samples/s",
                "synaptic ev/s", "+/- (99.9%)", "rate");
        List<String> rows = new ArrayList<>();
        for (RunResult r : results) {
            String model = r.getParams().getParam("model");
            String backend = r.getParams().getParam("backend");
            int batch = Integer.parseInt(r.getParams().getParam("batch"));
            double opsPerSecond = r.getPrimaryResult().getScore();
            double error = r.getPrimaryResult().getScoreError();
            Activity a = activity(model, backend, batch, home);
            double stepSamples = opsPerSecond * EngineBenchmark.STEPS * batch;
            rows.add(String.format("%-10s %-19s %6d %16.0f %16.3g %11.1f%% %9.2f%%", model, backend, batch, stepSamples,
                    opsPerSecond * a.events(), 100 * error / opsPerSecond, 100 * a.hiddenRate()));
        }
        rows.forEach(out::println);
        for (Pair p : refused) {
            out.printf("not run: %-10s %-19s — %s%n", p.model(), p.backend(), p.refusal());
        }
        out.printf("(%d cores; one op = %d steps; rate = spikes per neuron-step of the first spiking layer)%n",
                Runtime.getRuntime().availableProcessors(), EngineBenchmark.STEPS);
        return Main.OK;
    }

    static final String RECURRENT_FILE = "recurrent.nir";
    static final int RECURRENT_INPUTS = 700;
    static final int[] EXPORT_STEPS = {3000, 300};
    static final int[] EXPORT_BATCHES = {64, 1};

    /** The input file of {@code --export} for T steps of a batch, e.g. {@code spikes_t3000_b64.npy}. */
    static String spikesFile(int steps, int batch) {
        return "spikes_t" + steps + "_b" + batch + ".npy";
    }

    /** Every file {@code --export} writes. */
    static List<String> exportFiles() {
        List<String> files = new ArrayList<>(List.of(RECURRENT_FILE));
        for (int steps : EXPORT_STEPS) {
            for (int batch : EXPORT_BATCHES) {
                files.add(spikesFile(steps, batch));
            }
        }
        return files;
    }

    private List<RunResult> measure(String model, String[] backendNames, Path home) throws RunnerException {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(EngineBenchmark.class.getName())
                .param("model", model)
                .param("backend", backendNames)
                .param("batch", batches.toArray(String[]::new))
                .jvmArgsAppend("-Dnirsweep.home=" + home);
        if (quick) {
            options.warmupIterations(1).warmupTime(TimeValue.milliseconds(500)).measurementIterations(1)
                    .measurementTime(TimeValue.milliseconds(500));
        }
        return List.copyOf(new Runner(options.build()).run());
    }

    /**
     * The backend names as given, {@code all} standing for every registered backend (chip targets included), each
     * name once, in the order given.
     *
     * @throws Main.UserError for a name no backend has
     */
    static List<String> backendNames(List<String> given) {
        Set<String> names = new LinkedHashSet<>();
        for (String name : given) {
            if (name.equals("all")) {
                Backends.all().forEach(b -> names.add(Backends.shortName(b)));
            } else {
                names.add(BackendArgs.backend(name).name());
            }
        }
        return List.copyOf(names);
    }

    /** A model on a backend: measured, or refused with the one-line reason its compile gave. */
    record Pair(String model, String backend, String refusal) {
        boolean runs() {
            return refusal == null;
        }
    }

    /**
     * Every (model, backend) pair, model by model, compiled as the benchmark compiles it (a chip target at its own
     * weight width), so that a backend whose importer or chip cannot take a model is left out here rather than
     * failing its JMH fork.
     *
     * @throws Main.UserError for a model name that has no benchmark network
     */
    static List<Pair> pairs(List<String> models, List<String> backendNames, Path home) {
        for (String model : models) {
            if (!BenchmarkModels.NAMES.contains(model)) {
                throw new Main.UserError("--model: no benchmark model '" + model + "' (have: "
                        + String.join(", ", BenchmarkModels.NAMES) + ")");
            }
        }
        List<Pair> pairs = new ArrayList<>();
        for (String model : models) {
            NirGraph graph = BenchmarkModels.graph(model, home);
            for (String backend : backendNames) {
                String refusal = null;
                try {
                    GraphCompiler.compile(graph, Backends.require(backend), BenchmarkModels.dt(model));
                } catch (SimulationException | NirException e) {
                    refusal = MessageText.oneLine(e.getMessage());
                }
                pairs.add(new Pair(model, backend, refusal));
            }
        }
        return pairs;
    }

    record Activity(long events, double hiddenRate) {}

    /** The same run once more, outside the measurement: its synaptic events and first spiking layer's rate. */
    private static Activity activity(String model, String backend, int batch, Path home) {
        Program p = GraphCompiler.compile(BenchmarkModels.graph(model, home), Backends.byName(backend),
                BenchmarkModels.dt(model));
        float[] input = BenchmarkModels.poisson(42, EngineBenchmark.STEPS, batch, p.size(p.inputs().get(0)));
        long events = p.synapticEvents(List.of(input), EngineBenchmark.STEPS, batch);
        String layer = p.nodes().stream().filter(n -> p.isSpiking(n) && p.hasMembrane(n)).findFirst().orElseThrow();
        float[] spikes = p.simulate(List.of(input), EngineBenchmark.STEPS, batch, List.of(layer), List.of(), 1).get(layer);
        double sum = 0;
        for (float s : spikes) {
            sum += s;
        }
        return new Activity(events, sum / spikes.length);
    }
}
