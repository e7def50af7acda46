package io.nirsweep.operators.inputs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The corpus's NIRData example (written by the reference {@code nir.write_data}): node {@code lif} with
 * TimeGriddedData {@code spikes} (bool) and {@code voltage} (float64) of 1 sample × 3 steps × 2 neurons at
 * dt 1 ms, EventData {@code events} and ValuedEventData {@code current} of 2 neurons with t_max 3 ms.
 */
class NirDataInputSetTest {
    @TempDir
    Path dir;

    static Path resource(String name) {
        try {
            return Path.of(NirDataInputSetTest.class.getResource("/inputs/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final Path EXAMPLE = resource("nirdata_example.nirdata.h5");

    private static InputSet open(String node, String observable, Double dt, Integer steps) {
        return InputSets.open(new InputSpec.NirData("d", EXAMPLE.toString(), node, observable, dt, steps, null));
    }

    @Test
    void boolGridBecomesZerosAndOnes() {
        InputSet set = open("lif", "spikes", null, null);
        assertEquals(1, set.samples());
        assertEquals(3, set.steps());
        assertArrayEquals(new int[] {2}, set.sampleShape());
        assertArrayEquals(new float[] {1, 0, 0, 1, 1, 1}, set.sample(0));
    }

    @Test
    void floatGridIsReadAsFloat32() {
        InputSet set = open(null, "voltage", 0.001, null); // the only node; dt equal to the data's
        assertArrayEquals(new float[] {0.1f, 0.2f, 0.3f, 0.4f, 0f, -0.1f}, set.sample(0));
    }

    @Test
    void eventsAreBinnedWithFloorOfTimeOverDt() {
        // events: neuron 0 at 0 s, neuron 1 at 0.001 s, then padding (-1, inf); t_max 0.003 s
        InputSet set = open("lif", "events", 0.001, null);
        assertEquals(3, set.steps());
        assertArrayEquals(new float[] {1, 0, 0, 1, 0, 0}, set.sample(0));
        // at dt 2 ms both land in step 0; T = ceil(3 / 2) = 2
        InputSet coarse = open("lif", "events", 0.002, null);
        assertEquals(2, coarse.steps());
        assertArrayEquals(new float[] {1, 1, 0, 0}, coarse.sample(0));
    }

    @Test
    void valuedEventsAddTheirValues() {
        // current: neuron 1 gets 0.5 at 0.5 ms, neuron 0 gets -0.25 at 2 ms
        InputSet set = open("lif", "current", 0.001, null);
        assertArrayEquals(new float[] {0, 0.5f, 0, 0, -0.25f, 0}, set.sample(0));
    }

    @Test
    void stepsCutAndPad() {
        assertArrayEquals(new float[] {1, 0, 0, 1}, open("lif", "spikes", null, 2).sample(0));
        assertArrayEquals(new float[] {1, 0, 0, 1, 1, 1, 0, 0}, open("lif", "spikes", null, 4).sample(0));
        assertArrayEquals(new float[] {0, 0.5f}, open("lif", "current", 0.001, 1).sample(0));
        assertArrayEquals(new float[] {1, 0}, open("lif", "events", 0.001, 1).sample(0)); // the later event is cut
    }

    @Test
    void snappingPutsWholeMultiplesOfDtInTheirOwnStep() {
        assertEquals(3, NirDataInputSet.snappedFloor(0.003 / 0.001)); // 2.9999999999999996
        assertEquals(2, NirDataInputSet.snappedFloor(2.5));
        assertEquals(3, NirDataInputSet.snappedCeil(0.003 / 0.001));
        assertEquals(7, NirDataInputSet.snappedCeil(0.7 / 0.1)); // 6.999999999999999
        assertEquals(3, NirDataInputSet.snappedCeil(2.01));
    }

    @Test
    void wrongChoicesAreRefusedNamingTheFileAndWhatItHas() {
        assertMessage(EXAMPLE + ": nodes/lif/observables has 4 observables (current, events, spikes, voltage): name"
                + " one with 'observable'", () -> open("lif", null, null, null));
        assertMessage(EXAMPLE + ": nodes has no node 'lif2' (nodes: lif)", () -> open("lif2", "spikes", null, null));
        assertMessage(EXAMPLE + ": nodes/lif/observables/events holds EventData; the input set needs a dt (seconds"
                + " per step) to bin its events", () -> open("lif", "events", null, null));
        assertMessage(EXAMPLE + ": nodes/lif/observables/spikes is sampled at dt 0.001 s; the input set asks for dt"
                + " 1.0E-4 s, and gridded data is not resampled", () -> open("lif", "spikes", 1e-4, null));
    }

    @Test
    void filesThatAreNotNirDataAreRefused() throws IOException {
        Path graph = resource("lif.nir");
        assertMessage(graph + ": is a NIR graph file, not a NIRData file", () -> InputSets.open(
                new InputSpec.NirData("d", graph.toString(), null, null, null, null, null)));
        Path text = Files.writeString(dir.resolve("text.h5"), "not hdf5 at all");
        InputException e = assertThrows(InputException.class, () -> InputSets.open(
                new InputSpec.NirData("d", text.toString(), null, null, null, null, null)));
        assertTrue(e.getMessage().startsWith(text + ": not a readable HDF5 file ("), e.getMessage());
    }

    @Test
    void labelsComeFromAFile() throws IOException {
        Path labels = Files.writeString(dir.resolve("l.csv"), "4\n");
        InputSet set = InputSets.open(new InputSpec.NirData("d", EXAMPLE.toString(), "lif", "spikes", null, null,
                labels.toString()));
        assertEquals(4, set.label(0));
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable action) {
        InputException e = assertThrows(InputException.class, action);
        assertEquals(expected, e.getMessage());
    }
}
