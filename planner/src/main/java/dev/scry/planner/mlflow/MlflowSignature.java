package dev.scry.planner.mlflow;

import java.util.List;

/** The {@code signature:} section of an MLmodel file: the model's inputs and outputs as MLflow declares them. */
public record MlflowSignature(List<MlflowColumn> inputs, List<MlflowColumn> outputs) {
  public MlflowSignature {
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
  }
}
