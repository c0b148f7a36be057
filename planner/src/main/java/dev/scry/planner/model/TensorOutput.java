package dev.scry.planner.model;

import java.util.List;
import java.util.Objects;

/** A tensor output; dimensions that are symbolic or unknown are -1. */
public record TensorOutput(String name, ElementType elementType, List<Long> shape)
    implements ModelOutput {
  public TensorOutput {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(elementType, "elementType");
    shape = List.copyOf(shape);
  }

  @Override
  public String describe() {
    return "tensor(" + elementType.onnxName() + ")" + shape;
  }
}
