package io.nirsweep.pipeline;

import io.nirsweep.operators.equivalence.ClassAgreement;
import io.nirsweep.operators.equivalence.NodeAgreement;
import io.nirsweep.operators.equivalence.report.EquivalenceReport.CausePath;
import io.nirsweep.operators.equivalence.report.EquivalenceReport.CellKey;
import io.nirsweep.operators.equivalence.report.EquivalenceReport.FailedCell;
import io.nirsweep.operators.equivalence.report.EquivalenceReport.PairRow;
import io.nirsweep.operators.equivalence.report.ReportJson;
import io.nirsweep.operators.report.CauseWalkFn;
import io.nirsweep.operators.report.CompareSampleFn;
import io.nirsweep.operators.report.Partial;
import io.nirsweep.operators.report.ReadPartsFn;
import io.nirsweep.operators.report.ReportKeys;
import io.nirsweep.operators.report.SampleData;
import io.nirsweep.operators.sweep.Cell;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.FlatMapElements;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.transforms.Top;
import org.apache.beam.sdk.transforms.Values;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * The equivalence report as a Beam pipeline over a sweep's results: every part file of the {@code spikes} and
 * {@code cells} tables read into one element per (cell, sample, backend) ({@link ReadSamples}); the elements of a
 * sample grouped, every backend pair compared, and the comparisons summed up over the samples in one combine
 * ({@link CompareSamples}); the diverging pairs walked from A to B ({@link FindCauses}); every row written as JSON
 * lines into one folder of a work folder ({@link ToRows}), which the driver ({@link ReportRun}) turns into the
 * report. Each shuffle holds a cluster's network buffers while it runs, so there are as few as the work needs. Runs
 * on the runners a sweep runs on ({@link SweepPipeline.Runner}).
 */
public final class ReportPipeline {
    /** The work folder's sub-folder of rows the driver reads back. */
    static final String ROWS = "rows";
    /** The kind of a walk's row; the sums' rows have their {@link Partial}'s kind. */
    static final String CAUSES = "causes";

    private ReportPipeline() {}

    /**
     * What the pipeline needs from the driver.
     *
     * @param parts    every part file of the results' spikes and cells tables
     * @param cells    every cell of the sweep by id
     * @param backends the sweep's backends in its config's order
     * @param nodes    each model's recorded nodes and their neuron counts
     * @param tau      the van Rossum kernel's time constant, in steps
     * @param cellsByKey every cell by {@link CauseWalkFn#cellKey}, for the walks
     * @param causeSamples the first samples of a cell each walk runs
     * @param maxWalks   walks at most: the most diverging (model, pair)s
     */
    public record Inputs(List<ReadPartsFn.Part> parts, Map<String, ReadPartsFn.CellRef> cells, List<String> backends,
            Map<String, LinkedHashMap<String, Integer>> nodes, double tau, Map<String, Cell> cellsByKey,
            int causeSamples, int maxWalks) implements Serializable {}

    /** A failed cell and the reason, as the work folder holds it. */
    record FailureLine(String reason, FailedCell cell) {}

    /** A pair's predicted-class agreement over a cell's samples, as the work folder holds it. */
    record ClassLine(CellKey cell, String backendA, String backendB, ClassAgreement counts) {}

    /** The part files, spread over the workers, each read into per-sample elements. */
    static final class ReadSamples extends PTransform<PBegin, PCollection<KV<String, SampleData>>> {
        private static final long serialVersionUID = 1L;
        private final Inputs in;

        ReadSamples(Inputs in) {
            this.in = in;
        }

        @Override
        public PCollection<KV<String, SampleData>> expand(PBegin begin) {
            return begin.apply("Parts", Create.of(in.parts()).withCoder(SerializableCoder.of(ReadPartsFn.Part.class)))
                    .apply("Spread", Reshuffle.viaRandomKey())
                    .apply("Read", ParDo.of(new ReadPartsFn(in.cells())))
                    .setCoder(KvCoder.of(StringUtf8Coder.of(), SerializableCoder.of(SampleData.class)));
        }
    }

    /** Each sample's elements together, every backend pair compared, the parts summed up over the samples. */
    static final class CompareSamples extends PTransform<PCollection<KV<String, SampleData>>,
            PCollection<KV<String, Partial>>> {
        private static final long serialVersionUID = 1L;
        private final Inputs in;

        CompareSamples(Inputs in) {
            this.in = in;
        }

        @Override
        public PCollection<KV<String, Partial>> expand(PCollection<KV<String, SampleData>> samples) {
            return samples.apply("BySample", GroupByKey.create())
                    .apply("Compare", ParDo.of(new CompareSampleFn(in.backends(), in.nodes(), in.tau())))
                    .setCoder(kv(Partial.class))
                    .apply("Sum", Combine.perKey(fn(Partial::merge)));
        }
    }

    /** The sums as the driver's rows ({@link #row}: a kind, a tab, JSON). */
    static final class ToRows extends PTransform<PCollection<KV<String, Partial>>, PCollection<String>> {
        private static final long serialVersionUID = 1L;

        @Override
        public PCollection<String> expand(PCollection<KV<String, Partial>> sums) {
            return sums.apply("Rows", MapElements.into(TypeDescriptors.strings()).via(ReportPipeline::row));
        }
    }

    /** A sum's row: the kind its key starts with, and the value in the shape the driver reads. */
    static String row(KV<String, Partial> kv) {
        List<String> k = ReportKeys.parts(kv.getKey());
        Partial p = kv.getValue();
        return switch (k.get(0)) {
            case Partial.NODE -> row(Partial.NODE, pairRow(k, p.node()));
            case Partial.CLASSES -> row(Partial.CLASSES, new ClassLine(ReportKeys.cell(k, 1), k.get(4), k.get(5),
                    p.classes()));
            case Partial.RASTER -> row(Partial.RASTER, p.raster());
            case Partial.ACCURACY -> row(Partial.ACCURACY, p.accuracy());
            default -> row(Partial.FAILED, new FailureLine(k.get(5), new FailedCell(ReportKeys.cell(k, 1), k.get(4),
                    p.failed())));
        };
    }

    /** One row for the driver: its kind, a tab, the value as one line of JSON. */
    static String row(String kind, Object value) {
        return kind + "\t" + ReportJson.line(value);
    }

    /**
     * For each (model, backend pair) whose recorded nodes diverge, the cell where they diverge most; the
     * {@code maxWalks} most diverging of those walked from A to B ({@link CauseWalkFn}), as the driver's rows.
     */
    static final class FindCauses extends PTransform<PCollection<KV<String, Partial>>, PCollection<String>> {
        private static final long serialVersionUID = 1L;
        private final Inputs in;

        FindCauses(Inputs in) {
            this.in = in;
        }

        @Override
        public PCollection<String> expand(PCollection<KV<String, Partial>> sums) {
            return sums.apply("Divergence", FlatMapElements.into(TypeDescriptors.kvs(TypeDescriptors.strings(),
                                    TypeDescriptor.of(CauseWalkFn.Target.class)))
                            .via((KV<String, Partial> kv) -> {
                                if (kv.getValue().node() == null) {
                                    return List.<KV<String, CauseWalkFn.Target>>of();
                                }
                                PairRow row = pairRow(ReportKeys.parts(kv.getKey()), kv.getValue().node());
                                double d = 1 - row.identicalBinFraction();
                                return Double.isNaN(d) || d <= 0 ? List.<KV<String, CauseWalkFn.Target>>of()
                                        : List.of(KV.of(ReportKeys.of(row.cell().model(), row.backendA(),
                                                row.backendB()), new CauseWalkFn.Target(row.cell(), row.backendA(),
                                                row.backendB(), d)));
                            }))
                    .setCoder(kv(CauseWalkFn.Target.class))
                    .apply("MostDiverging", Combine.perKey(fn(ReportPipeline::mostDiverging)))
                    .apply("Targets", Values.create())
                    .apply("AtMost", Top.of(in.maxWalks(), new ByDivergence()))
                    .apply("EachTarget", Flatten.iterables())
                    .setCoder(SerializableCoder.of(CauseWalkFn.Target.class))
                    .apply("SpreadWalks", Reshuffle.viaRandomKey())
                    .apply("Walk", ParDo.of(new CauseWalkFn(in.cellsByKey(), in.causeSamples())))
                    .setCoder(SerializableCoder.of(CausePath.class))
                    .apply("CauseRows", MapElements.into(TypeDescriptors.strings()).via(c -> row(CAUSES, c)));
        }
    }

    /** The more diverging target first; ties by cell and pair, so the choice does not depend on the runner. */
    static final class ByDivergence implements java.util.Comparator<CauseWalkFn.Target>, Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public int compare(CauseWalkFn.Target x, CauseWalkFn.Target y) {
            int c = Double.compare(x.divergence(), y.divergence());
            return c != 0 ? c : ReportKeys.of(y.cell(), y.backendA(), y.backendB())
                    .compareTo(ReportKeys.of(x.cell(), x.backendA(), x.backendB()));
        }
    }

    static CauseWalkFn.Target mostDiverging(Iterable<CauseWalkFn.Target> targets) {
        CauseWalkFn.Target best = null;
        ByDivergence order = new ByDivergence();
        for (CauseWalkFn.Target t : targets) {
            if (best == null || order.compare(t, best) > 0) {
                best = t;
            }
        }
        return best;
    }

    /** A node's row of the table from its key's parts and summed metrics; the class agreement is joined in later. */
    static PairRow pairRow(List<String> k, NodeAgreement sum) {
        NodeAgreement.Summary s = sum.summary();
        return new PairRow(ReportKeys.cell(k, 1), k.get(4), k.get(5), k.get(6), s.samples(), s.identicalBinFraction(),
                s.countAgreement(), s.countCorrelation(), s.vanRossum(), s.vanRossumMax(), s.divergingSamples(),
                s.firstStep(), s.firstSample(), s.firstNeuron(), Double.NaN);
    }

    private static <V> SerializableFunction<Iterable<V>, V> fn(SerializableFunction<Iterable<V>, V> f) {
        return f;
    }

    private static <V extends Serializable> KvCoder<String, V> kv(Class<V> type) {
        return KvCoder.of(StringUtf8Coder.of(), SerializableCoder.of(type));
    }

    /** Adds the report's steps to {@code p}, writing its rows under the folder {@code work}. */
    public static void apply(Pipeline p, Inputs in, String work) {
        PCollection<KV<String, Partial>> sums = p.apply("ReadSamples", new ReadSamples(in))
                .apply("CompareSamples", new CompareSamples(in));
        PCollection<String> rows = sums.apply("ToRows", new ToRows());
        if (in.maxWalks() > 0) {
            rows = PCollectionList.of(rows).and(sums.apply("FindCauses", new FindCauses(in)))
                    .apply("WithCauses", Flatten.pCollections());
        }
        // one write for every kind of row: each write is a shuffle, and a cluster's network buffers are finite
        rows.apply("WriteRows", TextIO.write().to(work + "/" + ROWS + "/part").withSuffix(".jsonl"));
    }

    /** Runs the report's pipeline to completion on the runner given, as the job {@code jobName}. */
    public static PipelineResult.State run(Inputs in, String work, SweepPipeline.Runner runner, String jobName) {
        Pipeline p = Pipeline.create(runner.toOptions(work, jobName));
        apply(p, in, work);
        return p.run().waitUntilFinish();
    }
}
