package io.nirsweep.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nirsweep.operators.storage.Storage;
import io.nirsweep.operators.sweep.Cell;
import io.nirsweep.operators.sweep.MergePartitionFn;
import io.nirsweep.operators.sweep.UnitWriter;
import io.nirsweep.sim.backend.Backend;
import io.nirsweep.sim.backend.Backends;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * Runs a planned sweep into an output folder. The run writes into a staging folder beside it (marked as a
 * sweep's from its first moment) and, once every unit is done and {@code run.json} written, puts it in place of
 * the output folder: the output folder always holds exactly one complete run (a re-run replaces, never appends or
 * duplicates), and a failed run leaves the previous results untouched. Only a folder that {@link SweepOutput}
 * accepted, and that still may be replaced when the run ends, is replaced, under its lock; otherwise the complete
 * results go to a visible folder beside it ({@link ResultsKeptAside}). A progress line goes to stderr while the
 * pipeline runs, read from the units' completion markers in the run's work folder ({@link UnitWriter#work}), so it
 * works the same for every runner; the work folder (unit files and markers) is deleted before the results appear.
 *
 * <p>Every file of the run (unit files, markers, merged files, {@code run.json}, the marker
 * {@value ResultsFolder#MARKER}) is written and read through {@link Storage}, so the results may also go to an
 * object store (a URI of a scheme that a Beam file-system module on the class path registers): that has no folders
 * nor locks, so it has a protocol of its own ({@link #executeInObjectStore}).
 */
public final class SweepRun {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The run's summary, written last: results without it are incomplete. */
    static final String RUN_JSON = "run.json";

    private SweepRun() {}

    /** What the run produced; {@code runJson} is its location (a path, or a URI in an object store). */
    public record Outcome(PipelineResult.State state, int units, int samples, int failed, long spikes,
            String runJson) {}

    /**
     * Runs the sweep into the results location the user named: a plain path or {@code file:} URI goes through the
     * local protocol ({@link #execute(SweepPlan, Path, SweepPipeline.Runner, String, PrintWriter)}: a folder, its
     * lock, one rename), a URI of another registered scheme through the object-store protocol
     * ({@link #executeInObjectStore}).
     *
     * @throws SweepRefusal when the location names nothing a registered file system knows, or may not be written
     */
    public static Outcome execute(SweepPlan plan, String location, SweepPipeline.Runner runner, String runnerName,
            PrintWriter progress) {
        ResourceId out;
        try {
            out = Storage.folder(location);
        } catch (IllegalArgumentException e) {
            throw new SweepRefusal(e.getMessage(), e);
        }
        if (!Storage.isLocal(out)) {
            return executeInObjectStore(plan, out, runner, runnerName, progress);
        }
        // a plain path as the user typed it, so that messages name it so
        return execute(plan, Path.of(Storage.localText(location)), runner, runnerName, progress);
    }

    /**
     * Claims {@code target} ({@link SweepOutput#claim}, refusing what it refuses) and runs the sweep into it.
     *
     * @throws SweepRefusal when the folder may not be written
     */
    public static Outcome execute(SweepPlan plan, Path target, SweepPipeline.Runner runner, String runnerName,
            PrintWriter progress) {
        try (SweepOutput output = SweepOutput.claim(target, plan.sweepFiles())) {
            return execute(plan, output, runner, runnerName, progress);
        }
    }

    /** Runs the sweep into a claimed output folder. */
    public static Outcome execute(SweepPlan plan, SweepOutput output, SweepPipeline.Runner runner, String runnerName,
            PrintWriter progress) {
        Path out = output.folder();
        output.removeStaleStaging(progress);
        Instant start = Instant.now();
        Path staging = ResultsFolder.staging(out, plan.sweepId(), start);
        try {
            Files.createDirectory(staging);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + staging + ": " + e.getMessage(), e);
        }
        return runStaged(plan, Storage.folder(staging.toString()), out.toString(), out.resolve(RUN_JSON).toString(),
                runner, runnerName, progress, start, () -> replace(output, staging, plan.sweepId(), progress));
    }

    /**
     * The results protocol for an object store (a location of a scheme other than {@code file}), which has neither
     * folders, nor a rename of many objects at once, nor locks. Before any work, the output prefix is refused
     * ({@link SweepRefusal}) unless it is empty or holds a sweep's results and nothing else
     * ({@link ResultsFolder#whyNotReplaceable}). The run writes under a staging prefix beside it
     * ({@link ResultsFolder#stagingPrefix}). Once every unit is done, the output prefix is checked again; the earlier
     * results' objects but the marker are deleted ({@code run.json} first); each staged object is renamed into place,
     * the marker first (replacing the earlier one) and {@code run.json} last. So a prefix without {@code run.json}
     * holds incomplete results, and one with
     * it holds exactly one complete run. Two sweeps into one prefix at once are not prevented (no lock): the
     * user must not start them. A run that fails deletes its staging prefix; a killed one leaves it, and nothing
     * deletes it (no lock tells a killed run's prefix from a running one's).
     */
    static Outcome executeInObjectStore(SweepPlan plan, ResourceId out, SweepPipeline.Runner runner,
            String runnerName, PrintWriter progress) {
        String named = Storage.folderName(out);
        refuseUnlessReplaceable(out, named);
        Instant start = Instant.now();
        ResourceId staging = Storage.folder(ResultsFolder.stagingPrefix(out.toString(), plan.sweepId(), start));
        return runStaged(plan, staging, named, Storage.name(Storage.child(out, RUN_JSON)), runner, runnerName, progress,
                start, () -> {
                    publish(out, staging);
                    removeEmptyFolders(out, staging, progress);
                });
    }

    /**
     * Once the results are in place: on HDFS, whose folders outlive their files, deletes the staging prefix's
     * folders (every object was renamed away) and the folders under the output prefix that the earlier results
     * left empty ({@link Storage#deleteEmptyFolders}); nothing to do in an object store. A failure is a warning: the
     * results are complete.
     */
    private static void removeEmptyFolders(ResourceId out, ResourceId staging, PrintWriter progress) {
        try {
            Storage.deleteEmptyFolders(staging);
            Storage.deleteEmptyFolders(out);
        } catch (IOException | RuntimeException e) {
            progress.println("warning: left empty folders under " + Storage.folderName(staging) + " or "
                    + Storage.folderName(out) + ": " + e.getMessage());
            progress.flush();
        }
    }

    /**
     * Marks the staging location, runs the sweep into it and, once every unit is done, has {@code putInPlace} put
     * the results in place of the output ({@code named} in messages; {@code runJson} where its run.json then is). A
     * run that does not finish deletes its staging location: it leaves nothing; complete results are kept.
     */
    private static Outcome runStaged(SweepPlan plan, ResourceId staging, String named, String runJson,
            SweepPipeline.Runner runner, String runnerName, PrintWriter progress, Instant start, Runnable putInPlace) {
        boolean complete = false;
        try {
            ResultsFolder.mark(staging, plan.sweepId(), plan.engineVersion());
            Outcome outcome = run(plan, staging, runner, runnerName, progress, start);
            if (outcome.state() != PipelineResult.State.DONE) {
                return outcome;
            }
            if (outcome.units() != plan.units().size()) {
                throw new IllegalStateException("the pipeline finished, but only " + outcome.units() + " of "
                        + plan.units().size() + " work units left their results; " + named + " was left as it was");
            }
            complete = true;
            putInPlace.run();
            return new Outcome(outcome.state(), outcome.units(), outcome.samples(), outcome.failed(),
                    outcome.spikes(), runJson);
        } finally {
            if (!complete) {
                FileTrees.delete(staging);
            }
        }
    }

    private static void refuseUnlessReplaceable(ResourceId out, String named) {
        Optional<String> why;
        try {
            why = ResultsFolder.whyNotReplaceable(ResultsFolder.relativeNames(out, Storage.list(out)));
        } catch (IOException e) {
            throw new SweepRefusal(named + ": cannot list: " + e.getMessage(), e);
        }
        if (why.isPresent()) {
            throw new SweepRefusal(named + ": " + why.get());
        }
    }

    /**
     * Moves the staged results of an object-store run into place (see {@link #executeInObjectStore}). When objects
     * not a sweep's got under the output prefix during the run, nothing is touched and the results stay under the
     * staging prefix ({@link ResultsKeptAside}, exit 2); when a delete or rename fails, what was not moved stays
     * there, and the output prefix has no {@code run.json}.
     */
    static void publish(ResourceId out, ResourceId staging) {
        String named = Storage.folderName(out);
        String kept = Storage.folderName(staging);
        try {
            List<MatchResult.Metadata> earlier = Storage.list(out);
            Optional<String> why = ResultsFolder.whyNotReplaceable(ResultsFolder.relativeNames(out, earlier));
            if (why.isPresent()) {
                throw new ResultsKeptAside(named + ": objects not written by a sweep got under it during the run, so"
                        + " it was left as it is; the results are in " + kept, kept, true, null);
            }
            // run.json first: from then on the prefix says it is incomplete. The marker stays (the new one replaces
            // it), so a prefix left half-way is still a sweep's, which the next run may replace.
            List<ResourceId> old = earlier.stream().map(MatchResult.Metadata::resourceId)
                    .filter(id -> !ResultsFolder.MARKER.equals(id.getFilename())).toList();
            Storage.delete(old.stream().filter(id -> RUN_JSON.equals(id.getFilename())).toList());
            Storage.delete(old.stream().filter(id -> !RUN_JSON.equals(id.getFilename())).toList());
            List<String> names = new ArrayList<>(ResultsFolder.relativeNames(staging, Storage.list(staging)));
            names.sort(Comparator.comparing((String n) -> n.equals(RUN_JSON) ? 2 : n.equals(ResultsFolder.MARKER) ? 0
                    : 1)); // the marker first, run.json last
            for (String name : names) {
                Storage.rename(Storage.child(staging, name), Storage.child(out, name));
            }
        } catch (IOException e) {
            throw new ResultsKeptAside("cannot put the results in place at " + named + " (" + e.getMessage()
                    + "); it holds no run.json, and what was not moved is in " + kept, kept, false, e);
        }
    }

    /**
     * Puts the staged run in place of the output folder, if it may still be replaced
     * ({@link ResultsFolder#mayBeReplaced}, checked again just before the first rename: the user may have made or
     * filled the folder during the run). A missing or empty folder is replaced in one rename (which fails if
     * something got into it meanwhile); earlier results are first moved aside, checked once more (and put back if
     * something not a sweep's is in them), then deleted once the new ones are in. When the folder may not be
     * replaced, or a rename fails, the complete results are moved to a visible folder beside it
     * ({@link ResultsFolder#keepAside}) and {@link ResultsKeptAside} says where: complete results are never deleted.
     */
    static void replace(SweepOutput output, Path staging, String sweepId, PrintWriter progress) {
        Path out = output.folder();
        if (!output.mayBeReplaced()) {
            throw changed(out, staging, sweepId, null);
        }
        Path old = null;
        try {
            if (Files.exists(out, LinkOption.NOFOLLOW_LINKS) && !ResultsFolder.isEmptyFolder(out)) {
                Path aside = ResultsFolder.replaced(staging);
                Files.move(out, aside, StandardCopyOption.ATOMIC_MOVE);
                old = aside; // only once moved: what was at that path before is not the earlier results
                if (!ResultsFolder.isOurs(old)) { // filled between the check and the rename: put it back
                    Files.move(old, out, StandardCopyOption.ATOMIC_MOVE);
                    old = null;
                    throw changed(out, staging, sweepId, null);
                }
            }
            Files.move(staging, out, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | UncheckedIOException e) {
            String back = "";
            if (old != null) {
                try {
                    Files.move(old, out, StandardCopyOption.ATOMIC_MOVE); // the earlier results back in place
                } catch (IOException again) {
                    back = "; the earlier results are in " + old;
                }
            }
            if (old == null && !ResultsFolder.mayBeReplaced(out)) {
                throw changed(out, staging, sweepId, e);
            }
            Path kept = ResultsFolder.keepAside(out, staging, sweepId);
            throw new ResultsKeptAside("cannot put the results in place at " + out + " (" + e.getMessage()
                    + "); the complete results are in " + kept + back, kept, false, e);
        }
        if (old != null) {
            try {
                FileTrees.delete(old); // isOurs(old) held just after the rename, under the lock
            } catch (UncheckedIOException e) {
                progress.println("warning: left the replaced results in " + old + ": " + e.getMessage());
                progress.flush();
            }
        }
    }

    private static ResultsKeptAside changed(Path out, Path staging, String sweepId, Throwable cause) {
        Path kept = ResultsFolder.keepAside(out, staging, sweepId);
        return new ResultsKeptAside(out + ": files not written by a sweep got into it during the run, so it was left"
                + " as it is; the results are in " + kept, kept, true, cause);
    }

    /** Runs the pipeline into the staging location {@code out} and, when it is done, writes run.json there. */
    private static Outcome run(SweepPlan plan, ResourceId out, SweepPipeline.Runner runner, String runnerName,
            PrintWriter progress, Instant start) {
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sweep-progress");
            t.setDaemon(true);
            return t;
        });
        java.util.Map<String, UnitWriter.Summary> seen = new java.util.concurrent.ConcurrentHashMap<>();
        String work = UnitWriter.work(out.toString());
        ticker.scheduleAtFixedRate(() -> report(plan, UnitWriter.finished(work, seen), start, progress), 1, 2,
                TimeUnit.SECONDS);
        PipelineResult.State state;
        try {
            state = SweepPipeline.run(plan.units(), out.toString(), runner, plan.jobName());
        } finally {
            ticker.shutdownNow();
        }
        List<UnitWriter.Summary> done = UnitWriter.finished(work, seen);
        report(plan, done, start, progress);
        int samples = done.stream().mapToInt(UnitWriter.Summary::samples).sum();
        int failed = done.stream().mapToInt(UnitWriter.Summary::failed).sum();
        long spikes = done.stream().mapToLong(UnitWriter.Summary::spikes).sum();
        ResourceId runJson = Storage.child(out, RUN_JSON);
        if (state == PipelineResult.State.DONE && done.size() == plan.units().size()) {
            requireMerged(out, done);
            FileTrees.delete(Storage.folder(work)); // the unit files and markers: merged, never part of the results
            writeRunJson(plan, out, runner, runnerName, start, Instant.now(), done.size(), samples, failed, spikes);
        }
        return new Outcome(state, done.size(), samples, failed, spikes, Storage.name(runJson));
    }

    /**
     * Fails unless every partition a unit wrote has its merged file: a pipeline that reports {@code DONE} has merged
     * them all, so this guards the results against a runner that does not keep its word.
     */
    private static void requireMerged(ResourceId out, List<UnitWriter.Summary> done) {
        for (String partition : new java.util.TreeSet<>(
                done.stream().flatMap(s -> s.partitions().stream()).toList())) {
            ResourceId merged = Storage.child(out, partition + "/" + MergePartitionFn.MERGED);
            try {
                if (Storage.metadata(merged).isEmpty()) {
                    throw new IllegalStateException("the pipeline finished, but did not write " + Storage.name(merged));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot look for " + Storage.name(merged) + ": " + e.getMessage(), e);
            }
        }
    }

    private static void report(SweepPlan plan, List<UnitWriter.Summary> done, Instant start, PrintWriter progress) {
        int samples = done.stream().mapToInt(UnitWriter.Summary::samples).sum();
        int failed = done.stream().mapToInt(UnitWriter.Summary::failed).sum();
        long cellsDone = done.stream().map(s -> s.unit().substring(0, s.unit().lastIndexOf('-'))).distinct().count();
        double seconds = Math.max(1e-3, Duration.between(start, Instant.now()).toMillis() / 1000.0);
        double rate = samples / seconds;
        long total = plan.totalSamples();
        String eta = rate > 0 && samples < total ? String.format("%.0f s", (total - samples) / rate) : "-";
        progress.printf("sweep: cells %d/%d, samples %d/%d, %.1f samples/s, ETA %s, failed samples %d%n", cellsDone,
                plan.cells().size(), samples, total, rate, eta, failed);
        progress.flush();
    }

    private static void writeRunJson(SweepPlan plan, ResourceId out, SweepPipeline.Runner runner, String runnerName,
            Instant start, Instant end, int units, int samples, int failed, long spikes) {
        ObjectNode run = JSON.createObjectNode();
        run.put("sweep_id", plan.sweepId());
        run.put("config", plan.configFile() == null ? null : plan.configFile().toString());
        // where the config is, whatever folder the sweep ran from: the report reads the sweep's models through it
        run.put("config_location", plan.configFile() == null ? null
                : plan.configFile().toAbsolutePath().normalize().toString());
        run.put("config_sha256", plan.configSha256());
        run.set("config_text", JSON.getNodeFactory().textNode(plan.configText()));
        run.put("engine_version", plan.engineVersion());
        // which release each backend named in the config reproduces ("snntorch" stands for one version)
        ObjectNode backends = run.putObject("backends");
        plan.cells().stream().map(Cell::backend).distinct().forEach(name -> {
            Backend b = Backends.require(name);
            ObjectNode entry = backends.putObject(name);
            entry.put("version", b.id());
            entry.put("reproduces", b.reproduces());
            entry.put("evidence", b.version().evidence());
        });
        run.put("runner", runnerName);
        run.put("flink_master", runner.master());
        run.put("parallelism", runner.parallelism());
        run.put("start", start.toString());
        run.put("end", end.toString());
        run.put("cells", plan.cells().size());
        run.put("units", units);
        run.put("samples", samples);
        run.put("failed_samples", failed);
        run.put("spikes", spikes);
        ResourceId file = Storage.child(out, RUN_JSON);
        try {
            byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(run);
            Storage.write(file, stream -> stream.write(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + Storage.name(file) + ": " + e.getMessage(), e);
        }
    }
}
