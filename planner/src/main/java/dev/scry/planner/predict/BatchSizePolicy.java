package dev.scry.planner.predict;

import dev.scry.planner.catalog.ModelVersion;

/**
 * The batch size PREDICT scores with: the session's {@code SET predict.batch_size} when given, else the
 * model's registered batch size, else {@link #DEFAULT_BATCH_SIZE}.
 */
public record BatchSizePolicy(int sessionBatchSize) {
  /** Large enough that ONNX Runtime's per-call overhead is small, small enough to keep tasks' memory low. */
  public static final int DEFAULT_BATCH_SIZE = 1024;

  public int batchSizeFor(ModelVersion model) {
    if (sessionBatchSize > 0) {
      return sessionBatchSize;
    }
    return model.batchSize() > 0 ? model.batchSize() : DEFAULT_BATCH_SIZE;
  }
}
