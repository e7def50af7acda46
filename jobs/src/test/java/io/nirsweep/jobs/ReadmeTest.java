package io.nirsweep.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nirsweep.hardware.target.Chips;
import io.nirsweep.sim.backend.Backends;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's backend table is the code's own description, not a hand-written copy that can drift. */
class ReadmeTest {
    @Test
    void backendTableIsGeneratedFromTheCode() throws IOException {
        String readme = Files.readString(Path.of("../README.md"));
        String begin = "<!-- backends-table -->\n";
        String end = "<!-- /backends-table -->";
        int from = readme.indexOf(begin);
        int to = readme.indexOf(end);
        assertTrue(from >= 0 && to > from, "README.md lacks the backends-table markers");
        assertEquals(withoutTestTargets(Backends.markdownTable()), readme.substring(from + begin.length(), to),
                "README.md's backend table differs from `./nirsweep backends --table`; paste its output");
    }

    @Test
    void targetsTableIsGeneratedFromTheCode() throws IOException {
        String readme = Files.readString(Path.of("../README.md"));
        String begin = "<!-- targets-table -->\n";
        String end = "<!-- /targets-table -->";
        int from = readme.indexOf(begin);
        int to = readme.indexOf(end);
        assertTrue(from >= 0 && to > from, "README.md lacks the targets-table markers");
        assertEquals(withoutTestTargets(Chips.markdownTable()), readme.substring(from + begin.length(), to),
                "README.md's targets table differs from `./nirsweep backends --targets`; paste its output");
    }

    /** The table without the tests' own made-up targets (test-*, from operators' test jar): the launcher lacks them. */
    private static String withoutTestTargets(String table) {
        return table.lines().filter(l -> !l.startsWith("| `test-"))
                .collect(java.util.stream.Collectors.joining("\n", "", "\n"));
    }
}
