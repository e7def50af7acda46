package io.nirsweep.hardware.loihi;

import io.nirsweep.hardware.target.ChipRules;
import io.nirsweep.hardware.target.Fixed.Rounding;
import io.nirsweep.hardware.target.Limit;
import io.nirsweep.hardware.target.MappingReport;
import io.nirsweep.hardware.target.QuantisationError;
import io.nirsweep.model.Affine;
import io.nirsweep.model.CubaLIF;
import io.nirsweep.model.Edge;
import io.nirsweep.model.IF;
import io.nirsweep.model.Input;
import io.nirsweep.model.LIF;
import io.nirsweep.model.Linear;
import io.nirsweep.model.NdArray;
import io.nirsweep.model.NirNode;
import io.nirsweep.model.Output;
import io.nirsweep.sim.SimulationException;
import io.nirsweep.sim.backend.Import;
import io.nirsweep.sim.backend.NamedRules;
import io.nirsweep.sim.backend.Values;
import io.nirsweep.sim.neuron.NeuronParams;
import io.nirsweep.sim.simulators.lava.LavaImport;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The {@code loihi2} target: Loihi 2 as Lava reaches it, checked against Intel's published chip figures.
 *
 * <p><b>Two conversions</b>, as the public toolchains have them. A graph with a LIF goes through the NIR paper's
 * Lava-process converter exactly as {@code lava-fixed} does ({@link LavaImport}: Input → Affine(no bias) → LIF
 * chains, each LIF one neuron behind its own 1×1 Dense(⌊dt/τ·256⌋)), the Affine weights then made integers as Lava's
 * bit-accurate Dense casts them (toward zero, {@link Loihi2Quantiser#denseWeights}). A graph of CubaLIF and IF goes
 * the way lava-dl models reach the chip (slayer's quantisation, netx's Dense + LIF processes, {@link
 * Loihi2Quantiser}): per neuron, with α = dt/τ_syn, β = dt/τ_mem, NIR's forward-Euler CubaLIF
 * i ← (1−α)i + α·w_in·x, v ← (1−β)v + β(v_leak + R·i) becomes Lava's u ← (1−α)u + a, v ← (1−β)v + u + bias with
 * u = βR·i, so every Dense weight into the neuron is scaled by g = α·w_in·βR (= w_in·dt/τ_syn when R = τ_mem/dt), the
 * threshold stays θ and the bias is β·v_leak; an IF (v ← v + dt·R·x) is u = a (d_u = 4096), dv = 0, g = dt·R. An
 * Affine's bias b has no place on a Dense; it is folded into the neuron's bias_mant (netx puts a block's bias there)
 * at its steady-state value w_in·βR·b (CubaLIF; the transient differs: NIR's bias reaches v through the synapse over
 * τ_syn, Loihi's acts at once) or dt·R·b (IF; exact). Every Dense adds one step (Lava's Dense sends what it
 * accumulated the step before), recurrent ones too.
 *
 * <p><b>Placement</b> (nirsweep's rule; Lava's Loihi compiler is not public): neuron layers in graph order, each on
 * consecutive cores of {@link #NEURONS_PER_CORE_PACKING} neurons (an even share of the published chip total over the
 * published cores — not a published per-core limit), its incoming Dense synapses with it. The host's input and output
 * use no core.
 */
final class Loihi2Rules extends ChipRules {
    static final String TARGET = "loihi2";
    private static final String BRIEF = "Intel Labs, 'Taking Neuromorphic Computing to the Next Level with Loihi 2',"
            + " technology brief (2021)";
    private static final String LAVA = "lava-nc/lava@b6822fbc ";

    static final Limit CORES = Limit.of("neuro cores per chip", 128, "cores", BRIEF + ": 128 neuromorphic cores");
    static final Limit NEURONS = Limit.of("neurons per chip", 1_000_000, "neurons",
            BRIEF + ": up to 1 million neurons per chip");
    static final Limit SYNAPSES = Limit.of("synapses per chip", 120_000_000, "synapses",
            BRIEF + ": up to 120 million synapses per chip (Lava's Dense stores every in×out weight)");
    static final Limit NEURONS_PER_CORE = Limit.notPublic("neurons per core", "neurons", BRIEF
            + " gives chip totals only; lava-nc/lava has no core model; Lava's Loihi compiler is not public");
    static final Limit SYNAPTIC_MEMORY_PER_CORE = Limit.notPublic("synaptic memory per core", "bytes", BRIEF
            + "; lava-nc/lava proc/dense; Lava's Loihi compiler is not public");
    static final Limit FAN_IN = Limit.notPublic("fan-in per neuron", "synapses", BRIEF + "; lava-nc/lava proc/dense");
    static final Limit WEIGHT_BITS = Limit.of("weight bits", Loihi2Quantiser.MAX_WEIGHT_BITS, "bits", LAVA
            + "src/lava/proc/dense/models.py (weights precision=8) and src/lava/utils/weightutils.py"
            + " (truncate_weights, max_num_weight_bits=8)");
    static final Limit THRESHOLD = Limit.of("threshold mantissa vth", Loihi2Quantiser.MAX_VTH, "", LAVA
            + "src/lava/proc/lif/models.py (vth: unsigned 17-bit integer, 0 to 131071)");
    static final Limit ACTIVATION = Limit.of("Dense activation per neuron and step", Short.MAX_VALUE, "", LAVA
            + "src/lava/proc/lif/models.py (a_in: int16, precision=16), src/lava/proc/dense/models.py (a_out precision"
            + " 16); counted as max(Σ w > 0, Σ |w < 0|) over the neuron's incoming weights (so a negative sum of exactly"
            + " −32768, which int16 holds, is refused too: conservative by one)");

    /**
     * nirsweep's packing: ⌊1 000 000 / 128⌋ neurons per core (published chip total over published core count). Not a
     * published limit, so never a violation by itself; the chip's core count is.
     */
    static final int NEURONS_PER_CORE_PACKING = (int) (NEURONS.value() / CORES.value());

    private static final String PAPER = "the paper's Lava converter";
    private static final String NETX = "lava-dl's netx path to Loihi 2";
    private static final Set<Class<?>> KINDS = Set.of(Input.class, Output.class, Affine.class, Linear.class,
            LIF.class, CubaLIF.class, IF.class);

    @Override
    public MappingReport map(Import imp) {
        MappingReport.Builder r = new MappingReport.Builder(TARGET);
        int bits = imp.weightBits() == null ? Loihi2Quantiser.MAX_WEIGHT_BITS : imp.weightBits();
        r.use(WEIGHT_BITS, "every Dense", bits, null);
        boolean lifPath = lifPath(imp);
        imp.nodes().forEach((name, node) -> {
            if (!KINDS.contains(node.getClass())) {
                r.violate(name, "node kind " + node.typeName() + " is not supported: Lava's converters map Input,"
                        + " Output, Affine, Linear, LIF, CubaLIF and IF (Conv/pooling blocks of netx are not converted by nirsweep)",
                        "neuromorphs/NIR paper/nir_to_lava.py ('Unknown node type'); nirsweep's loihi2 target");
            }
        });
        String who = lifPath ? PAPER : NETX;
        String source = lifPath ? "neuromorphs/NIR paper/nir_to_lava.py" : "lava-nc/lava-dl netx/hdf5.py (chains of"
                + " blocks, a recurrent block's weight_rec)";
        check(r, source, () -> imp.requireChain(who));
        check(r, source, () -> imp.requireOnlyRecurrentPairs(who));
        if (!r.broken()) {
            if (lifPath) {
                paperPath(imp, r, bits);
            } else {
                netxPath(imp, r, bits);
            }
        }
        resources(imp, r);
        return r.build(imp);
    }

    /**
     * The paper's converter (LIF graphs) has a dt of its own, ImportConfig.dt = 1e-4 s; lava-dl's netx path reads
     * its decays as given and has none.
     */
    @Override
    public void applyDtRules(Import imp) {
        if (lifPath(imp)) {
            CONVERTER.applyDtRules(imp);
        } else {
            imp.requireDt();
        }
    }

    /** A graph with a LIF goes through the paper's Lava converter; the others through lava-dl's netx. */
    private static boolean lifPath(Import imp) {
        return imp.nodes().values().stream().anyMatch(n -> n instanceof LIF);
    }

    /** Runs a converter's refusal as a violation (the converters raise at their first problem). */
    private static void check(MappingReport.Builder r, String source, Runnable rule) {
        try {
            rule.run();
        } catch (SimulationException e) {
            String m = e.getMessage();
            int at = m.indexOf("cannot run it: ");
            r.violate(e.node(), at < 0 ? m : m.substring(at + "cannot run it: ".length()), source);
        }
    }

    // ---- the paper's Lava-process converter (LIF graphs) ------------------------------------------------------

    private static final NamedRules CONVERTER = LavaImport.rules((imp, lif, p) -> {
        LoihiLif.Integers q = LoihiLif.Integers.of(p.tau()[0], p.vThreshold()[0], imp.dt());
        imp.note(lif, "Loihi 2 integers: dv = ⌊dt/τ·4095⌋ = " + q.dv() + ", du = 4095, vth = ⌊θ·131071⌋ >> 9 = "
                + q.vth() + " (spike when v > " + (q.vth() << 6) + "), own Dense weight ⌊dt/τ·256⌋ = " + q.weight()
                + "; membrane in these integer units, reads 128 at a spike step (the chip's readout)");
    });

    private static void paperPath(Import imp, MappingReport.Builder r, int bits) {
        check(r, "neuromorphs/NIR paper/nir_to_lava.py", () -> CONVERTER.apply(imp));
        if (r.broken()) {
            return;
        }
        double dt = imp.dt();
        for (String name : imp.nodes().keySet()) {
            NirNode node = imp.nodes().get(name);
            if (node instanceof Affine a) {
                double[] w = a.weight().toDoubleArray();
                long[] q = new long[w.length];
                for (int k = 0; k < w.length; k++) {
                    q[k] = Rounding.TOWARD_ZERO.clamped(w[k]); // integer weights (astype truncates), then clipped
                }
                Loihi2Quantiser.denseWeights(q, Loihi2Quantiser.SignMode.of(q), bits);
                double[] rep = toDoubles(q);
                imp.replace(name, new Affine(NdArray.of(a.weight().shape(), rep), a.bias(), a.metadata()),
                        "Lava's bit-accurate Dense: weights cast to integers (toward zero), clipped to 8 bits and"
                                + " truncated to " + bits + " weight bits");
                r.quantised(QuantisationError.of(name, "weight", w, rep));
                r.use(ACTIVATION, name, activation(q, a.weight().shape()[0]), name);
            } else if (node instanceof LIF) {
                NeuronParams p = imp.params(name);
                Loihi2Neuron q = Loihi2Neuron.PaperLif.of(p, dt, bits);
                imp.step(name, new Loihi2Neuron.PaperLif(bits));
                int n = p.size();
                double[] dv = new double[n];
                double[] vth = new double[n];
                double[] w = new double[n];
                double[] gain = new double[n];
                long maxDv = 0;
                for (int k = 0; k < n; k++) {
                    maxDv = Math.max(maxDv, q.voltageDecay()[k]); // ⌊dt/τ·4095⌋ passes 4095 when τ < dt
                    gain[k] = dt / p.tau()[k];
                    dv[k] = q.voltageDecay()[k] / 4095.0;
                    vth[k] = (q.threshold()[k] >> LoihiCompartment.MSB_SHIFT) * 512 / 131071.0;
                    w[k] = q.ownWeight()[k] / 256.0;
                    r.use(THRESHOLD, name, q.threshold()[k] >> LoihiCompartment.MSB_SHIFT, name);
                }
                if (maxDv >= LoihiCompartment.DECAY_UNITY) { // a register width, as vth's, but not a chip resource
                    r.violate(name, "voltage decay dv " + maxDv + " > " + (LoihiCompartment.DECAY_UNITY - 1)
                            + " (12-bit unsigned; τ < dt)", LAVA + "src/lava/proc/lif/models.py (du, dv:"
                            + " precision=12)");
                }
                r.quantised(QuantisationError.of(name, "decay (membrane)", gain, dv));
                r.quantised(QuantisationError.of(name, "threshold", p.vThreshold(), vth));
                r.quantised(QuantisationError.of(name, "weight (own 1×1 Dense)", gain, w));
            }
        }
    }

    // ---- lava-dl's netx path (CubaLIF and IF graphs) ------------------------------------------------------------

    private static void netxPath(Import imp, MappingReport.Builder r, int bits) {
        double dt = imp.dt();
        for (String name : imp.nodes().keySet()) {
            NirNode node = imp.nodes().get(name);
            if ((node instanceof Affine || node instanceof Linear)
                    && !(imp.successors(name).size() == 1 && imp.params(imp.successors(name).get(0)) != null)) {
                r.violate(name, "a Dense must feed one neuron layer (netx builds each Dense inside its neuron's"
                        + " block); this one feeds " + imp.successors(name), "lava-nc/lava-dl netx/hdf5.py");
            }
        }
        for (String name : imp.neurons()) {
            NirNode node = imp.nodes().get(name);
            if (node instanceof CubaLIF || node instanceof IF) {
                neuronLayer(imp, r, name, node instanceof CubaLIF, dt, bits);
            }
        }
    }

    private static void neuronLayer(Import imp, MappingReport.Builder r, String name, boolean cuba, double dt,
            int bits) {
        NeuronParams p = imp.params(name);
        int n = p.size();
        double[] gain = new double[n]; // Dense weight scale into this neuron
        double[] biasGain = new double[n]; // an Affine bias's fold into v
        double[] biasV = new double[n]; // in state units, before quantisation
        long[] du = new long[n];
        long[] dv = new long[n];
        long[] vth = new long[n];
        double[] alpha = new double[n];
        double[] beta = new double[n];
        for (int k = 0; k < n; k++) {
            alpha[k] = cuba ? dt / p.tauSyn()[k] : 1;
            beta[k] = cuba ? dt / p.tau()[k] : 0;
            gain[k] = cuba ? alpha[k] * p.wIn()[k] * beta[k] * p.r()[k] : dt * p.r()[k];
            biasGain[k] = cuba ? p.wIn()[k] * beta[k] * p.r()[k] : dt * p.r()[k];
            biasV[k] = cuba ? beta[k] * p.vLeak()[k] : 0;
            du[k] = cuba ? Loihi2Quantiser.currentDecay(alpha[k]) : LoihiCompartment.DECAY_UNITY;
            dv[k] = cuba ? Loihi2Quantiser.voltageDecay(beta[k]) : 0;
            vth[k] = Loihi2Quantiser.threshold(p.vThreshold()[k]);
        }
        long[] pos = new long[n];
        long[] neg = new long[n];
        for (Edge e : imp.edgesInto(name)) {
            NirNode src = imp.nodes().get(e.source());
            if (!(src instanceof Affine || src instanceof Linear)) {
                r.violate(name, "input from '" + e.source() + "' (" + src.typeName() + ") without a Dense: netx feeds"
                        + " a neuron block through its Dense synapse", "lava-nc/lava-dl netx/hdf5.py");
                continue;
            }
            NdArray weight = src instanceof Affine a ? a.weight() : ((Linear) src).weight();
            int in = weight.shape()[1];
            double[] w = weight.toDoubleArray();
            if (weight.shape()[0] != n) {
                continue; // type inference has already refused a shape mismatch
            }
            long[] q = new long[w.length];
            double[] exact = new double[w.length];
            double[] rep = new double[w.length];
            int clipped = 0;
            for (int j = 0; j < n; j++) {
                for (int i = 0; i < in; i++) {
                    double scaled = w[j * in + i] * gain[j] * Loihi2Quantiser.WEIGHT_SCALE;
                    q[j * in + i] = Loihi2Quantiser.slayerWeight(w[j * in + i] * gain[j]);
                    clipped += scaled > 255 || scaled < -257 ? 1 : 0;
                }
            }
            Loihi2Quantiser.denseWeights(q, Loihi2Quantiser.SignMode.of(q), bits);
            for (int j = 0; j < n; j++) {
                for (int i = 0; i < in; i++) {
                    int k = j * in + i;
                    exact[k] = w[k] * gain[j];
                    rep[k] = q[k] / (double) Loihi2Quantiser.WEIGHT_SCALE;
                    pos[j] += Math.max(q[k], 0);
                    neg[j] += Math.max(-q[k], 0);
                }
            }
            NdArray qw = NdArray.of(weight.shape(), toDoubles(q));
            String why = "Lava Dense weights round(64·w·g/2)·2 in [−256, 254] (slayer quantize_8bit), g = "
                    + (cuba ? "α·w_in·β·R" : "dt·R") + " of '" + name + "', " + bits + " weight bits (Lava's"
                    + " truncate_weights); weight_exp 0" + (clipped == 0 ? "" : "; " + clipped + " of " + w.length
                    + " weights beyond the 8-bit range, clipped");
            if (src instanceof Affine a) {
                double[] b = a.bias().toDoubleArray();
                for (int j = 0; j < n; j++) {
                    biasV[j] += biasGain[j] * b[j];
                }
                imp.replace(e.source(), new Affine(qw, NdArray.of(a.bias().shape(), new double[b.length]),
                        a.metadata()), why + (Values.all(b, 0) ? "" : "; bias moved to the neuron's bias_mant"));
            } else {
                imp.replace(e.source(), new Linear(qw, src.metadata()), why);
            }
            imp.binaryInput(e.source(), "Lava's Dense receives binary spikes (num_message_bits = 0)");
            imp.lateOutput(e.source(), "Lava's Dense sends the sum it accumulated the step before");
            r.quantised(QuantisationError.of(e.source(), "weight", exact, rep));
        }
        long[] biasMant = new long[n];
        long[] bias = new long[n];
        long[] threshold = new long[n];
        double[] biasRep = new double[n];
        double[] duRep = new double[n];
        double[] dvRep = new double[n];
        double[] vthRep = new double[n];
        long act = 0;
        long maxVth = 0;
        for (int k = 0; k < n; k++) {
            biasMant[k] = Loihi2Quantiser.biasMant(biasV[k]);
            bias[k] = biasMant[k] << Loihi2Quantiser.BIAS_EXP;
            biasRep[k] = bias[k] / (double) Loihi2Quantiser.STATE_UNIT;
            threshold[k] = Math.max(0, vth[k]) << LoihiCompartment.MSB_SHIFT;
            duRep[k] = du[k] / 4096.0;
            dvRep[k] = dv[k] / 4096.0;
            vthRep[k] = vth[k] / (double) Loihi2Quantiser.WEIGHT_SCALE;
            act = Math.max(act, Math.max(pos[k], neg[k]));
            maxVth = Math.max(maxVth, vth[k]);
            if (vth[k] < 0) {
                r.violate(name, "threshold θ = " + p.vThreshold()[k] + " gives vth = " + vth[k] + " < 0 (neuron "
                        + k + ")", THRESHOLD.source());
            }
        }
        r.use(THRESHOLD, name, maxVth, name);
        r.use(ACTIVATION, name, act, name);
        if (cuba) {
            r.quantised(QuantisationError.of(name, "decay (current)", alpha, duRep));
            r.quantised(QuantisationError.of(name, "decay (membrane)", beta, dvRep));
        }
        r.quantised(QuantisationError.of(name, "threshold", p.vThreshold(), vthRep));
        r.quantised(QuantisationError.of(name, "bias", biasV, biasRep));
        imp.vResetUnused(name, p, "Lava's LIF resets v to 0");
        imp.step(name, new Loihi2Neuron(null, du, dv, bias, threshold, Loihi2Quantiser.STATE_UNIT));
        imp.note(name, "Loihi 2 compartments (netx's LIF process): du + 1 = " + range(du) + ", dv = " + range(dv)
                + " (of 4096), vth = " + range(vth) + " (spike when v > vth·64), bias_mant = " + range(biasMant)
                + " << 6; state unit 4096; membrane reads 128/4096 at a spike step (the chip's readout)");
    }

    // ---- resources and placement ------------------------------------------------------------------------------

    private static void resources(Import imp, MappingReport.Builder r) {
        long neurons = 0;
        long synapses = 0;
        long cores = 0;
        boolean neuronsOver = false;
        boolean synapsesOver = false;
        boolean coresOver = false;
        for (String name : imp.neurons()) {
            int n = imp.params(name).size();
            long layerSynapses = imp.nodes().get(name) instanceof LIF ? n : 0; // the LIF's own 1×1 Dense
            List<String> dense = new ArrayList<>();
            for (String s : imp.predecessors(name)) {
                NirNode src = imp.nodes().get(s);
                NdArray w = src instanceof Affine a ? a.weight() : src instanceof Linear l ? l.weight() : null;
                if (w != null) {
                    layerSynapses += (long) w.shape()[0] * w.shape()[1];
                    dense.add(s + " " + w.shape()[1] + "×" + w.shape()[0]);
                }
            }
            long layerCores = (n + NEURONS_PER_CORE_PACKING - 1) / NEURONS_PER_CORE_PACKING;
            neurons += n;
            synapses += layerSynapses;
            long first = cores;
            cores += layerCores;
            r.use(NEURONS_PER_CORE, name, Math.min(n, NEURONS_PER_CORE_PACKING), name);
            r.use(FAN_IN, name, imp.predecessors(name).stream().mapToLong(s -> fanIn(imp.nodes().get(s))).sum()
                    + (imp.nodes().get(name) instanceof LIF ? 1 : 0), name);
            if (!neuronsOver && neurons > NEURONS.value()) {
                r.use(NEURONS, "chip", neurons, name);
                neuronsOver = true;
            }
            if (!synapsesOver && synapses > SYNAPSES.value()) {
                r.use(SYNAPSES, "chip", synapses, name);
                synapsesOver = true;
            }
            if (!coresOver && cores > CORES.value()) {
                r.use(CORES, "chip", cores, name);
                coresOver = true;
            }
            r.place(name, layerCores == 1 ? "core " + first : "cores " + first + "–" + (cores - 1), n + " neurons, "
                    + layerSynapses + " synapses" + (dense.isEmpty() ? "" : " (" + String.join(", ", dense) + ")"));
        }
        if (!neuronsOver) {
            r.use(NEURONS, "chip", neurons, null);
        }
        if (!synapsesOver) {
            r.use(SYNAPSES, "chip", synapses, null);
        }
        if (!coresOver) {
            r.use(CORES, "chip", cores, null);
        }
    }

    private static long fanIn(NirNode node) {
        return node instanceof Affine a ? a.weight().shape()[1] : node instanceof Linear l ? l.weight().shape()[1] : 1;
    }

    /** The largest Dense activation a neuron can receive in one step: max(Σ w &gt; 0, Σ |w &lt; 0|) per row. */
    private static long activation(long[] w, int rows) {
        int in = w.length / Math.max(1, rows);
        long max = 0;
        for (int j = 0; j < rows; j++) {
            long pos = 0;
            long neg = 0;
            for (int i = 0; i < in; i++) {
                pos += Math.max(w[j * in + i], 0);
                neg += Math.max(-w[j * in + i], 0);
            }
            max = Math.max(max, Math.max(pos, neg));
        }
        return max;
    }

    private static double[] toDoubles(long[] q) {
        double[] d = new double[q.length];
        for (int k = 0; k < q.length; k++) {
            d[k] = q[k];
        }
        return d;
    }

    private static String range(long[] x) {
        long lo = Long.MAX_VALUE;
        long hi = Long.MIN_VALUE;
        for (long v : x) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        return lo == hi ? Long.toString(lo) : lo + "…" + hi;
    }

    // ---- facts ----------------------------------------------------------------------------------------------

    @Override
    public String weightBitsRefusal(int bits) {
        return bits >= 1 && bits <= Loihi2Quantiser.MAX_WEIGHT_BITS ? null : "Loihi 2's Dense synapses take"
                + " num_weight_bits 1…8 (" + WEIGHT_BITS.source() + ")";
    }

    @Override
    public TargetFacts facts() {
        return new TargetFacts(
                "LIF (paper's Lava converter): dv = ⌊dt/τ·4095⌋, vth = ⌊θ·131071⌋ >> 9, own weight ⌊dt/τ·256⌋,"
                        + " Affine weights truncated to integers; CubaLIF/IF (slayer + netx): d = round(4096·dt/τ)"
                        + " (ties to even), vth = trunc(64·θ), w = 2·round(64·g·w/2) in [−256, 254], bias_mant ="
                        + " round(64·b) << 6; then Lava's Dense clip to 8 bits and truncate to num_weight_bits 1…8",
                "Lava's bit-accurate LIF: u ← wrap24(rz(u·(4096−d_u)) + a·64), v ← clip24(rz(v·(4096−dv)) + u +"
                        + " bias), rz toward zero, spike v > vth·64, v ← 0, at most one spike; v reads 128 at a"
                        + " spike step (readout quirk of the chip, cause unexplained)",
                "+1 step per Dense: after every Affine/Linear (recurrent ones too) and in a LIF's own 1×1 Dense",
                LAVA + "src/lava/proc/lif/models.py, src/lava/proc/dense/models.py, src/lava/utils/weightutils.py;"
                        + " lava-nc/lava-dl@d825ac50 src/lava/lib/dl/slayer/neuron/{cuba,base}.py,"
                        + " slayer/utils/quantize.py, netx/hdf5.py; neuromorphs/NIR paper/nir_to_lava.py; " + BRIEF);
    }

    @Override
    public List<Limit> limits() {
        return List.of(CORES, NEURONS, SYNAPSES, NEURONS_PER_CORE, SYNAPTIC_MEMORY_PER_CORE, FAN_IN, WEIGHT_BITS,
                THRESHOLD, ACTIVATION);
    }
}
