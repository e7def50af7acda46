package io.nirsweep.pipeline.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The report config: documented defaults, overrides, and one-line refusals naming the line and key. */
class ReportConfigTest {
    private static final Path FILE = Path.of("r.yaml");

    @Test
    void anEmptyConfigIsTheDefaults() {
        ReportConfig c = ReportConfig.parse("", FILE);
        assertEquals(ReportConfig.DEFAULT, c);
        assertEquals(10, c.vanRossumTau());
        assertEquals(0.001, c.tolerance("identical_bin_fraction"));
        assertEquals(0.0, c.tolerance("class_agreement"));
        assertEquals(4, c.causeSamples());
        assertEquals(500, c.maxWalks());
    }

    @Test
    void keysOverrideTheirDefaultOnly() {
        ReportConfig c = ReportConfig.parse("""
                van_rossum_tau: 25
                tolerances:
                  count_agreement: 0.05
                causes: {samples: 8, max_walks: 0}
                """, FILE);
        assertEquals(25, c.vanRossumTau());
        assertEquals(0.05, c.tolerance("count_agreement"));
        assertEquals(0.001, c.tolerance("identical_bin_fraction"));
        assertEquals(8, c.causeSamples());
        assertEquals(0, c.maxWalks());
    }

    @Test
    void badValuesAreRefusedNamingTheLineAndKey() {
        assertRefused("tolerances:\n  identical_bin_fraction: -1\n", "r.yaml line 2: tolerances.identical_bin_fraction:"
                + " must be >= 0 and at most 1.0E9, got -1");
        assertRefused("tolerance: {}\n", "r.yaml line 1: unknown key 'tolerance' (known: causes, tolerances,"
                + " van_rossum_tau)");
        assertRefused("tolerances: {accuracy: high}\n", "r.yaml line 1: tolerances.accuracy: must be a number, got"
                + " 'high'");
        assertRefused("causes: {samples: 2.5}\n", "r.yaml line 1: causes.samples: must be a whole number, got 2.5");
        assertRefused("van_rossum_tau: 0\n", "r.yaml line 1: van_rossum_tau: must be > 0 and at most 1000000.0,"
                + " got 0");
        assertRefused("- 1\n", "r.yaml line 1: must be a mapping, got a list");
    }

    private static void assertRefused(String yaml, String message) {
        ConfigException e = assertThrows(ConfigException.class, () -> ReportConfig.parse(yaml, FILE));
        assertEquals(message, e.getMessage());
    }
}
