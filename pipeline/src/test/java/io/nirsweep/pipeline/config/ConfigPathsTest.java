package io.nirsweep.pipeline.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
        assertEquals(dir.resolve("sweeps/out"), c.localOut());
        assertEquals(dir.resolve("elsewhere"), c.withOut(dir.resolve("elsewhere")).localOut());
    }

    @Test
    void fileUrisNameTheSameFilesAsPlainPaths() throws IOException {
        for (String name : List.of("m/a.nir", "m/b.nir", "data/d1.npy", "data/labels.csv")) {
            Files.createDirectories(dir.resolve(name).getParent());
            Files.writeString(dir.resolve(name), "");
        }
        Path config = dir.resolve("sweep.yaml");
        Files.writeString(config, """
                models:
                  - %s
                  - file://%s/m/b*.nir
                inputs:
                  - {name: d, kind: npy, path: 'file://%s/data/d*.npy', labels: '%s'}
                backends: euler
                """.formatted(dir.resolve("m/a.nir").toUri(), dir, dir, dir.resolve("data/labels.csv").toUri()));
        SweepConfig c = SweepConfig.load(config);
        // the model's name is its absolute path, as when the config writes one
        assertEquals(List.of(new ModelRef(dir.resolve("m/a.nir"), dir.resolve("m/a.nir").toString()),
                new ModelRef(dir.resolve("m/b.nir"), dir.resolve("m/b.nir").toString())), c.models());
        assertEquals(new InputSpec.Npy("d", "file://" + dir + "/data/d*.npy", dir.resolve("data/labels.csv").toString()),
                c.inputs().get(0));
        assertEquals(List.of(config, dir.resolve("m/a.nir"), dir.resolve("m/b.nir"), dir.resolve("data/d1.npy"),
                dir.resolve("data/labels.csv")), c.files());
    }

    @Test
    void aSchemeWithoutItsFileSystemIsRefusedInOneLineNamingTheKey() throws IOException {
        Path config = dir.resolve("sweep.yaml");
        Files.writeString(config, """
                models: ['s3://bucket/models/*.nir']
                inputs:
                  - {name: noise, kind: poisson, shape: [3], steps: 10, samples: 2, rate: 0.5}
                backends: euler
                """);
        ConfigException e = assertThrows(ConfigException.class, () -> SweepConfig.load(config));
        assertEquals(config + " line 1: models[0]: cannot list the files of 's3://bucket/models/*.nir': no file"
                + " system for s3:// on the class path (build with its Beam module: docs/cluster.md, \"Storage\")",
                e.getMessage());
    }
}
