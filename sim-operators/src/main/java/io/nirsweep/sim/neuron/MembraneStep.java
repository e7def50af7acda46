package io.nirsweep.sim.neuron;

/**
 * What every floating-point neuron step shares: its parameters, its size, whether it spikes, and its membrane
 * read from the state's {@code v}.
 *
 * @param <S> one sample's state
 */
public abstract class MembraneStep<S extends MembraneState> implements NeuronStep<S> {
    protected final NeuronParams p;

    protected MembraneStep(NeuronParams p) {
        this.p = p;
    }

    @Override
    public final int size() {
        return p.size();
    }

    @Override
    public boolean spiking() {
        return p.spiking();
    }

    @Override
    public final double membrane(S state, int k) {
        return state.v[k];
    }
}
