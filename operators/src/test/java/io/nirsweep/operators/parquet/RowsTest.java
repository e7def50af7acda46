package io.nirsweep.operators.parquet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

final class RowsTest {

    private static CellRow cell(int[] counts, String status) {
        return new CellRow("s", "c", 0, "m.nir", "ab", "exact", "nir-1.0.6",
                "{}", 1e-4, "in", null, 10, counts, null, status, null, 1.0,
                "v");
    }

    @Test
    void cellRowsCompareTheirCountsByContentAndStayImmutable() {
        int[] counts = {1, 2, 3};
        CellRow row = cell(counts, CellRow.OK);
        counts[0] = 99;
        row.outputCounts()[1] = 99;
        assertArrayEquals(new int[] {1, 2, 3}, row.outputCounts());
        assertEquals(cell(new int[] {1, 2, 3}, CellRow.OK), row);
        assertEquals(cell(new int[] {1, 2, 3}, CellRow.OK).hashCode(), row.hashCode());
        assertNotEquals(cell(new int[] {1, 2}, CellRow.OK), row);
        assertNotEquals(new CellRow("s", "c", 0, "m.nir", "ab", "exact", "other", "{}", 1e-4, "in", null, 10,
                new int[] {1, 2, 3}, null, CellRow.OK, null, 1.0, "v"), row);
        assertEquals("CellRow[sweepId=s, cellId=c, sample=0, model=m.nir, modelSha256=ab, backend=exact,"
                + " backendVersion=nir-1.0.6, params={}, dt=1.0E-4, input=in, label=null, steps=10, outputCounts=[1, 2, 3], predicted=null, status=ok, error=null,"
                + " wallMs=1.0, engineVersion=v]", row.toString());
    }

    @Test
    void rowsRefuseWhatTheTablesCannotHold() {
        assertEquals("CellRow.status must be \"ok\" or \"failed\", got \"OK\"",
                assertThrows(IllegalArgumentException.class, () -> cell(new int[0], "OK")).getMessage());
        assertEquals("CellRow.outputCounts is null (use an empty array)",
                assertThrows(NullPointerException.class, () -> cell(null, CellRow.OK)).getMessage());
        assertEquals("SpikeRow.count must be at least 1 (a spike event), got 0",
                assertThrows(IllegalArgumentException.class, () -> new SpikeRow("s", "c", 0, "n", 0, 0, 0))
                        .getMessage());
        assertEquals("SpikeRow.node is null",
                assertThrows(NullPointerException.class, () -> new SpikeRow("s", "c", 0, null, 0, 0, 1))
                        .getMessage());
        assertEquals("TraceRow.t must not be negative, got -1",
                assertThrows(IllegalArgumentException.class, () -> new TraceRow("s", "c", 0, "n", 0, -1, 0f))
                        .getMessage());
    }
}
