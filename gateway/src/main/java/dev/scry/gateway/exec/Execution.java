package dev.scry.gateway.exec;

import java.util.List;
import java.util.Objects;
import org.apache.calcite.rel.type.RelDataType;

/**
 * The outcome of executing one statement: either rows, typed by {@code rowType}, or an update count.
 */
public record Execution(RelDataType rowType, RowSource rows, long updateCount) {
  public Execution {
    if (rows != null) {
      Objects.requireNonNull(rowType, "rowType");
    }
  }

  public static Execution ofRows(RelDataType rowType, RowSource rows) {
    return new Execution(rowType, rows, -1);
  }

  public static Execution ofUpdateCount(long count) {
    return new Execution(null, null, count);
  }

  public boolean hasRows() {
    return rows != null;
  }

  public List<String> columnNames() {
    return rowType == null ? List.of() : rowType.getFieldNames();
  }
}
