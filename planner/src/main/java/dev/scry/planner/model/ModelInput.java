package dev.scry.planner.model;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * One input of a model graph: a tensor of {@code elementType} with the declared {@code shape};
 * a dimension that is symbolic or unknown (the batch dimension, usually) is -1.
 */
public record ModelInput(String name, ElementType elementType, List<Long> shape)
    implements Serializable {
  public ModelInput {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(elementType, "elementType");
    shape = List.copyOf(shape);
  }

  /** {@code tensor(float)[-1,4]}, for messages. */
  public String describe() {
    return "tensor(" + elementType.onnxName() + ")" + shape;
  }
}
