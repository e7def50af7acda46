package io.nirsweep.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nirsweep.sim.backend.Backend;
import io.nirsweep.sim.backend.Backends;
import io.nirsweep.sim.backend.Version;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Backends named with the version they reproduce: {@code NAME@VERSION}, the bare name for the first listed. */
class BackendVersionsTest {

    @Test
    void everyBackendStatesItsVersionAndEvidenceAndIsFoundByItsId() {
        Set<String> ids = new HashSet<>();
        for (Backend b : Backends.all()) {
            assertFalse(b.version().release().isBlank(), b.id());
            assertFalse(b.version().evidence().isBlank(), b.id());
            assertTrue(ids.add(b.id()), "twice: " + b.id());
            assertSame(b, Backends.byName(b.id()));
            assertSame(b, Backends.require(Backends.shortName(b)));
        }
    }

    @Test
    void theBareNameStandsForItsFirstVersionAndSaysWhichThatIs() {
        Backend snntorch = Backends.require("snntorch");
        assertEquals("40ad136", snntorch.version().id());
        assertEquals("snntorch@40ad136", snntorch.id());
        assertSame(snntorch, Backends.byName("snntorch@40ad136"));
        assertTrue(Backends.isDefault(snntorch));
        assertEquals("snntorch", Backends.shortName(snntorch));
        assertTrue(snntorch.version().evidence().contains("40ad136"), snntorch.version().evidence());
        assertEquals("nir-1.0.6", Backends.require("exact").version().id());
    }

    @Test
    void anUnknownVersionIsNoBackend() {
        assertNull(Backends.byName("snntorch@0.0.1"));
        assertNull(Backends.byName("nosuch@40ad136"));
        assertNull(Backends.byName("snntorch@"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Backends.require("snntorch@0.0.1"));
        assertTrue(e.getMessage().startsWith("no backend 'snntorch@0.0.1' (have: exact, euler, snntorch"),
                e.getMessage());
    }

    @Test
    void aVersionIdIsOneWord() {
        for (String bad : new String[] {"", "0.9 4", "a@b", "-x", "é"}) {
            assertThrows(IllegalArgumentException.class, () -> new Version(bad, "r", "e"), bad);
        }
        assertEquals("0.9.4+61", new Version("0.9.4+61", "r", "e").id());
    }
}
