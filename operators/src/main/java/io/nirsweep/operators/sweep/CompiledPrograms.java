package io.nirsweep.operators.sweep;

import io.nirsweep.model.NdArray;
import io.nirsweep.model.NirGraph;
import io.nirsweep.model.NirNode;
import io.nirsweep.model.Param;
import io.nirsweep.sim.backend.Backend;
import io.nirsweep.sim.backend.StepLength;
import io.nirsweep.sim.engine.Program;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A worker's compiled programs, within a memory budget, the least recently used let go first: many units of a sweep
 * share a model, a backend and a parameter point, and compiling the program again for each of them is work thrown
 * away. A {@link Program} is immutable and shareable across threads, so one compiled program serves every unit (and
 * thread) with its key. Bounded by the programs' parameter bytes (estimated from the model: {@link #bytesOf}), not
 * their number: units reach a worker in random order (the pipeline reshuffles them), so the cache must hold every
 * combination of a sweep to spare every compile — a few hundred small models fit where a count bound would keep a
 * handful — while a sweep of large models or thousands of parameter points keeps only what the budget allows.
 *
 * <p>A key compiles once even when several threads ask for it together; different keys compile in parallel. A
 * compile that throws is not kept: the next unit with that key compiles again and throws its own exception, as it
 * would without the cache.
 */
final class CompiledPrograms {
    /**
     * The default budget: 64 MiB of parameters per worker, beside the worker's graphs and input sets in a
     * TaskManager of 1.5 GB with two workers. The Braille-sized benchmark network (Affine 700→384, recurrent
     * 384×384, readout 384→20) is about 3.4 MB by {@link #bytesOf}: 18 of them; the paper's demo models, under
     * 100 KB each, all of a demo sweep's combinations.
     */
    static final long DEFAULT_BUDGET_BYTES = 64L << 20;
    /** Bytes counted per parameter value: a float64 at most (weights are float32, neuron parameters float64). */
    static final int BYTES_PER_VALUE = 8;
    /** Bytes counted per node beside its parameters (its kernel, schedule entry and buffers' headers). */
    static final int BYTES_PER_NODE = 1024;

    /**
     * Everything a compiled program depends on: the model (its file and digest, as the runner's graph cache keys
     * it), the backend, dt, the τ and θ scales the graph is rescaled by, and the weight width. The backend is a
     * record whose equality covers each of its components (neuron steps, import rules, cycle delay, name), so two
     * backends that differ in anything the compiler reads never share a program — rules and steps without value
     * equality (lambdas, chip conversions) compare by identity, which can only miss, never confuse. A backend the
     * cause walk rebuilds unchanged equals the registered one and reuses its program.
     */
    record Key(String modelPath, String modelSha256, Backend backend, StepLength dt, double tauScale,
            double thresholdScale, Integer weightBits) {
        static Key of(Cell c, Backend backend) {
            return new Key(c.modelPath(), c.modelSha256(), backend, c.dt(), c.tauScale(), c.thresholdScale(),
                    c.weightBits());
        }
    }

    private final long budget;
    /** In access order: the first entry is the least recently used, dropped first when the budget is exceeded. */
    private final LinkedHashMap<Key, Slot> slots = new LinkedHashMap<>(16, 0.75f, true);
    private long kept; // bytes of the slots held
    private final AtomicInteger compilations = new AtomicInteger();

    CompiledPrograms() {
        this(DEFAULT_BUDGET_BYTES);
    }

    CompiledPrograms(long budgetBytes) {
        if (budgetBytes < 1) {
            throw new IllegalArgumentException("budget must be at least 1 byte, is " + budgetBytes);
        }
        this.budget = budgetBytes;
    }

    /**
     * What a program compiled from {@code graph} is counted as: its parameter values and its nodes, sub-graphs
     * included (walked with a work list, however deep they nest).
     */
    static long bytesOf(NirGraph graph) {
        long values = 0;
        long nodes = 0;
        Deque<NirGraph> work = new ArrayDeque<>();
        work.push(graph);
        while (!work.isEmpty()) {
            for (NirNode node : work.pop().nodes().values()) {
                nodes++;
                if (node instanceof NirGraph inner) {
                    work.push(inner);
                }
                for (Param p : node.storedParams().values()) {
                    if (p instanceof NdArray a) {
                        values += a.size();
                    }
                }
            }
        }
        return values * BYTES_PER_VALUE + nodes * BYTES_PER_NODE;
    }

    /**
     * The program of {@code key}, compiled by {@code compile} unless a program with that key is kept; a new one is
     * counted as {@code bytes} gives ({@link #bytesOf} of its graph). A program larger than the whole budget is
     * still kept, alone.
     *
     * @throws RuntimeException what {@code compile} throws (nothing is kept then)
     */
    Program get(Key key, LongSupplier bytes, Supplier<Program> compile) {
        Slot slot;
        synchronized (slots) {
            slot = slots.get(key);
            if (slot == null) {
                slot = new Slot(bytes.getAsLong());
                slots.put(key, slot);
                kept += slot.bytes;
                Iterator<Map.Entry<Key, Slot>> eldest = slots.entrySet().iterator();
                while (kept > budget && slots.size() > 1) {
                    Map.Entry<Key, Slot> e = eldest.next();
                    if (e.getValue() != slot) {
                        kept -= e.getValue().bytes;
                        eldest.remove();
                    }
                }
            }
        }
        try {
            return slot.program(compile);
        } catch (RuntimeException e) {
            synchronized (slots) {
                if (slots.remove(key, slot)) {
                    kept -= slot.bytes;
                }
            }
            throw e;
        }
    }

    /** Bytes of the programs kept now, as counted by {@link #get}. */
    long keptBytes() {
        synchronized (slots) {
            return kept;
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
        private final long bytes;
        private Program program;

        Slot(long bytes) {
            this.bytes = bytes;
        }

        synchronized Program program(Supplier<Program> compile) {
            if (program == null) {
                compilations.incrementAndGet();
                program = compile.get();
            }
            return program;
        }
    }
}
