package io.nirsweep.operators.report;

import com.fasterxml.jackson.core.type.TypeReference;
import io.nirsweep.operators.equivalence.report.EquivalenceReport.CellKey;
import io.nirsweep.operators.equivalence.report.ReportJson;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The report's grouping keys as strings: a JSON array of the key's parts. Beam groups by the encoded key, so it must
 * be deterministic, and names (models, nodes) may hold any character, so no separator would be safe.
 */
public final class ReportKeys {
    private static final TypeReference<List<String>> PARTS = new TypeReference<>() {};

    private ReportKeys() {}

    /** The key of these parts. */
    public static String of(String... parts) {
        return ReportJson.line(Arrays.asList(parts));
    }

    /** A cell's key followed by further parts. */
    public static String of(CellKey cell, String... more) {
        return of(null, cell, more);
    }

    /** A kind ({@link Partial}), a cell's key and further parts; no kind when {@code kind} is null. */
    public static String of(String kind, CellKey cell, String... more) {
        List<String> parts = new ArrayList<>();
        if (kind != null) {
            parts.add(kind);
        }
        parts.addAll(List.of(cell.model(), cell.input(), cell.params()));
        parts.addAll(Arrays.asList(more));
        return ReportJson.line(parts);
    }

    /** The parts of a key made by {@link #of}. */
    public static List<String> parts(String key) {
        try {
            return ReportJson.MAPPER.readValue(key, PARTS);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a report key: " + key, e);
        }
    }

    /** The cell of a key whose first three parts are a cell's. */
    public static CellKey cell(List<String> parts) {
        return cell(parts, 0);
    }

    /** The cell of a key whose parts from {@code from} on are a cell's. */
    public static CellKey cell(List<String> parts, int from) {
        return new CellKey(parts.get(from), parts.get(from + 1), parts.get(from + 2));
    }
}
