package io.nirsweep.operators.parquet;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The tests' independent reader: an in-memory DuckDB, which reads Parquet with its own code rather than
 * parquet-java's, so a file it accepts is not just one our own library agrees with.
 */
final class DuckDb {

    private DuckDb() {
    }

    /** Every row of the query, each column rendered as {@link ResultSet#getString}, in result order. */
    static List<List<String>> query(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            List<List<String>> rows = new ArrayList<>();
            while (rs.next()) {
                List<String> row = new ArrayList<>(columns);
                for (int c = 1; c <= columns; c++) {
                    row.add(rs.getString(c));
                }
                rows.add(row);
            }
            return rows;
        }
    }

    /** The single value of a one-row, one-column query. */
    static String value(String sql) throws SQLException {
        List<List<String>> rows = query(sql);
        if (rows.size() != 1 || rows.get(0).size() != 1) {
            throw new AssertionError("expected one value from " + sql + ", got " + rows);
        }
        return rows.get(0).get(0);
    }

    /** A SQL string literal of a path (single quotes doubled). */
    static String literal(Path path) {
        return literal(path.toString());
    }

    static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    /** {@code read_parquet('<root>/<table>/**}{@code /*.parquet', hive_partitioning = true)}: how users read a table. */
    static String table(Path root, String table) {
        return "read_parquet(" + literal(root.resolve(table) + "/**/*.parquet") + ", hive_partitioning = true)";
    }
}
