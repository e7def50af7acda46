package io.nirsweep.operators.equivalence;

/**
 * How often two backends predict the same class for the same samples, and how often each predicts the label: over
 * the samples of one (model, input set, parameter point), from the {@code predicted} and {@code label} columns of
 * the {@code cells} table. A sample either backend has no prediction for (a failed sample, or an output that
 * predicts nothing) counts as a disagreement, and as wrong for the backend that has none.
 *
 * @param samples    samples compared
 * @param agreeing   samples for which both predicted the same class
 * @param labelled   samples with a label
 * @param correctA   labelled samples A predicted right
 * @param correctB   labelled samples B predicted right
 */
public record ClassAgreement(int samples, int agreeing, int labelled, int correctA, int correctB)
        implements java.io.Serializable {

    /**
     * Counts over the samples: {@code predictedA[i]}, {@code predictedB[i]} and {@code labels[i]} are sample i's
     * (null: none).
     *
     * @throws IllegalArgumentException when the three arrays differ in length
     */
    public static ClassAgreement of(Integer[] predictedA, Integer[] predictedB, Integer[] labels) {
        if (predictedA.length != predictedB.length || predictedA.length != labels.length) {
            throw new IllegalArgumentException("predictions and labels differ in length: " + predictedA.length
                    + ", " + predictedB.length + ", " + labels.length);
        }
        int agreeing = 0;
        int labelled = 0;
        int correctA = 0;
        int correctB = 0;
        for (int i = 0; i < labels.length; i++) {
            if (predictedA[i] != null && predictedA[i].equals(predictedB[i])) {
                agreeing++;
            }
            if (labels[i] != null) {
                labelled++;
                correctA += labels[i].equals(predictedA[i]) ? 1 : 0;
                correctB += labels[i].equals(predictedB[i]) ? 1 : 0;
            }
        }
        return new ClassAgreement(labels.length, agreeing, labelled, correctA, correctB);
    }

    /** The fraction of samples with the same predicted class; NaN with no samples. */
    public double agreement() {
        return samples == 0 ? Double.NaN : (double) agreeing / samples;
    }

    /** A's accuracy against the labels; NaN when no sample has a label. */
    public double accuracyA() {
        return labelled == 0 ? Double.NaN : (double) correctA / labelled;
    }

    /** B's accuracy against the labels; NaN when no sample has a label. */
    public double accuracyB() {
        return labelled == 0 ? Double.NaN : (double) correctB / labelled;
    }

    /** These counts and another's: the agreement over both sets of samples. */
    public ClassAgreement plus(ClassAgreement o) {
        return new ClassAgreement(samples + o.samples, agreeing + o.agreeing, labelled + o.labelled,
                correctA + o.correctA, correctB + o.correctB);
    }
}
