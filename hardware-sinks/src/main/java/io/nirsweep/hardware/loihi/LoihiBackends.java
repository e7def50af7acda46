package io.nirsweep.hardware.loihi;

import io.nirsweep.sim.SimulationException;
import io.nirsweep.sim.backend.Backend;
import io.nirsweep.sim.backend.Version;
import io.nirsweep.sim.backend.BackendProvider;
import io.nirsweep.sim.backend.Import;
import io.nirsweep.sim.backend.ImportRules;
import io.nirsweep.sim.backend.NamedRules;
import io.nirsweep.sim.neuron.NeuronKind;
import io.nirsweep.sim.neuron.NeuronParams;
import io.nirsweep.sim.neuron.NeuronStep;
import io.nirsweep.sim.neuron.NeuronStepFactory;
import io.nirsweep.sim.simulators.lava.LavaImport;
import java.util.List;
import java.util.Map;

/** Loihi 2's arithmetic, as Lava's bit-accurate processes model it on a CPU. */
public final class LoihiBackends implements BackendProvider {
    /**
     * The paper's Lava converter (its rules are the {@code lava} simulator's, {@link LavaImport}) on Lava's
     * bit-accurate fixed-point LIF ({@link LoihiLif}): the integer parameters are noted for every LIF.
     */
    public static final Backend LAVA_FIXED = new Backend("lava-fixed", Backend.Kind.HARDWARE,
            "Lava processes via the paper's converter, bit-accurate fixed point (Loihi 2's arithmetic on CPU)",
            new Version("paper-2023", "the NIR paper's converter, Lava of 2023, PyLifModelBitAcc",
                    "lava proc/lif/models.py PyLifModelBitAcc and proc/dense/models.py via the paper's converter "
                    + "(docs/platforms.md §4.7)"),
            NeuronKind.these(new LoihiLif(), NeuronKind.LIF), new FixedPointRules(), Backend.CycleDelay.CLOSING_EDGE);

    /**
     * The registered step of CubaLIF and IF on {@code loihi2}: their integers depend on the Dense weights in front
     * (the gain folded into them, the Affine bias moved onto the neuron), so {@link Loihi2Rules} sets each node's
     * {@link Loihi2Neuron}; a node it did not convert is refused rather than run without its conversion.
     */
    private static final NeuronStepFactory UNCONVERTED = new NeuronStepFactory() {
        @Override
        public NeuronStep<?> create(String node, NeuronParams p, double dt) {
            throw new SimulationException(node, "the loihi2 backend runs a CubaLIF or IF only as its rules converted"
                    + " it, with the Dense in front");
        }

        @Override
        public Summary summary() {
            return Loihi2Neuron.SUMMARY;
        }
    };

    /**
     * Loihi 2 as a chip target ({@link Loihi2Rules}): the paper's converter for LIF graphs, lava-dl's netx path for
     * CubaLIF and IF, Lava's bit-accurate compartments with the chip's spike-step readout ({@link Loihi2Neuron}), and
     * the published chip limits.
     */
    public static final Backend LOIHI2 = new Backend(Loihi2Rules.TARGET, Backend.Kind.HARDWARE,
            "Loihi 2: Lava's bit-accurate compartments and Dense synapses (1–8 weight bits), v reads 128 at a spike"
                    + " step, published chip limits",
            new Version("b6822fbc",
                    "Lava (lava-nc/lava@b6822fbc, lava-dl@d825ac50) and the NIR paper's Loihi 2 run of E1",
                    "the published Loihi 2 traces of E1 (docs/platforms.md §2.1); lava@b6822fbc, lava-dl@d825ac50 "
                    + "(docs/platforms.md §4.7)"),
            Map.of(NeuronKind.LIF, new Loihi2Neuron.PaperLif(Loihi2Quantiser.MAX_WEIGHT_BITS),
                    NeuronKind.CUBA_LIF, UNCONVERTED, NeuronKind.IF, UNCONVERTED),
            new Loihi2Rules(), Backend.CycleDelay.CLOSING_EDGE);

    @Override
    public List<Backend> backends() {
        return List.of(LAVA_FIXED, LOIHI2);
    }

    /** The converter's rules, each LIF's integers noted; the weights are the converter's, not a sweep's. */
    private record FixedPointRules() implements ImportRules {
        private static final NamedRules CONVERTER = LavaImport.rules((imp, lif, p) -> {
            LoihiLif.Integers q = LoihiLif.Integers.of(p.tau()[0], p.vThreshold()[0], imp.dt());
            imp.note(lif, "integers: dv = ⌊dt/τ·4095⌋ = " + q.dv() + ", du = " + q.du() + ", vth = ⌊θ·131071⌋"
                    + " >> 9 = " + q.vth() + " (spike when v > " + (q.vth() << 6) + "), Dense weight ⌊dt/τ·256⌋ = "
                    + q.weight() + "; membrane in these integer units");
        });

        @Override
        public void apply(Import imp) {
            CONVERTER.apply(imp);
        }

        @Override
        public void applyDtRules(Import imp) {
            CONVERTER.applyDtRules(imp);
        }

        @Override
        public String weightBitsRefusal(int bits) {
            return "the converter sets each LIF's 8-bit Dense weight from dt/τ and passes the other Dense weights "
                    + "through as the file has them";
        }

        @Override
        public String latency() {
            return CONVERTER.latency();
        }
    }
}
