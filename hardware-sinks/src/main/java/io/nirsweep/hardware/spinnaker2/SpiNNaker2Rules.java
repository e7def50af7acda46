package io.nirsweep.hardware.spinnaker2;

import io.nirsweep.hardware.target.ChipRules;
import io.nirsweep.hardware.target.Fixed;
import io.nirsweep.hardware.target.Limit;
import io.nirsweep.hardware.target.MappingReport;
import io.nirsweep.hardware.target.QuantisationError;
import io.nirsweep.model.Affine;
import io.nirsweep.model.Conv2d;
import io.nirsweep.model.CubaLIF;
import io.nirsweep.model.DType;
import io.nirsweep.model.Edge;
import io.nirsweep.model.Flatten;
import io.nirsweep.model.IF;
import io.nirsweep.model.Input;
import io.nirsweep.model.LIF;
import io.nirsweep.model.Linear;
import io.nirsweep.model.NdArray;
import io.nirsweep.model.NirNode;
import io.nirsweep.model.Output;
import io.nirsweep.model.SumPool2d;
import io.nirsweep.sim.backend.Import;
import io.nirsweep.sim.neuron.NeuronParams;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * py-spinnaker2's NIR conversion ({@code s2_nir.from_nir}) with the options the NIR paper passed (integrator FORWARD,
 * conn_delay 0, scale_weights True; the reset chosen per target), and the chip's resources.
 *
 * <p>Graph rules (s2_nir.py {@code create_populations}, {@code create_projections}): node types LIF, IF, CubaLIF,
 * Input, Output, Affine, Linear, Conv2d, SumPool2d, Flatten (others: NotImplementedError); no weight node next to
 * another (HardwareConstraintError); a spike source (Input or neurons) feeds an Affine/Linear or Conv2d whose targets
 * are neurons, or a SumPool2d that is merged into the following Conv2d (kernel = stride, no padding), neurons or
 * Flatten → Affine; a spike source straight into neurons is NotImplementedError; CubaLIF after Conv2d is refused
 * (assertion). Edges s2_nir would drop silently (a neuron into a bare Flatten) are refused here.
 *
 * <p>Conversion: per population w_scale = 127 / max|w| over every weight node feeding it; weights × w_scale are
 * truncated toward zero (NumPy's {@code astype(np.int8)}, s2_nir.py {@code get_conv2d_params}); the product is
 * computed in the file's weight precision (float32 weights times a NumPy float64 scalar stay float32 under the
 * NumPy 1.x casting of 2023). Affine biases go to the population's i_offset, not through the synapse
 * ({@code get_accumulated_bias}, summed over the incoming Affine nodes as the paper-era converter did). Input spikes
 * are binary (the paper scripts pass {@code nonzero()} step indices as a spike list).
 *
 * <p>Latency: every projection delivers the spikes of step t at step t + 1 (the chip's tick; conn_delay 0 adds
 * nothing), the input projection included: the edge from each spike source into its projection is delayed.
 */
public final class SpiNNaker2Rules extends ChipRules {
    static final String S2NIR = "py-spinnaker2 src/spinnaker2/s2_nir.py (gitlab.com/spinnaker2/py-spinnaker2, "
            + "read via an indexed public copy)";
    static final String PAPER = "neuromorphs/NIR@7232ada paper/01_lif/lif_spinnaker2.py, paper/02_cnn/"
            + "s2_apply.ipynb, paper/03_rnn/s2_apply.py";
    static final String CHIP = "Gonzalez et al., SpiNNaker2: A Large-Scale Neuromorphic System for Event-Based and "
            + "Asynchronous Machine Learning, arXiv:2401.04491 (2024); Mayr, Höppner, Furber, SpiNNaker 2: A 10 "
            + "Million Core Processor System, arXiv:1911.02385 (2019): 152 ARM Cortex-M4F PEs per chip, 128 kB "
            + "SRAM each";

    /** 152 processing elements per SpiNNaker2 chip. */
    public static final Limit PES = Limit.of("PEs per chip", 152, "PEs", CHIP);
    /** Weights are int8, scaled to ±127. */
    public static final Limit WEIGHT = Limit.of("weight magnitude (int8)", 127, "",
            S2NIR + " get_max_abs_weight (127 / max|w|), get_conv2d_params (astype(np.int8))");
    /** py-spinnaker2's default neurons per PE per neuron model. */
    public static final Limit NEURONS_PER_PE = Limit.notPublic("neurons per PE (py-spinnaker2 default "
            + "max_atoms_per_core)", "neurons", "py-spinnaker2's neuron model classes could not be read; a user sets "
            + "max_atoms_per_core per population (the paper: 256/128/16 for the CNN's IF layers, 10 for the Braille "
            + "hidden layer: " + PAPER + ")");
    /** Synapse memory per PE. */
    public static final Limit SYNAPSE_MEMORY = Limit.notPublic("synapse memory per PE", "bytes",
            "128 kB SRAM per PE is public (" + CHIP + "); py-spinnaker2's synapse-row layout (its "
            + "memory formula) could not be read");
    /** The engine's float32 Dense/Conv sum of integer weights is exact below 2^24. */
    public static final Limit EXACT_SUM = Limit.of("weighted input sum per neuron (float32-exact)", 1L << 24, "",
            "nirsweep: Kernels.Dense and ConvKernel accumulate in float32, exact for integers below 2^24");

    private final boolean subtract;
    private final String target;

    SpiNNaker2Rules(String target, boolean subtract) {
        this.target = target;
        this.subtract = subtract;
    }

    static boolean neuron(NirNode n) {
        return n instanceof LIF || n instanceof IF || n instanceof CubaLIF;
    }

    static boolean spikeSource(NirNode n) {
        return neuron(n) || n instanceof Input;
    }

    static boolean weights(NirNode n) {
        return n instanceof Affine || n instanceof Linear || n instanceof Conv2d;
    }

    private static boolean known(NirNode n) {
        return neuron(n) || weights(n) || n instanceof Input || n instanceof Output || n instanceof SumPool2d
                || n instanceof Flatten;
    }

    static NdArray weightOf(NirNode n) {
        return n instanceof Affine a ? a.weight() : n instanceof Linear l ? l.weight() : ((Conv2d) n).weight();
    }

    @Override
    public MappingReport map(Import imp) {
        MappingReport.Builder r = new MappingReport.Builder(target);
        for (Map.Entry<String, NirNode> e : imp.nodes().entrySet()) {
            checkNode(imp, e.getKey(), e.getValue(), r);
        }
        for (String name : imp.nodes().keySet()) {
            if (spikeSource(imp.nodes().get(name))) {
                checkProjections(imp, name, r);
            }
        }
        if (r.broken()) {
            return r.build(imp);
        }
        convert(imp, r);
        place(imp, r);
        return r.build(imp);
    }

    private void checkNode(Import imp, String name, NirNode n, MappingReport.Builder r) {
        if (!known(n)) {
            r.violate(name, "node kind " + n.typeName() + " is not supported (NotImplementedError)", S2NIR
                    + " create_populations");
            return;
        }
        if (weights(n)) {
            for (String other : neighbours(imp, name)) {
                if (weights(imp.nodes().get(other))) {
                    r.violate(name, "two successive weight nodes (" + name + ", " + other + ") "
                            + "(HardwareConstraintError)", S2NIR + " create_populations");
                }
            }
        }
        if (n instanceof Conv2d c) {
            if (c.groupCount() != 1 || Arrays.stream(c.dilationHW()).anyMatch(d -> d != 1)) {
                r.violate(name, "Conv2d with groups or dilation: Conv2DProjection takes only stride and padding",
                        S2NIR + " get_conv2d_params");
            }
            if (Arrays.stream(c.bias().toDoubleArray()).anyMatch(b -> b != 0)) {
                r.violate(name, "Conv2d bias: get_accumulated_bias passes the per-channel bias as the i_offset "
                        + "of a C·H·W population", S2NIR + " get_accumulated_bias");
            }
        }
        if (n instanceof CubaLIF && imp.predecessors(name).stream().anyMatch(p -> imp.nodes().get(p)
                instanceof Conv2d)) {
            r.violate(name, "CubaLIF after Conv2d is not supported (assertion)", S2NIR + " create_populations");
        }
        if (neuron(n) && imp.predecessors(name).stream().noneMatch(p -> weights(imp.nodes().get(p)))) {
            r.violate(name, "no weight node feeds this population: w_scale = 127 / max|w| divides by 0",
                    S2NIR + " create_populations (scale_weights)");
        } else if (neuron(n) && imp.predecessors(name).stream().map(p -> imp.nodes().get(p))
                .filter(SpiNNaker2Rules::weights).allMatch(w -> allZero(weightOf(w)))) {
            r.violate(name, "every weight into this population is 0: w_scale = 127 / max|w| divides by 0",
                    S2NIR + " create_populations (scale_weights)");
        }
    }

    private static boolean allZero(NdArray w) {
        for (int k = 0; k < w.size(); k++) {
            if (w.getDouble(k) != 0) {
                return false;
            }
        }
        return true;
    }

    private static List<String> neighbours(Import imp, String name) {
        List<String> all = new ArrayList<>(imp.predecessors(name));
        all.addAll(imp.successors(name));
        return all;
    }

    /** The projections from one spike source, as create_projections walks them. */
    private static void checkProjections(Import imp, String source, MappingReport.Builder r) {
        String where = S2NIR + " create_projections";
        for (String t : imp.successors(source)) {
            NirNode target = imp.nodes().get(t);
            if (target instanceof Affine || target instanceof Linear || target instanceof Conv2d) {
                requireNeurons(imp, t, r, where);
            } else if (target instanceof SumPool2d pool) {
                for (String p : imp.successors(t)) {
                    NirNode after = imp.nodes().get(p);
                    if (after instanceof Conv2d) {
                        int[] k = pair(pool.kernelSize());
                        if (!Arrays.equals(k, pair(pool.stride())) || Arrays.stream(pair(pool.padding()))
                                .anyMatch(x -> x != 0)) {
                            r.violate(t, "a SumPool2d merged into a Conv2d needs kernel = stride and no padding",
                                    S2NIR + " create_sumpool2d_conv2d_projection");
                        }
                        requireNeurons(imp, p, r, where);
                    } else if (after instanceof Flatten) {
                        for (String a : imp.successors(p)) {
                            if (!(imp.nodes().get(a) instanceof Affine)) {
                                r.violate(a, "after SumPool2d → Flatten an Affine has to follow", where);
                            } else {
                                requireNeurons(imp, a, r, where);
                            }
                        }
                    } else if (!neuron(after)) {
                        r.violate(p, "SumPool2d can only be connected to Conv2d, Flatten or neurons", where);
                    }
                }
            } else if (neuron(target)) {
                r.violate(t, "direct connection from spike source '" + source + "' to neurons is not supported",
                        where);
            } else if (target instanceof Flatten) {
                r.violate(t, "s2_nir discards the edge from spike source '" + source + "' into a Flatten: no "
                        + "projection would be made", where);
            }
        }
    }

    private static void requireNeurons(Import imp, String weightNode, MappingReport.Builder r, String where) {
        for (String f : imp.successors(weightNode)) {
            if (!neuron(imp.nodes().get(f))) {
                r.violate(weightNode, "its target '" + f + "' is not a neuron node (assertion)", where);
            }
        }
    }

    static int[] pair(NdArray a) {
        int[] v = a.toIntArray();
        return v.length == 1 ? new int[] {v[0], v[0]} : v;
    }

    // ---- conversion ---------------------------------------------------------------------------------------

    private void convert(Import imp, MappingReport.Builder r) {
        Map<String, Double> scaleOfWeightNode = new LinkedHashMap<>();
        for (String pop : imp.neurons()) {
            NirNode n = imp.nodes().get(pop);
            double maxAbs = 0;
            double[] bias = new double[imp.params(pop).size()];
            for (String p : imp.predecessors(pop)) {
                NirNode w = imp.nodes().get(p);
                if (weights(w)) {
                    for (double x : weightOf(w).toDoubleArray()) {
                        maxAbs = Math.max(maxAbs, Math.abs(x));
                    }
                }
                if (w instanceof Affine a) {
                    double[] b = a.bias().toDoubleArray();
                    for (int k = 0; k < bias.length; k++) {
                        bias[k] += b[k];
                    }
                }
            }
            double wScale = 127.0 / maxAbs;
            for (String p : imp.predecessors(pop)) {
                if (weights(imp.nodes().get(p))) {
                    Double before = scaleOfWeightNode.put(p, wScale);
                    if (before != null && before != wScale) {
                        r.violate(p, "feeds populations of different w_scale (" + before + ", " + wScale + "): "
                                + "nirsweep runs a weight node once for all its targets", "nirsweep engine");
                    }
                }
            }
            NeuronParams params = imp.params(pop);
            S2Neuron.Conversion c = S2Neuron.convert(params, imp.dt(), wScale, bias, subtract);
            imp.step(pop, c.neuron());
            imp.vResetUnused(pop, params, subtract ? "reset_by_subtraction" : "reset_to_v_reset with v_reset 0");
            String model = n instanceof CubaLIF ? "lif_curr_exp_no_delay" : imp.predecessors(pop).stream()
                    .anyMatch(p -> imp.nodes().get(p) instanceof Conv2d) ? "lif_conv2d" : "lif_no_delay";
            imp.note(pop, String.format(java.util.Locale.ROOT, "%s, w_scale = 127/%.6g = %.6g, θ_hw = %s, "
                    + "i_offset %s, alpha %s%s", model, maxAbs, wScale, range(c.neuron().threshold()),
                    range(c.neuron().iOffset()), range(c.neuron().alpha()),
                    c.neuron().synDecay() == null ? "" : ", exc_decay " + range(c.neuron().synDecay())));
            double[] represented = new double[params.size()];
            for (int k = 0; k < represented.length; k++) {
                represented[k] = c.neuron().threshold()[k] / c.voltageScale()[k];
            }
            r.quantised(QuantisationError.of(pop, "threshold", params.vThreshold(), represented));
            if (params.leaky()) {
                double[] exact = new double[params.size()];
                double[] alpha = new double[params.size()];
                for (int k = 0; k < exact.length; k++) {
                    exact[k] = 1 - imp.dt() / params.tau()[k];
                    alpha[k] = c.neuron().alpha()[k];
                }
                r.quantised(QuantisationError.of(pop, "decay (membrane, float32)", exact, alpha));
            }
        }
        for (Map.Entry<String, Double> e : scaleOfWeightNode.entrySet()) {
            quantiseWeights(imp, e.getKey(), e.getValue(), r);
        }
        for (String name : imp.nodes().keySet()) {
            NirNode n = imp.nodes().get(name);
            if (n instanceof Input) {
                imp.successors(name).forEach(s -> imp.binaryInput(s, "the paper scripts pass each input's "
                        + "nonzero() steps as a spike list: one spike per neuron and step (" + PAPER + ")"));
            }
            // each edge once, from its target's side (a source's successors' edges would be visited per source)
            if (!(n instanceof Output)) {
                for (Edge e : imp.edgesInto(name)) {
                    if (spikeSource(imp.nodes().get(e.source()))) {
                        imp.delay(e, "SpiNNaker2 delivers spikes in the next tick (conn_delay 0 adds none)");
                    }
                }
            }
        }
    }

    private static String range(float[] a) {
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (float x : a) {
            lo = Math.min(lo, x);
            hi = Math.max(hi, x);
        }
        return lo == hi ? Float.toString(lo) : lo + "…" + hi;
    }

    /**
     * w_int = trunc(w·w_scale) (toward zero), the product in the file's precision; the node is replaced by one with
     * these integer weights and no bias (the bias went into i_offset).
     */
    private static void quantiseWeights(Import imp, String name, double wScale, MappingReport.Builder r) {
        NirNode n = imp.nodes().get(name);
        NdArray w = weightOf(n);
        double[] exact = w.toDoubleArray();
        double[] ints = new double[exact.length];
        double[] represented = new double[exact.length];
        long maxInt = 0;
        for (int k = 0; k < exact.length; k++) {
            double product = w.dtype() == DType.FLOAT32 ? (float) exact[k] * (float) wScale : exact[k] * wScale;
            long q = Fixed.Rounding.TOWARD_ZERO.apply(product);
            ints[k] = q;
            represented[k] = q / wScale;
            maxInt = Math.max(maxInt, Math.abs(q));
        }
        r.use(WEIGHT, name, maxInt, name);
        r.quantised(QuantisationError.of(name, "weight", exact, represented));
        NdArray q = NdArray.ofDoubles(DType.FLOAT32, w.shape(), ints);
        long perNeuron = maxInputSum(imp, name, ints, w.shape());
        r.use(EXACT_SUM, name, perNeuron, name);
        String why = "weights × w_scale " + String.format(java.util.Locale.ROOT, "%.6g", wScale)
                + " truncated toward zero to int8";
        if (n instanceof Affine a) {
            boolean hasBias = Arrays.stream(a.bias().toDoubleArray()).anyMatch(b -> b != 0);
            imp.replace(name, new Affine(q, NdArray.ofDoubles(DType.FLOAT32, a.bias().shape(),
                    new double[a.bias().size()]), a.metadata()), why + (hasBias ? "; bias × w_scale moved to the "
                    + "population's i_offset (a constant membrane input, not through the synapse)" : ""));
        } else if (n instanceof Linear l) {
            imp.replace(name, new Linear(q, l.metadata()), why);
        } else {
            Conv2d c = (Conv2d) n;
            imp.replace(name, new Conv2d(c.inputSize(), q, c.stride(), c.padding(), c.dilation(), c.groups(),
                    c.bias(), c.metadata()), why);
        }
    }

    /**
     * The largest Σ|w_int|·(largest input value) of one output: inputs are binary spikes, or spike counts up to the
     * kernel area behind a SumPool2d.
     */
    private static long maxInputSum(Import imp, String name, double[] ints, int[] shape) {
        long maxIn = 1;
        for (String p : imp.predecessors(name)) {
            NirNode before = imp.nodes().get(p);
            if (before instanceof Flatten) {
                for (String pp : imp.predecessors(p)) {
                    maxIn = Math.max(maxIn, poolArea(imp.nodes().get(pp)));
                }
            }
            maxIn = Math.max(maxIn, poolArea(before));
        }
        int rows = shape[0];
        int perRow = ints.length / rows;
        long max = 0;
        for (int o = 0; o < rows; o++) {
            long sum = 0;
            for (int j = 0; j < perRow; j++) {
                sum += (long) Math.abs(ints[o * perRow + j]);
            }
            max = Math.max(max, sum);
        }
        return max * maxIn;
    }

    private static long poolArea(NirNode n) {
        if (n instanceof SumPool2d p) {
            int[] k = pair(p.kernelSize());
            return (long) k[0] * k[1];
        }
        return 1;
    }

    // ---- placement ----------------------------------------------------------------------------------------

    /**
     * The input populations, then the neuron populations in file order, on consecutive PEs: the paper's
     * max_atoms_per_core where it set one, else one PE (py-spinnaker2's default neurons per PE is not public: a lower
     * bound). The PEs used are counted once for the chip; past 152 the first population beyond is named.
     */
    private static void place(Import imp, MappingReport.Builder r) {
        long pe = 0;
        String beyond = null;
        List<String> populations = new ArrayList<>();
        imp.nodes().forEach((name, n) -> {
            if (n instanceof Input) {
                populations.add(name);
            }
        });
        imp.nodes().forEach((name, n) -> {
            if (neuron(n)) {
                populations.add(name);
            }
        });
        for (String name : populations) {
            NirNode n = imp.nodes().get(name);
            long size = n.outputShape().elementCount();
            // max_atoms_per_core is the user's choice per population (the paper set its own), its default not
            // public: every population counts one PE, a lower bound.
            r.place(name, "PE " + pe, size + (n instanceof Input ? " spike sources (spike_list)" : " neurons")
                    + "; neurons per PE not public: one PE counted (at least)");
            pe++;
            if (beyond == null && pe > PES.value()) {
                beyond = name;
            }
        }
        r.use(PES, "chip", pe, beyond);
    }

    @Override
    public TargetFacts facts() {
        return new TargetFacts("per population w_scale = 127/max|incoming w|; weights × w_scale truncated toward "
                + "zero to int8; θ_hw = θ·w_scale/(r_f[·w_f]) and i_offset (bias and v_leak as a constant membrane "
                + "input) in float64, stored as float32; decays 1 − dt/τ (FORWARD) in float32",
                "float32 state (ARM Cortex-M4F): i = d_s·i + x, v = α·v + i + i_offset, spike v > θ_hw, "
                        + (subtract ? "v −= θ_hw" : "v ← 0") + "; inputs binary; one spike per step",
                "+1 step per projection, the input's included (spikes arrive in the next tick); recurrent 1",
                S2NIR + "; " + PAPER + "; " + CHIP);
    }

    @Override
    public List<Limit> limits() {
        return List.of(PES, WEIGHT, NEURONS_PER_PE, SYNAPSE_MEMORY, EXACT_SUM);
    }

    @Override
    public String weightBitsRefusal(int bits) {
        return "s2_nir scales every population's weights to int8 (±127) itself";
    }
}
