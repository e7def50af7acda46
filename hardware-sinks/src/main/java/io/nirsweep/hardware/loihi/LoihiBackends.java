package io.nirsweep.hardware.loihi;

import io.nirsweep.sim.backend.Backend;
import io.nirsweep.sim.backend.BackendProvider;
import io.nirsweep.sim.backend.Import;
import io.nirsweep.sim.backend.ImportRules;
import io.nirsweep.sim.neuron.NeuronKind;
import io.nirsweep.sim.simulators.lava.LavaImport;
import java.util.List;

/** Loihi 2's arithmetic, as Lava's bit-accurate processes model it on a CPU. */
public final class LoihiBackends implements BackendProvider {
    /**
     * The paper's Lava converter (its rules are the {@code lava} simulator's, {@link LavaImport}) on Lava's
     * bit-accurate fixed-point LIF ({@link LoihiLif}): the integer parameters are noted for every LIF.
     */
    public static final Backend LAVA_FIXED = new Backend("lava-fixed", Backend.Kind.HARDWARE,
            "Lava processes via the paper's converter, bit-accurate fixed point (Loihi 2's arithmetic on CPU)",
            "the NIR paper's converter, Lava of 2023, PyLifModelBitAcc",
            NeuronKind.these(new LoihiLif(), NeuronKind.LIF), new FixedPointRules(), Backend.CycleDelay.CLOSING_EDGE);

    @Override
    public List<Backend> backends() {
        return List.of(LAVA_FIXED);
    }

    /** The converter's rules, each LIF's integers noted; the weights are the converter's, not a sweep's. */
    private record FixedPointRules() implements ImportRules {
        private static final LavaImport CONVERTER = new LavaImport((imp, lif, p) -> {
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
