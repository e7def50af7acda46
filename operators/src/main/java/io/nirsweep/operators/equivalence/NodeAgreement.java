package io.nirsweep.operators.equivalence;

import java.io.Serializable;

/**
 * One recorded node's metrics of a backend pair summed up over the samples of a (model, input set, parameter
 * point): the means of {@link SampleComparison.NodeMetrics} over the samples (count correlation over the samples
 * where it is defined), the largest van Rossum distance, and the earliest divergence with its sample. An
 * accumulator that merges with another in any order and gives the same result (ties on the step go to the lower
 * sample, then the lower neuron), as a Beam {@code Combine} needs, however the samples were split among workers:
 * counts, maximum and first divergence exactly, the means up to the rounding of their sums' order (last bits).
 */
public final class NodeAgreement implements Serializable {
    private static final long serialVersionUID = 1L;

    private long samples;
    private double identicalBinFractionSum;
    private double countAgreementSum;
    private long correlated;
    private double countCorrelationSum;
    private double vanRossumSum;
    private double vanRossumMax;
    private long divergingSamples;
    private int firstStep = -1;
    private int firstSample;
    private int firstNeuron;

    /** What the samples say of the node, in one row of the report. */
    public record Summary(long samples, double identicalBinFraction, double countAgreement, double countCorrelation,
            double vanRossum, double vanRossumMax, long divergingSamples, Integer firstStep, Integer firstSample,
            Integer firstNeuron) {}

    /** Adds one sample's metrics of the node. */
    public NodeAgreement add(int sample, SampleComparison.NodeMetrics m) {
        samples++;
        identicalBinFractionSum += m.identicalBinFraction();
        countAgreementSum += m.countAgreement();
        if (!Double.isNaN(m.countCorrelation())) {
            correlated++;
            countCorrelationSum += m.countCorrelation();
        }
        vanRossumSum += m.vanRossum();
        vanRossumMax = Math.max(vanRossumMax, m.vanRossum());
        if (m.first() != null) {
            divergingSamples++;
            diverged(m.first().step(), sample, m.first().neuron());
        }
        return this;
    }

    /** Adds what another accumulator of the same node and pair holds. */
    public NodeAgreement merge(NodeAgreement other) {
        samples += other.samples;
        identicalBinFractionSum += other.identicalBinFractionSum;
        countAgreementSum += other.countAgreementSum;
        correlated += other.correlated;
        countCorrelationSum += other.countCorrelationSum;
        vanRossumSum += other.vanRossumSum;
        vanRossumMax = Math.max(vanRossumMax, other.vanRossumMax);
        divergingSamples += other.divergingSamples;
        if (other.firstStep >= 0) {
            diverged(other.firstStep, other.firstSample, other.firstNeuron);
        }
        return this;
    }

    private void diverged(int step, int sample, int neuron) {
        boolean earlier = firstStep < 0 || step < firstStep
                || (step == firstStep && (sample < firstSample || (sample == firstSample && neuron < firstNeuron)));
        if (earlier) {
            firstStep = step;
            firstSample = sample;
            firstNeuron = neuron;
        }
    }

    /**
     * The summary; means are NaN with no samples (the count correlation's also when no sample defined it), the
     * first divergence null when no sample diverged.
     */
    public Summary summary() {
        boolean diverged = firstStep >= 0;
        return new Summary(samples, mean(identicalBinFractionSum, samples), mean(countAgreementSum, samples),
                mean(countCorrelationSum, correlated), mean(vanRossumSum, samples), vanRossumMax, divergingSamples,
                diverged ? firstStep : null, diverged ? firstSample : null, diverged ? firstNeuron : null);
    }

    private static double mean(double sum, long n) {
        return n == 0 ? Double.NaN : sum / n;
    }
}
