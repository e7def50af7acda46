package io.nirsweep.hardware.speck;

import io.nirsweep.hardware.target.ChipRules;
import io.nirsweep.hardware.target.Fixed;
import io.nirsweep.hardware.target.Limit;
import io.nirsweep.hardware.target.MappingReport;
import io.nirsweep.hardware.target.QuantisationError;
import io.nirsweep.model.Affine;
import io.nirsweep.model.Conv2d;
import io.nirsweep.model.DType;
import io.nirsweep.model.Flatten;
import io.nirsweep.model.IF;
import io.nirsweep.model.Input;
import io.nirsweep.model.Linear;
import io.nirsweep.model.NdArray;
import io.nirsweep.model.NirNode;
import io.nirsweep.model.Output;
import io.nirsweep.model.Param;
import io.nirsweep.model.Shape;
import io.nirsweep.model.SumPool2d;
import io.nirsweep.sim.backend.Import;
import io.nirsweep.sim.backend.Values;
import io.nirsweep.sim.neuron.NeuronParams;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The paper's Speck flow as rules (docs/platforms.md §4.9): NIR → sinabs' {@code from_nir}
 * ({@code sinabs/nir.py}) → the layers in graph order → {@code DynapcnnNetwork(discretize=True)} (synsense/sinabs,
 * commit 904eb89, {@code sinabs/backend/dynapcnn/*}) with the threshold collapsed to one per layer as
 * {@code paper/02_cnn/speck_activity.py} (neuromorphs/NIR) does.
 *
 * <p>Graph rules: a core is one Conv2d (square kernel, no dilation or groups) → IF → optionally a square
 * SumPool2d with stride = kernel and no padding ({@code dynapcnn_layer.py}, {@code dynapcnn_layer_utils.py}
 * {@code extract_pooling_from_module}); an Affine is converted to a Conv2d whose kernel is the spatial size of its
 * (flattened) input ({@code convert_linear_to_conv}); Flatten passes; Input/Output. Sinabs' importer has nothing
 * for Linear (no bias) or any other node (nirtorch drops them), and the chip has no leaky or recurrent neuron: each
 * is refused. A loop is refused ({@code utils.py}: "The graph has a cycle"). At most two destination cores per
 * layer; nine cores; each layer's kernel, neuron and bias memory against the cores' ({@link SpeckCores}); cores
 * assigned by sinabs' max-flow matching ({@link CoreMatching}).
 *
 * <p>Conversion: per layer {@link Discretize.Layer} from the weights, biases, θ = θ[0] and min_v_mem = −θ[0] (the
 * NIR import's floor, {@code IAFSqueeze(min_v_mem=-v_threshold)}); the weight node is replaced by its integers, the
 * IF runs {@link SpeckIaf} with the integer thresholds and the subtract reset (return_to_zero = false: sinabs' IAF
 * default MembraneSubtract). r and v_reset are ignored, as sinabs ignores them.
 */
final class SpeckRules extends ChipRules {
    static final String TARGET = "speck";
    private static final String SINABS = "synsense/sinabs ";
    private static final String NIR_IMPORT = SINABS + "sinabs/nir.py _import_sinabs_module";
    private static final String LAYER = SINABS + "sinabs/backend/dynapcnn/dynapcnn_layer.py";
    private static final String CONFIG = SINABS + "sinabs/backend/dynapcnn/chips/dynapcnn.py "
            + "get_dynapcnn_layer_config_dict";

    static final Limit CORES = Limit.of("cores (one per layer)", SpeckCores.CORES, "", SpeckCores.CONSTRAINTS);
    static final Limit KERNEL_ANY = Limit.of("kernel memory of the largest core", SpeckCores.largestKernelMemory(),
            "entries", SpeckCores.CONSTRAINTS + " (cores 5, 6); K = c_in·2^(⌈log2 kx·ky⌉+⌈log2 c_out⌉) in "
            + SpeckCores.MEMORY);
    static final Limit NEURON_ANY = Limit.of("neuron memory of the largest core", SpeckCores.largestNeuronMemory(),
            "entries", SpeckCores.CONSTRAINTS + " (cores 0–2); N = c_out·2^(⌈log2 h⌉+⌈log2 w⌉) in "
            + SpeckCores.MEMORY);
    static final Limit BIAS = Limit.of("bias memory per core", SpeckCores.biasMemory(0), "entries",
            SpeckCores.CONSTRAINTS + "; bias = c_out in " + SpeckCores.MEMORY);
    static final Limit DESTINATIONS = Limit.of("destination cores per layer", 2, "", CONFIG
            + " (two destination slots) and sinabs/backend/dynapcnn/exceptions.py MaxDestinationsReached");
    static final Limit WEIGHT_BITS = Limit.of("weight bits", Discretize.WEIGHT_BITS, "bits", SINABS
            + "sinabs/backend/dynapcnn/discretize.py DYNAPCNN_WEIGHT_PRECISION_BITS");
    static final Limit STATE_BITS = Limit.of("neuron state bits (thresholds)", Discretize.STATE_BITS, "bits", SINABS
            + "sinabs/backend/dynapcnn/discretize.py DYNAPCNN_STATE_PRECISION_BITS");
    static final Limit INPUT_CHANNELS = Limit.notPublic("input channels of a core", "channels", "sinabs "
            + "dynapcnn/*.py and the paper's scripts state none; samna's configuration validator (closed source) "
            + "decides");
    static final Limit INPUT_SIZE = Limit.notPublic("input size (larger side) of a core", "pixels", "sinabs "
            + "dynapcnn/*.py state none (128×128 is the DVS sensor's size, dynapcnn_visualizer.py, not a core limit)");
    static final Limit KERNEL_SIZE = Limit.notPublic("kernel size", "pixels", "sinabs dynapcnn/*.py check only "
            + "that it is square; the kernel memory formula bounds it");
    private static final List<Limit> PER_CORE = perCoreLimits();

    @Override
    public List<Limit> limits() {
        List<Limit> all = new ArrayList<>(List.of(CORES, KERNEL_ANY, NEURON_ANY, BIAS, DESTINATIONS, WEIGHT_BITS,
                STATE_BITS, INPUT_CHANNELS, INPUT_SIZE, KERNEL_SIZE));
        all.addAll(PER_CORE);
        return all;
    }

    private static List<Limit> perCoreLimits() {
        List<Limit> l = new ArrayList<>();
        for (int c = 0; c < SpeckCores.CORES; c++) {
            l.add(Limit.of("kernel memory of core " + c, SpeckCores.kernelMemory(c), "entries",
                    SpeckCores.CONSTRAINTS));
            l.add(Limit.of("neuron memory of core " + c, SpeckCores.neuronMemory(c), "entries",
                    SpeckCores.CONSTRAINTS));
        }
        return l;
    }

    @Override
    public TargetFacts facts() {
        return new TargetFacts("per layer one scale s = min(scale(W, 8 bit), scale(b, 8 bit), scale((θ_low, θ), "
                + "16 bit)) with scale = 127/max or 128/|min| (float32); W, b, θ, θ_low → round-half-even(x·s); one θ "
                + "per layer (θ[0]), θ_low = −θ[0]",
                "IAF per time bin on long integers: v += Σw·events + b; n = ⌊v/θ⌋ spikes; v −= n·θ; v = max(v, θ_low);"
                + " state within 16 bits; no leak (bias once per bin). The chip is event-driven: within a bin it "
                + "fires per event (see PerEventCore; differs with mixed-sign input, the floor and several spikes)",
                "0 per layer and for the input (a bin's events reach every layer within the bin)",
                NIR_IMPORT + "; " + SINABS + "sinabs/backend/dynapcnn/{discretize.py, dynapcnn_layer.py, mapping.py, "
                + "chips/dynapcnn.py} (commit 904eb89); neuromorphs/NIR paper/02_cnn/speck_activity.py");
    }

    @Override
    public String weightBitsRefusal(int bits) {
        return bits == Discretize.WEIGHT_BITS ? null : "Speck's weights are " + Discretize.WEIGHT_BITS
                + " bit (sinabs discretize.py DYNAPCNN_WEIGHT_PRECISION_BITS); the scale is the toolchain's own";
    }

    /** One core's layer as the walk finds it. */
    private record Layer(String weight, String neuron, SpeckCores.Needs needs) {}

    @Override
    public MappingReport map(Import imp) {
        MappingReport.Builder r = new MappingReport.Builder(TARGET);
        for (Map.Entry<String, NirNode> e : imp.nodes().entrySet()) {
            checkKind(e.getKey(), e.getValue(), imp, r);
        }
        List<String> order = topological(imp);
        List<Layer> layers = new ArrayList<>();
        for (String name : order) {
            NirNode node = imp.nodes().get(name);
            if (node instanceof Conv2d || node instanceof Affine) {
                Layer l = layer(name, node, imp, r);
                if (l != null) {
                    layers.add(l);
                }
            } else if (node instanceof IF && !isWeight(imp, single(imp.predecessors(name)))) {
                r.violate(name, "an IF must follow its Conv2d or Affine (a core is conv → IAF → pool)", LAYER);
            } else if (node instanceof SumPool2d p) {
                checkPool(name, p, imp, r);
            } else if (node instanceof Input in && in.outputShape() != null) {
                Shape s = in.outputShape();
                r.use(INPUT_CHANNELS, name, s.rank() == 3 ? s.dim(0) : s.elementCount(), name);
                r.use(INPUT_SIZE, name, s.rank() == 3 ? Math.max(s.dim(1), s.dim(2)) : 1, name);
            }
        }
        r.use(CORES, "chip", layers.size(), null);
        if (!r.broken()) {
            place(layers, r);
        }
        return r.build(imp);
    }

    private static void checkKind(String name, NirNode node, Import imp, MappingReport.Builder r) {
        if (node instanceof Linear) {
            r.violate(name, "Linear (no bias): sinabs' NIR import has no conversion for it (returns nothing, nirtorch "
                    + "drops the node)", NIR_IMPORT);
        } else if (!(node instanceof Input || node instanceof Output || node instanceof Conv2d
                || node instanceof Affine || node instanceof IF || node instanceof SumPool2d
                || node instanceof Flatten)) {
            r.violate(name, "node kind " + node.typeName() + " is not supported: a core is Conv2d → IAF → SumPool2d"
                    + " (Affine as a Conv2d, Flatten between); Speck has no leaky, synaptic or recurrent neuron", LAYER + "; "
                    + NIR_IMPORT);
        }
        if (imp.onCycle(name)) {
            r.violate(name, "on a loop: sinabs orders the layers topologically and refuses a cycle", SINABS
                    + "sinabs/backend/dynapcnn/utils.py topological_sort");
        }
    }

    private static boolean isWeight(Import imp, String node) {
        NirNode n = node == null ? null : imp.nodes().get(node);
        return n instanceof Conv2d || n instanceof Affine;
    }

    private static String single(List<String> names) {
        return names.size() == 1 ? names.get(0) : null;
    }

    /** Kahn's order, ties in file order; nodes on loops (already refused) follow in file order. */
    private static List<String> topological(Import imp) {
        Map<String, Integer> in = new HashMap<>();
        imp.nodes().keySet().forEach(n -> in.put(n, imp.predecessors(n).size()));
        List<String> order = new ArrayList<>();
        Set<String> placed = new LinkedHashSet<>();
        ArrayDeque<String> ready = new ArrayDeque<>();
        imp.nodes().keySet().stream().filter(n -> in.get(n) == 0).forEach(ready::add);
        while (!ready.isEmpty()) {
            String n = ready.poll();
            if (placed.add(n)) {
                order.add(n);
                for (String s : imp.successors(n)) {
                    if (in.merge(s, -1, Integer::sum) == 0) {
                        ready.add(s);
                    }
                }
            }
        }
        imp.nodes().keySet().stream().filter(n -> !placed.contains(n)).forEach(order::add);
        return order;
    }

    /** A weight node, its IF and pools: checks, memory, discretisation. Null when it cannot be a layer. */
    private static Layer layer(String name, NirNode node, Import imp, MappingReport.Builder r) {
        String neuron = single(imp.successors(name));
        if (neuron == null || !(imp.nodes().get(neuron) instanceof IF)) {
            r.violate(name, node.typeName() + " must feed exactly one IF (a core is conv → IAF → pool), feeds "
                    + imp.successors(name), LAYER);
            return null;
        }
        checkSource(name, imp, r);
        long cIn;
        int kh;
        int kw;
        int cOut;
        Shape out;
        if (node instanceof Conv2d c) {
            if (c.inputShape() == null) {
                r.violate(name, "input shape unknown (the graph needs type inference)", LAYER);
                return null;
            }
            int[] w = c.weight().shape();
            cOut = w[0];
            cIn = c.inChannels();
            kh = w[2];
            kw = w[3];
            out = c.outputShape();
            if (c.groupCount() != 1 || c.dilationHW()[0] != 1 || c.dilationHW()[1] != 1) {
                r.violate(name, "groups " + c.groupCount() + ", dilation " + java.util.Arrays.toString(c.dilationHW())
                        + ": a core's configuration has kernel size, stride and padding only", CONFIG);
            }
            if (c.padding() instanceof Param.Text t && !t.value().equals("valid")) {
                r.violate(name, "padding '" + t.value() + "': a core's configuration needs explicit padding", CONFIG);
            }
        } else {
            Affine a = (Affine) node;
            int[] w = a.weight().shape();
            if (w.length != 2) {
                r.violate(name, "Affine weight of rank " + w.length + ": sinabs imports it as nn.Linear (rank 2)",
                        NIR_IMPORT);
                return null;
            }
            Shape spatial = spatialInput(name, imp);
            if (spatial == null) {
                r.violate(name, "input shape unknown (the graph needs type inference)", LAYER);
                return null;
            }
            cOut = w[0];
            cIn = spatial.rank() == 3 ? spatial.dim(0) : spatial.elementCount(); // a declared size: may pass 2^31
            kh = spatial.rank() == 3 ? spatial.dim(1) : 1;
            kw = spatial.rank() == 3 ? spatial.dim(2) : 1;
            if (SpeckCores.productSaturated(SpeckCores.productSaturated(cIn, kh), kw) != w[1]) {
                r.violate(name, "Affine takes " + w[1] + " inputs, its input is " + spatial, LAYER
                        + " convert_linear_to_conv");
                return null;
            }
            out = Shape.of(cOut, 1, 1);
            imp.note(name, "converted to a Conv2d with a " + kh + "×" + kw + " kernel over " + cIn + " channels "
                    + "(sinabs convert_linear_to_conv)");
        }
        if (kh != kw) {
            r.violate(name, "kernel " + kh + "×" + kw + " is not square", CONFIG + " (\"Kernel must have same "
                    + "height and width\"); " + LAYER);
        }
        r.use(KERNEL_SIZE, name, Math.max(kh, kw), name);
        SpeckCores.Needs needs = new SpeckCores.Needs(SpeckCores.kernelEntries(cIn, kw, kh, cOut),
                SpeckCores.neuronEntries(cOut, out.dim(1), out.dim(2)), cOut);
        r.use(KERNEL_ANY, name, needs.kernel(), name);
        r.use(NEURON_ANY, name, needs.neurons(), name);
        r.use(BIAS, name, needs.bias(), name);
        r.use(DESTINATIONS, name, destinations(neuron, imp).size(), name);
        discretise(name, node, neuron, cOut, imp, r);
        return new Layer(name, neuron, needs);
    }

    /** What feeds a weight node must be the chip's input or another core's output (IF, or IF → pool). */
    private static void checkSource(String name, Import imp, MappingReport.Builder r) {
        for (String p : imp.predecessors(name)) {
            String s = throughFlatten(p, imp);
            NirNode n = s == null ? null : imp.nodes().get(s);
            boolean ok = n instanceof Input || n instanceof IF
                    || n instanceof SumPool2d && imp.nodes().get(single(imp.predecessors(s))) instanceof IF;
            if (!ok) {
                r.violate(name, "fed by " + (s == null ? p : s) + " (" + (n == null ? "?" : n.typeName()) + "): a "
                        + "core takes the input or another core's spikes (conv → IAF → pool)", LAYER);
            }
        }
    }

    /** The first node before any Flatten chain ending in {@code node} (null on a branch). */
    private static String throughFlatten(String node, Import imp) {
        String n = node;
        for (int guard = 0; n != null && imp.nodes().get(n) instanceof Flatten && guard < imp.nodes().size();
                guard++) {
            n = single(imp.predecessors(n));
        }
        return n;
    }

    /** The (C, H, W) an Affine's flattened input had, or (N) for a vector. */
    private static Shape spatialInput(String affine, Import imp) {
        String p = single(imp.predecessors(affine));
        String s = p == null ? null : throughFlatten(p, imp);
        NirNode n = s == null ? null : imp.nodes().get(s);
        return n == null ? null : n.outputShape();
    }

    /** The weight nodes an IF's spikes reach, through pools and flattens. */
    private static Set<String> destinations(String neuron, Import imp) {
        Set<String> dest = new LinkedHashSet<>();
        ArrayDeque<String> todo = new ArrayDeque<>(imp.successors(neuron));
        Set<String> seen = new LinkedHashSet<>();
        while (!todo.isEmpty()) {
            String s = todo.poll();
            if (!seen.add(s)) {
                continue;
            }
            NirNode n = imp.nodes().get(s);
            if (n instanceof Conv2d || n instanceof Affine) {
                dest.add(s);
            } else if (n instanceof SumPool2d || n instanceof Flatten) {
                todo.addAll(imp.successors(s));
            }
        }
        return dest;
    }

    private static void checkPool(String name, SumPool2d p, Import imp, MappingReport.Builder r) {
        String src = LAYER + "; " + SINABS + "sinabs/backend/dynapcnn/dynapcnn_layer_utils.py "
                + "extract_pooling_from_module";
        int[] k = pair(p.kernelSize());
        int[] s = pair(p.stride());
        if (k[0] != k[1]) {
            r.violate(name, "pooling " + k[0] + "×" + k[1] + " is not square", src);
        }
        if (s[0] != k[0] || s[1] != k[1]) {
            r.violate(name, "pooling stride " + s[0] + "×" + s[1] + " differs from its kernel " + k[0] + "×" + k[1],
                    src);
        }
        if (p.padding() != null && !Values.all(p.padding().toDoubleArray(), 0)) {
            r.violate(name, "padded pooling: a core pools its output events without padding", src);
        }
        if (!(imp.nodes().get(single(imp.predecessors(name))) instanceof IF)) {
            r.violate(name, "SumPool2d must follow an IF: a core pools its own spikes on the way to a destination "
                    + "(this target does not merge consecutive pools)", src);
        }
    }

    private static int[] pair(NdArray a) {
        int[] v = a.toIntArray();
        return v.length == 1 ? new int[] {v[0], v[0]} : v;
    }

    /** The layer's integers: the weight node replaced, the IF's step set, errors and notes recorded. */
    private static void discretise(String name, NirNode node, String neuron, int cOut, Import imp,
            MappingReport.Builder r) {
        NdArray weight = node instanceof Conv2d c ? c.weight() : ((Affine) node).weight();
        NdArray biasArray = node instanceof Conv2d c ? c.bias() : ((Affine) node).bias();
        double[] w = weight.toDoubleArray();
        double[] b = biasArray == null ? new double[cOut] : broadcast(biasArray.toDoubleArray(), cOut);
        NeuronParams p = imp.params(neuron);
        double[] theta = p.vThreshold();
        float t0 = (float) theta[0];
        if (!(t0 > 0)) {
            r.violate(neuron, "threshold " + t0 + ": Speck's threshold_high must be positive", CONFIG);
            return;
        }
        Discretize.Layer q = Discretize.Layer.of(floats(w), floats(b), t0, -t0);
        double s = q.scale();
        if (q.threshold() < 1) {
            r.violate(neuron, "threshold " + t0 + " rounds to threshold_high " + q.threshold() + " at the layer's scale "
                    + q.scale() + ": a core's IAF needs a threshold of at least 1", CONFIG);
            return;
        }
        r.use(WEIGHT_BITS, name, Discretize.WEIGHT_BITS, name);
        r.use(STATE_BITS, neuron, Math.max(bits(q.threshold()), bits(q.low())), neuron);
        double[] wq = new double[w.length];
        for (int k = 0; k < w.length; k++) {
            wq[k] = q.weights()[k];
        }
        double[] bq = new double[cOut];
        for (int k = 0; k < cOut; k++) {
            bq[k] = q.biases()[k];
        }
        NdArray wInt = NdArray.ofDoubles(DType.FLOAT32, weight.shape(), wq);
        NdArray bInt = biasArray == null ? null : NdArray.ofDoubles(DType.FLOAT32, biasArray.shape(),
                biasArray.size() == cOut ? bq : new double[] {bq[0]});
        if (biasArray != null && biasArray.size() != cOut && !Values.uniform(bq)) {
            r.violate(name, "a scalar bias the conversion cannot keep", CONFIG);
            return;
        }
        String why = String.format(Locale.ROOT, "integers of sinabs' discretize: scale s = %s; weights round(w·s) in "
                + "[%d, %d], biases round(b·s)", Float.toString(q.scale()), Arrays.stream(q.weights()).min().orElse(0),
                Arrays.stream(q.weights()).max().orElse(0));
        if (node instanceof Conv2d c) {
            imp.replace(name, new Conv2d(c.inputSize(), wInt, c.stride(), c.padding(), c.dilation(), c.groups(),
                    bInt, c.metadata()), why);
        } else {
            imp.replace(name, new Affine(wInt, bInt, node.metadata()), why);
        }
        imp.step(neuron, new SpeckIaf(q.threshold(), q.low(), false));
        if (!Values.uniform(theta)) {
            imp.note(neuron, "one threshold per layer: θ[0] = " + t0 + " for all (the paper's speck script "
                    + "collapses the per-neuron θ)");
        }
        imp.note(neuron, "threshold_high = round(θ·s) = " + q.threshold() + ", threshold_low = round(−θ·s) = "
                + q.low() + " (sinabs' NIR import sets min_v_mem = −θ), subtract reset (return_to_zero false), "
                + "r and v_reset ignored");
        long fanIn = 0;
        int per = w.length / cOut;
        for (int o = 0; o < cOut; o++) {
            long sum = 0;
            for (int k = 0; k < per; k++) {
                sum += Math.abs(q.weights()[o * per + k]);
            }
            fanIn = Math.max(fanIn, sum);
        }
        long bMax = 0;
        for (long v : q.biases()) {
            bMax = Math.max(bMax, Math.abs(v));
        }
        imp.note(name, "float32 sums exact while each input neuron sends at most "
                + (fanIn == 0 ? "any number of" : String.valueOf(((1L << 24) - 1 - bMax) / fanIn))
                + " events per bin (Σ|w| per output = " + fanIn + ")");
        r.quantised(QuantisationError.of(name, "weight", w, scaledBack(q.weights(), s)));
        r.quantised(QuantisationError.of(name, "bias", b, scaledBack(q.biases(), s)));
        double[] thetaQ = new double[theta.length];
        java.util.Arrays.fill(thetaQ, q.threshold() / s);
        r.quantised(QuantisationError.of(neuron, "threshold", theta, thetaQ));
        r.quantised(QuantisationError.of(neuron, "threshold_low", new double[] {-theta[0]},
                new double[] {q.low() / s}));
    }

    private static void place(List<Layer> layers, MappingReport.Builder r) {
        List<int[]> candidates = new ArrayList<>();
        for (Layer l : layers) {
            List<Integer> fit = new ArrayList<>();
            for (int c = 0; c < SpeckCores.CORES; c++) {
                if (l.needs().fits(c)) {
                    fit.add(c);
                }
            }
            candidates.add(fit.stream().mapToInt(Integer::intValue).toArray());
            if (fit.isEmpty()) {
                r.violate(l.weight(), "no core holds kernel " + l.needs().kernel() + " and neurons "
                        + l.needs().neurons() + " together", SINABS + "sinabs/backend/dynapcnn/mapping.py "
                        + "find_chip_layers; " + SpeckCores.CONSTRAINTS);
            }
        }
        if (r.broken()) {
            return;
        }
        int[] core = CoreMatching.assign(candidates, SpeckCores.CORES);
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            if (core[i] < 0) {
                r.violate(l.weight(), "no core left for this layer in sinabs' max-flow matching", SINABS
                        + "sinabs/backend/dynapcnn/mapping.py get_valid_mapping");
                continue;
            }
            int c = core[i];
            r.use(PER_CORE.get(2 * c), "core " + c, l.needs().kernel(), l.weight());
            r.use(PER_CORE.get(2 * c + 1), "core " + c, l.needs().neurons(), l.weight());
            r.place(l.weight() + " + " + l.neuron(), "core " + c, "kernel " + l.needs().kernel() + "/"
                    + SpeckCores.kernelMemory(c) + ", neurons " + l.needs().neurons() + "/"
                    + SpeckCores.neuronMemory(c) + ", bias " + l.needs().bias() + "/" + SpeckCores.biasMemory(c));
        }
    }

    private static double[] broadcast(double[] v, int n) {
        return v.length == n ? v : Values.fill(n, v.length == 0 ? 0 : v[0]);
    }

    private static float[] floats(double[] v) {
        float[] f = new float[v.length];
        for (int k = 0; k < v.length; k++) {
            f[k] = (float) v[k];
        }
        return f;
    }

    private static double[] scaledBack(long[] q, double s) {
        double[] d = new double[q.length];
        for (int k = 0; k < q.length; k++) {
            d[k] = q[k] / s;
        }
        return d;
    }

    /** Bits of a signed register that holds v. */
    static int bits(long v) {
        int b = 1;
        while (v > Fixed.maxSigned(b) || v < Fixed.minSigned(b)) {
            b++;
        }
        return b;
    }
}
