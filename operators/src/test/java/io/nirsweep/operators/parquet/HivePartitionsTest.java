package io.nirsweep.operators.parquet;

import static io.nirsweep.operators.parquet.DuckDb.query;
import static io.nirsweep.operators.parquet.DuckDb.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class HivePartitionsTest {

    @TempDir
    Path root;

    @ParameterizedTest
    @ValueSource(strings = {"braille_noDelay_bias_zero.nir", "lava-dl", "lif_norse.nir", "cnn_sinabs.nir",
        "exact", "v1.2+rc~3,x;y@z!$&()", "réseau-λ-脉冲.nir", ".", ".."})
    void ordinaryNamesStayAsTheyAre(String name) {
        assertEquals(name, HivePartitions.escape(name));
    }

    @Test
    void problematicCharactersBecomePercentHex() {
        assertEquals("a%2Fb%3Dc%25d", HivePartitions.escape("a/b=c%d"));
        assertEquals("x%3A%2A%3F%22%3C%3E%7C%5C", HivePartitions.escape("x:*?\"<>|\\"));
        assertEquals("%23%27%5B%5D%5E%7B%7D%20", HivePartitions.escape("#'[]^{} "));
        assertEquals("tab%09nl%0Anul%00del%7F", HivePartitions.escape("tab\tnl\nnul\0del\u007f"));
        assertEquals("c1%C2%85", HivePartitions.escape("c1\u0085"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a/b=c%d", "x:*?\"<>|\\", "tab\tnl\n", "c1\u0085", "réseau/λ", "100%", "%2F"})
    void unescapeInvertsEscape(String value) {
        assertEquals(value, HivePartitions.unescape(HivePartitions.escape(value)));
    }

    @Test
    void unescapeLeavesALoneOrBrokenPercentAsItIs() {
        assertEquals("50%", HivePartitions.unescape("50%"));
        assertEquals("%zz%4", HivePartitions.unescape("%zz%4"));
        assertEquals("λ", HivePartitions.unescape("%CE%BB"));
    }

    @Test
    void foldersOfTheSpikesAndTracesTables() {
        assertEquals("spikes/backend=lava-dl/model=braille_noDelay_bias_zero.nir/",
                HivePartitions.spikesDir("lava-dl", "braille_noDelay_bias_zero.nir"));
        assertEquals("traces/backend=exact/model=models%2Fa%3Db.nir/",
                HivePartitions.tracesDir("exact", "models/a=b.nir"));
        assertEquals("backend=exact", HivePartitions.segment("backend", "exact"));
    }

    @Test
    void badValuesAndColumnsAreRefused() {
        assertEquals("a partition value must not be empty",
                assertThrows(IllegalArgumentException.class, () -> HivePartitions.escape("")).getMessage());
        assertEquals("a partition value must not be null",
                assertThrows(IllegalArgumentException.class, () -> HivePartitions.spikesDir("exact", null))
                        .getMessage());
        assertEquals("partition value \"a\ud800b\" holds an unpaired surrogate at index 1",
                assertThrows(IllegalArgumentException.class, () -> HivePartitions.escape("a\ud800b")).getMessage());
        assertEquals("partition column name \"Backend\" is not lower snake case",
                assertThrows(IllegalArgumentException.class, () -> HivePartitions.segment("Backend", "x"))
                        .getMessage());
        assertEquals("table name \"spikes/x\" is not lower snake case",
                assertThrows(IllegalArgumentException.class, () -> HivePartitions.tableDir("spikes/x", "a", "b"))
                        .getMessage());
    }

    /** The point of the escaping: DuckDB's hive partitioning gives back the original names. */
    @Test
    void duckDbReadsTheOriginalValuesBack() throws Exception {
        List<String> models = List.of("braille_noDelay_bias_zero.nir", "models/a=b%c.nir", "v1+2 #3.nir",
                "réseau-λ.nir", "line\nbreak.nir");
        for (int i = 0; i < models.size(); i++) {
            Path file = root.resolve(HivePartitions.spikesDir("lava-dl", models.get(i))).resolve("part-0.parquet");
            ParquetTables.writeSpikes(LocalParquet.at(file), List.of(new SpikeRow("s", "c", 0, "lif", i, 0, 1)));
        }
        try (var folders = Files.list(root.resolve("spikes/backend=lava-dl"))) {
            assertEquals(models.size(), folders.count(), "one folder per model, each one level deep");
        }
        assertEquals(models.stream().map(m -> List.of("lava-dl", m)).toList(),
                query("SELECT backend, model FROM " + table(root, ParquetTables.SPIKES) + " ORDER BY neuron"));
    }
}
