package io.nirsweep.hardware.target;

/**
 * How much of one limited resource a model uses in one place.
 *
 * @param limit the resource and its bound
 * @param scope where: "chip", a core ("core 3"), or the node it belongs to
 * @param used the amount used there
 */
public record Usage(Limit limit, String scope, long used) {
    /** True when the bound is published and {@code used} is above it. */
    public boolean exceeds() {
        return limit.known() && used > limit.value();
    }

    @Override
    public String toString() {
        return scope + ": " + limit.name() + " " + used + " (" + limit.bound() + ")";
    }
}
