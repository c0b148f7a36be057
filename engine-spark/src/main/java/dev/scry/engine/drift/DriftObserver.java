package dev.scry.engine.drift;

import dev.scry.engine.predict.InputObserver;
import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.Row;

/** Adds each scored row's monitored input values to the model version's accumulator, in the task. */
record DriftObserver(FeatureReader[] readers, DriftAccumulator seen) implements InputObserver {
  private static final long serialVersionUID = 1L;

  DriftObserver {
    Objects.requireNonNull(readers, "readers");
    Objects.requireNonNull(seen, "seen");
  }

  @Override
  public void batchRows(List<Row> rows) {
    for (Row row : rows) {
      seen.add(FeatureReader.readAll(readers, row));
    }
  }
}
