package dev.scry.planner.predict;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * Everything the engine needs to score one PREDICT: the model version, the batch size, how each model
 * input is filled from the DATA row, and which columns are appended. Immutable and serializable: it is
 * shipped inside Spark tasks.
 */
public record PredictSpec(ModelRef model, int batchSize, List<InputBinding> inputs, List<OutputColumn> outputs)
    implements Serializable {
  public PredictSpec {
    Objects.requireNonNull(model, "model");
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be positive: " + batchSize);
    }
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
  }
}
