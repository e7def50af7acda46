package io.nirsweep.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --version} says what run.json records: the version and the commit the launcher passes. */
class VersionTest {
    private static final Path CORPUS = Path.of(System.getProperty("nirsweep.corpus", "../nir-model/src/test/resources/nir-corpus"));
    private final String commitBefore = System.getProperty("nirsweep.commit");

    @TempDir
    Path tmp;

    @AfterEach
    void restoreTheCommit() {
        if (commitBefore == null) {
            System.clearProperty("nirsweep.commit");
        } else {
            System.setProperty("nirsweep.commit", commitBefore);
        }
    }

    @Test
    void versionAndCommitAsTheSweepRecordsThem() throws Exception {
        System.setProperty("nirsweep.commit", "0e4331d");
        Cli version = Cli.run("--version");
        assertEquals(0, version.exitCode(), version.err());
        assertEquals("nirsweep 0.1.0-SNAPSHOT+0e4331d\n", version.out());

        Path config = Files.writeString(tmp.resolve("tiny.yaml"), String.join("\n",
                "models: ['" + CORPUS.resolve("generated/lif.nir").toAbsolutePath().toString().replace("'", "''") + "']",
                "inputs:",
                "  - {name: noise, kind: poisson, shape: [3], steps: 10, samples: 2, rate: 0.5}",
                "backends: [euler]",
                ""));
        Cli sweep = Cli.run("sweep", config.toString(), "--out", tmp.resolve("results").toString(), "--parallelism", "1");
        assertEquals(0, sweep.exitCode(), sweep.err());
        String recorded = new ObjectMapper().readTree(tmp.resolve("results/run.json").toFile())
                .path("engine_version").asText();
        assertEquals(version.out().strip(), recorded);
    }

    @Test
    void withoutThePropertyTheCommitTheBuildRecorded() throws Exception {
        System.clearProperty("nirsweep.commit");
        java.util.Properties build = new java.util.Properties();
        try (var in = Main.class.getResourceAsStream("build.properties")) {
            build.load(in);
        }
        String commit = build.getProperty("commit");
        // the build filled it in: empty, or the commit Maven was given (-Dnirsweep.commit, as .ci/run passes it)
        assertTrue(commit.isEmpty() || commit.matches("[0-9a-f]{4,40}"), commit);
        Cli version = Cli.run("--version");
        assertEquals("nirsweep 0.1.0-SNAPSHOT" + (commit.isEmpty() ? "" : "+" + commit) + "\n", version.out());
    }
}
