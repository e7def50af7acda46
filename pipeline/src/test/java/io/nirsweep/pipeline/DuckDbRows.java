package io.nirsweep.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/** The pipeline tests' reader of a sweep's tables: an in-memory DuckDB, each row as its columns joined by '|'. */
final class DuckDbRows {
    private DuckDbRows() {}

    static List<String> query(String sql) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
                ResultSet rs = db.createStatement().executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int k = 1; k <= n; k++) {
                    row.append(k > 1 ? "|" : "").append(rs.getString(k));
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }

    /**
     * Asserts that two results folders hold the same rows, as multisets: the spikes, and the cells but their
     * wall-clock time; neither may be empty.
     */
    static void assertSameRows(Path expected, Path actual) throws Exception {
        for (String[] t : List.of(new String[] {"spikes", "*"}, new String[] {"cells", "* EXCLUDE (wall_ms)"})) {
            String te = table(expected, t[0], t[1]);
            String ta = table(actual, t[0], t[1]);
            long rows = Long.parseLong(query("SELECT count(*) FROM " + te).get(0));
            assertTrue(rows > 0, t[0] + " is empty");
            assertEquals(List.of(Long.toString(rows)), query("SELECT count(*) FROM " + ta), t[0]);
            assertEquals(List.of("0"), query("SELECT count(*) FROM (FROM " + te + " EXCEPT ALL FROM " + ta + ")"),
                    t[0]);
            assertEquals(List.of("0"), query("SELECT count(*) FROM (FROM " + ta + " EXCEPT ALL FROM " + te + ")"),
                    t[0]);
        }
    }

    /** A table of a results folder, its partitions' columns included, as a subquery. */
    private static String table(Path out, String table, String columns) {
        return "(SELECT " + columns + " FROM read_parquet('" + out + "/" + table
                + "/**/*.parquet', hive_partitioning = true))";
    }
}
