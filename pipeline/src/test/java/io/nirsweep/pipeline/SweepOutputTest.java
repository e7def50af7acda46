package io.nirsweep.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which folders a sweep may write, and that it takes them only under its lock: checked without running one. */
class SweepOutputTest {
    @TempDir
    Path tmp;

    private static final String SWEEP_ID = "0123456789abcdef";

    /** A finished result as a sweep leaves it. */
    private Path earlierResult(Path folder) throws Exception {
        Files.createDirectories(folder.resolve("cells"));
        Files.createDirectories(folder.resolve("_units"));
        Files.createDirectories(folder.resolve("spikes/backend=euler/model=lif.nir"));
        ResultsFolder.mark(io.nirsweep.operators.storage.Storage.folder(folder.toString()), SWEEP_ID, "nirsweep test");
        Files.writeString(folder.resolve("run.json"), "{\"sweep_id\":\"" + SWEEP_ID + "\"}");
        Files.writeString(folder.resolve("cells/part-a-0.parquet"), "rows");
        Files.writeString(folder.resolve("spikes/backend=euler/model=lif.nir/part-a-0.parquet"), "rows");
        Files.writeString(folder.resolve("_units/a-0.json"), "{}");
        return folder;
    }

    private static String refusal(Path folder, List<Path> sweepFiles) {
        return assertThrows(SweepRefusal.class, () -> SweepOutput.claim(folder, sweepFiles).close()).getMessage();
    }

    @Test
    void aFolderOfTheUsersIsRefusedAndKept() throws Exception {
        Path victim = Files.createDirectories(tmp.resolve("victim"));
        Files.writeString(victim.resolve("thesis.txt"), "precious");
        String message = refusal(victim, List.of());
        assertTrue(message.contains("is not empty and is not an earlier nirsweep result (it holds thesis.txt)"),
                message);
        assertEquals("precious", Files.readString(victim.resolve("thesis.txt")));
        assertFalse(Files.exists(tmp.resolve(".victim.lock")), "a refused sweep creates nothing");
    }

    @Test
    void anEarlierResultWithSomethingElseInItIsRefused() throws Exception {
        Path out = earlierResult(tmp.resolve("out"));
        Files.writeString(out.resolve("spikes/notes.md"), "mine");
        String message = refusal(out, List.of());
        assertTrue(message.contains("is an earlier nirsweep result but also holds spikes/notes.md"), message);
        assertEquals(Optional.of(Path.of("spikes/notes.md")), ResultsFolder.foreignEntry(out));
    }

    @Test
    void aMissingAnEmptyOrAnEarlierResultFolderIsTaken() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        for (Path folder : List.of(tmp.resolve("new/deeper"), empty, earlierResult(tmp.resolve("old")))) {
            try (SweepOutput output = SweepOutput.claim(folder, List.of())) {
                assertEquals(folder.getParent().toRealPath().resolve(folder.getFileName()), output.folder());
            }
        }
        assertFalse(Files.exists(tmp.resolve("new/deeper")), "claiming creates only the parent and the lock");
    }

    @Test
    void anOlderResultIsRecognisedByItsRunJson() throws Exception {
        Path old = earlierResult(tmp.resolve("old"));
        Files.delete(old.resolve(ResultsFolder.MARKER));
        Files.writeString(old.resolve("run.json"), "{\"sweep_id\":\"" + SWEEP_ID
                + "\",\"engine_version\":\"nirsweep 0.1.0-SNAPSHOT+0e4331d\"}");
        assertTrue(ResultsFolder.isOurs(old));
        Files.writeString(old.resolve("run.json"), "{\"sweep_id\":\"x\",\"engine_version\":\"something else\"}");
        assertFalse(ResultsFolder.isOurs(old));
    }

    @Test
    void theRootAndFoldersHoldingTheSweepsFilesAreRefused() throws Exception {
        assertTrue(refusal(Path.of("/"), List.of()).contains("is the root of the file system"));
        Path config = Files.writeString(tmp.resolve("sweep.yaml"), "models: []");
        Path model = Files.writeString(Files.createDirectories(tmp.resolve("models")).resolve("lif.nir"), "nir");
        String message = refusal(tmp, List.of(config, model));
        assertTrue(message.contains("holds " + config + ", which the sweep reads"), message);
        // the same through `..` and through a symbolic link to the folder
        assertTrue(refusal(tmp.resolve("models/.."), List.of(config)).contains("which the sweep reads"));
        Path link = Files.createSymbolicLink(tmp.resolve("link"), tmp.resolve("models"));
        assertTrue(refusal(link, List.of(model)).contains("holds " + model));
    }

    @Test
    void aSymbolicLinkIsFollowedToTheFolderItNames() throws Exception {
        Path real = earlierResult(tmp.resolve("real"));
        Path link = Files.createSymbolicLink(tmp.resolve("link"), real);
        try (SweepOutput output = SweepOutput.claim(link, List.of())) {
            assertEquals(real.toRealPath(), output.folder());
        }
        Path dangling = Files.createSymbolicLink(tmp.resolve("dangling"), tmp.resolve("nowhere"));
        assertTrue(refusal(dangling, List.of()).contains("is a symbolic link to"));
        Files.writeString(tmp.resolve("file"), "x");
        assertTrue(refusal(tmp.resolve("file"), List.of()).contains("exists and is not a folder"));
    }

    @Test
    void aSecondClaimIsRefusedWhileTheFirstHoldsTheLockAndTakenAfter() throws Exception {
        Path out = tmp.resolve("out");
        try (SweepOutput first = SweepOutput.claim(out, List.of())) {
            String message = refusal(out, List.of());
            assertTrue(message.contains("another sweep is writing it (process " + ProcessHandle.current().pid()),
                    message);
        }
        assertFalse(Files.exists(tmp.resolve(".out.lock")), "the holder deletes the lock file");
        // A killed run leaves its lock file, but not its lock: the next sweep takes it.
        Files.writeString(tmp.resolve(".out.lock"), "process 999999999, started 2026-01-01T00:00:00Z");
        try (SweepOutput again = SweepOutput.claim(out, List.of())) {
            assertEquals(tmp.toRealPath().resolve("out"), again.folder());
            assertTrue(Files.readString(tmp.resolve(".out.lock")).startsWith("process "
                    + ProcessHandle.current().pid() + ", started "));
        }
        assertFalse(Files.exists(tmp.resolve(".out.lock")));
    }

    @Test
    void staleStagingIsRemovedButNotAFolderOfTheUsers() throws Exception {
        Path out = tmp.resolve("out");
        Path stale = ResultsFolder.staging(out, SWEEP_ID, Instant.ofEpochMilli(1));
        earlierResult(stale);
        Files.delete(stale.resolve("run.json")); // interrupted: a run writes its run.json last
        // killed mid-run: its work folder with unit files, markers and a temporary file of a write cut short
        Path work = Files.createDirectories(stale.resolve("_work/spikes/backend=euler/model=lif.nir"));
        Files.writeString(work.resolve("part-c-000000004.rows"), "rows");
        Files.writeString(work.resolve(".part-c-000000008.rows.0a1b.tmp"), "ro");
        Files.writeString(work.resolve("part-c-000000002.parquet"), "rows"); // unit files of earlier versions
        Files.createDirectories(stale.resolve("_work/_units"));
        Files.writeString(stale.resolve("_work/_units/c-000000004.json"), "{}");
        Files.createDirectories(stale.resolve("_work/cells"));
        Files.writeString(stale.resolve("_work/cells/part-c-000000004.rows"), "rows");
        assertTrue(ResultsFolder.isOurs(stale), ResultsFolder.foreignEntry(stale).toString());
        Path complete = earlierResult(ResultsFolder.staging(out, SWEEP_ID, Instant.ofEpochMilli(5)));
        Path replaced = earlierResult(ResultsFolder.replaced(ResultsFolder.staging(out, SWEEP_ID,
                Instant.ofEpochMilli(2))));
        Path emptyStaging = Files.createDirectories(ResultsFolder.staging(out, SWEEP_ID, Instant.ofEpochMilli(3)));
        Path users = Files.createDirectories(ResultsFolder.staging(out, SWEEP_ID, Instant.ofEpochMilli(4)));
        Files.writeString(users.resolve("thesis.txt"), "precious");
        Path otherOutputs = earlierResult(ResultsFolder.staging(tmp.resolve("other"), SWEEP_ID, Instant.now()));
        StringWriter log = new StringWriter();
        try (SweepOutput output = SweepOutput.claim(out, List.of())) {
            output.removeStaleStaging(new PrintWriter(log, true));
        }
        assertFalse(Files.exists(stale), log.toString());
        assertFalse(Files.exists(replaced));
        assertFalse(Files.exists(emptyStaging));
        assertEquals("precious", Files.readString(users.resolve("thesis.txt")));
        assertTrue(Files.exists(otherOutputs), "another output's staging is not this run's to clean");
        assertTrue(log.toString().contains("warning: left " + users.toRealPath() + " as it is: it holds thesis.txt"),
                log.toString());
        // Complete results whose run ended before the swap (killed, or its move aside failed) are kept, visibly.
        assertFalse(Files.exists(complete));
        Path kept = tmp.toRealPath().resolve("out.nirsweep-" + SWEEP_ID);
        assertTrue(ResultsFolder.isOurs(kept) && Files.exists(kept.resolve("run.json")), log.toString());
        assertTrue(log.toString().contains("warning: kept " + kept + ", the complete results of a run"),
                log.toString());
    }

    @Test
    void resultsMovedAsideByARunKilledBetweenItsRenamesAreRestored() throws Exception {
        Path out = tmp.resolve("out");
        Path older = earlierResult(ResultsFolder.replaced(ResultsFolder.staging(out, SWEEP_ID,
                Instant.ofEpochMilli(1))));
        Path aside = earlierResult(ResultsFolder.replaced(ResultsFolder.staging(out, SWEEP_ID,
                Instant.ofEpochMilli(2))));
        Files.writeString(aside.resolve("cells/part-newest-0.parquet"), "rows");
        Path killedRun = earlierResult(ResultsFolder.staging(out, SWEEP_ID, Instant.ofEpochMilli(2)));
        StringWriter log = new StringWriter();
        try (SweepOutput output = SweepOutput.claim(out, List.of())) {
            output.removeStaleStaging(new PrintWriter(log, true));
        }
        assertTrue(ResultsFolder.isOurs(out), log.toString());
        assertTrue(Files.exists(out.resolve("cells/part-newest-0.parquet")), "the newest results aside are back");
        assertFalse(Files.exists(aside));
        assertFalse(Files.exists(older), "older results aside are stale once the folder is back");
        assertFalse(Files.exists(killedRun));
        assertTrue(ResultsFolder.isOurs(tmp.resolve("out.nirsweep-" + SWEEP_ID)), "the killed run's complete results"
                + " are kept beside the restored ones");
        assertTrue(log.toString().contains("sweep: restored " + tmp.toRealPath().resolve("out")), log.toString());
    }

    /** The staged results of a finished run, as {@link SweepRun#replace} finds them. */
    private Path staged(Path out) throws Exception {
        return earlierResult(ResultsFolder.staging(out, SWEEP_ID, Instant.now()));
    }

    private static ResultsKeptAside keptAside(SweepOutput output, Path staging) {
        return assertThrows(ResultsKeptAside.class, () -> SweepRun.replace(output, staging, SWEEP_ID,
                new PrintWriter(new StringWriter())));
    }

    @Test
    void aFolderTheUserMadeOrFilledDuringTheRunIsKeptAndTheResultsGoBesideIt() throws Exception {
        Path out = tmp.resolve("out");
        try (SweepOutput output = SweepOutput.claim(out, List.of())) {
            Path staging = staged(output.folder());
            Files.createDirectories(out); // missing at claim time, made and filled during the run
            Files.writeString(out.resolve("thesis.txt"), "precious");
            ResultsKeptAside e = keptAside(output, staging);
            assertTrue(e.outputChanged());
            Path kept = tmp.toRealPath().resolve("out.nirsweep-" + SWEEP_ID);
            assertEquals(kept, e.kept());
            assertEquals(output.folder() + ": files not written by a sweep got into it during the run, so it was"
                    + " left as it is; the results are in " + kept, e.getMessage());
            assertEquals(List.of("thesis.txt"), names(out));
            assertTrue(ResultsFolder.isOurs(kept) && Files.exists(kept.resolve("run.json")));
            assertFalse(Files.exists(staging));
        }
        // An earlier result the user added a file to during the run: kept whole; the name taken gets a number.
        Path earlier = earlierResult(tmp.resolve("earlier"));
        Files.createDirectories(tmp.resolve("earlier.nirsweep-" + SWEEP_ID));
        try (SweepOutput output = SweepOutput.claim(earlier, List.of())) {
            Path staging = staged(output.folder());
            Files.writeString(earlier.resolve("cells/notes.md"), "mine");
            ResultsKeptAside e = keptAside(output, staging);
            assertEquals(tmp.toRealPath().resolve("earlier.nirsweep-" + SWEEP_ID + "-2"), e.kept());
            assertEquals("mine", Files.readString(earlier.resolve("cells/notes.md")));
            assertTrue(Files.exists(earlier.resolve("cells/part-a-0.parquet")));
            assertTrue(Files.exists(e.kept().resolve("run.json")));
            assertEquals(List.of(), names(tmp.resolve("earlier.nirsweep-" + SWEEP_ID)), "not the rename's target");
        }
        assertEquals(List.of("earlier", "earlier.nirsweep-" + SWEEP_ID, "earlier.nirsweep-" + SWEEP_ID + "-2", "out",
                "out.nirsweep-" + SWEEP_ID), names(tmp), "no hidden folder is left");
    }

    @Test
    void aSwapThatFailsKeepsTheCompleteResultsAndTheEarlierOnes() throws Exception {
        Path out = earlierResult(tmp.resolve("out"));
        try (SweepOutput output = SweepOutput.claim(out, List.of())) {
            Path staging = staged(output.folder());
            // Something in the way of the first rename: the earlier results cannot be moved aside.
            Path inTheWay = Files.createDirectories(ResultsFolder.replaced(staging).resolve("x"));
            ResultsKeptAside e = keptAside(output, staging);
            assertFalse(e.outputChanged(), "an I/O failure, not the user's files");
            assertTrue(e.getMessage().startsWith("cannot put the results in place at " + output.folder()),
                    e.getMessage());
            assertTrue(e.getMessage().contains("the complete results are in " + e.kept()), e.getMessage());
            assertEquals(tmp.toRealPath().resolve("out.nirsweep-" + SWEEP_ID), e.kept());
            assertTrue(ResultsFolder.isOurs(e.kept()));
            assertTrue(ResultsFolder.isOurs(out) && Files.exists(out.resolve("cells/part-a-0.parquet")));
            assertTrue(Files.isDirectory(inTheWay));
            assertFalse(Files.exists(staging));
        }
    }

    @Test
    void resultsReplaceAnEmptyFolderAndAnEarlierResultWhole() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Path earlier = earlierResult(tmp.resolve("earlier"));
        for (Path out : List.of(empty, earlier)) {
            try (SweepOutput output = SweepOutput.claim(out, List.of())) {
                Path staging = staged(output.folder());
                Files.writeString(staging.resolve("cells/part-new-0.parquet"), "rows");
                SweepRun.replace(output, staging, SWEEP_ID, new PrintWriter(new StringWriter()));
                assertTrue(Files.exists(out.resolve("cells/part-new-0.parquet")));
            }
        }
        assertEquals(List.of("earlier", "empty"), names(tmp), "nothing aside, no lock file");
    }

    @Test
    void aSymbolicLinkOrAFileOfTheUsersAtTheLockPathIsRefusedAndKept() throws Exception {
        Path out = tmp.resolve("out");
        Path lock = tmp.resolve(".out.lock");
        Path target = Files.writeString(tmp.resolve("target.txt"), "precious");
        Files.createSymbolicLink(lock, target);
        String message = refusal(out, List.of());
        assertEquals(out + ": " + tmp.toRealPath().resolve(".out.lock") + " is in the way of the sweep's lock file"
                + " and is not one (a sweep's holds \"process N, started TIME\"); move it away or choose another"
                + " folder", message);
        assertTrue(Files.isSymbolicLink(lock));
        assertEquals("precious", Files.readString(target));

        Files.delete(lock);
        Files.writeString(lock, "my notes");
        assertTrue(refusal(out, List.of()).contains("is in the way of the sweep's lock file"));
        assertEquals("my notes", Files.readString(lock));

        String huge = "process 1, started " + "x".repeat(2000); // a note, but too long to be one: not read whole
        Files.writeString(lock, huge);
        assertTrue(refusal(out, List.of()).contains("is in the way of the sweep's lock file"));
        assertEquals(huge, Files.readString(lock));
        assertFalse(Files.exists(out));
    }

    @Test
    void theHolderDeletesOnlyTheLockFileItLocked() throws Exception {
        Path lock = tmp.resolve(".out.lock");
        try (SweepOutput output = SweepOutput.claim(tmp.resolve("out"), List.of())) {
            Files.delete(lock);
            Files.writeString(lock, "the user's file, made during the run");
        }
        assertEquals("the user's file, made during the run", Files.readString(lock));
    }

    @Test
    void resultsMovedAsideAreRestoredIntoAnEmptyOutputFolder() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("out")); // a wrapper's `mkdir -p out` after the kill
        Path aside = earlierResult(ResultsFolder.replaced(ResultsFolder.staging(out, SWEEP_ID,
                Instant.ofEpochMilli(1))));
        StringWriter log = new StringWriter();
        try (SweepOutput output = SweepOutput.claim(out, List.of())) {
            output.removeStaleStaging(new PrintWriter(log, true));
        }
        assertTrue(ResultsFolder.isOurs(out) && Files.exists(out.resolve("cells/part-a-0.parquet")), log.toString());
        assertFalse(Files.exists(aside));
        assertTrue(log.toString().contains("sweep: restored "), log.toString());
    }

    @Test
    void aFolderThatCannotBeCheckedIsRefusedInOneLine() throws Exception {
        Path file = Files.writeString(tmp.resolve("file"), "x");
        String message = refusal(file.resolve("out"), List.of());
        assertTrue(message.startsWith(file.resolve("out") + ": "), message);
        assertFalse(message.contains("\n"), message);
        assertEquals("x", Files.readString(file));
    }

    @Test
    void aLargeRunJsonIsNotReadAndNotOurs() throws Exception {
        Path old = earlierResult(tmp.resolve("old"));
        Files.delete(old.resolve(ResultsFolder.MARKER));
        String pad = " ".repeat(1 << 20);
        Files.writeString(old.resolve("run.json"), "{\"sweep_id\":\"" + SWEEP_ID
                + "\",\"engine_version\":\"nirsweep 0.1.0\"}" + pad);
        assertFalse(ResultsFolder.isOurs(old));
        assertTrue(refusal(old, List.of()).contains("is not empty and is not an earlier nirsweep result (it holds"
                + " _units)"));
    }

    private static List<String> names(Path folder) throws Exception {
        try (var entries = Files.list(folder)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
