package dev.scry.gateway.sql;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.Row;

/**
 * Rows of a result in one comparable form: numbers as BigDecimal, dates and times as their ISO text,
 * everything else as is; so that a JDBC result and a Spark result of the same query compare equal.
 */
final class ResultRows {
  private ResultRows() {}

  static List<List<Object>> of(ResultSet results) throws SQLException {
    int width = results.getMetaData().getColumnCount();
    List<List<Object>> rows = new ArrayList<>();
    while (results.next()) {
      List<Object> row = new ArrayList<>(width);
      for (int i = 1; i <= width; i++) {
        row.add(normal(results.getObject(i)));
      }
      rows.add(row);
    }
    return rows;
  }

  static List<List<Object>> of(List<Row> sparkRows) {
    List<List<Object>> rows = new ArrayList<>();
    for (Row sparkRow : sparkRows) {
      List<Object> row = new ArrayList<>(sparkRow.size());
      for (int i = 0; i < sparkRow.size(); i++) {
        row.add(normal(sparkRow.get(i)));
      }
      rows.add(row);
    }
    return rows;
  }

  private static Object normal(Object value) {
    if (value instanceof BigDecimal decimal) {
      return decimal;
    }
    if (value instanceof Double || value instanceof Float) {
      return new BigDecimal(value.toString());
    }
    if (value instanceof Number number) {
      return BigDecimal.valueOf(number.longValue());
    }
    if (value instanceof java.util.Date || value instanceof java.time.temporal.Temporal) {
      return value.toString();
    }
    return value;
  }

  /** Whether two normal values are equal, numbers to {@code relative} relative difference. */
  static boolean same(Object expected, Object actual, double relative) {
    if (expected instanceof BigDecimal e && actual instanceof BigDecimal a) {
      if (e.compareTo(a) == 0) {
        return true;
      }
      BigDecimal scale = e.abs().max(a.abs());
      return e.subtract(a).abs().doubleValue() <= relative * scale.doubleValue();
    }
    return java.util.Objects.equals(expected, actual);
  }

  /** A total order over normal rows, for comparing results whose order the query leaves open. */
  static final Comparator<List<Object>> ORDER = (x, y) -> {
    for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
      int c = compareValues(x.get(i), y.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(x.size(), y.size());
  };

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compareValues(Object a, Object b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : -1) : 1;
    }
    if (a instanceof Comparable ca && a.getClass() == b.getClass()) {
      return ca.compareTo(b);
    }
    return a.toString().compareTo(b.toString());
  }
}
