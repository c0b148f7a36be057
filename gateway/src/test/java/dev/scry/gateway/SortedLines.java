package dev.scry.gateway;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;

/**
 * Rows as sorted "[a, b, c]" lines, so that a result read through the driver ({@code getObject} per
 * cell) compares with the rows Spark computes, whatever order either came in.
 */
final class SortedLines {
  private SortedLines() {}

  static List<String> of(List<Row> rows) {
    List<String> lines = new ArrayList<>();
    for (Row row : rows) {
      List<Object> values = new ArrayList<>();
      for (int i = 0; i < row.length(); i++) {
        values.add(row.get(i));
      }
      lines.add(values.toString());
    }
    lines.sort(null);
    return lines;
  }

  static List<String> of(ResultSet rs) throws SQLException {
    List<String> lines = new ArrayList<>();
    int columns = rs.getMetaData().getColumnCount();
    while (rs.next()) {
      List<Object> values = new ArrayList<>();
      for (int i = 1; i <= columns; i++) {
        values.add(rs.getObject(i));
      }
      lines.add(values.toString());
    }
    lines.sort(null);
    return lines;
  }
}
