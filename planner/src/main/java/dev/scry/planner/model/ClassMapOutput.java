package dev.scry.planner.model;

import java.util.List;
import java.util.Objects;

/**
 * A {@code seq(map(key, value))} output, as scikit-learn's ZipMap produces: one map per row from class
 * label to probability. {@code classLabels} are read from the ZipMap node of the graph (in the model's
 * order), so the columns are known before any row is scored.
 */
public record ClassMapOutput(
    String name, ElementType keyType, ElementType valueType, List<String> classLabels)
    implements ModelOutput {
  public ClassMapOutput {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(keyType, "keyType");
    Objects.requireNonNull(valueType, "valueType");
    classLabels = List.copyOf(classLabels);
  }

  @Override
  public String describe() {
    return "seq(map(" + keyType.onnxName() + "," + valueType.onnxName() + "))";
  }
}
