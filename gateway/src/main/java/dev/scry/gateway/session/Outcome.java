package dev.scry.gateway.session;

import java.util.Objects;
import org.apache.calcite.rel.type.RelDataType;

/**
 * What an execution gave: an update count, rows of {@code rowType} whose first batch is here, or
 * rows of {@code rowType} to be read as Arrow record batches ({@code Operation.fetchArrow}).
 */
public sealed interface Outcome {
  record Count(long updateCount) implements Outcome {}

  record Rows(RelDataType rowType, Batch first) implements Outcome {
    public Rows {
      Objects.requireNonNull(rowType, "rowType");
      Objects.requireNonNull(first, "first");
    }
  }

  /** Rows to be read as Arrow record batches, in {@code parts} that may be read at the same time. */
  record Batches(RelDataType rowType, int parts) implements Outcome {
    public Batches {
      Objects.requireNonNull(rowType, "rowType");
    }
  }
}
