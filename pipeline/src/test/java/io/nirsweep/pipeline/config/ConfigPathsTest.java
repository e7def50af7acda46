package io.nirsweep.pipeline.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nirsweep.operators.inputs.InputSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Paths and patterns are taken from the config file's folder, never from the working folder. */
class ConfigPathsTest {
    @TempDir
    Path dir;

    @Test
    void patternsResolveAgainstTheConfigFolderAndExpandSorted() throws IOException {
        for (String name : List.of("sweeps/conf/models/z.nir", "sweeps/conf/models/a.nir",
                "sweeps/conf/models/sub/m.nir", "sweeps/shared/x.nir", "other/y.nir", "sweeps/data/d1.npy",
                "sweeps/data/labels.csv")) {
            Files.createDirectories(dir.resolve(name).getParent());
            Files.writeString(dir.resolve(name), "");
        }
        Path config = dir.resolve("sweeps/conf/sweep.yaml");
        Files.writeString(config, """
                models:
                  - models/*.nir
                  - models/**/m.nir
                  - ../shared/x.nir
                  - %s/other/*.nir
                inputs:
                  - {name: d, kind: npy, path: ../data/d*.npy, labels: ../data/labels.csv}
                backends: euler
                out: ../out
                """.formatted(dir));
        SweepConfig c = SweepConfig.load(config);
        Path conf = dir.resolve("sweeps/conf");
        assertEquals(List.of(
                new ModelRef(conf.resolve("models/a.nir"), "models/a.nir"),
                new ModelRef(conf.resolve("models/z.nir"), "models/z.nir"),
                new ModelRef(conf.resolve("models/sub/m.nir"), "models/sub/m.nir"),
                new ModelRef(dir.resolve("sweeps/shared/x.nir"), "../shared/x.nir"),
                new ModelRef(dir.resolve("other/y.nir"), dir.resolve("other/y.nir").toString())), c.models());
        assertEquals(new InputSpec.Npy("d", dir.resolve("sweeps/data") + "/d*.npy",
                dir.resolve("sweeps/data/labels.csv").toString()), c.inputs().get(0));
        assertEquals(dir.resolve("sweeps/out"), c.out());
        assertEquals(dir.resolve("elsewhere"), c.withOut(dir.resolve("elsewhere")).out());
    }
}
