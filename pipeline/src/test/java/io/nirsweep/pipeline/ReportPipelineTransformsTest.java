package io.nirsweep.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nirsweep.operators.equivalence.NodeAgreement;
import io.nirsweep.operators.equivalence.SampleComparison;
import io.nirsweep.operators.equivalence.SpikeRaster;
import io.nirsweep.operators.equivalence.report.EquivalenceReport.CellKey;
import io.nirsweep.operators.equivalence.report.EquivalenceReport.PairRow;
import io.nirsweep.operators.equivalence.report.ReportJson;
import io.nirsweep.operators.report.Partial;
import io.nirsweep.operators.report.ReadPartsFn;
import io.nirsweep.operators.report.SampleData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.beam.runners.flink.TestFlinkRunner;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report's compare-and-sum transforms on a {@link TestPipeline} (Beam's {@link TestFlinkRunner}), checked with
 * {@link PAssert} against the plain-Java metrics: random spikes of three backends over twelve samples, summed by the
 * pipeline however Flink splits them, give each pair's rows as {@link SampleComparison} and {@link NodeAgreement}
 * give them directly; a failed sample counts in the class agreement and not in the spike metrics.
 */
class ReportPipelineTransformsTest {
    private static final int SAMPLES = 12;
    private static final int STEPS = 50;
    private static final int NEURONS = 4;
    private static final CellKey CELL = new CellKey("m.nir", "noise", "{}");
    private static final List<String> BACKENDS = List.of("a", "b", "c");

    @TempDir
    Path tmp;

    /** A backend's random spikes of one sample of node "n" (seeded by backend and sample). */
    private static SampleData.Events events(String backend, int sample) {
        Random r = new Random(backend.hashCode() * 31L + sample);
        List<int[]> e = new ArrayList<>();
        for (int t = 0; t < STEPS; t++) {
            for (int k = 0; k < NEURONS; k++) {
                if (r.nextInt(5) == 0) {
                    e.add(new int[] {k, t, 1 + r.nextInt(2)});
                }
            }
        }
        return new SampleData.Events(e.stream().mapToInt(x -> x[0]).toArray(), e.stream().mapToInt(x -> x[1]).toArray(),
                e.stream().mapToInt(x -> x[2]).toArray());
    }

    private static SpikeRaster raster(SampleData.Events e) {
        return SpikeRaster.of(NEURONS, STEPS, e.neuron(), e.step(), e.count());
    }

    /** Backend c fails sample 0; every sample is labelled 1, a predicts 1, b and c predict the sample's parity. */
    private static List<KV<String, SampleData>> elements() {
        List<KV<String, SampleData>> out = new ArrayList<>();
        for (int s = 0; s < SAMPLES; s++) {
            String key = ReadPartsFn.sampleKey(CELL, s);
            for (String b : BACKENDS) {
                boolean ok = !(b.equals("c") && s == 0);
                out.add(KV.of(key, new SampleData.Status(b, ok, ok ? (b.equals("a") ? 1 : s % 2) : null, 1, STEPS,
                        ok ? null : "c failed")));
                if (ok) {
                    out.add(KV.of(key, new SampleData.Spikes(b, Map.of("n", events(b, s)))));
                }
            }
        }
        return out;
    }

    @Test
    void theSumsOverSamplesAreTheDirectMetrics() {
        ReportPipeline.Inputs in = new ReportPipeline.Inputs(List.of(), Map.of(), BACKENDS,
                Map.of(CELL.model(), new LinkedHashMap<>(Map.of("n", NEURONS))), 3.0, Map.of(), 4, 0);
        SweepOptions options = SweepPipeline.Runner.embedded(2).toOptions(tmp.toString(), "nirsweep test report");
        options.setRunner(TestFlinkRunner.class);
        TestPipeline p = TestPipeline.fromOptions(options).enableAbandonedNodeEnforcement(false);
        PCollection<String> rows = p.apply(Create.of(elements()).withCoder(KvCoder.of(StringUtf8Coder.of(),
                        SerializableCoder.of(SampleData.class))))
                .apply(new ReportPipeline.CompareSamples(in))
                .apply(new ReportPipeline.ToRows());
        PAssert.that(rows).satisfies(all -> {
            List<String> list = new ArrayList<>();
            all.forEach(list::add);
            // 3 node rows, 3 class rows, 1 accuracy row per backend, 1 failure row, and a raster per diverging pair
            assertEquals(3, list.stream().filter(l -> l.startsWith(Partial.NODE + "\t")).count(),
                    list.toString());
            for (String[] pair : new String[][] {{"a", "b"}, {"a", "c"}, {"b", "c"}}) {
                NodeAgreement direct = new NodeAgreement();
                for (int s = 0; s < SAMPLES; s++) {
                    if (pair[1].equals("c") && s == 0) {
                        continue;
                    }
                    SampleComparison c = SampleComparison.of(Map.of("n", raster(events(pair[0], s))),
                            Map.of("n", raster(events(pair[1], s))), 3.0);
                    direct.add(s, c.nodes().get(0));
                }
                NodeAgreement.Summary d = direct.summary();
                PairRow row = list.stream().filter(l -> l.startsWith(Partial.NODE + "\t"))
                        .map(l -> ReportJson.read(l.substring(l.indexOf('\t') + 1), PairRow.class))
                        .filter(r -> r.backendA().equals(pair[0]) && r.backendB().equals(pair[1])).findFirst()
                        .orElseThrow();
                assertEquals(d.samples(), row.samples());
                assertEquals(d.identicalBinFraction(), row.identicalBinFraction(), 1e-12);
                assertEquals(d.countAgreement(), row.countAgreement(), 1e-12);
                assertEquals(d.countCorrelation(), row.countCorrelation(), 1e-12);
                assertEquals(d.vanRossum(), row.vanRossum(), 1e-9);
                assertEquals(d.vanRossumMax(), row.vanRossumMax(), 0);
                assertEquals(d.divergingSamples(), row.divergingSamples());
                assertEquals(d.firstStep(), row.firstStep());
                assertEquals(d.firstSample(), row.firstSample());
                assertEquals(d.firstNeuron(), row.firstNeuron());
            }
            // class agreement of a and b: b predicts 1 on odd samples only
            String ab = list.stream().filter(l -> l.startsWith(Partial.CLASSES + "\t") && l.contains(
                    "\"backendA\":\"a\",\"backendB\":\"b\"")).findFirst().orElseThrow();
            ReportPipeline.ClassLine c = ReportJson.read(ab.substring(ab.indexOf('\t') + 1),
                    ReportPipeline.ClassLine.class);
            assertEquals(SAMPLES, c.counts().samples());
            assertEquals(SAMPLES / 2, c.counts().agreeing());
            String failure = list.stream().filter(l -> l.startsWith(Partial.FAILED + "\t")).findFirst()
                    .orElseThrow();
            assertTrue(failure.contains("\"reason\":\"c failed\"") && failure.contains("\"samples\":1"), failure);
            assertEquals(3, list.stream().filter(l -> l.startsWith(Partial.ACCURACY + "\t")).count());
            return null;
        });
        assertEquals(PipelineResult.State.DONE, p.run().waitUntilFinish());
    }
}
