package io.nirsweep.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nirsweep.operators.storage.Storage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pure pieces of the object-store results protocol ({@link SweepRun#executeInObjectStore}): which names under an
 * output prefix a sweep may replace (the same own-file patterns as a local folder's), where it stages, and the names
 * of listed objects relative to their prefix. No object store is at hand here; the names are what the protocol
 * decides on.
 */
class ObjectStoreResultsTest {
    private static final String ID = "0123456789abcdef";

    @TempDir
    Path tmp;

    @Test
    void anEmptyPrefixAndASweepsResultsMayBeReplaced() {
        assertEquals(Optional.empty(), ResultsFolder.whyNotReplaceable(List.of()));
        assertEquals(Optional.empty(), ResultsFolder.whyNotReplaceable(List.of(".nirsweep-results", "run.json",
                "cells/part-00000.parquet", "mapping/part-00000.parquet",
                "spikes/backend=exact/model=lif.nir/part-00000.parquet", "cells/.part-00000.parquet.1234.tmp")));
        // a half-moved prefix: the marker is moved first, run.json last
        assertEquals(Optional.empty(), ResultsFolder.whyNotReplaceable(List.of(".nirsweep-results",
                "cells/part-00000.parquet")));
    }

    @Test
    void anythingElseIsRefusedNamingTheFirstObjectNotASweeps() {
        assertEquals("is an earlier nirsweep result but also holds notes/thesis.txt, which a sweep did not write;"
                + " move it away or choose another prefix", ResultsFolder.whyNotReplaceable(List.of("run.json",
                        "notes/thesis.txt", ".nirsweep-results", "cells/part-00000.parquet")).orElseThrow());
        assertTrue(ResultsFolder.whyNotReplaceable(List.of("cells/part-00000.parquet", "run.json")).orElseThrow()
                .startsWith("is not empty and is not an earlier nirsweep result (it holds cells/part-00000.parquet)"));
        assertTrue(ResultsFolder.whyNotReplaceable(List.of("data.csv")).orElseThrow().contains("(it holds data.csv)"));
        // a table file one level too deep is not a sweep's
        assertTrue(ResultsFolder.whyNotReplaceable(List.of(".nirsweep-results", "cells/x/part-0.parquet"))
                .orElseThrow().contains("holds cells/x/part-0.parquet,"));
    }

    @Test
    void theStagingPrefixIsBesideTheOutputPrefix() {
        Instant start = Instant.ofEpochMilli(1234);
        String expected = "gs://bucket/sweeps/.demo.staging-" + ID + "-1234/";
        assertEquals(expected, ResultsFolder.stagingPrefix("gs://bucket/sweeps/demo", ID, start));
        assertEquals(expected, ResultsFolder.stagingPrefix("gs://bucket/sweeps/demo/", ID, start));
        assertEquals("s3://b/.out.staging-" + ID + "-1234/", ResultsFolder.stagingPrefix("s3://b/out/", ID, start));
        for (String root : List.of("gs://bucket", "gs://bucket/", "hdfs://namenode:8020/", "gs://b//")) {
            SweepRefusal e = assertThrows(SweepRefusal.class, () -> ResultsFolder.stagingPrefix(root, ID, start));
            assertEquals(root + ": is the root of its storage; a sweep writes a prefix of its own", e.getMessage());
        }
    }

    @Test
    void listedObjectsAreNamedRelativeToTheirPrefix() throws Exception {
        Files.createDirectories(tmp.resolve("out/cells"));
        Files.writeString(tmp.resolve("out/cells/part-00000.parquet"), "rows");
        Files.writeString(tmp.resolve("out/run.json"), "{}");
        ResourceId out = Storage.folder(tmp.resolve("out").toString());
        assertEquals(List.of("cells/part-00000.parquet", "run.json"),
                ResultsFolder.relativeNames(out, Storage.list(out)));
    }
}
