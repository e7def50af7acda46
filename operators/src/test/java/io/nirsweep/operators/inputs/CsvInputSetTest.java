package io.nirsweep.operators.inputs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvInputSetTest {
    @TempDir
    Path dir;

    @Test
    void oneSamplePerFileInSortedOrder() throws IOException {
        Files.writeString(dir.resolve("s2.csv"), "t,x[0],x[1]\n0,5,6\n1,7,8\n2,9,10\n");
        Files.writeString(dir.resolve("s1.csv"), "1,2\n3,4\n5,6\n");
        Files.writeString(dir.resolve("labels.csv"), "4\n9\n");
        InputSet set = InputSets.open(new InputSpec.Csv("csv", dir + "/s*.csv", dir + "/labels.csv"));
        assertEquals(2, set.samples());
        assertEquals(3, set.steps());
        assertArrayEquals(new int[] {2}, set.sampleShape());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, set.sample(0));
        assertArrayEquals(new float[] {5, 6, 7, 8, 9, 10}, set.sample(1)); // the t column is dropped
        assertEquals(4, set.label(0));
        assertEquals(9, set.label(1));
    }

    @Test
    void aFileThatDisagreesIsRefusedWhenItsSampleIsRead() throws IOException {
        Files.writeString(dir.resolve("a.csv"), "1,2\n3,4\n");
        Files.writeString(dir.resolve("b.csv"), "1,2\n");
        InputSet set = InputSets.open(new InputSpec.Csv("csv", dir + "/*.csv", null));
        InputException e = assertThrows(InputException.class, () -> set.sample(1));
        assertEquals(dir.resolve("b.csv") + ": has 1 steps of 2 features; the set's first file "
                + dir.resolve("a.csv") + " has 2 steps of 2", e.getMessage());
    }

    @Test
    void malformedCsvNamesFileLineAndColumn() throws IOException {
        Files.writeString(dir.resolve("bad.csv"), "1,2\n3,x\n");
        InputException e = assertThrows(InputException.class,
                () -> InputSets.open(new InputSpec.Csv("csv", dir.resolve("bad.csv").toString(), null)));
        assertEquals(dir.resolve("bad.csv") + ", line 2, column 2: 'x' is not a number", e.getMessage());
    }

    @Test
    void aPatternThatMatchesNothingNamesTheSet() {
        InputException e = assertThrows(InputException.class,
                () -> InputSets.open(new InputSpec.Csv("digits", dir + "/*.csv", null)));
        assertEquals("input set 'digits': pattern '" + dir + "/*.csv' matches no file under " + dir,
                e.getMessage());
    }
}
