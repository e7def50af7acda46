package io.nirsweep.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.nirsweep.operators.equivalence.ClassAgreement;
import io.nirsweep.operators.equivalence.report.EquivalenceReport;
import io.nirsweep.operators.equivalence.report.EquivalenceReport.AccuracyRow;
import io.nirsweep.operators.equivalence.report.EquivalenceReport.BaselineChange;
import io.nirsweep.operators.equivalence.report.EquivalenceReport.CausePath;
import io.nirsweep.operators.equivalence.report.EquivalenceReport.FailedCell;
import io.nirsweep.operators.equivalence.report.EquivalenceReport.FailureGroup;
import io.nirsweep.operators.equivalence.report.EquivalenceReport.PairRow;
import io.nirsweep.operators.equivalence.report.EquivalenceReport.RasterWindow;
import io.nirsweep.operators.equivalence.report.EquivalenceReport.TrendPoint;
import io.nirsweep.operators.equivalence.report.PublishedAccuracy;
import io.nirsweep.operators.equivalence.report.ReportPage;
import io.nirsweep.operators.equivalence.report.ReportJson;
import io.nirsweep.operators.parquet.ParquetTables;
import io.nirsweep.operators.report.BadResults;
import io.nirsweep.operators.report.CauseWalkFn;
import io.nirsweep.operators.report.Partial;
import io.nirsweep.operators.report.ReadPartsFn;
import io.nirsweep.operators.report.ReportKeys;
import io.nirsweep.operators.storage.ParquetFiles;
import io.nirsweep.operators.storage.Storage;
import io.nirsweep.operators.sweep.Cell;
import io.nirsweep.pipeline.config.ConfigException;
import io.nirsweep.pipeline.config.ModelRef;
import io.nirsweep.pipeline.config.ReportConfig;
import io.nirsweep.pipeline.config.SweepConfig;
import io.nirsweep.sim.engine.Program;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * The equivalence report of a sweep's results, on the driver: everything checked and worked out before any work
 * ({@link #prepare}: the output folder, the baselines, the sweep's run.json, config, models and cells), then the
 * pipeline ({@link ReportPipeline}) run into a staging folder, its rows assembled into the report
 * ({@link EquivalenceReport}), compared with the baselines, and written — the {@code equivalence} table,
 * {@code summary.json}, {@code index.html} — before the folder is put in place ({@link ReportFolder}).
 *
 * <p>Memory on the driver: the sweep's cells (one entry per cell), and the report's rows (one per model, input,
 * parameter point, backend pair and recorded node), never the spikes.
 */
public final class ReportRun {
    static final String SUMMARY = "summary.json";
    static final String INDEX = ReportPage.FILE;
    /** The work folder inside the staging folder, deleted before the report is put in place. */
    static final String WORK = "_work";

    private ReportRun() {}

    /**
     * What the user asked for.
     *
     * @param results     the sweep's results (a path or a URI of a registered file system)
     * @param out         the report's folder (local)
     * @param baselines   earlier reports' folders, in any order
     * @param sweepConfig the config the sweep ran, or null to take the one its run.json names
     */
    public record Request(String results, Path out, List<Path> baselines, ReportConfig config, Path sweepConfig) {
        public Request {
            baselines = List.copyOf(baselines);
        }
    }

    /** A request checked and worked out: nothing has been written. */
    public record Prepared(Request request, String sweepId, String engineVersion, SweepPlan plan,
            ReportPipeline.Inputs inputs, List<EquivalenceReport> baselines) {}

    /**
     * What the report found.
     *
     * @param changes what moved beyond its tolerance since the latest baseline (empty without baselines)
     */
    public record Outcome(EquivalenceReport report, List<BaselineChange> changes, Path out) {}

    /**
     * Checks everything before any work: the output folder, the baselines' summaries, the results' run.json, the
     * sweep's config (unchanged since the sweep), its plan and the models' recorded nodes, the results' parts.
     *
     * @throws SweepRefusal or {@link ConfigException}, one line naming what is wrong
     */
    public static Prepared prepare(Request r) {
        ResourceId results;
        try {
            results = Storage.folder(r.results());
        } catch (IllegalArgumentException e) {
            throw new SweepRefusal(r.results() + ": " + e.getMessage(), e);
        }
        ReportFolder.check(r.out(), Storage.isLocal(results) ? Storage.localPath(results) : null);
        List<EquivalenceReport> baselines = new ArrayList<>();
        for (Path b : r.baselines()) {
            baselines.add(readSummary(b));
        }
        baselines.sort(Comparator.comparing(EquivalenceReport::created));
        JsonNode run = readRunJson(results, r.results());
        Path configFile = sweepConfig(r, run);
        SweepConfig config = SweepConfig.load(configFile);
        String engineVersion = run.path("engine_version").asText("");
        SweepPlan plan = SweepPlanner.plan(config, engineVersion);
        Map<String, ReadPartsFn.CellRef> cells = new HashMap<>();
        Map<String, Cell> cellsByKey = new HashMap<>();
        for (Cell c : plan.cells()) {
            EquivalenceReport.CellKey key = new EquivalenceReport.CellKey(c.modelName(), c.inputName(),
                    c.paramsJson());
            cells.put(c.cellId(), new ReadPartsFn.CellRef(key, c.backend()));
            cellsByKey.put(CauseWalkFn.cellKey(key, c.backend()), c);
        }
        Map<String, LinkedHashMap<String, Integer>> nodes = new HashMap<>();
        for (ModelRef m : config.models()) {
            Program p = SweepPlanner.compiled(m, config);
            if (p == null) {
                continue; // no backend takes it: its cells failed, and say so in the report
            }
            LinkedHashMap<String, Integer> recorded = new LinkedHashMap<>();
            for (String node : config.record().nodes().isEmpty() ? p.outputs() : config.record().nodes()) {
                if (p.isSpiking(node)) {
                    recorded.put(node, p.size(node));
                }
            }
            nodes.put(m.name(), recorded);
        }
        List<ReadPartsFn.Part> parts = new ArrayList<>();
        for (String table : List.of(ParquetTables.SPIKES, ParquetTables.CELLS)) {
            for (MatchResult.Metadata f : list(Storage.childFolder(results, table), r.results())) {
                if (f.resourceId().getFilename().endsWith(".parquet")) {
                    parts.add(new ReadPartsFn.Part(table.equals(ParquetTables.SPIKES), f.resourceId().toString()));
                }
            }
        }
        if (parts.stream().noneMatch(p -> !p.spikes())) {
            throw new SweepRefusal(r.results() + ": no cells table (cells/part-*.parquet): not a sweep's results");
        }
        return new Prepared(r, run.path("sweep_id").asText(), engineVersion, plan,
                new ReportPipeline.Inputs(parts, cells, config.backends(), nodes, r.config().vanRossumTau(),
                        cellsByKey, r.config().causeSamples(), r.config().maxWalks()),
                baselines);
    }

    /** Runs the report's pipeline, assembles, compares and writes the report, and puts it in place. */
    public static Outcome execute(Prepared p, SweepPipeline.Runner runner, PrintWriter progress) {
        Request r = p.request();
        Path staging = ReportFolder.staging(r.out());
        boolean published = false;
        try {
            Path work = staging.resolve(WORK);
            progress.printf("report %s: %d part files, %d cells, runner parallelism %d%n", p.sweepId(),
                    p.inputs().parts().size(), p.plan().cells().size(), runner.parallelism());
            progress.flush();
            PipelineResult.State state;
            try {
                state = ReportPipeline.run(p.inputs(), work.toString(), runner,
                        "nirsweep report " + p.sweepId().substring(0, Math.min(8, p.sweepId().length())));
            } catch (RuntimeException e) {
                String bad = BadResults.find(e);
                if (bad != null) {
                    throw new SweepRefusal(r.results() + ": " + bad, e);
                }
                throw e;
            }
            if (state != PipelineResult.State.DONE) {
                throw new IllegalStateException("the report's pipeline ended " + state);
            }
            EquivalenceReport report = assemble(p, work);
            List<BaselineChange> changes = p.baselines().isEmpty() ? List.of()
                    : Baselines.changes(p.baselines().get(p.baselines().size() - 1), report, r.config());
            report = new EquivalenceReport(report.sweepId(), report.results(), report.engineVersion(),
                    report.created(), report.backends(), report.models(), report.pairs(), report.accuracy(),
                    report.rasters(), report.causes(), report.failures(), changes,
                    Baselines.trend(p.baselines(), report));
            FileTrees.delete(work);
            write(staging, report);
            ReportFolder.publish(staging, r.out());
            published = true;
            return new Outcome(report, changes, r.out());
        } finally {
            if (!published && Files.exists(staging)) {
                FileTrees.delete(staging);
            }
        }
    }

    /** The report from the pipeline's rows. */
    static EquivalenceReport assemble(Prepared p, Path work) {
        List<String> backends = p.inputs().backends();
        Map<String, ClassAgreement> classes = new HashMap<>();
        List<PairRow> nodeRows = new ArrayList<>();
        List<RasterWindow> rasters = new ArrayList<>();
        List<AccuracyRow> accuracy = new ArrayList<>();
        Map<String, List<FailedCell>> failed = new TreeMap<>();
        List<CausePath> causes = new ArrayList<>();
        readRows(work, (kind, json) -> {
            switch (kind) {
                case Partial.CLASSES -> {
                    ReportPipeline.ClassLine c = ReportJson.read(json, ReportPipeline.ClassLine.class);
                    classes.put(ReportKeys.of(c.cell(), c.backendA(), c.backendB()), c.counts());
                }
                case Partial.NODE -> nodeRows.add(ReportJson.read(json, PairRow.class));
                case Partial.RASTER -> rasters.add(ReportJson.read(json, RasterWindow.class));
                case Partial.ACCURACY -> {
                    AccuracyRow a = ReportJson.read(json, AccuracyRow.class);
                    Double published = PublishedAccuracy.of(a.cell().model(), a.backend());
                    accuracy.add(new AccuracyRow(a.cell(), a.backend(), a.labelled(), a.correct(), published,
                            published == null ? null : PublishedAccuracy.SOURCE));
                }
                case Partial.FAILED -> {
                    ReportPipeline.FailureLine f = ReportJson.read(json, ReportPipeline.FailureLine.class);
                    failed.computeIfAbsent(f.reason(), k -> new ArrayList<>()).add(f.cell());
                }
                case ReportPipeline.CAUSES -> causes.add(ReportJson.read(json, CausePath.class));
                default -> throw new IllegalStateException("a row of unknown kind '" + kind + "' in " + work);
            }
        });
        List<PairRow> pairs = new ArrayList<>();
        for (PairRow row : nodeRows) {
            ClassAgreement c = classes.get(ReportKeys.of(row.cell(), row.backendA(), row.backendB()));
            pairs.add(new PairRow(row.cell(), row.backendA(), row.backendB(), row.node(), row.samples(),
                    row.identicalBinFraction(), row.countAgreement(), row.countCorrelation(), row.vanRossum(),
                    row.vanRossumMax(), row.divergingSamples(), row.firstStep(), row.firstSample(),
                    row.firstNeuron(), c == null ? Double.NaN : c.agreement()));
        }
        Comparator<EquivalenceReport.CellKey> byCell = Comparator.comparing(EquivalenceReport.CellKey::model)
                .thenComparing(EquivalenceReport.CellKey::input).thenComparing(EquivalenceReport.CellKey::params);
        pairs.sort(Comparator.comparing(PairRow::cell, byCell)
                .thenComparingInt(row -> backends.indexOf(row.backendA()))
                .thenComparingInt(row -> backends.indexOf(row.backendB())).thenComparing(PairRow::node));
        rasters.sort(Comparator.comparing((RasterWindow w) -> w.cell().model())
                .thenComparingInt(w -> backends.indexOf(w.backendA()))
                .thenComparingInt(w -> backends.indexOf(w.backendB())));
        interleaveModels(rasters);
        accuracy.sort(Comparator.comparing(AccuracyRow::cell, byCell)
                .thenComparingInt(a -> backends.indexOf(a.backend())));
        List<FailureGroup> failures = new ArrayList<>();
        failed.forEach((reason, list) -> {
            list.sort(Comparator.comparing(FailedCell::cell, byCell)
                    .thenComparingInt(c -> backends.indexOf(c.backend())));
            failures.add(new FailureGroup(reason, list.stream().mapToLong(FailedCell::samples).sum(), list.size(),
                    list));
        });
        failures.sort(Comparator.comparingLong(FailureGroup::samples).reversed());
        List<String> models = p.plan().cells().stream().map(Cell::modelName).distinct().toList();
        causes.sort(Comparator.comparing((CausePath c) -> c.cell().model())
                .thenComparingInt(c -> backends.indexOf(c.backendA()))
                .thenComparingInt(c -> backends.indexOf(c.backendB())));
        return new EquivalenceReport(p.sweepId(), p.request().results(), p.engineVersion(), Instant.now().toString(),
                backends, models, pairs, accuracy, rasters, causes, failures, List.of(), List.of());
    }

    /**
     * Reorders rasters sorted by model and pair so that every model's come in turn (its first pair, each other
     * model's first pair, then the second ...): a page that draws only the first few shows every model.
     */
    static void interleaveModels(List<RasterWindow> sorted) {
        Map<String, Integer> rank = new HashMap<>();
        List<int[]> order = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            order.add(new int[] {rank.merge(sorted.get(i).cell().model(), 1, Integer::sum), i});
        }
        order.sort(Comparator.<int[]>comparingInt(o -> o[0]).thenComparingInt(o -> o[1]));
        List<RasterWindow> copy = new ArrayList<>(sorted);
        for (int i = 0; i < order.size(); i++) {
            sorted.set(i, copy.get(order.get(i)[1]));
        }
    }

    /** Writes the report's files into the staging folder. */
    static void write(Path staging, EquivalenceReport report) {
        try {
            Path table = staging.resolve(ParquetTables.EQUIVALENCE);
            Files.createDirectories(table);
            ParquetTables.writeEquivalence(ParquetFiles.target(Storage.file(table.resolve("part-00000.parquet")
                    .toString())), report.pairs());
            Files.write(staging.resolve(SUMMARY), ReportJson.MAPPER.writerWithDefaultPrettyPrinter()
                    .writeValueAsBytes(report));
            ReportPage.write(report, staging);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report into " + staging + ": " + e.getMessage(), e);
        }
    }

    /** Hands every row the pipeline wrote ({@link ReportPipeline#row}) to {@code action} as its kind and JSON. */
    private static void readRows(Path work, java.util.function.BiConsumer<String, String> action) {
        Path dir = work.resolve(ReportPipeline.ROWS);
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".jsonl")).sorted().toList()) {
                try (BufferedReader in = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                    for (String line; (line = in.readLine()) != null; ) {
                        int tab = line.indexOf('\t');
                        if (tab > 0) {
                            action.accept(line.substring(0, tab), line.substring(tab + 1));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir + ": " + e.getMessage(), e);
        }
    }

    /** A baseline: an earlier report's summary.json. */
    static EquivalenceReport readSummary(Path folder) {
        Path file = folder.resolve(SUMMARY);
        if (!Files.isRegularFile(file)) {
            throw new SweepRefusal("--baseline " + folder + ": no " + SUMMARY + " there (a baseline is an earlier"
                    + " report's --out folder)");
        }
        try {
            if (Files.size(file) > MAX_SUMMARY_BYTES) {
                throw new SweepRefusal("--baseline " + folder + ": " + SUMMARY + " is " + Files.size(file)
                        + " bytes, over the limit of " + MAX_SUMMARY_BYTES);
            }
            return ReportJson.MAPPER.readValue(file.toFile(), EquivalenceReport.class);
        } catch (IOException e) {
            throw new SweepRefusal("--baseline " + folder + ": " + SUMMARY + " is not a report's summary: "
                    + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    /** The largest baseline summary read (a report of 20,000 cells of 4 backends wrote 17 MB: README). */
    static final long MAX_SUMMARY_BYTES = 256L << 20;

    private static JsonNode readRunJson(ResourceId results, String named) {
        ResourceId file = Storage.child(results, SweepRun.RUN_JSON);
        try {
            if (!Storage.exists(file)) {
                throw new SweepRefusal(named + ": no run.json there: not the results of a complete sweep");
            }
            return ReportJson.MAPPER.readTree(Storage.readAll(file, 1 << 24));
        } catch (IOException e) {
            throw new SweepRefusal(named + ": cannot read run.json: " + e.getMessage(), e);
        }
    }

    /**
     * The config the sweep ran: {@code --sweep-config}, else where run.json says it was, else its {@code config} as
     * written (relative to the current folder); refused unless its bytes are those the sweep ran (run.json's
     * {@code config_sha256}), since the report re-plans the sweep from it to know its cells and models.
     */
    private static Path sweepConfig(Request r, JsonNode run) {
        Path file = r.sweepConfig();
        if (file == null) {
            String where = run.path("config_location").asText(run.path("config").asText(null));
            if (where == null) {
                throw new SweepRefusal(r.results() + ": run.json names no config; pass it as --sweep-config");
            }
            file = Path.of(where);
        }
        String sha;
        try {
            sha = SweepPlanner.sha256(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new SweepRefusal("the sweep's config " + file + " cannot be read (" + e.getMessage()
                    + "); pass it as --sweep-config", e);
        }
        if (!sha.equals(run.path("config_sha256").asText())) {
            throw new SweepRefusal("the sweep's config " + file + " has changed since the sweep ran (its sha256"
                    + " differs from run.json's); pass the config it ran as --sweep-config");
        }
        return file;
    }

    private static List<MatchResult.Metadata> list(ResourceId folder, String named) {
        try {
            return Storage.list(folder);
        } catch (IOException e) {
            throw new SweepRefusal(named + ": cannot list " + Storage.name(folder) + ": " + e.getMessage(), e);
        }
    }
}
