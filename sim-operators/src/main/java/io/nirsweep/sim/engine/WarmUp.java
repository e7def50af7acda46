package io.nirsweep.sim.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Runs a compiled program on synthetic spikes in a background thread, so that the JIT compiles its kernels while
 * the caller does something else it must do anyway (reading the input file). The JVM interprets a method's first
 * few thousand calls and compiles the hot ones in compiler threads; without a warm-up the simulation itself runs
 * that slow phase — on the benchmark network a third of a 3000-step run. The warm-up's runs are independent
 * of the caller's: fresh state, their own input, results dropped.
 *
 * <p>Input: {@link #BATCH} samples per Input node, each element a spike with probability {@link #RATE} (seeded), so
 * the kernels see the sparse, random spikes the JIT should optimise for; given as the caller will give its own.
 */
public final class WarmUp implements AutoCloseable {
    /** Probability of a spike per input element per step. */
    public static final double RATE = 0.03;
    /** Steps per warm-up run: short, so that {@link #close} returns within a run's time. */
    static final int STEPS = 100;
    /** Samples per warm-up run: more than one, so the loops over samples run as they do on a batch. */
    static final int BATCH = 2;

    private final Thread thread;
    private volatile boolean stop;
    private volatile long runs;
    private final long started = System.nanoTime();
    private volatile long ended;

    private WarmUp(Program program, boolean asEvents) {
        int batch = BATCH;
        List<float[]> input = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(20231128);
        for (String node : program.inputs()) {
            float[] x = new float[Math.multiplyExact(STEPS * batch, program.size(node))];
            for (int k = 0; k < x.length; k++) {
                x[k] = random.nextDouble() < RATE ? 1f : 0f;
            }
            input.add(x);
        }
        List<InputEvents> events = new ArrayList<>();
        if (asEvents) {
            for (int k = 0; k < input.size(); k++) {
                events.add(InputEvents.of(input.get(k), STEPS, batch, program.size(program.inputs().get(k))));
            }
            input.clear(); // fed as events only: the dense copy is not kept
        }
        thread = new Thread(() -> {
            try {
                while (!stop) { // fed as the caller will feed it: the JIT then compiles the code the caller runs
                    if (asEvents) {
                        program.simulateEvents(events, program.outputs(), List.of(), 1);
                    } else {
                        program.simulate(input, STEPS, batch, program.outputs(), List.of(), 1);
                    }
                    runs++;
                }
            } catch (RuntimeException e) {
                // the warm-up's input is made up, so its failure is not the user's: the user's own run reports its own
            } finally {
                ended = System.nanoTime();
            }
        }, "nirsweep-warm-up");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
    }

    /**
     * Starts warming {@code program} up, its input fed as {@link InputEvents} ({@link Program#simulateEvents}) or
     * densely ({@link Program#simulate}), as the caller will feed it; close it before simulating.
     */
    public static WarmUp start(Program program, boolean asEvents) {
        WarmUp w = new WarmUp(program, asEvents);
        w.thread.start();
        return w;
    }

    /** Stops after the current run and waits for it (a few milliseconds). */
    @Override
    public void close() {
        stop = true;
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Milliseconds the warm-up ran (until {@link #close}). */
    public double millis() {
        long end = ended != 0 ? ended : System.nanoTime();
        return (end - started) / 1e6;
    }

    /** Steps simulated by the warm-up. */
    public long steps() {
        return runs * STEPS;
    }
}
