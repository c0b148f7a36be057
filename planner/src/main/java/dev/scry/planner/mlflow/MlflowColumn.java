package dev.scry.planner.mlflow;

import dev.scry.planner.model.ElementType;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of an MLflow signature: a column ({@code type} is MLflow's column type, e.g. {@code double})
 * or a tensor ({@code type} is {@code tensor}, {@code dtype} and {@code shape} come from its tensor-spec).
 * {@code name} is empty for MLflow's unnamed entries.
 */
public record MlflowColumn(String name, String type, String dtype, List<Long> shape) {
  public MlflowColumn {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    dtype = dtype == null ? "" : dtype;
    shape = List.copyOf(shape);
  }

  public boolean isTensor() {
    return type.equals("tensor");
  }

  /** MLflow's spelling, for DESCRIBE MODEL and messages: {@code double}, {@code tensor(float32)[-1, 4]}. */
  public String describe() {
    return isTensor() ? "tensor(" + dtype + ")" + shape : type;
  }

  /** The ONNX element type this entry corresponds to; empty for types ONNX has no tensor of (datetime). */
  public Optional<ElementType> elementType() {
    String spelled = isTensor() ? dtype : type;
    return Optional.ofNullable(
        switch (spelled) {
          case "double", "float64" -> ElementType.DOUBLE;
          case "float", "float32" -> ElementType.FLOAT;
          case "long", "int64" -> ElementType.INT64;
          case "integer", "int32" -> ElementType.INT32;
          case "int16" -> ElementType.INT16;
          case "int8" -> ElementType.INT8;
          case "uint8" -> ElementType.UINT8;
          case "string", "str", "object" -> ElementType.STRING;
          case "boolean", "bool" -> ElementType.BOOL;
          default -> null;
        });
  }
}
