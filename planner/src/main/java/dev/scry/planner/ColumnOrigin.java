package dev.scry.planner;

import java.util.List;
import java.util.Objects;

/**
 * Where a result column comes from, for JDBC's ResultSetMetaData: the schema, table and column it reads
 * directly, or {@link #NONE} (empty names, as JDBC asks) for computed columns, PREDICT outputs and
 * anything else that is not one table column.
 */
public record ColumnOrigin(String schema, String table, String column) {
  public static final ColumnOrigin NONE = new ColumnOrigin("", "", "");

  public ColumnOrigin {
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(column, "column");
  }

  /** From Calcite's field origin: the table's qualified name then the column, or null when there is none. */
  public static ColumnOrigin of(List<String> origin) {
    if (origin == null || origin.size() < 3) {
      return NONE;
    }
    int n = origin.size();
    return new ColumnOrigin(origin.get(n - 3), origin.get(n - 2), origin.get(n - 1));
  }
}
