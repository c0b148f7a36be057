package dev.scry.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Query results as lists of values, compared row by row with a tolerance for floating point. */
final class ResultRows {
  private ResultRows() {}

  static List<List<Object>> query(Connection connection, String sql) throws SQLException {
    List<List<Object>> rows = new ArrayList<>();
    try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<Object> row = new ArrayList<>(columns);
        for (int i = 1; i <= columns; i++) {
          row.add(rs.getObject(i));
        }
        rows.add(row);
      }
    }
    return rows;
  }

  /** The lines of {@code EXPLAIN PLAN FOR sql}, as one text. */
  static String explain(Connection connection, String sql) throws SQLException {
    StringBuilder text = new StringBuilder();
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("EXPLAIN PLAN FOR " + sql)) {
      while (rs.next()) {
        text.append(rs.getString(1)).append('\n');
      }
    }
    return text.toString();
  }

  /** The rows in a fixed order (by their text), for results whose order SQL leaves open. */
  static List<List<Object>> sorted(List<List<Object>> rows) {
    List<List<Object>> copy = new ArrayList<>(rows);
    copy.sort(Comparator.comparing(Object::toString));
    return copy;
  }

  /**
   * Same rows, in the same order, same values; floating-point values may differ in the last digits, since
   * Spark adds them up in another order when the partitions are others.
   */
  static void assertSameRows(List<List<Object>> expected, List<List<Object>> actual, String what) {
    assertEquals(expected.size(), actual.size(), what + ": number of rows");
    for (int r = 0; r < expected.size(); r++) {
      List<Object> want = expected.get(r);
      List<Object> got = actual.get(r);
      assertEquals(want.size(), got.size(), what + ": columns of row " + r);
      for (int c = 0; c < want.size(); c++) {
        Object w = want.get(c);
        Object g = got.get(c);
        if (w instanceof Double || w instanceof Float) {
          double wd = ((Number) w).doubleValue();
          double gd = ((Number) g).doubleValue();
          assertEquals(wd, gd, Math.max(1e-9, Math.abs(wd) * 1e-9), what + ": row " + r + " column " + (c + 1));
        } else {
          assertEquals(w, g, what + ": row " + r + " column " + (c + 1));
        }
      }
    }
  }
}
