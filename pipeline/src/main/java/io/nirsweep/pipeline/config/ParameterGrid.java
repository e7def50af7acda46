package io.nirsweep.pipeline.config;

import io.nirsweep.sim.backend.StepLength;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;

/**
 * The values a sweep tries for each parameter; the sweep runs their cartesian product.
 *
 * <p><b>Order.</b> {@link #points} expands the product with the keys in alphabetical order — the order of the
 * keys in {@link ParameterPoint#canonicalJson()}: {@code dt} outermost, then {@code input_seed},
 * {@code tau_scale}, {@code threshold_scale}, and {@code weight_bits} varying fastest; each key's values in the
 * order the config lists them. So the points, and everything numbered after them, come out the same on every run.
 *
 * @param dt             seconds per step, each &gt; 0, or {@code native}: each backend importer's own (default
 *                       {@code [0.0001]}, the command line's)
 * @param tauScale       time-constant factors, each &gt; 0 (default {@code [1]})
 * @param thresholdScale threshold factors, each &gt; 0 (default {@code [1]})
 * @param weightBits     weight widths, each null (weights as stored) or 2 to 32 (default {@code [null]})
 * @param inputSeed      seeds of generated inputs (default {@code [0]})
 */
public record ParameterGrid(List<StepLength> dt, List<Double> tauScale, List<Double> thresholdScale,
        List<Integer> weightBits, List<Long> inputSeed) {

    /** The grid of a config without a {@code grid} section: one point, the defaults. */
    public static final ParameterGrid DEFAULT = new ParameterGrid(List.of(StepLength.seconds(1e-4)), List.of(1.0), List.of(1.0),
            Collections.singletonList(null), List.of(0L));

    /**
     * @throws IllegalArgumentException when a list is empty or holds a duplicate or an impossible value
     */
    public ParameterGrid {
        dt = checked("dt", dt);
        if (dt.contains(null)) {
            throw new IllegalArgumentException("dt values must be seconds or native, got null");
        }
        tauScale = positive("tau_scale", tauScale);
        thresholdScale = positive("threshold_scale", thresholdScale);
        weightBits = checked("weight_bits", weightBits);
        for (Integer bits : weightBits) {
            if (bits != null && (bits < 2 || bits > 32)) {
                throw new IllegalArgumentException("weight_bits must be null or 2 to 32, got " + bits);
            }
        }
        inputSeed = checked("input_seed", inputSeed);
        if (inputSeed.contains(null)) {
            throw new IllegalArgumentException("input_seed values must be integers, got null");
        }
    }

    private static List<Double> positive(String key, List<Double> values) {
        List<Double> copy = checked(key, values);
        for (Double v : copy) {
            if (v == null || !(v > 0) || v.isInfinite()) {
                throw new IllegalArgumentException(key + " values must be finite and > 0, got " + v);
            }
        }
        return copy;
    }

    private static <T> List<T> checked(String key, List<T> values) {
        if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException(key + " needs at least one value");
        }
        List<T> copy = Collections.unmodifiableList(new ArrayList<>(values));
        if (new HashSet<>(copy).size() != copy.size()) {
            throw new IllegalArgumentException(key + " lists a value twice: " + copy);
        }
        return copy;
    }

    /** Every point, seeds included: the grid for generated input sets. */
    public List<ParameterPoint> points() {
        return points(true);
    }

    /**
     * The points in the documented order.
     *
     * @param seeded false for an input set read from files: its samples do not depend on a seed, so the
     *               {@code input_seed} axis is dropped (points carry a null seed) rather than repeating identical
     *               cells once per seed
     */
    public List<ParameterPoint> points(boolean seeded) {
        List<Long> seeds = seeded ? inputSeed : Collections.singletonList(null);
        List<ParameterPoint> out = new ArrayList<>();
        for (StepLength d : dt) {
            for (Long seed : seeds) {
                for (double tau : tauScale) {
                    for (double threshold : thresholdScale) {
                        for (Integer bits : weightBits) {
                            out.add(new ParameterPoint(d, tau, threshold, bits, seed));
                        }
                    }
                }
            }
        }
        return List.copyOf(out);
    }

    /** The number of points of {@link #points(boolean)}, exact however large (nothing is expanded). */
    public BigInteger size(boolean seeded) {
        return BigInteger.valueOf(dt.size()).multiply(BigInteger.valueOf(seeded ? inputSeed.size() : 1))
                .multiply(BigInteger.valueOf(tauScale.size())).multiply(BigInteger.valueOf(thresholdScale.size()))
                .multiply(BigInteger.valueOf(weightBits.size()));
    }
}
