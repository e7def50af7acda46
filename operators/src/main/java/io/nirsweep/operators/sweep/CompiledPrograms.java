package io.nirsweep.operators.sweep;

import io.nirsweep.sim.backend.Backend;
import io.nirsweep.sim.engine.Program;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A worker's compiled programs, up to a bound, the least recently used let go first: many units of a sweep share a
 * model, a backend and a parameter point, and compiling the program again for each of them is work thrown away. A
 * {@link Program} is immutable and shareable across threads, so one compiled program serves every unit (and thread)
 * with its key. Bounded by entry count: a program holds the model's weights, and a sweep over hundreds of parameter
 * points would otherwise keep one per point for the worker's life.
 *
 * <p>A key compiles once even when several threads ask for it together; different keys compile in parallel. A
 * compile that throws is not kept: the next unit with that key compiles again and throws its own exception, as it
 * would without the cache.
 */
final class CompiledPrograms {
    /**
     * The default bound. A sweep of up to 16 (model, backend, parameter point) combinations compiles each once per
     * worker; with more, units reach a worker in random order (the pipeline reshuffles them), so a unit finds its
     * program kept with a chance of about 16 in the number of combinations. At the size of a Braille network (about
     * 1.6 MB of weights) 16 programs take some 26 MB per worker, and a TaskManager runs two workers in 1.5 GB beside
     * their graphs and input sets.
     */
    static final int DEFAULT_CAPACITY = 16;

    /**
     * Everything a compiled program depends on: the model (its file and digest, as the runner's graph cache keys
     * it), the backend, dt, the τ and θ scales the graph is rescaled by, and the weight width. The backend is a
     * record whose equality covers each of its components (neuron steps, import rules, cycle delay, name), so two
     * backends that differ in anything the compiler reads never share a program — rules and steps without value
     * equality (lambdas, chip conversions) compare by identity, which can only miss, never confuse. A backend the
     * cause walk rebuilds unchanged equals the registered one and reuses its program.
     */
    record Key(String modelPath, String modelSha256, Backend backend, double dt, double tauScale,
            double thresholdScale, Integer weightBits) {
        static Key of(Cell c, Backend backend) {
            return new Key(c.modelPath(), c.modelSha256(), backend, c.dt(), c.tauScale(), c.thresholdScale(),
                    c.weightBits());
        }
    }

    private final int capacity;
    /** In access order: the eldest entry is the least recently used, dropped when the map outgrows the bound. */
    private final LinkedHashMap<Key, Slot> slots;
    private final AtomicInteger compilations = new AtomicInteger();

    CompiledPrograms() {
        this(DEFAULT_CAPACITY);
    }

    CompiledPrograms(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, is " + capacity);
        }
        this.capacity = capacity;
        this.slots = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Slot> eldest) {
                return size() > CompiledPrograms.this.capacity;
            }
        };
    }

    /**
     * The program of {@code key}, compiled by {@code compile} unless a program with that key is kept.
     *
     * @throws RuntimeException what {@code compile} throws (nothing is kept then)
     */
    Program get(Key key, Supplier<Program> compile) {
        Slot slot;
        synchronized (slots) {
            slot = slots.computeIfAbsent(key, k -> new Slot());
        }
        try {
            return slot.program(compile);
        } catch (RuntimeException e) {
            synchronized (slots) {
                slots.remove(key, slot);
            }
            throw e;
        }
    }

    /** Programs kept now. */
    int size() {
        synchronized (slots) {
            return slots.size();
        }
    }

    /** Whether a program (or its compile under way) is kept for {@code key}; does not count as a use. */
    boolean holds(Key key) {
        synchronized (slots) {
            return slots.containsKey(key);
        }
    }

    /** Compiles started since this cache was made, the failed ones included. */
    int compilations() {
        return compilations.get();
    }

    /**
     * One key's program, compiled by the first thread that asks; the others wait for it on the slot, not on the
     * whole cache, so other keys compile meanwhile.
     */
    private final class Slot {
        private Program program;

        synchronized Program program(Supplier<Program> compile) {
            if (program == null) {
                compilations.incrementAndGet();
                program = compile.get();
            }
            return program;
        }
    }
}
