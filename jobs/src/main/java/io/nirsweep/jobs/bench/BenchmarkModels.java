package io.nirsweep.jobs.bench;

import io.nirsweep.model.Affine;
import io.nirsweep.model.DType;
import io.nirsweep.model.Input;
import io.nirsweep.model.LI;
import io.nirsweep.model.LIF;
import io.nirsweep.model.Metadata;
import io.nirsweep.model.NdArray;
import io.nirsweep.model.NirGraph;
import io.nirsweep.model.Output;
import io.nirsweep.model.hdf5.NirReader;
import io.nirsweep.model.types.TypeInference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** The networks and inputs the engine benchmark runs. */
public final class BenchmarkModels {
    /** Poisson input rate (probability of a spike per input per step). */
    public static final double INPUT_RATE = 0.03;

    /** The networks by the names {@code --model} takes, in the order the bench runs them. */
    public static final List<String> NAMES = List.of("recurrent", "cnn");

    private BenchmarkModels() {}

    /** The network of that name, one of {@link #NAMES}. */
    public static NirGraph graph(String model, Path home) {
        return model.equals("cnn") ? cnn(home) : recurrent();
    }

    /**
     * The step length the network runs at. The recurrent one at 0.1 ms, as the paper's Braille files; the CNN at
     * 1 s: its IF neurons integrate dv/dt = R·x, and the paper ran this network on event counts, one count adding 1
     * (docs/platforms.md §1.1); at dt = 1e-4 it would stay silent.
     */
    public static double dt(String model) {
        return model.equals("cnn") ? 1.0 : 1e-4;
    }

    /**
     * A Braille-sized recurrent network with seeded random weights: Affine 700→384, LIF 384 with a recurrent
     * Affine 384→384, Affine 384→20, LI 20. LIF/LI: τ = 1 ms, R = 10 (so at dt = 0.1 ms a step is
     * v ← 0.9·v + x, the snnTorch export convention of the paper's Braille files), θ = 1. Weights N(0, σ²) with
     * σ = 0.075 (input), 0.02 (recurrent), 0.2 (readout): the hidden layer then fires about 3% of the time, of
     * the order of the trained Braille network (1.2% in the paper's activity files); the bench prints the rate.
     */
    public static NirGraph recurrent() {
        Random r = new Random(20231128);
        int in = 700;
        int hidden = 384;
        int out = 20;
        return TypeInference.inferAndCheck(NirGraph.builder()
                .node("input", Input.of(in))
                .node("fc1", new Affine(gaussian(r, new int[] {hidden, in}, 0.075), filled(hidden, 0), Metadata.EMPTY))
                .node("lif", new LIF(filled(hidden, 1e-3), filled(hidden, 10), filled(hidden, 0), filled(hidden, 1),
                        filled(hidden, 0), Metadata.EMPTY))
                .node("w_rec", new Affine(gaussian(r, new int[] {hidden, hidden}, 0.02), filled(hidden, 0),
                        Metadata.EMPTY))
                .node("fc2", new Affine(gaussian(r, new int[] {out, hidden}, 0.2), filled(out, 0), Metadata.EMPTY))
                .node("li", new LI(filled(out, 1e-3), filled(out, 10), filled(out, 0), Metadata.EMPTY))
                .node("output", Output.of(null))
                .chain("input", "fc1", "lif", "w_rec", "lif").chain("lif", "fc2", "li", "output")
                .build(), w -> { });
    }

    /** The paper's N-MNIST CNN, {@code conf/models/cnn_sinabs.nir} under the project folder. */
    public static NirGraph cnn(Path home) {
        Path file = home.resolve("conf/models/cnn_sinabs.nir");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("benchmark model not found: " + file);
        }
        return NirReader.read(file).graph();
    }

    /** Seeded Poisson spikes, time-major [steps][batch][size]. */
    public static float[] poisson(long seed, int steps, int batch, int size) {
        byte[] spikes = poissonSpikes(seed, steps, batch, size);
        float[] x = new float[spikes.length];
        for (int k = 0; k < x.length; k++) {
            x[k] = spikes[k];
        }
        return x;
    }

    /** The same spikes as {@link #poisson}, one byte each (0 or 1): how a spike input is saved as uint8. */
    public static byte[] poissonSpikes(long seed, int steps, int batch, int size) {
        Random r = new Random(seed);
        byte[] x = new byte[Math.multiplyExact(Math.multiplyExact(steps, batch), size)];
        for (int k = 0; k < x.length; k++) {
            x[k] = r.nextDouble() < INPUT_RATE ? (byte) 1 : (byte) 0;
        }
        return x;
    }

    private static NdArray gaussian(Random r, int[] shape, double sigma) {
        double[] v = new double[shape[0] * shape[1]];
        for (int k = 0; k < v.length; k++) {
            v[k] = r.nextGaussian() * sigma;
        }
        return NdArray.ofDoubles(DType.FLOAT32, shape, v);
    }

    private static NdArray filled(int n, double value) {
        double[] v = new double[n];
        Arrays.fill(v, value);
        return NdArray.ofDoubles(DType.FLOAT32, new int[] {n}, v);
    }
}
