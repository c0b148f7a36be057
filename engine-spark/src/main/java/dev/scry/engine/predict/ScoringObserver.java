package dev.scry.engine.predict;

import java.io.Serializable;

/**
 * Told of every batch a PREDICT scores, inside the Spark task; EXPLAIN ANALYZE counts with it. Shipped
 * to the tasks with the scorer, so an implementation must be serializable and cheap (it runs once per
 * batch, never per row).
 */
@FunctionalInterface
public interface ScoringObserver extends Serializable {
  /** The observer that does nothing: plain queries. */
  ScoringObserver NONE = (rows, nanos) -> {};

  /** One batch of {@code rows} rows was scored in {@code nanos} nanoseconds of ONNX Runtime work. */
  void batchScored(int rows, long nanos);
}
