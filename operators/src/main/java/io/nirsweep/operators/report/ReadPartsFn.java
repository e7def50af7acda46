package io.nirsweep.operators.report;

import io.nirsweep.operators.equivalence.report.EquivalenceReport.CellKey;
import io.nirsweep.operators.parquet.CellRow;
import io.nirsweep.operators.parquet.SpikeRow;
import io.nirsweep.operators.parquet.TableRows;
import io.nirsweep.operators.storage.ParquetFiles;
import io.nirsweep.operators.storage.Storage;
import java.io.IOException;
import java.io.Serializable;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;

/**
 * Reads one part file of a sweep's {@code spikes} or {@code cells} table and emits, keyed by (model, input,
 * parameter point, sample), one {@link SampleData} per backend and sample: a {@code cells} row as it is, the
 * {@code spikes} rows of a (cell, sample) gathered into one element. A part's rows of one cell are contiguous
 * (docs/data-model.md: rows are ordered by work unit), so the function holds one cell's spikes at a time: its
 * memory is bounded by the largest cell, never by the part or the sweep.
 */
public final class ReadPartsFn extends DoFn<ReadPartsFn.Part, KV<String, SampleData>> {
    private static final long serialVersionUID = 1L;

    /** A part file of the results, and which table it belongs to. */
    public record Part(boolean spikes, String location) implements Serializable {}

    /** What the report knows of a cell id: its (model, input, parameter point) and its backend. */
    public record CellRef(CellKey key, String backend) implements Serializable {}

    private final Map<String, CellRef> cells;

    /** @param cells every cell of the sweep, by id */
    public ReadPartsFn(Map<String, CellRef> cells) {
        this.cells = cells;
    }

    /** The key of a sample of a cell: its (model, input, parameter point) and the sample's position. */
    public static String sampleKey(CellKey cell, int sample) {
        return ReportKeys.of(cell, Integer.toString(sample));
    }

    @ProcessElement
    public void process(@Element Part part, OutputReceiver<KV<String, SampleData>> out) {
        try {
            read(part, out);
        } catch (IOException | RuntimeException e) {
            if (e instanceof BadResults) {
                throw (BadResults) e;
            }
            throw new BadResults(part.location() + " is not a readable part of the sweep's "
                    + (part.spikes() ? "spikes" : "cells") + " table: " + e.getMessage(), e);
        }
    }

    private void read(Part part, OutputReceiver<KV<String, SampleData>> out) throws IOException {
        var input = List.of(ParquetFiles.input(Storage.file(part.location())));
        if (!part.spikes()) {
            TableRows.forEachCell(input, (CellRow row) -> {
                CellRef ref = ref(row.cellId(), part);
                out.output(KV.of(sampleKey(ref.key(), row.sample()), new SampleData.Status(ref.backend(),
                        "ok".equals(row.status()), row.predicted(), row.label(), row.steps(), row.error())));
            });
            return;
        }
        CellSpikes current = new CellSpikes();
        TableRows.forEachSpike(input, (SpikeRow row) -> {
            if (!row.cellId().equals(current.cellId)) {
                current.flush(out);
                current.start(row.cellId(), ref(row.cellId(), part));
            }
            current.add(row);
        });
        current.flush(out);
    }

    private CellRef ref(String cellId, Part part) {
        CellRef ref = cells.get(cellId);
        if (ref == null) {
            throw new BadResults(part.location() + ": cell " + cellId + " is not a cell of the sweep's config (the"
                    + " config, a model or an input changed since the sweep ran)", null);
        }
        return ref;
    }

    /** The spikes of one cell, by sample and node, until the next cell's rows begin. */
    private static final class CellSpikes {
        String cellId;
        CellRef ref;
        final Map<Integer, Map<String, EventList>> samples = new TreeMap<>();

        void start(String id, CellRef r) {
            cellId = id;
            ref = r;
        }

        void add(SpikeRow row) {
            samples.computeIfAbsent(row.sample(), s -> new LinkedHashMap<>())
                    .computeIfAbsent(row.node(), n -> new EventList()).add(row.neuron(), row.t(), row.count());
        }

        void flush(OutputReceiver<KV<String, SampleData>> out) {
            samples.forEach((sample, nodes) -> {
                Map<String, SampleData.Events> events = new LinkedHashMap<>();
                nodes.forEach((node, list) -> events.put(node, list.events()));
                out.output(KV.of(sampleKey(ref.key(), sample), new SampleData.Spikes(ref.backend(), events)));
            });
            samples.clear();
        }
    }

    /** Growing arrays of one node's events. */
    private static final class EventList {
        int[] neuron = new int[16];
        int[] step = new int[16];
        int[] count = new int[16];
        int size;

        void add(int n, int t, int c) {
            if (size == neuron.length) {
                int grown = Math.multiplyExact(size, 2);
                neuron = Arrays.copyOf(neuron, grown);
                step = Arrays.copyOf(step, grown);
                count = Arrays.copyOf(count, grown);
            }
            neuron[size] = n;
            step[size] = t;
            count[size] = c;
            size++;
        }

        SampleData.Events events() {
            return new SampleData.Events(Arrays.copyOf(neuron, size), Arrays.copyOf(step, size),
                    Arrays.copyOf(count, size));
        }
    }
}
