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

  record Batches(RelDataType rowType) implements Outcome {
    public Batches {
      Objects.requireNonNull(rowType, "rowType");
    }
  }
}
