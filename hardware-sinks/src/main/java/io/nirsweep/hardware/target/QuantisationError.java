package io.nirsweep.hardware.target;

/**
 * What a chip's conversion does to one parameter of one node: the relative error |q − x| / |x| of each value x the
 * file states against the value q the chip represents (its integer divided back by the conversion's scale), over the
 * values with x ≠ 0 (a zero stays zero under every scaling here, and has no relative error).
 *
 * @param node the node
 * @param parameter "weight", "threshold", "decay (membrane)", …
 * @param values how many non-zero values were compared
 * @param maxRelative the largest relative error (0 when {@code values} is 0)
 * @param meanRelative the mean relative error (0 when {@code values} is 0)
 */
public record QuantisationError(String node, String parameter, int values, double maxRelative, double meanRelative) {

    /**
     * @param exact the values as the file states them (in the file's units)
     * @param represented what the chip represents for each, in the same units
     */
    public static QuantisationError of(String node, String parameter, double[] exact, double[] represented) {
        if (exact.length != represented.length) {
            throw new IllegalArgumentException(node + " " + parameter + ": " + exact.length + " values against "
                    + represented.length);
        }
        int n = 0;
        double max = 0;
        double sum = 0;
        for (int k = 0; k < exact.length; k++) {
            if (exact[k] != 0) {
                double e = Math.abs(represented[k] - exact[k]) / Math.abs(exact[k]);
                max = Math.max(max, e);
                sum += e;
                n++;
            }
        }
        return new QuantisationError(node, parameter, n, max, n == 0 ? 0 : sum / n);
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "%s %s: max %.3g, mean %.3g relative error over %d values",
                node, parameter, maxRelative, meanRelative, values);
    }
}
