package io.nirsweep.hardware.xylo;

import io.nirsweep.hardware.target.ChipRules;
import io.nirsweep.hardware.target.Limit;
import io.nirsweep.hardware.target.MappingReport;
import io.nirsweep.hardware.target.QuantisationError;
import io.nirsweep.model.Affine;
import io.nirsweep.model.CubaLIF;
import io.nirsweep.model.DType;
import io.nirsweep.model.Edge;
import io.nirsweep.model.Input;
import io.nirsweep.model.Linear;
import io.nirsweep.model.NdArray;
import io.nirsweep.model.NirNode;
import io.nirsweep.model.Output;
import io.nirsweep.sim.backend.Import;
import io.nirsweep.sim.backend.Values;
import io.nirsweep.sim.neuron.NeuronParams;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Xylo Audio 2 (SYNS61201) as the NIR paper deployed it (docs/platforms.md §4.10; neuromorphs/NIR
 * {@code paper/03_rnn/xylo_apply.ipynb}): Rockpool's NIR import ({@code rockpool/nn/modules/torch/nir.py}: CubaLIF →
 * LIFTorch with τ_mem, τ_syn, θ and bias = v_leak, R and w_in ignored; a CubaLIF with its recurrent Affine/Linear →
 * one LIFTorch with w_rec), the design-rule check and allocation of {@code mapper}
 * ({@code rockpool/devices/xylo/syns61201/xylo_mapper.py}), {@code channel_quantize} ({@link XyloQuantisation}) and
 * {@code config_from_specification} ({@code xylo_samna.py}), run as xylosim computes ({@link XyloNeuron}).
 *
 * <p>Neurons feeding an Output are readout neurons, the others hidden. Latencies (xylosim {@code XyloLayer::evolve}):
 * the input's events reach the hidden synapses in the same step; a hidden neuron's spikes reach hidden (recurrent)
 * and readout synapses one step later. Biases: an Affine's bias is not transferred (the mapper's
 * {@code weight_nodes_have_no_biases} only warns, Rockpool's recurrent import warns and drops it), a hidden neuron's
 * bias (v_leak) is lost because the spec's key {@code bias} is not the {@code bias_hidden} that
 * {@code config_from_specification} reads, a readout neuron's bias (key {@code bias_out}) is transferred as
 * round(v_leak·s).
 */
public final class XyloRules extends ChipRules {
    static final String MAPPER = "synsense/rockpool rockpool/devices/xylo/syns61201/xylo_mapper.py";
    static final String QUANTIZE = "synsense/rockpool rockpool/transform/quantize_methods.py channel_quantize";
    static final String OVERVIEW = "synsense/rockpool docs/devices/xylo-overview.ipynb (device table, XyloAudio 2)";
    static final String XYLOSIM = "xylosim XyloIAFNeuron.h / XyloIAFNeuron.cpp / XyloLayer.cpp";
    static final String IMPORT = "synsense/rockpool rockpool/nn/modules/torch/nir.py";

    public static final Limit INPUT_CHANNELS = Limit.of("input channels", 16, "channels",
            MAPPER + " le_16_input_channels; " + OVERVIEW);
    public static final Limit HIDDEN_NEURONS = Limit.of("hidden neurons", 1000, "neurons",
            MAPPER + " mapper(max_hidden_neurons=1000); " + OVERVIEW);
    public static final Limit READOUT_NEURONS = Limit.of("readout neurons", 8, "neurons",
            MAPPER + " le_8_output_channels, mapper(max_output_neurons=8); " + OVERVIEW);
    public static final Limit FAN_OUT = Limit.of("recurrent fan-out per hidden neuron", 64, "weights",
            OVERVIEW + " \"Max. fanout 64\"");
    public static final Limit RECURRENT_WEIGHTS = Limit.of("recurrent weights (average fan-out 32+32 over 1000 "
            + "hidden neurons)", 64000, "weights", OVERVIEW + " \"Avg. fanout 32+32 (Syn1 and Syn2)\"");
    public static final Limit SYNAPSES = Limit.of("synaptic states per hidden neuron", 2, "states",
            OVERVIEW + " \"Num. Syn. states 2\"; " + MAPPER);
    public static final Limit WEIGHT_BITS = Limit.of("weight bits", 8, "bits",
            QUANTIZE + " bits_per_weight=8; synsense/rockpool xylo_samna.py config_from_specification astype(int8)");
    public static final Limit THRESHOLD_BITS = Limit.of("threshold bits", 16, "bits",
            QUANTIZE + " bits_per_threshold=16; " + XYLOSIM + " int16_t v_th");
    public static final Limit DASH = Limit.of("bit-shift decay (dash)", 15, "",
            XYLOSIM + " \"dash_mem ... should be 4 bits\"");
    public static final Limit INPUT_EVENTS = Limit.of("input events per channel and step", 15, "events",
            XYLOSIM + " MAX_NUM_INP_SPIKES 15");
    public static final Limit WEIGHT_SHIFT = Limit.notPublic("weight bit-shift range per matrix", "bits",
            "synsense/rockpool xylo_samna.py config_from_specification (passes weight_shift_* to samna's "
                    + "validate_configuration, whose checks are not public); the mapper sets 0");

    private static final String NAME = "xylo";

    @Override
    public List<Limit> limits() {
        return List.of(INPUT_CHANNELS, HIDDEN_NEURONS, READOUT_NEURONS, FAN_OUT, RECURRENT_WEIGHTS, SYNAPSES,
                WEIGHT_BITS, THRESHOLD_BITS, DASH, INPUT_EVENTS, WEIGHT_SHIFT);
    }

    @Override
    public TargetFacts facts() {
        return new TargetFacts(
                "per neuron: s = 127/max|w into it| (hidden: input and recurrent weights together), w → round(w·s) "
                        + "int8, θ → round(θ·s) int16 (s = 32767/θ above), half to even; dash = round(log2(τ/dt)) "
                        + "4 bits, decay 1 − 2^−dash; Affine biases and hidden v_leak dropped",
                "16-bit saturating i_syn and v_mem; i −= max(i >> dash_syn, ±1) before v −= max(v >> dash_mem, ±1)"
                        + ", v += i; v ≥ θ: v −= θ, up to 31 spikes per step (hidden), 1 (readout)",
                "input → hidden 0; hidden → hidden and hidden → readout 1 step",
                IMPORT + "; " + MAPPER + "; " + QUANTIZE + "; xylo_samna.py config_from_specification; " + XYLOSIM
                        + "; neuromorphs/NIR paper/03_rnn/xylo_apply.ipynb");
    }

    @Override
    public String weightBitsRefusal(int bits) {
        return bits >= 2 && bits <= 8 ? null
                : "channel_quantize takes bits_per_weight, but the chip stores int8 weights (2 to 8 bits)";
    }

    /** A weight node and the neuron populations on either side (source null for the input). */
    private record Weights(String node, String source, String target, double[] weight, int inputs, int outputs) {}

    @Override
    public MappingReport map(Import imp) {
        MappingReport.Builder r = new MappingReport.Builder(NAME);
        int bits = imp.weightBits() == null ? 8 : imp.weightBits();
        double dt = imp.dt();
        Map<String, NirNode> nodes = imp.nodes();
        List<String> neurons = new ArrayList<>();
        List<String> inputs = new ArrayList<>();
        Map<String, Weights> weights = new LinkedHashMap<>();
        nodes.forEach((name, node) -> {
            if (node instanceof CubaLIF) {
                neurons.add(name);
            } else if (node instanceof Input) {
                inputs.add(name);
            } else if (node instanceof Affine || node instanceof Linear) {
                NdArray w = node instanceof Affine a ? a.weight() : ((Linear) node).weight();
                if (w.shape().length != 2) {
                    r.violate(name, "weights of rank " + w.shape().length + " (Xylo's matrices are 2-d)", MAPPER);
                } else {
                    weights.put(name, new Weights(name, null, null, w.toDoubleArray(), w.shape()[1], w.shape()[0]));
                }
            } else if (!(node instanceof Output)) {
                r.violate(name, "node kind " + node.typeName() + " is not supported: this target takes CubaLIF"
                        + " neurons (Rockpool's LIFTorch, which the mapper turns into Xylo neurons) and Affine/Linear weights only",
                        IMPORT + "; " + MAPPER);
            }
        });
        // Loops: only a neuron with its own recurrent map, which the import folds into one LIFTorch with w_rec
        for (String name : nodes.keySet()) {
            if (imp.onCycle(name) && !imp.recurrentMap(name) && imp.recurrentMapOf(name) == null) {
                r.violate(name, "on a loop other than a CubaLIF with its recurrent Affine/Linear (the only "
                        + "recurrence the NIR import recognises)", IMPORT);
            }
        }
        // Readout neurons feed an Output; every other neuron is hidden (mapper: Xylo2OutputNeurons/HiddenNeurons)
        List<String> readout = new ArrayList<>();
        for (String n : neurons) {
            if (imp.successors(n).stream().anyMatch(s -> nodes.get(s) instanceof Output)) {
                readout.add(n);
            }
        }
        Set<String> isReadout = new HashSet<>(readout); // membership in sets: a file may declare 10^5 layers
        List<String> hidden = neurons.stream().filter(n -> !isReadout.contains(n)).toList();
        drc(imp, r, nodes, neurons, inputs, weights, readout, hidden);
        // resources
        long channels = inputs.stream().mapToLong(i -> nodes.get(i).outputShape().elementCount()).sum();
        long hiddenCount = hidden.stream().mapToLong(n -> imp.params(n).size()).sum();
        long readoutCount = readout.stream().mapToLong(n -> imp.params(n).size()).sum();
        r.use(INPUT_CHANNELS, "chip", channels, inputs.isEmpty() ? null : inputs.get(0));
        r.use(HIDDEN_NEURONS, "chip", hiddenCount, beyond(imp, hidden, HIDDEN_NEURONS));
        r.use(READOUT_NEURONS, "chip", readoutCount, beyond(imp, readout, READOUT_NEURONS));
        r.use(SYNAPSES, "every hidden neuron", 1, null);
        r.use(WEIGHT_BITS, "chip", bits, null);
        for (String n : neurons) {
            NeuronParams p = imp.params(n);
            for (int k = 0; k < p.size(); k++) {
                if (!(p.tau()[k] > dt) || !(p.tauSyn()[k] > dt)) {
                    r.violate(n, String.format(Locale.ROOT, "time constant ≤ dt (τ_mem %.3g s, τ_syn %.3g s, dt %.3g "
                            + "s): no bit-shift decay", p.tau()[k], p.tauSyn()[k], dt), "synsense/rockpool "
                            + "rockpool/devices/xylo/syns61201/xylo_graph_modules.py Xylo2Neurons._convert_from");
                    break;
                }
            }
        }
        if (r.broken()) {
            return r.build(imp);
        }
        convert(imp, r, bits, weights, readout, hidden, inputs);
        return r.build(imp);
    }

    /**
     * The layer whose neurons take the count past the limit (the one the violation names, as the other chips name the
     * first layer past theirs), or the first layer, or null for none.
     */
    private static String beyond(Import imp, List<String> layers, Limit limit) {
        long count = 0;
        for (String n : layers) {
            count += imp.params(n).size();
            if (count > limit.value()) {
                return n;
            }
        }
        return layers.isEmpty() ? null : layers.get(0);
    }

    /** The mapper's design rules ({@code xylo_drc}), each broken one a violation at its node. */
    private static void drc(Import imp, MappingReport.Builder r, Map<String, NirNode> nodes, List<String> neurons,
            List<String> inputs, Map<String, Weights> weights, List<String> readout, List<String> hidden) {
        Set<String> neuronSet = new HashSet<>(neurons);
        Set<String> inputSet = new HashSet<>(inputs);
        Set<String> readoutSet = new HashSet<>(readout);
        for (String in : inputs) {
            for (String s : imp.successors(in)) {
                if (!weights.containsKey(s)) {
                    r.violate(in, "the input goes to '" + s + "', not through a weight first",
                            MAPPER + " first_module_is_a_weight");
                }
            }
            if (imp.successors(in).size() > 1) {
                r.violate(in, "the input feeds " + imp.successors(in).size() + " nodes (the mapper takes one input"
                        + " weight matrix)", MAPPER + " mapper (input_weight_mod)");
            }
        }
        for (String n : neurons) {
            for (String p : imp.predecessors(n)) {
                if (!weights.containsKey(p)) {
                    r.violate(n, "receives from '" + p + "', which is not a weight",
                            MAPPER + " input_to_neurons_is_a_weight");
                }
            }
        }
        for (String o : nodes.keySet()) {
            if (nodes.get(o) instanceof Output) {
                for (String p : imp.predecessors(o)) {
                    if (!neuronSet.contains(p)) {
                        r.violate(o, "the output comes from '" + p + "', not from neurons",
                                MAPPER + " output_nodes_have_neurons_as_source");
                    }
                }
            }
        }
        for (Weights w : weights.values()) {
            for (String p : imp.predecessors(w.node())) {
                if (weights.containsKey(p)) {
                    r.violate(w.node(), "receives from the weights '" + p + "' (two consecutive weight layers)",
                            MAPPER + " no_consecutive_weights");
                }
            }
            List<String> in = imp.predecessors(w.node());
            List<String> out = imp.successors(w.node());
            if (in.size() != 1 || out.size() != 1) {
                r.violate(w.node(), "has " + in.size() + " sources and " + out.size() + " targets (a weight matrix "
                        + "joins one source to one neuron population)", MAPPER + " mapper (sm[0])");
                continue;
            }
            String src = in.get(0);
            String dst = out.get(0);
            if (readoutSet.contains(src)) {
                r.violate(w.node(), "its source '" + src + "' is a readout neuron (readout neurons send only to "
                        + "the output)", MAPPER + " mapper (w_rec/w_out source ids are hidden neurons)");
            }
            if (inputSet.contains(src) && readoutSet.contains(dst)) {
                r.violate(w.node(), "connects the input directly to the readout neurons '" + dst + "' (input "
                        + "weights reach hidden neurons only)", MAPPER + " mapper (w_in: allocated_hidden_neurons)");
            }
            weights.put(w.node(), new Weights(w.node(), inputSet.contains(src) ? null : src, dst, w.weight(),
                    w.inputs(), w.outputs()));
        }
        for (String n : readout) {
            if (imp.onCycle(n)) {
                r.violate(n, "the readout neurons are recurrent", MAPPER + " output_neurons_cannot_be_recurrent");
            }
        }
        if (neurons.size() < 2) {
            r.violate(neurons.isEmpty() ? null : neurons.get(0), neurons.size() + " neuron layer(s): hidden and "
                    + "readout layers are needed", MAPPER + " at_least_two_neuron_layers_needed");
        } else if (hidden.isEmpty()) {
            r.violate(neurons.get(0), "no hidden neurons: every neuron layer feeds the output",
                    MAPPER + " at_least_two_neuron_layers_needed");
        }
    }

    /** Quantises every population, installs its integers and step, and reports errors, placement and notes. */
    private static void convert(Import imp, MappingReport.Builder r, int bits, Map<String, Weights> weights,
            List<String> readout, List<String> hidden, List<String> inputs) {
        double dt = imp.dt();
        imp.note(null, "dt = " + Values.seconds(dt) + " for every neuron (the paper's flow sets lif1.dt = lif2.dt "
                + "= 1e-4 after the import; Rockpool alone would guess min(τ_mem/(1 + r)))");
        long recurrentWeights = 0;
        Map<String, Integer> firstId = new LinkedHashMap<>();
        int next = 0;
        for (String h : hidden) {
            firstId.put(h, next);
            next += imp.params(h).size();
        }
        long[] recurrentFanOut = new long[next];
        long worstSum = 0;
        List<String> all = new ArrayList<>(hidden);
        all.addAll(readout);
        Map<String, List<Weights>> byTarget = new HashMap<>();
        weights.values().forEach(w -> byTarget.computeIfAbsent(w.target(), t -> new ArrayList<>()).add(w));
        for (String n : all) {
            boolean isReadout = readout.contains(n); // at most 8 readout neurons here: the limits held
            NeuronParams p = imp.params(n);
            List<Weights> into = byTarget.getOrDefault(n, List.of());
            XyloQuantisation.Channels c = XyloQuantisation.quantise(into.stream()
                    .map(w -> new XyloQuantisation.Matrix(w.weight(), w.inputs())).toList(), p.vThreshold(), bits);
            long[] sums = new long[p.size()];
            for (int k = 0; k < into.size(); k++) {
                Weights w = into.get(k);
                long[] q = c.weights().get(k);
                double[] represented = new double[q.length];
                for (int j = 0; j < q.length; j++) {
                    represented[j] = q[j] / c.scale()[j / w.inputs()];
                    sums[j / w.inputs()] += Math.abs(q[j]) * (w.source() == null ? 15 : XyloNeuron.MAX_HIDDEN_SPIKES);
                    if (w.source() != null && !isReadout && q[j] != 0) {
                        recurrentFanOut[firstId.get(w.source()) + j % w.inputs()]++;
                        recurrentWeights++;
                    }
                }
                r.quantised(QuantisationError.of(w.node(), "weight", w.weight(), represented));
                install(imp, w, q);
            }
            for (long s : sums) {
                worstSum = Math.max(worstSum, s);
            }
            double[] thetaRep = new double[p.size()];
            long[] dashSyn = new long[p.size()];
            long[] dashMem = new long[p.size()];
            double[] euSyn = new double[p.size()];
            double[] euMem = new double[p.size()];
            double[] repSyn = new double[p.size()];
            double[] repMem = new double[p.size()];
            long[] bias = new long[p.size()];
            for (int k = 0; k < p.size(); k++) {
                thetaRep[k] = c.threshold()[k] / c.scale()[k];
                dashSyn[k] = XyloQuantisation.dash(p.tauSyn()[k], dt);
                dashMem[k] = XyloQuantisation.dash(p.tau()[k], dt);
                euSyn[k] = 1 - dt / p.tauSyn()[k];
                euMem[k] = 1 - dt / p.tau()[k];
                repSyn[k] = XyloQuantisation.decayFactor(dashSyn[k]);
                repMem[k] = XyloQuantisation.decayFactor(dashMem[k]);
                // bias_out = round(v_leak·s) (channel_quantize), again rounded by config_from_specification
                bias[k] = isReadout ? XyloQuantisation.round(p.vLeak()[k] * c.biasScale()[k]) : 0;
                if (Math.abs(c.threshold()[k]) > XyloQuantisation.MAX_THRESHOLD) {
                    r.use(THRESHOLD_BITS, "neuron " + k, 64 - Long.numberOfLeadingZeros(Math.abs(c.threshold()[k]))
                            + 1, n);
                }
            }
            r.quantised(QuantisationError.of(n, "threshold", p.vThreshold(), thetaRep));
            r.quantised(QuantisationError.of(n, "decay (synaptic, vs 1 − dt/τ_syn)", euSyn, repSyn));
            r.quantised(QuantisationError.of(n, "decay (membrane, vs 1 − dt/τ_mem)", euMem, repMem));
            long maxDash = Math.max(Arrays.stream(dashSyn).max().orElse(0), Arrays.stream(dashMem).max().orElse(0));
            r.use(DASH, n, maxDash, n);
            imp.note(n, "dash_syn " + show(dashSyn) + " (decay " + Values.show(repSyn) + "), dash_mem "
                    + show(dashMem) + " (decay " + Values.show(repMem) + "), θ " + show(c.threshold())
                    + " = round(θ·s), s = " + ((1 << (bits - 1)) - 1) + "/max|w into the neuron|");
            imp.changed(n, "r", p.r(), Values.map(p.tau(), t -> t / dt), "Rockpool ignores r (" + IMPORT + ")");
            imp.changed(n, "w_in", p.wIn(), Values.map(p.tau(), t -> 1), "Rockpool ignores w_in (" + IMPORT + ")");
            imp.vResetUnused(n, p, "Xylo subtracts θ per spike");
            if (!isReadout && !Values.all(p.vLeak(), 0)) {
                imp.note(n, "v_leak " + Values.show(p.vLeak()) + " dropped: the spec's 'bias' is not the "
                        + "'bias_hidden' config_from_specification reads (synsense/rockpool xylo_samna.py)");
            }
            imp.step(n, new XyloNeuron(dashSyn, dashMem, c.threshold(), bias,
                    isReadout ? XyloNeuron.MAX_READOUT_SPIKES : XyloNeuron.MAX_HIDDEN_SPIKES));
            if (isReadout) {
                int first = readout.subList(0, readout.indexOf(n)).stream().mapToInt(x -> imp.params(x).size()).sum();
                r.place(n, "readout neurons " + first + "–" + (first + p.size() - 1), "");
            } else {
                int first = firstId.get(n);
                r.place(n, "hidden neurons " + first + "–" + (first + p.size() - 1), "");
            }
        }
        for (int h = 0; h < recurrentFanOut.length; h++) {
            if (recurrentFanOut[h] > FAN_OUT.value()) {
                r.use(FAN_OUT, "hidden neuron " + h, recurrentFanOut[h], hiddenAt(firstId, h));
            }
        }
        r.use(FAN_OUT, "largest of any hidden neuron", Arrays.stream(recurrentFanOut).max().orElse(0), null);
        r.use(RECURRENT_WEIGHTS, "chip", recurrentWeights, null);
        for (String in : inputs) {
            long channels = imp.nodes().get(in).outputShape().elementCount();
            r.place(in, "input channels 0–" + (channels - 1), "");
            for (String w : imp.successors(in)) {
                imp.capInput(w, INPUT_EVENTS.value(), "the chip takes at most " + INPUT_EVENTS.value()
                        + " events per channel and step (" + INPUT_EVENTS.source() + ")");
            }
        }
        imp.note(null, "largest Σ|w|·events into a neuron (15 input events, 31 hidden spikes per step): " + worstSum
                + " < 2^24, so the engine's float32 sums of integer weights are exact");
    }

    /** The weight node runs with the chip's integers; the hidden → * matrices deliver one step late. */
    private static void install(Import imp, Weights w, long[] q) {
        double[] values = new double[q.length];
        for (int j = 0; j < q.length; j++) {
            values[j] = q[j];
        }
        NdArray weight = NdArray.ofDoubles(DType.FLOAT32, new int[] {w.outputs(), w.inputs()}, values);
        NirNode node = imp.nodes().get(w.node());
        if (node instanceof Affine a) {
            imp.replace(w.node(), new Affine(weight, a.bias(), a.metadata()), "weights → the chip's integers "
                    + "round(w·s) per target neuron (" + QUANTIZE + ")");
            if (!Values.all(a.bias().toDoubleArray(), 0)) {
                imp.dropBias(w.node(), "weight biases are not transferred to Xylo (" + MAPPER
                        + " weight_nodes_have_no_biases warns)");
            } else {
                imp.dropBias(w.node(), "zero; Xylo has no weight biases");
            }
        } else {
            imp.replace(w.node(), new Linear(weight, ((Linear) node).metadata()), "weights → the chip's integers "
                    + "round(w·s) per target neuron (" + QUANTIZE + ")");
        }
        if (w.source() != null) {
            for (Edge e : imp.edgesInto(w.node())) {
                imp.delay(e, "Xylo delivers hidden spikes of step t − 1 to hidden and readout synapses (" + XYLOSIM
                        + " XyloLayer::evolve)");
            }
        }
    }

    private static String hiddenAt(Map<String, Integer> firstId, int h) {
        String at = null;
        for (Map.Entry<String, Integer> e : firstId.entrySet()) {
            if (e.getValue() <= h) {
                at = e.getKey();
            }
        }
        return at;
    }

    private static String show(long[] v) {
        for (long x : v) {
            if (x != v[0]) {
                return java.util.Arrays.toString(v);
            }
        }
        return v.length == 0 ? "[]" : String.valueOf(v[0]);
    }
}
