package dev.scry.engine.predict;

import java.io.Serializable;
import java.util.List;
import org.apache.spark.sql.Row;

/**
 * Shown every batch of DATA rows a PREDICT is about to score, inside the Spark task; model input
 * monitoring profiles the inputs with it. Serializable, shipped with the scorer; it runs once per batch
 * and should stay cheap per row.
 */
@FunctionalInterface
public interface InputObserver extends Serializable {
  /** The observer that looks at nothing. */
  InputObserver NONE = rows -> {};

  void batchRows(List<Row> rows);
}
