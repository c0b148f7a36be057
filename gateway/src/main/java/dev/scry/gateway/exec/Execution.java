package dev.scry.gateway.exec;

import java.util.List;
import java.util.Objects;
import org.apache.calcite.rel.type.RelDataType;

/**
 * The outcome of executing one statement: rows typed by {@code rowType} (as a {@link RowSource}, or as
 * Arrow {@code batches} when the caller asked for them and the engine could build them), or an update
 * count.
 */
public record Execution(
    RelDataType rowType, RowSource rows, ArrowBatches batches, long updateCount) {
  public Execution {
    if (rows != null || batches != null) {
      Objects.requireNonNull(rowType, "rowType");
    }
  }

  public static Execution ofRows(RelDataType rowType, RowSource rows) {
    return new Execution(rowType, rows, null, -1);
  }

  public static Execution ofBatches(RelDataType rowType, ArrowBatches batches) {
    return new Execution(rowType, null, Objects.requireNonNull(batches, "batches"), -1);
  }

  public static Execution ofUpdateCount(long count) {
    return new Execution(null, null, null, count);
  }

  public boolean hasRows() {
    return rows != null;
  }

  public boolean hasBatches() {
    return batches != null;
  }

  public List<String> columnNames() {
    return rowType == null ? List.of() : rowType.getFieldNames();
  }
}
