package io.nirsweep.operators.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nirsweep.hardware.target.MappingReport;
import io.nirsweep.hardware.target.Placement;
import io.nirsweep.hardware.target.QuantisationError;
import io.nirsweep.hardware.target.Usage;
import io.nirsweep.hardware.target.Violation;
import io.nirsweep.operators.parquet.MappingRow;
import io.nirsweep.sim.backend.Import;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A chip target's {@link MappingReport} as data: the JSON object of {@code nirsweep map --json} (docs/cli.md) and
 * the row of the sweep's {@code mapping} table (docs/data-model.md), whose {@code resources} column holds the same
 * array as the JSON's {@code resources}. Keys keep the order documented there; a number JSON cannot hold (a
 * relative error of NaN or infinity) is written as null.
 */
public final class Mappings {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Mappings() {}

    /**
     * The report as one JSON object: target, model, dt, weight_bits, fits, resources, placement, quantisation,
     * violations, notes.
     *
     * @param model the model as the user named it
     * @param weightBits the weights' width asked for, or null for the chip's own
     */
    public static ObjectNode json(MappingReport report, String model, Integer weightBits) {
        ObjectNode o = JSON.createObjectNode();
        o.put("target", report.target());
        o.put("model", model);
        o.put("dt", report.dt());
        if (weightBits == null) {
            o.putNull("weight_bits");
        } else {
            o.put("weight_bits", weightBits.intValue());
        }
        o.put("fits", report.fits());
        o.set("resources", resources(report.usage()));
        ArrayNode placement = o.putArray("placement");
        for (Placement p : report.placement()) {
            placement.addObject().put("node", p.node()).put("unit", p.unit()).put("detail", p.detail());
        }
        ArrayNode quantisation = o.putArray("quantisation");
        for (QuantisationError q : report.quantisation()) {
            ObjectNode e = quantisation.addObject().put("node", q.node()).put("parameter", q.parameter())
                    .put("values", q.values());
            number(e, "max_relative", q.maxRelative());
            number(e, "mean_relative", q.meanRelative());
        }
        ArrayNode violations = o.putArray("violations");
        for (Violation v : report.violations()) {
            violations.addObject().put("node", v.node()).put("rule", v.rule()).put("source", v.source());
        }
        ArrayNode notes = o.putArray("notes");
        for (Import.Note n : report.notes()) {
            notes.addObject().put("node", n.node()).put("text", n.text());
        }
        return o;
    }

    /** One line of JSON (no line breaks: every string is escaped). */
    public static String text(JsonNode json) {
        try {
            return JSON.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every usage: {@code {resource, scope, used, limit, unit, source, exceeds}}, {@code limit} null when the chip's
     * maker does not publish it (then {@code source} says where it was looked for, and {@code exceeds} is false).
     */
    static ArrayNode resources(List<Usage> usage) {
        ArrayNode a = JSON.createArrayNode();
        for (Usage u : usage) {
            ObjectNode r = a.addObject().put("resource", u.limit().name()).put("scope", u.scope())
                    .put("used", u.used());
            if (u.limit().known()) {
                r.put("limit", u.limit().value().longValue());
            } else {
                r.putNull("limit");
            }
            r.put("unit", u.limit().unit()).put("source", u.limit().source()).put("exceeds", u.exceeds());
        }
        return a;
    }

    /** The {@code mapping} table's row of one cell. */
    public static MappingRow row(Cell c, MappingReport report) {
        List<QuantisationError> weights = of(report, "weight");
        List<QuantisationError> thresholds = of(report, "threshold");
        List<QuantisationError> decays = of(report, "decay");
        long weightValues = weights.stream().mapToLong(QuantisationError::values).sum();
        Double weightMean = weightValues == 0 ? null : finite(weights.stream()
                .mapToDouble(q -> q.meanRelative() * q.values()).sum() / weightValues);
        return new MappingRow(c.sweepId(), c.cellId(), c.modelName(), c.modelSha256(), report.target(),
                c.paramsJson(), report.dt(), report.fits(),
                report.violations().stream().map(Violation::text).toList(), max(weights), weightMean, max(thresholds),
                max(decays), report.placement().isEmpty() ? null
                        : report.placement().stream().map(Placement::toString).collect(Collectors.joining("; ")),
                text(resources(report.usage())));
    }

    /** The report's errors of parameters named {@code kind} or {@code kind …} ("decay (membrane)"). */
    private static List<QuantisationError> of(MappingReport report, String kind) {
        return report.quantisation().stream()
                .filter(q -> q.parameter().equals(kind) || q.parameter().startsWith(kind + " ")).toList();
    }

    /** The largest error, or null when no parameter of the kind was quantised (none, or all zero). */
    private static Double max(List<QuantisationError> errors) {
        return errors.stream().filter(q -> q.values() > 0).mapToDouble(QuantisationError::maxRelative).boxed()
                .reduce(Math::max).map(Mappings::finite).orElse(null);
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static void number(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) {
            o.put(key, v);
        } else {
            o.putNull(key);
        }
    }
}
