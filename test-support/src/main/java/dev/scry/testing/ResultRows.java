package dev.scry.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.Row;

/**
 * Query results as lists of values, and their comparison: as they came (floating point to a tolerance),
 * or in a normal form in which a JDBC result and Spark's own result of the same query compare equal.
 */
public final class ResultRows {
  private ResultRows() {}

  /** The rows of {@code sql}, each value as {@code getObject} returns it. */
  public static List<List<Object>> query(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet results = statement.executeQuery(sql)) {
      return of(results);
    }
  }

  /** The remaining rows of {@code results}, each value as {@code getObject} returns it. */
  public static List<List<Object>> of(ResultSet results) throws SQLException {
    int width = results.getMetaData().getColumnCount();
    List<List<Object>> rows = new ArrayList<>();
    while (results.next()) {
      List<Object> row = new ArrayList<>(width);
      for (int i = 1; i <= width; i++) {
        row.add(results.getObject(i));
      }
      rows.add(row);
    }
    return rows;
  }

  /** Spark's rows, each value as {@code Row.get} returns it (Spark on the class path: provided). */
  public static List<List<Object>> ofSpark(List<Row> sparkRows) {
    List<List<Object>> rows = new ArrayList<>();
    for (Row sparkRow : sparkRows) {
      List<Object> row = new ArrayList<>(sparkRow.size());
      for (int i = 0; i < sparkRow.size(); i++) {
        row.add(sparkRow.get(i));
      }
      rows.add(row);
    }
    return rows;
  }

  /** The lines of {@code EXPLAIN PLAN FOR sql}, as one text. */
  public static String explain(Connection connection, String sql) throws SQLException {
    StringBuilder text = new StringBuilder();
    for (List<Object> line : query(connection, "EXPLAIN PLAN FOR " + sql)) {
      text.append(line.get(0)).append('\n');
    }
    return text.toString();
  }

  /** The rows in a fixed order (by their text), for results whose order SQL leaves open. */
  public static List<List<Object>> sorted(List<List<Object>> rows) {
    List<List<Object>> copy = new ArrayList<>(rows);
    copy.sort(Comparator.comparing(Object::toString));
    return copy;
  }

  /**
   * Same rows, in the same order, same values; floating-point values may differ in the last digits, since
   * Spark adds them up in another order when the partitions are others.
   */
  public static void assertSameRows(
      List<List<Object>> expected, List<List<Object>> actual, String what) {
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
          assertEquals(
              wd,
              gd,
              Math.max(1e-9, Math.abs(wd) * 1e-9),
              what + ": row " + r + " column " + (c + 1));
        } else {
          assertEquals(w, g, what + ": row " + r + " column " + (c + 1));
        }
      }
    }
  }

  /**
   * The rows in one comparable form: numbers as BigDecimal, dates and times as their ISO text, everything
   * else as is; compare the values with {@link #same}.
   */
  public static List<List<Object>> normal(List<List<Object>> rows) {
    return rows.stream().map(row -> row.stream().map(ResultRows::normalValue).toList()).toList();
  }

  /** Whether two normal values are equal, numbers to {@code relative} relative difference. */
  public static boolean same(Object expected, Object actual, double relative) {
    if (expected instanceof BigDecimal e && actual instanceof BigDecimal a) {
      if (e.compareTo(a) == 0) {
        return true;
      }
      BigDecimal scale = e.abs().max(a.abs());
      return e.subtract(a).abs().doubleValue() <= relative * scale.doubleValue();
    }
    return Objects.equals(expected, actual);
  }

  private static Object normalValue(Object value) {
    if (value instanceof BigDecimal decimal) {
      return decimal;
    }
    if (value instanceof Double || value instanceof Float) {
      return new BigDecimal(value.toString());
    }
    if (value instanceof Number number) {
      return BigDecimal.valueOf(number.longValue());
    }
    if (value instanceof Date || value instanceof Temporal) {
      return value.toString();
    }
    return value;
  }
}
