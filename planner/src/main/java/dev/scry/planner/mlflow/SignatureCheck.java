package dev.scry.planner.mlflow;

import dev.scry.planner.ScryException;
import dev.scry.planner.model.ElementType;
import dev.scry.planner.model.ModelInput;
import dev.scry.planner.model.ModelOutput;
import dev.scry.planner.model.ModelSignature;
import dev.scry.planner.model.TensorOutput;
import java.util.Optional;

/**
 * Checks an MLflow signature against the ONNX graph it describes, so that PREDICT's bindings (made against
 * the graph) are the ones the signature promises: every named input must be a graph input of the same
 * element type, every named output a graph output (of the same element type when it is a tensor).
 */
public final class SignatureCheck {
  private SignatureCheck() {}

  public static void check(MlflowSignature signature, ModelSignature graph, String uri) {
    for (MlflowColumn column : signature.inputs()) {
      if (column.name().isEmpty()) {
        continue;
      }
      ModelInput input =
          graph
              .input(column.name())
              .orElseThrow(
                  () ->
                      new ScryException(
                          "The MLflow signature of '"
                              + uri
                              + "' names input '"
                              + column.name()
                              + "', which the ONNX graph does not have; graph inputs: "
                              + graph.inputs().stream()
                                  .map(i -> i.name() + " " + i.describe())
                                  .toList()));
      requireSameType(column, input.elementType(), "input", uri);
    }
    for (MlflowColumn column : signature.outputs()) {
      if (column.name().isEmpty()) {
        continue;
      }
      ModelOutput output =
          graph.outputs().stream()
              .filter(o -> o.name().equalsIgnoreCase(column.name()))
              .findFirst()
              .orElseThrow(
                  () ->
                      new ScryException(
                          "The MLflow signature of '"
                              + uri
                              + "' names output '"
                              + column.name()
                              + "', which the ONNX graph does not have; graph outputs: "
                              + graph.outputs().stream().map(ModelOutput::name).toList()));
      if (output instanceof TensorOutput tensor) {
        requireSameType(column, tensor.elementType(), "output", uri);
      }
    }
  }

  private static void requireSameType(
      MlflowColumn column, ElementType graphType, String kind, String uri) {
    Optional<ElementType> declared = column.elementType();
    if (declared.isEmpty() || declared.get() != graphType) {
      throw new ScryException(
          "The MLflow signature of '"
              + uri
              + "' declares "
              + kind
              + " '"
              + column.name()
              + "' as "
              + column.describe()
              + ", but the ONNX graph's "
              + kind
              + " is tensor("
              + graphType.onnxName()
              + ")"
              + (declared.isEmpty()
                  ? " (ONNX has no tensors of MLflow type " + column.describe() + ")"
                  : ""));
    }
  }
}
