package io.nirsweep.hardware.target;

import java.util.Objects;

/**
 * One resource limit a chip publishes (or does not): what is counted, the bound, and where it is stated.
 *
 * @param name what is counted, e.g. "neurons per core"
 * @param value the largest value that fits, or null when the chip's maker does not publish it (then it is not
 *     checked, and the report says so)
 * @param unit the unit of {@code value}, e.g. "neurons" ("" when the name says it)
 * @param source where the bound is stated (document, file and line of the toolchain), or, for an unpublished limit,
 *     where it was looked for
 */
public record Limit(String name, Long value, String unit, String source) {
    public Limit {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(source, "source");
    }

    public static Limit of(String name, long value, String unit, String source) {
        return new Limit(name, value, unit, source);
    }

    /** A limit the chip has but whose value is not public: reported, never checked. */
    public static Limit notPublic(String name, String unit, String lookedAt) {
        return new Limit(name, null, unit, lookedAt);
    }

    public boolean known() {
        return value != null;
    }

    /** The bound in words: "≤ 16 input channels", or "not public". */
    public String bound() {
        return known() ? "≤ " + value + (unit.isEmpty() ? "" : " " + unit) : "not public";
    }
}
