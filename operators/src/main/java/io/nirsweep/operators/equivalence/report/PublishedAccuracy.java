package io.nirsweep.operators.equivalence.report;

import java.util.Map;

/**
 * The test accuracies the NIR paper published for its Braille networks (experiment 3, 140 test samples), by model
 * file and by the backend that reproduces each platform (docs/platforms.md §2.3, which also says how each ran):
 * what a report shows beside the accuracy a sweep measured. A sweep's input may be a part of that test set, so
 * the two need not agree; the page says so.
 */
public final class PublishedAccuracy {
    /** Where the figures are from. */
    public static final String SOURCE = "NIR paper, experiment 3 (docs/platforms.md §2.3)";

    private static final Map<String, Map<String, Double>> BY_MODEL = Map.of(
            "braille_noDelay_bias_zero.nir", Map.of("snntorch", 0.9500, "norse", 0.9429, "spinnaker2", 0.8500,
                    "spyx", 0.8429, "nengo", 0.5571, "lava-dl", 0.4857),
            "braille_noDelay_noBias_subtract.nir", Map.of("snntorch-subtract", 0.9214, "norse", 0.9357,
                    "spinnaker2", 0.9357, "xylo", 0.8571, "spyx", 0.9214, "rockpool", 0.7143, "nengo", 0.7857));

    private PublishedAccuracy() {}

    /**
     * The published accuracy (a fraction) of a model under a backend, or null when the paper published none.
     *
     * @param model the model as a sweep names it (only its file name counts)
     */
    public static Double of(String model, String backend) {
        String file = model.substring(model.lastIndexOf('/') + 1);
        Map<String, Double> m = BY_MODEL.get(file);
        return m == null ? null : m.get(backend);
    }
}
