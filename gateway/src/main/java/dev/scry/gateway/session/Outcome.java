package dev.scry.gateway.session;

import java.util.Objects;
import org.apache.calcite.rel.type.RelDataType;

/** What an execution gave: an update count, or rows of {@code rowType} whose first batch is here. */
public sealed interface Outcome {
  record Count(long updateCount) implements Outcome {}

  record Rows(RelDataType rowType, Batch first) implements Outcome {
    public Rows {
      Objects.requireNonNull(rowType, "rowType");
      Objects.requireNonNull(first, "first");
    }
  }
}
