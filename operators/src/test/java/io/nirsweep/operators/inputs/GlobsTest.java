package io.nirsweep.operators.inputs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GlobsTest {
    @TempDir
    Path dir;

    @BeforeEach
    void files() throws IOException {
        for (String name : List.of("data/Test/1/b.bin", "data/Test/1/a.bin", "data/Test/0/z.bin",
                "data/Test/10/c.bin", "data/readme.txt", "data/deep/er/x.bin")) {
            Path file = dir.resolve(name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, name);
        }
    }

    @Test
    void relativePatternsAreResolvedAgainstTheBaseAndSorted() {
        assertEquals(List.of(dir.resolve("data/Test/0/z.bin"), dir.resolve("data/Test/1/a.bin"),
                dir.resolve("data/Test/1/b.bin"), dir.resolve("data/Test/10/c.bin")),
                Globs.expand(dir, "data/Test/*/*.bin"));
        assertEquals(List.of(dir.resolve("data/Test/1/a.bin"), dir.resolve("data/Test/1/b.bin")),
                Globs.expand(dir.resolve("data"), "Test/1/?.bin"));
        assertEquals(List.of(dir.resolve("data/Test/0/z.bin"), dir.resolve("data/Test/10/c.bin")),
                Globs.expand(dir.resolve("data"), "Test/{0,10}/*"));
    }

    @Test
    void doubleStarCrossesFolders() {
        assertEquals(5, Globs.expand(dir, "data/**.bin").size());
        assertEquals(List.of(dir.resolve("data/deep/er/x.bin")), Globs.expand(dir, "data/deep/**"));
    }

    @Test
    void absolutePatternsIgnoreTheBase() {
        assertEquals(1, Globs.expand(Path.of("/nonexistent"), dir + "/data/*.txt").size());
    }

    @Test
    void plainPathsMustNameAFile() {
        assertEquals(List.of(dir.resolve("data/readme.txt")), Globs.expand(dir.resolve("data/deep"),
                "../readme.txt"));
        InputException missing = assertThrows(InputException.class, () -> Globs.expand(dir, "nope.nir"));
        assertEquals(dir.resolve("nope.nir") + ": no such file", missing.getMessage());
        InputException folder = assertThrows(InputException.class, () -> Globs.expand(dir, "data"));
        assertEquals(dir.resolve("data") + ": is a folder, not a file", folder.getMessage());
    }

    @Test
    void aPatternMustMatchSomething() {
        InputException e = assertThrows(InputException.class, () -> Globs.expand(dir, "data/*.npy"));
        assertEquals("pattern 'data/*.npy' matches no file under " + dir.resolve("data"), e.getMessage());
        e = assertThrows(InputException.class, () -> Globs.expand(dir, "missing/*.npy"));
        assertEquals("pattern 'missing/*.npy' matches no file: " + dir.resolve("missing") + " is not a folder",
                e.getMessage());
        e = assertThrows(InputException.class, () -> Globs.expand(dir, "data/[a.npy"));
        assertTrue(e.getMessage().startsWith("malformed pattern 'data/[a.npy': "), e.getMessage());
    }

    @Test
    void patternCharacters() {
        assertTrue(Globs.isPattern("a/*.nir"));
        assertTrue(Globs.isPattern("a/{x,y}.nir"));
        assertFalse(Globs.isPattern("conf/models/lif.nir"));
    }
}
