package io.nirsweep.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** Two sweeps' results compared through DuckDB: the tests that run one sweep two ways (embedded, on a cluster). */
final class SweepTables {
    private SweepTables() {}

    /**
     * Same rows in both results' spikes and cells tables (all columns but the cells' timing, which differs from run
     * to run), none twice, none empty.
     */
    static void assertSameRows(Path a, Path b) throws SQLException {
        assertSameRows(a, b, "*", "* EXCLUDE (wall_ms)");
    }

    private static void assertSameRows(Path a, Path b, String spikeColumns, String cellColumns) throws SQLException {
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement st = db.createStatement()) {
            st.execute("CREATE VIEW spikes_a AS SELECT " + spikeColumns + " FROM " + parquet(a, "spikes"));
            st.execute("CREATE VIEW spikes_b AS SELECT " + spikeColumns + " FROM " + parquet(b, "spikes"));
            st.execute("CREATE VIEW cells_a AS SELECT " + cellColumns + " FROM " + parquet(a, "cells"));
            st.execute("CREATE VIEW cells_b AS SELECT " + cellColumns + " FROM " + parquet(b, "cells"));
            for (String table : List.of("spikes", "cells")) {
                long rowsA = count(st, "SELECT count(*) FROM " + table + "_a");
                long rowsB = count(st, "SELECT count(*) FROM " + table + "_b");
                assertTrue(rowsA > 0, table + " of " + a + " is empty");
                assertEquals(rowsA, rowsB, table + ": rows of " + a + " vs " + b);
                assertEquals(rowsA, count(st, "SELECT count(*) FROM (SELECT DISTINCT * FROM " + table + "_a)"),
                        table + ": duplicate rows in " + a);
                assertEquals(rowsB, count(st, "SELECT count(*) FROM (SELECT DISTINCT * FROM " + table + "_b)"),
                        table + ": duplicate rows in " + b);
                assertEquals(0, count(st, "SELECT count(*) FROM (FROM " + table + "_a EXCEPT ALL FROM " + table
                        + "_b)"), table + ": rows of " + a + " missing in " + b);
                assertEquals(0, count(st, "SELECT count(*) FROM (FROM " + table + "_b EXCEPT ALL FROM " + table
                        + "_a)"), table + ": rows of " + b + " that " + a + " does not have");
            }
        }
    }

    /** The rows of one table of the results in {@code out} for which the SQL condition {@code where} holds. */
    static long count(Path out, String table, String where) throws SQLException {
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement st = db.createStatement()) {
            return count(st, "SELECT count(*) FROM " + parquet(out, table) + " WHERE " + where);
        }
    }

    private static String parquet(Path out, String table) {
        return "read_parquet('" + out.resolve(table).toString().replace("'", "''")
                + "/**/*.parquet', hive_partitioning = true)";
    }

    private static long count(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            assertTrue(rs.next(), sql);
            return rs.getLong(1);
        }
    }
}
