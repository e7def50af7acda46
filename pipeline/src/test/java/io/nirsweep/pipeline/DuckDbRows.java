package io.nirsweep.pipeline;

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
}
