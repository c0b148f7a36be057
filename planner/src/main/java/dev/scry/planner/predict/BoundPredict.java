package dev.scry.planner.predict;

import java.util.Objects;
import org.apache.calcite.rel.type.RelDataType;

/** A PREDICT bound to its DATA: the spec the engine runs and the row type (DATA fields, then outputs). */
public record BoundPredict(PredictSpec spec, RelDataType rowType) {
  public BoundPredict {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(rowType, "rowType");
  }
}
