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
        ResultsFolder.mark(folder, SWEEP_ID, "nirsweep test");
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
        assertTrue(log.toString().contains("sweep: restored " + tmp.toRealPath().resolve("out")), log.toString());
    }
}
